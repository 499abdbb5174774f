import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from measures.models import Goal, Measure
from sozialraum.common.filtering import slug_choice_filter
from sozialraum.common.search import SEARCH_MAX_LENGTH, search
from sozialraum.models import FieldOfAction, Quarter, TargetGroup


class MeasureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Suchbegriff"), method="filter_search", max_length=SEARCH_MAX_LENGTH
    )
    status = django_filters.ChoiceFilter(
        label=_("Stand"), choices=Measure.Status.choices, empty_label=_("alle")
    )
    handlungsfeld = slug_choice_filter(
        _("Handlungsfeld"), FieldOfAction.objects.order_by("order", "name"), field_name="fields_of_action", distinct=True
    )
    ziel = slug_choice_filter(_("Ziel"), Goal.objects.order_by("parent__order", "order", "title"), method="filter_goal")
    quartier = slug_choice_filter(_("Quartier"), Quarter.objects.all(), field_name="quarters", distinct=True)
    zielgruppe = slug_choice_filter(_("Zielgruppe"), TargetGroup.objects.all(), field_name="target_groups", distinct=True)
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
