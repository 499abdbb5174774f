from django import forms
from django.utils.translation import gettext_lazy as _

from providers.models import OverlapReview
from sozialraum.models import FieldOfAction, Quarter, TargetGroup


class OverlapFilterForm(forms.Form):
    """The matrix's filter: optionally one field of action."""

    field_of_action = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=FieldOfAction.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("alle Handlungsfelder"),
        error_messages={"invalid_choice": _("Dieses Handlungsfeld gibt es nicht.")},
    )


class OverlapReviewForm(forms.Form):
    """Staff's decision on one overlap cell: deliberate (with a reason) or open again."""

    decision = forms.ChoiceField(
        label=_("Entscheidung"), choices=OverlapReview.Decision.choices, widget=forms.HiddenInput
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
