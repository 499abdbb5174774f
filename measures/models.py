"""Goals (Oberziel, Teilziele), measures (Maßnahmen) of the programme and their funding."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from providers.models import Provider
from sozialraum.common.validators import document_validators
from sozialraum.models import FieldOfAction, Indicator, Quarter, SwotItem, TargetGroup, TrafficLight


class FundingProgramme(models.Model):
    class Kind(models.TextChoices):
        FEDERAL_STATE = "federal_state", _("Bund-Länder-Programm")
        EU = "eu", _("EU-Mittel")
        STATE = "state", _("Landesmittel")
        FOUNDATION = "foundation", _("Stiftung")
        MUNICIPAL = "municipal", _("kommunale Mittel")
        OTHER = "other", _("Sonstige")

    name = models.CharField(_("Name"), max_length=300, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    short_name = models.CharField(_("Kurzbezeichnung"), max_length=40, blank=True, help_text=_("z. B. EFRE"))
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("Beschreibung"), blank=True)
    website = models.URLField(_("Website"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Goal(models.Model):
    """Oberziel (no parent) or Teilziel (with parent)."""

    title = models.CharField(_("Titel"), max_length=300)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnetes Ziel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="goal_not_own_parent",
                violation_error_message=_("Ein Ziel kann nicht sein eigenes Oberziel sein."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_top_goal(self):
        return self.parent_id is None


class MeasureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def in_progress(self):
        return self.filter(status=Measure.Status.ONGOING)


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        ONGOING = "ongoing", _("in Umsetzung")
        COMPLETED = "completed", _("abgeschlossen")
        STOPPED = "stopped", _("eingestellt")

    code = models.CharField(_("Nummer"), max_length=20, unique=True, help_text=_("z. B. „6.0“"))
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    title = models.CharField(_("Titel"), max_length=300)
    summary = models.CharField(_("Kurzfassung"), max_length=600, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(_("Stand"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(_("Fortschritt (%)"), default=0)
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    goals = models.ManyToManyField(Goal, verbose_name=_("Ziele"), blank=True, related_name="measures")
    fields_of_action = models.ManyToManyField(
        FieldOfAction, verbose_name=_("Handlungsfelder"), blank=True, related_name="measures"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("Zielgruppen"), blank=True, related_name="measures"
    )
    quarters = models.ManyToManyField(Quarter, verbose_name=_("Quartiere"), blank=True, related_name="measures")
    swot_items = models.ManyToManyField(
        SwotItem,
        verbose_name=_("antwortet auf (SWOT)"),
        blank=True,
        related_name="measures",
        help_text=_("Schwächen und Risiken, auf die die Maßnahme antwortet"),
    )
    lead = models.CharField(_("Federführung"), max_length=300, blank=True)
    partners = models.ManyToManyField(
        Provider, verbose_name=_("Partner"), blank=True, related_name="partner_measures"
    )
    traffic_light = models.CharField(
        _("Ampel (Verstetigung)"), max_length=10, choices=TrafficLight.choices, blank=True
    )
    traffic_light_reason = models.TextField(_("Begründung der Ampel"), blank=True)
    published = models.BooleanField(_("öffentlich sichtbar"), default=True)
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[goals, fields_of_action, target_groups, quarters, partners])

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="measure_progress_0_100",
                violation_error_message=_("Der Fortschritt liegt zwischen 0 und 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="measure_end_not_before_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("measures:measure-detail", kwargs={"slug": self.slug})

    @property
    def description_beyond_summary(self):
        """The description, or "" where it only repeats the summary (the page shows that once)."""
        if " ".join(self.description.split()) == " ".join(self.summary.split()):
            return ""
        return self.description


class FundingLine(models.Model):
    measure = models.ForeignKey(
        Measure, verbose_name=_("Maßnahme"), on_delete=models.CASCADE, related_name="funding_lines"
    )
    programme = models.ForeignKey(
        FundingProgramme, verbose_name=_("Förderprogramm"), on_delete=models.PROTECT, related_name="funding_lines"
    )
    amount = models.DecimalField(_("Betrag (€)"), max_digits=12, decimal_places=2)
    year = models.PositiveSmallIntegerField(_("Jahr"), null=True, blank=True)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Förderung")
        verbose_name_plural = _("Förderungen")
        ordering = ["measure__code", "programme__name", "year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="fundingline_amount_not_negative",
                violation_error_message=_("Der Betrag darf nicht negativ sein."),
            ),
        ]

    def __str__(self):
        return f"{self.programme}: {self.amount} €"


class MeasureDocument(models.Model):
    measure = models.ForeignKey(
        Measure, verbose_name=_("Maßnahme"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("Titel"), max_length=300)
    file = models.FileField(_("Datei"), upload_to="massnahmen/", validators=document_validators())
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["measure__code", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("measures:document-download", kwargs={"pk": self.pk})


class EffectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(measure__published=True)


class Effect(models.Model):
    """An intended effect of a measure (Wirkungsmodell): output, outcome or impact,
    optionally measured by an indicator in a quarter with a baseline and a target.

    The status is computed from the latest indicator value (``measures.impact``); staff
    may override it with a reason, and the history keeps both.
    """

    class Level(models.TextChoices):
        OUTPUT = "output", _("Output (Leistung)")
        OUTCOME = "outcome", _("Outcome (Wirkung bei der Zielgruppe)")
        IMPACT = "impact", _("Impact (Wirkung im Quartier)")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("höher ist besser")
        LOWER = "lower", _("niedriger ist besser")

    class Status(models.TextChoices):
        REACHED = "reached", _("Ziel erreicht")
        ON_TRACK = "on_track", _("im Plan")
        DELAYED = "delayed", _("verzögert")
        AT_RISK = "at_risk", _("gefährdet")
        NO_DATA = "no_data", _("keine aktuellen Daten")

    measure = models.ForeignKey(
        Measure, verbose_name=_("Maßnahme"), on_delete=models.CASCADE, related_name="effects"
    )
    level = models.CharField(_("Ebene"), max_length=10, choices=Level.choices, default=Level.OUTCOME)
    title = models.CharField(_("beabsichtigte Wirkung"), max_length=300)
    description = models.TextField(_("Erläuterung"), blank=True)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("Indikator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="effects",
    )
    quarter = models.ForeignKey(
        Quarter,
        verbose_name=_("Quartier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="effects",
        help_text=_("In welchem Quartier der Indikator gemessen wird."),
    )
    direction = models.CharField(_("Richtung"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    baseline_year = models.PositiveSmallIntegerField(_("Ausgangsjahr"), null=True, blank=True)
    baseline_value = models.DecimalField(_("Ausgangswert"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("Zieljahr"), null=True, blank=True)
    target_value = models.DecimalField(_("Zielwert"), max_digits=14, decimal_places=2, null=True, blank=True)
    status_override = models.CharField(
        _("Status von Hand"),
        max_length=10,
        choices=Status.choices,
        blank=True,
        help_text=_("Nur wenn der berechnete Status nicht zutrifft; dann mit Begründung."),
    )
    status_override_reason = models.TextField(_("Begründung des Status"), blank=True)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    objects = EffectQuerySet.as_manager()

    class Meta:
        verbose_name = _("Wirkung")
        verbose_name_plural = _("Wirkungen")
        ordering = ["measure__code", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator__isnull=True) | (Q(quarter__isnull=False) & Q(target_value__isnull=False)
                                                       & Q(target_year__isnull=False)),
                name="effect_indicator_needs_quarter_and_target",
                violation_error_message=_("Zu einem Indikator gehören ein Quartier, ein Zieljahr und ein Zielwert."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True, baseline_value__isnull=True)
                | Q(baseline_year__isnull=False, baseline_value__isnull=False),
                name="effect_baseline_year_and_value",
                violation_error_message=_("Der Ausgangswert braucht ein Jahr und einen Wert (oder keins von beiden)."),
            ),
            models.CheckConstraint(
                condition=Q(target_year__isnull=True, target_value__isnull=True)
                | Q(target_year__isnull=False, target_value__isnull=False),
                name="effect_target_year_and_value",
                violation_error_message=_("Der Zielwert braucht ein Jahr und einen Wert (oder keins von beiden)."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True) | Q(target_year__isnull=True)
                | Q(target_year__gt=F("baseline_year")),
                name="effect_target_after_baseline",
                violation_error_message=_("Das Zieljahr muss nach dem Ausgangsjahr liegen."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(target_value__isnull=True)
                | Q(direction="higher", target_value__gt=F("baseline_value"))
                | Q(direction="lower", target_value__lt=F("baseline_value")),
                name="effect_target_better_than_baseline",
                violation_error_message=_("Der Zielwert muss in der angegebenen Richtung besser sein als der Ausgangswert."),
            ),
            models.CheckConstraint(
                condition=Q(status_override="") | ~Q(status_override_reason=""),
                name="effect_override_needs_reason",
                violation_error_message=_("Wer den Status von Hand setzt, gibt eine Begründung an."),
            ),
        ]

    def __str__(self):
        return f"{self.measure.code}: {self.title}"

    def get_absolute_url(self):
        return self.measure.get_absolute_url() + "#wirkungen"
