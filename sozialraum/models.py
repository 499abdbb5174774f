"""The shared core of the social space: quarters, target groups, fields of action,
languages, indicators (Sozialraumanalyse), SWOT items, the programme and its concept
editions."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from djgeojson.fields import PointField, PolygonField  # noqa: F401 (PointField re-exported)
from simple_history.models import HistoricalRecords


class TrafficLight(models.TextChoices):
    """Ampel: always shown with its label, never by colour alone."""

    GREEN = "green", _("Grün")
    YELLOW = "yellow", _("Gelb")
    RED = "red", _("Rot")


class Quarter(models.Model):
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    city = models.CharField(_("Stadt"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)
    boundary = PolygonField(_("Grenze"), null=True, blank=True)
    in_programme_area = models.BooleanField(
        _("im Programmgebiet"),
        default=True,
        help_text=_("Liegt das Quartier im Gebiet des Förderprogramms?"),
    )
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Quartier")
        verbose_name_plural = _("Quartiere")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sozialraum:quarter-detail", kwargs={"slug": self.slug})


class TargetGroup(models.Model):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnete Zielgruppe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    min_age = models.PositiveSmallIntegerField(_("Alter von"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("Alter bis"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=F("max_age")),
                name="targetgroup_age_range_ordered",
                violation_error_message=_("Das Mindestalter darf nicht über dem Höchstalter liegen."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="targetgroup_not_own_parent",
                violation_error_message=_("Eine Zielgruppe kann nicht ihre eigene Obergruppe sein."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def age_range(self):
        if self.min_age is not None and self.max_age is not None:
            return _("%(min)s–%(max)s Jahre") % {"min": self.min_age, "max": self.max_age}
        if self.min_age is not None:
            return _("ab %(min)s Jahren") % {"min": self.min_age}
        if self.max_age is not None:
            return _("bis %(max)s Jahre") % {"max": self.max_age}
        return ""


class FieldOfAction(models.Model):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Language(models.Model):
    code = models.CharField(_("Sprachcode (ISO 639-1)"), max_length=8, unique=True)
    name = models.CharField(_("Name"), max_length=100, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """What the Sozialraumanalyse measures, e.g. "Anteil Senioren (65+)"."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    unit = models.CharField(_("Einheit"), max_length=40, blank=True, help_text=_("z. B. %, Personen, €"))
    description = models.TextField(_("Beschreibung"), blank=True)
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("zeigt Bedarf der Zielgruppe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        help_text=_("Hohe Werte zeigen Bedarf dieser Zielgruppe an (für die Rangfolge der Lücken)."),
    )
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.name} ({self.unit})" if self.unit else self.name


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("Indikator"), on_delete=models.CASCADE, related_name="values"
    )
    quarter = models.ForeignKey(
        Quarter, verbose_name=_("Quartier"), on_delete=models.CASCADE, related_name="indicator_values"
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    value = models.DecimalField(_("Wert"), max_digits=14, decimal_places=2)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Indikatorwert")
        verbose_name_plural = _("Indikatorwerte")
        ordering = ["indicator__order", "indicator__name", "quarter__name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "quarter", "year"],
                name="indicatorvalue_unique_per_year",
                violation_error_message=_("Für dieses Jahr gibt es schon einen Wert."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2100),
                name="indicatorvalue_year_plausible",
                violation_error_message=_("Das Jahr muss zwischen 1900 und 2100 liegen."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator.name}, {self.quarter.name} {self.year}: {self.value}"


class CityIndicatorValue(models.Model):
    """The city-wide value of an indicator in a year: the reference each quarter is compared with.

    Kept apart from the quarters' values on purpose: the city is no quarter (no boundary,
    no offers, no place in the programme area), so it does not appear in any quarter list.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("Indikator"), on_delete=models.CASCADE, related_name="city_values"
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    value = models.DecimalField(_("Wert der Gesamtstadt"), max_digits=14, decimal_places=2)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Wert der Gesamtstadt")
        verbose_name_plural = _("Werte der Gesamtstadt")
        ordering = ["indicator__order", "indicator__name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="cityindicatorvalue_unique_per_year",
                violation_error_message=_("Für dieses Jahr gibt es schon einen Wert der Gesamtstadt."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2100),
                name="cityindicatorvalue_year_plausible",
                violation_error_message=_("Das Jahr muss zwischen 1900 und 2100 liegen."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator.name}, {_('Gesamtstadt')} {self.year}: {self.value}"


class SwotItem(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Stärke")
        WEAKNESS = "weakness", _("Schwäche")
        OPPORTUNITY = "opportunity", _("Chance")
        THREAT = "threat", _("Risiko")

    quarter = models.ForeignKey(
        Quarter, verbose_name=_("Quartier"), on_delete=models.CASCADE, related_name="swot_items"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("Aussage"), max_length=500)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("SWOT-Aussage")
        verbose_name_plural = _("SWOT-Aussagen")
        ordering = ["quarter__name", "kind", "order", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"


class ProgrammeQuerySet(models.QuerySet):
    def current(self):
        return self.order_by("pk").first()


class Programme(models.Model):
    """The programme this portal runs: its name, area and the Ausgangslage text.

    One row is expected; ``Programme.objects.current()`` returns it (or None).
    """

    name = models.CharField(_("Name"), max_length=300)
    city = models.CharField(_("Stadt"), max_length=120)
    area_name = models.CharField(_("Programmgebiet"), max_length=300)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    situation = models.TextField(_("Ausgangslage"), blank=True)
    contact = models.TextField(_("Kontakt"), blank=True)

    history = HistoricalRecords()

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Programm")
        verbose_name_plural = _("Programm")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sozialraum:home")


class ConceptEditionQuerySet(models.QuerySet):
    def published(self):
        return self.order_by("-presented_on", "-published_at")


class ConceptEdition(models.Model):
    """A published edition of the Gesamtkonzept (Fortschreibung).

    Its PDF is rendered once when it is published and never changes afterwards.
    """

    name = models.CharField(_("Bezeichnung"), max_length=200, help_text=_("z. B. „Fortschreibung 2026“"))
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    presented_on = models.DateField(_("vorgestellt am"))
    presented_to = models.CharField(_("vorgestellt in (Gremium)"), max_length=300, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)
    pdf = models.FileField(_("PDF-Datei"), upload_to="konzept/", editable=False)
    file_size = models.PositiveIntegerField(_("Dateigröße (Bytes)"), default=0, editable=False)
    page_count = models.PositiveIntegerField(_("Seitenzahl"), default=0, editable=False)
    sha256 = models.CharField(_("SHA-256-Prüfsumme"), max_length=64, blank=True, editable=False)
    published_at = models.DateTimeField(_("veröffentlicht am"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("veröffentlicht von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConceptEditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Konzeptausgabe")
        verbose_name_plural = _("Konzeptausgaben")
        ordering = ["-presented_on", "-published_at"]

    def __str__(self):
        return f"{self.name} ({self.presented_on:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("concept:edition-download", kwargs={"slug": self.slug})
