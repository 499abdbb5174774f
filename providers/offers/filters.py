"""The parameters of the offer search: validated with German messages, then one
``selectors.Criteria``. Bad input makes the form invalid, and the page answers 400
(``FilteredListView``).

| parameter | meaning |
| --- | --- |
| ``q`` | text; language names, "kostenlos" and "barrierefrei" in it act as filters |
| ``zielgruppe``, ``quartier``, ``leistungsart`` | slugs (a target group includes its sub-groups, a group of service types all its types) |
| ``sprache`` | ISO code, repeatable: any of them |
| ``kostenlos=1`` | cost kind "kostenlos" |
| ``barrierefrei=1`` | step-free access (the offer's place, or the provider's when the offer has none) |
| ``alter=N`` | the person's age, inside the offer's age range (open bounds match) |
| ``geoeffnet=jetzt|heute|woche`` | open now, later today, or within the next seven days |
| ``am=YYYY-MM-DD``, ``um=HH:MM`` | open on that day (at that time; ``um`` alone: today) |
| ``nahe=<lat>,<lon>``, ``umkreis=<metres>`` | within the radius (default 1000, at most 20000), nearest first |
"""

import datetime as dt
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from providers.models import Offer, ServiceType
from sozialraum.common.filtering import slug_choice_filter
from sozialraum.common.search import SEARCH_MAX_LENGTH
from sozialraum.common.widgets import ContentSelect
from sozialraum.models import Language, Quarter, TargetGroup

from . import nearby, opening, selectors

OPEN_CHOICES = [
    ("jetzt", _("jetzt")),
    ("heute", _("heute (noch)")),
    ("woche", _("in den nächsten 7 Tagen")),
]
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
MIN_RADIUS_M = 100
TRUE_VALUES = {"1", "on", "true", "ja"}
AGE_RANGE = format_lazy(_("Bitte ein Alter zwischen 0 und {max} Jahren angeben."), max=selectors.MAX_AGE)
RADIUS_RANGE = format_lazy(
    _("Bitte einen Umkreis zwischen {min} und {max} Metern angeben."), min=MIN_RADIUS_M, max=selectors.MAX_RADIUS_M
)


# --- Form fields ----------------------------------------------------------------------------


class FlagInput(forms.CheckboxInput):
    """A checkbox that sends "1" and hands the raw value to the field (so "kostenlos=abc"
    is an error, not a yes)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: str(value).lower() in TRUE_VALUES)

    def format_value(self, value):
        return "1"

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class FlagField(forms.Field):
    widget = FlagInput
    default_error_messages = {"invalid": _("Bitte „1“ angeben oder den Filter weglassen.")}

    def to_python(self, value):
        if value in (None, ""):
            return False
        if str(value).lower() in TRUE_VALUES:
            return True
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class PointField(forms.Field):
    """„51.3745,7.6960“: latitude, then longitude, in decimal degrees."""

    default_error_messages = {
        "invalid": _("Bitte den Ort als Breite und Länge angeben, z. B. „51.3745,7.6960“."),
    }
    pattern = re.compile(r"^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*,\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")

    def to_python(self, value):
        if value in (None, ""):
            return None
        match = self.pattern.match(str(value)) if len(str(value)) <= 60 else None
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        lat, lon = float(match.group(1)), float(match.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return nearby.Point(lat=lat, lon=lon)


class ServiceTypeChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, service_type):
        if service_type.parent_id is None:
            return _("%(group)s (alle)") % {"group": service_type.name}
        return f"– {service_type.name}"


class LanguagesField(django_filters.fields.ModelMultipleChoiceField):
    """Language codes; empty values ("sprache=") are left out instead of being an error."""

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            value = [item for item in value if item not in ("", None)]
        return super().clean(value)


class LanguagesFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = LanguagesField


class FlagFilter(django_filters.Filter):
    field_class = FlagField


class PointFilter(django_filters.Filter):
    field_class = PointField


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class DateFilter(django_filters.Filter):
    field_class = forms.DateField


class TimeFilter(django_filters.Filter):
    field_class = forms.TimeField


class ServiceTypeFilter(django_filters.ModelChoiceFilter):
    field_class = ServiceTypeChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", ContentSelect)
        super().__init__(*args, **kwargs)


def unknown(what):
    return {"invalid_choice": _("%(what)s gibt es nicht. Bitte wählen Sie aus der Liste.") % {"what": what}}


# --- The filter set -------------------------------------------------------------------------


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Suchbegriff"),
        method="filter_nothing",
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("z. B. Schuldnerberatung, Deutschkurs")}),
        error_messages={"max_length": _("Bitte höchstens %(limit_value)d Zeichen eingeben.")},
    )
    zielgruppe = slug_choice_filter(
        _("Zielgruppe"), TargetGroup.objects.all(), method="filter_nothing", error_messages=unknown(_("Diese Zielgruppe"))
    )
    quartier = slug_choice_filter(
        _("Quartier"), Quarter.objects.all(), method="filter_nothing", error_messages=unknown(_("Dieses Quartier"))
    )
    leistungsart = ServiceTypeFilter(
        label=_("Leistungsart"),
        queryset=ServiceType.objects.all(),
        to_field_name="slug",
        empty_label=_("alle"),
        method="filter_nothing",
        error_messages=unknown(_("Diese Leistungsart")),
    )
    sprache = LanguagesFilter(
        label=_("Sprache des Angebots"),
        queryset=Language.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        method="filter_nothing",
        error_messages={
            "invalid_choice": _("Die Sprache „%(value)s“ gibt es hier nicht. Bitte wählen Sie aus der Liste."),
            "invalid_pk_value": _("„%(pk)s“ ist kein Sprachcode. Bitte wählen Sie aus der Liste."),
        },
    )
    kostenlos = FlagFilter(label=_("nur kostenlose Angebote"), method="filter_nothing")
    barrierefrei = FlagFilter(label=_("stufenloser Zugang"), method="filter_nothing")
    alter = IntegerFilter(
        label=_("Alter der Person (Jahre)"),
        method="filter_nothing",
        widget=forms.NumberInput(attrs={"min": 0, "max": selectors.MAX_AGE, "inputmode": "numeric"}),
        validators=[MinValueValidator(0, message=AGE_RANGE), MaxValueValidator(selectors.MAX_AGE, message=AGE_RANGE)],
        error_messages={"invalid": _("Bitte das Alter als ganze Zahl in Jahren angeben, z. B. 34.")},
    )
    geoeffnet = django_filters.ChoiceFilter(
        label=_("Geöffnet"),
        choices=OPEN_CHOICES,
        empty_label=_("egal"),
        method="filter_nothing",
        error_messages={"invalid_choice": _("Bitte „jetzt“, „heute“ oder „woche“ angeben.")},
    )
    am = DateFilter(
        label=_("Geöffnet am"),
        method="filter_nothing",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[
            MinValueValidator(FIRST_DAY, message=_("Bitte ein Datum zwischen 2000 und 2100 angeben.")),
            MaxValueValidator(LAST_DAY, message=_("Bitte ein Datum zwischen 2000 und 2100 angeben.")),
        ],
        error_messages={"invalid": _("Bitte ein gültiges Datum angeben (JJJJ-MM-TT), z. B. 2026-03-02.")},
    )
    um = TimeFilter(
        label=_("um (Uhrzeit)"),
        method="filter_nothing",
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Bitte eine gültige Uhrzeit angeben (HH:MM), z. B. 14:30.")},
    )
    nahe = PointFilter(
        label=_("In der Nähe von (Breite, Länge)"),
        method="filter_nothing",
        widget=forms.TextInput(attrs={"placeholder": "51.3745,7.6960", "inputmode": "decimal"}),
    )
    umkreis = IntegerFilter(
        label=_("Umkreis (Meter)"),
        method="filter_nothing",
        widget=forms.NumberInput(
            attrs={"min": MIN_RADIUS_M, "max": selectors.MAX_RADIUS_M, "step": 100, "inputmode": "numeric"}
        ),
        validators=[
            MinValueValidator(MIN_RADIUS_M, message=RADIUS_RANGE),
            MaxValueValidator(selectors.MAX_RADIUS_M, message=RADIUS_RANGE),
        ],
        error_messages={"invalid": _("Bitte den Umkreis als ganze Zahl in Metern angeben, z. B. 1000.")},
    )

    class Meta:
        model = Offer
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # Always bound: no parameters is a valid search for everything.
        super().__init__(data if data is not None else QueryDict(), *args, **kwargs)
        self.now = opening.local_now()
        self.criteria = None

    def filter_nothing(self, queryset, name, value):
        """Every parameter is applied together in ``filter_queryset``."""
        return queryset

    def build_criteria(self):
        data = self.form.cleaned_data
        return selectors.Criteria(
            target_group=data.get("zielgruppe"),
            quarter=data.get("quartier"),
            service_type=data.get("leistungsart"),
            languages=list(data.get("sprache") or []),
            free=bool(data.get("kostenlos")),
            step_free=bool(data.get("barrierefrei")),
            age=data.get("alter"),
            open=data.get("geoeffnet") or "",
            day=data.get("am"),
            time=data.get("um"),
            near=data.get("nahe"),
            radius_m=data.get("umkreis") or selectors.DEFAULT_RADIUS_M,
            understood=selectors.understand_text(data.get("q") or ""),
        )

    def filter_queryset(self, queryset):
        """The matching offers: a query set ordered by title, or, with ``nahe``, a
        ``RankedOffers`` sequence nearest first."""
        self.criteria = self.build_criteria()
        offers = selectors.search_offers(self.criteria, now=self.now, queryset=queryset)
        if self.criteria.near:
            return selectors.ranked_by_distance(offers, self.criteria.near, self.criteria.radius_m)
        return selectors.with_card_data(offers)
