"""The pages a public body must publish, and the barrier reports of its feedback form.

- :class:`InfoPage`: Impressum, Datenschutzerklärung, Leichte Sprache, Deutsche
  Gebärdensprache (with a slot for the city's video and its transcript).
- :class:`AccessibilityStatement` with its :class:`KnownBarrier` rows: the
  Erklärung zur Barrierefreiheit in the structure BITV 2.0 / EN 301 549 ask for.
- :class:`BarrierReport`: what a visitor sent with "Barriere melden".

Staff edit the pages in the admin; every change is kept (django-simple-history).
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class InfoPage(models.Model):
    class Kind(models.TextChoices):
        IMPRINT = "impressum", _("Impressum")
        PRIVACY = "datenschutz", _("Datenschutzerklärung")
        EASY_LANGUAGE = "leichte-sprache", _("Leichte Sprache")
        SIGN_LANGUAGE = "gebaerdensprache", _("Deutsche Gebärdensprache")

    kind = models.CharField(_("Seite"), max_length=30, choices=Kind.choices, unique=True)
    title = models.CharField(_("Überschrift"), max_length=200)
    description = models.CharField(
        _("Kurzbeschreibung für Suchmaschinen"),
        max_length=300,
        help_text=_("ein Satz; erscheint in Suchergebnissen und beim Teilen der Seite"),
    )
    body = models.TextField(
        _("Text"),
        help_text=_(
            "Absätze durch eine Leerzeile trennen. Eine Zeile mit „## “ am Anfang ist eine Zwischenüberschrift, "
            "Zeilen mit „- “ am Anfang sind eine Aufzählung."
        ),
    )
    video = models.FileField(
        _("Video (Gebärdensprache)"),
        upload_to="gebaerdensprache/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"], message=_("Bitte ein Video im Format MP4 oder WebM."))],
        help_text=_("nur auf der Seite „Deutsche Gebärdensprache“; der Text oben ist die Abschrift des Videos"),
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Informationsseite")
        verbose_name_plural = _("Informationsseiten")
        ordering = ["kind"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"public:{self.kind}")


class AccessibilityStatement(models.Model):
    """The Erklärung zur Barrierefreiheit; one row (the admin offers no second)."""

    class Conformance(models.TextChoices):
        FULL = "full", _("vollständig vereinbar")
        PARTIAL = "partial", _("teilweise vereinbar")
        NONE = "none", _("nicht vereinbar")

    body_name = models.CharField(
        _("öffentliche Stelle"), max_length=300, help_text=_("wer die Erklärung abgibt, z. B. „Stadt Iserlohn“")
    )
    scope = models.CharField(
        _("gilt für"), max_length=300, help_text=_("die Website, für die die Erklärung gilt")
    )
    standard = models.CharField(
        _("Anforderungen"),
        max_length=300,
        default="BITV 2.0 (WCAG 2.1, Stufe AA) und EN 301 549 V3.2.1",
    )
    conformance = models.CharField(
        _("Stand der Vereinbarkeit"), max_length=10, choices=Conformance.choices, default=Conformance.PARTIAL
    )
    assessment_method = models.TextField(
        _("Wie wurde geprüft?"), help_text=_("z. B. Selbstbewertung mit automatischen Prüfwerkzeugen und von Hand")
    )
    assessed_on = models.DateField(_("zuletzt geprüft am"))
    prepared_on = models.DateField(_("Erklärung erstellt am"))
    feedback_contact = models.TextField(
        _("Kontakt für Rückmeldungen"), help_text=_("Stelle, Anschrift, E-Mail und Telefon für Rückmeldungen")
    )
    arbitration_body = models.TextField(
        _("Schlichtungsverfahren"),
        help_text=_("die zuständige Schlichtungs- oder Ombudsstelle mit Anschrift und Website"),
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Erklärung zur Barrierefreiheit")

    def __str__(self):
        return str(_("Erklärung zur Barrierefreiheit"))

    def get_absolute_url(self):
        return reverse("public:barrierefreiheit")


class KnownBarrier(models.Model):
    """A part of the portal that is not yet accessible, why, and what to use instead."""

    statement = models.ForeignKey(
        AccessibilityStatement, verbose_name=_("Erklärung"), on_delete=models.CASCADE, related_name="barriers"
    )
    barrier = models.TextField(_("Was ist nicht barrierefrei?"))
    reason = models.TextField(_("Warum?"), blank=True)
    alternative = models.TextField(_("Was hilft stattdessen?"))
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bekannte Barriere")
        verbose_name_plural = _("bekannte Barrieren")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.barrier[:80]


class BarrierReportQuerySet(models.QuerySet):
    def expired(self, now=None):
        """Reports older than ``settings.BARRIER_REPORT_RETENTION_DAYS``."""
        now = now or timezone.now()
        return self.filter(created_at__lt=now - timezone.timedelta(days=settings.BARRIER_REPORT_RETENTION_DAYS))


class BarrierReport(models.Model):
    """A message sent with the form "Barriere melden". Deleted after the retention period."""

    message = models.TextField(_("Nachricht"), max_length=5000)
    page = models.CharField(_("betroffene Seite"), max_length=500, blank=True)
    email = models.EmailField(_("E-Mail für eine Antwort"), blank=True)
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("erledigt"), default=False)
    staff_note = models.TextField(_("Vermerk der Redaktion"), blank=True)

    objects = BarrierReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("Barriere-Meldung")
        verbose_name_plural = _("Barriere-Meldungen")
        ordering = ["-created_at"]

    def __str__(self):
        return self.message[:80]

    def get_absolute_url(self):
        return reverse("admin:public_barrierreport_change", args=[self.pk])
