"""Participation: workshop series, workshops (Quartierswerkstatt), participants, results,
registrations (Anmeldungen) with a waiting list."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from djgeojson.fields import PointField
from simple_history.models import HistoricalRecords

from measures.models import Measure
from providers.models import AccessMixin, Provider
from sozialraum.common.validators import document_validators
from sozialraum.models import Quarter, TrafficLight


class WorkshopSeries(models.Model):
    title = models.CharField(_("Titel"), max_length=300)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Werkstattreihe")
        verbose_name_plural = _("Werkstattreihen")
        ordering = ["title"]

    def __str__(self):
        return self.title


class WorkshopQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


class Workshop(AccessMixin, models.Model):
    class Kind(models.TextChoices):
        NEIGHBOURHOOD = "neighbourhood", _("Quartierswerkstatt")
        WORKSHOP = "workshop", _("Workshop")
        CONFERENCE = "conference", _("Arbeitstagung")
        INFORMATION = "information", _("Informationsveranstaltung")

    class RegistrationForm(models.TextChoices):
        NAMES = "names", _("Name und E-Mail-Adresse je Person")
        COUNT = "count", _("nur die Anzahl der Personen")

    title = models.CharField(_("Titel"), max_length=300)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.NEIGHBOURHOOD)
    series = models.ForeignKey(
        WorkshopSeries,
        verbose_name=_("Reihe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
    )
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    venue = models.CharField(_("Veranstaltungsort"), max_length=300, blank=True)
    address = models.CharField(_("Adresse"), max_length=300, blank=True)
    location = PointField(_("Lage"), null=True, blank=True)
    quarter = models.ForeignKey(
        Quarter, verbose_name=_("Quartier"), on_delete=models.SET_NULL, null=True, blank=True, related_name="workshops"
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("zugehörige Maßnahme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
    )
    description = models.TextField(_("Beschreibung und Ablauf"), blank=True)
    documentation = models.TextField(_("Dokumentation (öffentlich)"), blank=True)
    published = models.BooleanField(_("öffentlich sichtbar"), default=True)
    # The venue's access: the checkboxes of AccessMixin (as on providers and offers), and a note.
    access_note = models.TextField(
        _("Hinweise zum Zugang"), blank=True, help_text=_("z. B. „Eingang über den Hof, Klingel links“")
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=100, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    registration_enabled = models.BooleanField(
        _("Anmeldung möglich"), default=False, help_text=_("Ohne Haken braucht niemand eine Anmeldung.")
    )
    registration_form = models.CharField(
        _("Anmeldung fragt nach"), max_length=10, choices=RegistrationForm.choices, default=RegistrationForm.NAMES,
        help_text=_("Nur mit E-Mail-Adresse gibt es eine Warteliste: wer nachrückt, bekommt Bescheid."),
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("leer: unbegrenzt; danach kommt die Warteliste")
    )
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords()

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = _("Werkstatt")
        verbose_name_plural = _("Werkstätten")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="workshop_end_not_before_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="workshop_capacity_positive",
                violation_error_message=_("Bitte mindestens einen Platz angeben oder das Feld leer lassen."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("workshops:workshop-detail", kwargs={"slug": self.slug})

    @property
    def has_waiting_list(self):
        """Only who left an e-mail address can be told that a place became free."""
        return self.capacity is not None and self.registration_form == self.RegistrationForm.NAMES


class Participant(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("Veranstalter")
        MODERATION = "moderation", _("Moderation")
        SPEAKER = "speaker", _("Vortrag, Impuls")
        PARTICIPANT = "participant", _("Teilnahme")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("Werkstatt"), on_delete=models.CASCADE, related_name="participants"
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("Anbieter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_participations",
    )
    institution = models.CharField(
        _("Institution"), max_length=300, blank=True, help_text=_("wenn nicht als Anbieter erfasst")
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Teilnehmende Institution")
        verbose_name_plural = _("Teilnehmende Institutionen")
        ordering = ["workshop", "institution", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(provider__isnull=False) | ~Q(institution=""),
                name="participant_provider_or_institution",
                violation_error_message=_("Bitte einen Anbieter wählen oder eine Institution eintragen."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        if self.provider_id and not self.institution:
            return self.provider.name
        return self.institution


class WorkshopResult(models.Model):
    """An activity judged in a workshop, e.g. "will it continue after funding ends?"."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("Werkstatt"), on_delete=models.CASCADE, related_name="results"
    )
    title = models.CharField(_("Aktivität, Ergebnis"), max_length=300)
    theme = models.CharField(_("Themenkomplex"), max_length=200, blank=True)
    responsible = models.CharField(_("verantwortlich"), max_length=300, blank=True)
    traffic_light = models.CharField(_("Ampel"), max_length=10, choices=TrafficLight.choices, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ergebnis")
        verbose_name_plural = _("Ergebnisse")
        ordering = ["workshop", "order", "pk"]

    def __str__(self):
        return self.title


class WorkshopDocument(models.Model):
    workshop = models.ForeignKey(
        Workshop, verbose_name=_("Werkstatt"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("Titel"), max_length=300)
    file = models.FileField(_("Datei"), upload_to="werkstaetten/", validators=document_validators())
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["workshop", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:document-download", kwargs={"pk": self.pk})


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")

    def expired(self, now=None):
        """Registrations of workshops that ended more than the kept number of days ago."""
        days = settings.WORKSHOP_REGISTRATION_RETENTION_DAYS
        return self.filter(workshop__ends_at__lt=(now or timezone.now()) - dt.timedelta(days=days))


class Registration(models.Model):
    """A registration (Anmeldung) for a workshop: a place, or a place on the waiting list.

    Deleted automatically ``WORKSHOP_REGISTRATION_RETENTION_DAYS`` after the workshop.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("angemeldet")
        WAITING = "waiting", _("Warteliste")

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("Werkstatt"), on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    people = models.PositiveIntegerField(
        _("Anzahl der Personen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    # The form's one-time key: a second submission of the same form (a double click) finds
    # this registration instead of making another one.
    submission_key = models.UUIDField(_("Formularschlüssel"), unique=True, editable=False)
    # The secret of the cancellation link in the confirmation e-mail.
    token = models.UUIDField(_("Schlüssel zum Abmelden"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("angemeldet am"), default=timezone.now, editable=False)
    promoted_at = models.DateTimeField(_("nachgerückt am"), null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["workshop", "status", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(people__gte=1) & Q(people__lte=50),
                name="registration_people_between_1_and_50",
                violation_error_message=_("Bitte zwischen 1 und 50 Personen angeben."),
            ),
        ]

    def __str__(self):
        who = self.name or _("%(people)s Person(en)") % {"people": self.people}
        return f"{who} – {self.workshop.title}"

    def get_absolute_url(self):
        return reverse("workshops:registration-detail", kwargs={"token": self.token})
