"""Providers (Anbieter, Träger), their offers (Angebote) and the staff's review of overlaps.

Offers are structured data, aligned with Open Referral HSDS 3.0: a service type from a
taxonomy (``ServiceType``), opening times as weekly or monthly slots (``OpeningSlot``)
with a validity period, cost, access attributes, an age range and a status.
"""


from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from djgeojson.fields import PointField
from simple_history.models import HistoricalRecords

from sozialraum.models import FieldOfAction, Language, Quarter, TargetGroup


class ServiceType(models.Model):
    """A kind of social offer (Leistungsart), e.g. Schuldnerberatung; groups such as
    "Beratung" are types without a parent. Created by a data migration from
    ``providers.taxonomy``; staff may add types and synonyms."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Gruppe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    synonyms = models.TextField(
        _("Synonyme"),
        blank=True,
        help_text=_("Andere Wörter für diese Leistungsart, durch Komma getrennt; die Suche findet sie mit."),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Leistungsart")
        verbose_name_plural = _("Leistungsarten")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('offers:offer-list')}?leistungsart={self.slug}"

    @property
    def synonym_list(self):
        return [word.strip() for word in self.synonyms.split(",") if word.strip()]


class AccessMixin(models.Model):
    """Access attributes of a place, as checkboxes (HSDS accessibility)."""

    step_free = models.BooleanField(_("stufenloser Zugang"), default=False)
    elevator = models.BooleanField(_("Aufzug"), default=False)
    accessible_toilet = models.BooleanField(_("rollstuhlgerechtes WC"), default=False)
    hearing_loop = models.BooleanField(_("induktive Höranlage"), default=False)
    sign_language = models.BooleanField(_("Beratung in Gebärdensprache"), default=False)
    easy_language = models.BooleanField(_("Informationen in Leichter Sprache"), default=False)

    ACCESS_FIELDS = ["step_free", "elevator", "accessible_toilet", "hearing_loop", "sign_language", "easy_language"]

    class Meta:
        abstract = True

    @property
    def access_labels(self):
        return [self._meta.get_field(name).verbose_name for name in self.ACCESS_FIELDS if getattr(self, name)]


class OpeningTimesMixin(models.Model):
    """What belongs to a schedule besides its slots: appointments, validity, holidays, note."""

    by_appointment = models.BooleanField(_("nach Vereinbarung"), default=False)
    hours_valid_from = models.DateField(_("Zeiten gelten ab"), null=True, blank=True)
    hours_valid_until = models.DateField(_("Zeiten gelten bis"), null=True, blank=True)
    closed_on_holidays = models.BooleanField(
        _("an Feiertagen geschlossen"),
        default=True,
        help_text=_("an den gesetzlichen Feiertagen des Bundeslandes"),
    )

    class Meta:
        abstract = True


class ProviderQuerySet(models.QuerySet):
    def with_active_offers(self):
        return self.filter(pk__in=Offer.objects.active().values("provider_id"))

    def needing_review(self):
        return self.filter(needs_review=True)


class Provider(AccessMixin, OpeningTimesMixin, models.Model):
    class Kind(models.TextChoices):
        WELFARE = "welfare", _("Wohlfahrtsverband")
        ASSOCIATION = "association", _("Verein")
        CHURCH = "church", _("Kirche, Religionsgemeinschaft")
        MUNICIPAL = "municipal", _("Städtische Einrichtung")
        SELF_HELP = "self_help", _("Selbsthilfegruppe")
        EDUCATION = "education", _("Schule, Hochschule, Bildungsträger")
        COMPANY = "company", _("Unternehmen")
        INITIATIVE = "initiative", _("Initiative, Beirat")
        OTHER = "other", _("Sonstige")

    name = models.CharField(_("Name"), max_length=300)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION)
    description = models.TextField(_("Beschreibung"), blank=True)
    contact_person = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=60, blank=True)
    website = models.URLField(_("Website"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    location = PointField(_("Standort"), null=True, blank=True)
    accessibility = models.TextField(
        _("Barrierefreiheit (Hinweis)"),
        blank=True,
        help_text=_("was die Kästchen nicht sagen, z. B. „Klingel am Seiteneingang“"),
    )
    opening_hours = models.TextField(
        _("Hinweis zu den Öffnungszeiten"),
        blank=True,
        help_text=_("was nicht in die Zeilen passt, z. B. „in den Schulferien geschlossen“"),
    )
    languages = models.ManyToManyField(Language, verbose_name=_("Sprachen"), blank=True, related_name="providers")
    last_verified = models.DateField(_("zuletzt geprüft am"), null=True, blank=True)
    needs_review = models.BooleanField(
        _("vom Anbieter geändert, Prüfung offen"),
        default=False,
        help_text=_("Der Anbieter hat seinen Eintrag selbst geändert; die Redaktion bestätigt die Änderung."),
    )
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[languages])

    objects = ProviderQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anbieter")
        verbose_name_plural = _("Anbieter")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("providers:provider-detail", kwargs={"slug": self.slug})

    @property
    def address(self):
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.street, town) if part)


class ProviderAccount(models.Model):
    """A login that may edit one provider's entry and offers (self-service)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.CASCADE,
        related_name="provider_account",
    )
    provider = models.ForeignKey(
        Provider, verbose_name=_("Anbieter"), on_delete=models.CASCADE, related_name="accounts"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Anbieterkonto")
        verbose_name_plural = _("Anbieterkonten")

    def __str__(self):
        return f"{self.user} → {self.provider}"


def active_offer_condition(prefix="", today=None):
    """Q for offers that run now: not ended and not paused (``prefix`` e.g. "offer__")."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}active": True}) & (
        Q(**{f"{prefix}paused_until__isnull": True}) | Q(**{f"{prefix}paused_until__lt": today})
    )


class OfferQuerySet(models.QuerySet):
    def active(self, today=None):
        """Offers that run now: neither ended nor paused."""
        return self.filter(active_offer_condition(today=today))


class Offer(AccessMixin, OpeningTimesMixin, models.Model):
    class Cost(models.TextChoices):
        FREE = "free", _("kostenlos")
        DONATION = "donation", _("gegen Spende")
        REDUCED = "reduced", _("ermäßigt möglich")
        PAID = "paid", _("kostenpflichtig")

    class Status(models.TextChoices):
        ACTIVE = "active", _("aktiv")
        PAUSED = "paused", _("pausiert")
        ENDED = "ended", _("beendet")

    provider = models.ForeignKey(
        Provider, verbose_name=_("Anbieter"), on_delete=models.CASCADE, related_name="offers"
    )
    title = models.CharField(_("Titel"), max_length=300)
    slug = models.SlugField(_("Kurzname"), max_length=200)
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("Leistungsart"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        help_text=_("Welche Art von Angebot ist es? Gleiche Leistungsart für dieselbe Zielgruppe im selben Quartier "
                    "bei zwei Anbietern ist ein Parallelangebot."),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("Zielgruppen"), related_name="offers", blank=True
    )
    quarters = models.ManyToManyField(Quarter, verbose_name=_("Quartiere"), related_name="offers", blank=True)
    field_of_action = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("Handlungsfeld"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
    )
    place = models.CharField(
        _("Ort des Angebots"), max_length=300, blank=True, help_text=_("leer: am Standort des Anbieters")
    )
    location = PointField(_("Standort des Angebots"), null=True, blank=True)
    opening_hours = models.TextField(
        _("Hinweis zu den Zeiten"),
        blank=True,
        help_text=_("was nicht in die Zeilen passt, z. B. „in den Schulferien geschlossen“"),
    )
    cost_kind = models.CharField(_("Kosten"), max_length=20, choices=Cost.choices, blank=True)
    cost = models.CharField(_("Kosten (Angabe)"), max_length=200, blank=True, help_text=_("z. B. „5 € pro Termin“"))
    languages = models.ManyToManyField(Language, verbose_name=_("Sprachen"), blank=True, related_name="offers")
    age_min = models.PositiveSmallIntegerField(_("Alter von"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("Alter bis"), null=True, blank=True)
    appointment_required = models.BooleanField(_("Termin nötig"), default=False)
    active = models.BooleanField(_("aktiv"), default=True, help_text=_("ohne Haken: beendet"))
    paused_until = models.DateField(
        _("pausiert bis"), null=True, blank=True, help_text=_("Das Angebot ruht bis einschließlich zu diesem Tag.")
    )
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[target_groups, quarters, languages])

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["provider__name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "slug"],
                name="offer_slug_unique_per_provider",
                violation_error_message=_("Dieser Anbieter hat schon ein Angebot mit diesem Kurznamen."),
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True) | Q(age_max__isnull=True) | Q(age_min__lte=models.F("age_max")),
                name="offer_age_range_ordered",
                violation_error_message=_("„Alter von“ darf nicht größer sein als „Alter bis“."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.provider.name})"

    def get_absolute_url(self):
        return reverse("offers:offer-detail", kwargs={"provider": self.provider.slug, "slug": self.slug})

    def status_on(self, day):
        if not self.active:
            return self.Status.ENDED
        if self.paused_until and self.paused_until >= day:
            return self.Status.PAUSED
        return self.Status.ACTIVE

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    def age_matches(self, age):
        return (self.age_min is None or self.age_min <= age) and (self.age_max is None or age <= self.age_max)


class OfferPlacement(models.Model):
    """Where an offer stands: one row per quarter and target group of the offer (target group
    empty for an offer for everyone), with what the quarter profile sorts and filters by.

    The database keeps these rows itself, by triggers on the offers and their quarters and
    target groups (``providers.placements``), in the same transaction as the write; the
    application only reads them. One index answers "the active offers of this quarter by
    target group" without joining the many-to-many tables.
    """

    offer = models.ForeignKey(Offer, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    quarter = models.ForeignKey(
        Quarter, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, null=True, related_name="+"
    )
    title = models.CharField(max_length=300)
    active = models.BooleanField()
    paused_until = models.DateField(null=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["quarter", "target_group", "title", "offer", "active", "paused_until"],
                name="offer_placement_profile",
            )
        ]

    def __str__(self):
        return f"{self.offer_id} @ {self.quarter_id}/{self.target_group_id}"


class OpeningSlot(models.Model):
    """One row of opening times: a weekday with opening and closing time, every week or on
    the n-th (or last) such weekday of the month (HSDS schedule: WEEKLY or MONTHLY)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Montag")
        TUESDAY = 1, _("Dienstag")
        WEDNESDAY = 2, _("Mittwoch")
        THURSDAY = 3, _("Donnerstag")
        FRIDAY = 4, _("Freitag")
        SATURDAY = 5, _("Samstag")
        SUNDAY = 6, _("Sonntag")

    class Ordinal(models.IntegerChoices):
        FIRST = 1, _("jeden 1.")
        SECOND = 2, _("jeden 2.")
        THIRD = 3, _("jeden 3.")
        FOURTH = 4, _("jeden 4.")
        FIFTH = 5, _("jeden 5.")
        LAST = -1, _("jeden letzten")

    offer = models.ForeignKey(
        "Offer", verbose_name=_("Angebot"), on_delete=models.CASCADE, null=True, blank=True, related_name="slots"
    )
    provider = models.ForeignKey(
        Provider, verbose_name=_("Anbieter"), on_delete=models.CASCADE, null=True, blank=True, related_name="slots"
    )
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))
    ordinal = models.SmallIntegerField(
        _("im Monat"), choices=Ordinal.choices, null=True, blank=True, help_text=_("leer: jede Woche")
    )

    class Meta:
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        ordering = ["weekday", "opens", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offer__isnull=False, provider__isnull=True) | Q(offer__isnull=True, provider__isnull=False),
                name="opening_slot_of_offer_or_provider",
            ),
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")),
                name="opening_slot_closes_after_opening",
                violation_error_message=_("„bis“ muss nach „von“ liegen."),
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="opening_slot_weekday_valid"),
            models.CheckConstraint(
                condition=Q(ordinal__isnull=True) | Q(ordinal__in=[1, 2, 3, 4, 5, -1]),
                name="opening_slot_ordinal_valid",
            ),
        ]
        indexes = [models.Index(fields=["weekday", "opens", "closes"], name="opening_slot_when")]

    def __str__(self):
        from .schedules.describe import describe_slots

        try:
            return describe_slots([self.as_slot()])
        except (TypeError, ValueError):  # an unsaved row with missing or inverted times
            return gettext("Öffnungszeit")

    def as_slot(self):
        from .schedules.parsing import Slot

        return Slot(weekday=self.weekday, opens=self.opens, closes=self.closes, ordinal=self.ordinal)


class OverlapReview(models.Model):
    """Staff's judgement on one overlap cell (quarter × target group, optionally × field).

    Reviews are never changed; the newest one of a cell counts. It holds only while the
    set of providers in the cell is the one it was made for (``provider_ids``).
    """

    class Decision(models.TextChoices):
        DELIBERATE = "deliberate", _("gewollt (ergänzende Angebote)")
        OPEN = "open", _("wieder offen")

    quarter = models.ForeignKey(
        Quarter, verbose_name=_("Quartier"), on_delete=models.CASCADE, related_name="overlap_reviews"
    )
    target_group = models.ForeignKey(
        TargetGroup, verbose_name=_("Zielgruppe"), on_delete=models.CASCADE, related_name="overlap_reviews"
    )
    field_of_action = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("Handlungsfeld"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="overlap_reviews",
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("Leistungsart"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="overlap_reviews",
        help_text=_("gesetzt bei Parallelangeboten: dieselbe Leistungsart bei mehreren Anbietern"),
    )
    provider_ids = models.CharField(
        _("Anbieter der Zelle"), max_length=2000, help_text=_("sortierte IDs, durch Komma getrennt")
    )
    decision = models.CharField(_("Entscheidung"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("Begründung"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("entschieden am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Überschneidungsprüfung")
        verbose_name_plural = _("Überschneidungsprüfungen")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="overlapreview_reason_required",
                violation_error_message=_("Bitte eine Begründung angeben."),
            ),
        ]

    def __str__(self):
        return f"{self.quarter} × {self.target_group}: {self.get_decision_display()}"
