import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models import Goal, Measure
from sozialraum.models import FieldOfAction, Quarter, TargetGroup
from sozialraum.search import SEARCH_MAX_LENGTH, search


class MeasureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Suchbegriff"), method="filter_search", max_length=SEARCH_MAX_LENGTH
    )
    status = django_filters.ChoiceFilter(
        label=_("Stand"), choices=Measure.Status.choices, empty_label=_("alle")
    )
    handlungsfeld = django_filters.ModelChoiceFilter(
        label=_("Handlungsfeld"),
        field_name="fields_of_action",
        queryset=FieldOfAction.objects.order_by("order", "name"),
        to_field_name="slug",
        empty_label=_("alle"),
        distinct=True,
    )
    ziel = django_filters.ModelChoiceFilter(
        label=_("Ziel"),
        queryset=Goal.objects.order_by("parent__order", "order", "title"),
        to_field_name="slug",
        empty_label=_("alle"),
        method="filter_goal",
    )
    quartier = django_filters.ModelChoiceFilter(
        label=_("Quartier"),
        field_name="quarters",
        queryset=Quarter.objects.all(),
        to_field_name="slug",
        empty_label=_("alle"),
        distinct=True,
    )
    zielgruppe = django_filters.ModelChoiceFilter(
        label=_("Zielgruppe"),
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        empty_label=_("alle"),
        distinct=True,
    )
    sortierung = django_filters.OrderingFilter(
        label=_("Sortierung"),
        fields=(("code", "nummer"), ("title", "titel"), ("progress", "fortschritt"), ("start_date", "beginn")),
        field_labels={
            "code": _("Nummer"),
            "title": _("Titel"),
            "progress": _("Fortschritt"),
            "start_date": _("Beginn"),
        },
        empty_label=_("Nummer (Standard)"),
    )

    class Meta:
        model = Measure
        fields = []

    def filter_search(self, queryset, name, value):
        return search(queryset, value, fields=["code", "title", "summary", "description", "lead"])

    def filter_goal(self, queryset, name, goal):
        """A goal finds measures serving it or one of its sub-goals."""
        return queryset.filter(Q(goals=goal) | Q(goals__parent=goal)).distinct()
