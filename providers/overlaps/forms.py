from django import forms
from django.utils.translation import gettext_lazy as _

from providers.models import OverlapReview, ServiceType
from sozialraum.models import FieldOfAction, Quarter, TargetGroup

from .selectors import RULE_ALL, RULE_PARALLEL


class OverlapFilterForm(forms.Form):
    """The matrix's and the cell's filter: the rule (parallel offers, the default, or all
    overlaps) and, for all overlaps, optionally one field of action.

    ``cleaned_data["rule"]`` is the rule in force: a field of action alone means all overlaps.
    """

    regel = forms.ChoiceField(
        label=_("Regel"),
        choices=[(RULE_PARALLEL, _("Parallelangebote")), (RULE_ALL, _("alle Überschneidungen"))],
        required=False,
        error_messages={"invalid_choice": _("Diese Regel gibt es nicht: „parallel“ oder „alle“.")},
    )
    field_of_action = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=FieldOfAction.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("alle Handlungsfelder"),
        error_messages={"invalid_choice": _("Dieses Handlungsfeld gibt es nicht.")},
    )

    def clean(self):
        cleaned_data = super().clean()
        field_of_action = cleaned_data.get("field_of_action")
        rule = cleaned_data.get("regel") or (RULE_ALL if field_of_action else RULE_PARALLEL)
        if rule == RULE_PARALLEL and field_of_action:
            raise forms.ValidationError(
                _("Nach Handlungsfeld lässt sich nur die Übersicht „alle Überschneidungen“ eingrenzen.")
            )
        cleaned_data["rule"] = rule
        return cleaned_data

    @property
    def rule(self):
        """The rule in force: the default for an unbound form, else the cleaned one."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["rule"]
        return RULE_PARALLEL


class OverlapReviewForm(forms.Form):
    """Staff's decision on one overlap: deliberate (with a reason) or open again. With a
    service type the decision is on that parallel offer of the cell; without, on the cell
    of all overlaps (optionally narrowed to a field of action)."""

    decision = forms.ChoiceField(
        label=_("Entscheidung"), choices=OverlapReview.Decision.choices, widget=forms.HiddenInput
    )
    service_type = forms.ModelChoiceField(
        label=_("Leistungsart"),
        queryset=ServiceType.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Diese Leistungsart gibt es nicht.")},
    )
    field_of_action = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=FieldOfAction.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Dieses Handlungsfeld gibt es nicht.")},
    )
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        max_length=2000,
        help_text=_("z. B. „Die Angebote ergänzen sich: vormittags Beratung, abends Begegnung.“"),
        error_messages={"required": _("Bitte eine Begründung angeben.")},
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("service_type") and cleaned_data.get("field_of_action"):
            raise forms.ValidationError(_("Ein Parallelangebot gilt für alle Handlungsfelder; bitte keines angeben."))
        return cleaned_data


class OverlapCellChoiceForm(forms.Form):
    """The admin's "add review": which cell to decide on (the decision itself is made on the
    cell's page, through the review service)."""

    quarter = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Quarter.objects.order_by("name"),
        to_field_name="slug",
        error_messages={"required": _("Bitte ein Quartier wählen."), "invalid_choice": _("Dieses Quartier gibt es nicht.")},
    )
    target_group = forms.ModelChoiceField(
        label=_("Zielgruppe"),
        queryset=TargetGroup.objects.order_by("order", "name"),
        to_field_name="slug",
        error_messages={
            "required": _("Bitte eine Zielgruppe wählen."),
            "invalid_choice": _("Diese Zielgruppe gibt es nicht."),
        },
    )
