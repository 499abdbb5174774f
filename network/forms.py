from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.models import FieldOfAction, Quarter, TargetGroup

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]


class NetworkFilterForm(forms.Form):
    """The network page's filter: quarter, field of action, period; and for the providers
    that never meet, a target group (with a quarter)."""

    quartier = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Quarter.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("alle Quartiere"),
        error_messages={"invalid_choice": _("Dieses Quartier gibt es nicht.")},
    )
    handlungsfeld = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=FieldOfAction.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("alle Handlungsfelder"),
        error_messages={"invalid_choice": _("Dieses Handlungsfeld gibt es nicht.")},
    )
    von = forms.DateField(
        label=_("von"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("TT.MM.JJJJ"),
        error_messages={"invalid": _("Bitte ein Datum in der Form TT.MM.JJJJ angeben, z. B. 01.01.2024.")},
    )
    bis = forms.DateField(
        label=_("bis"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("TT.MM.JJJJ"),
        error_messages={"invalid": _("Bitte ein Datum in der Form TT.MM.JJJJ angeben, z. B. 31.12.2025.")},
    )
    zielgruppe = forms.ModelChoiceField(
        label=_("Zielgruppe"),
        queryset=TargetGroup.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("keine"),
        help_text=_("mit einem Quartier: welche seiner Anbieter sich nie in einer Werkstatt oder Maßnahme begegnen"),
        error_messages={"invalid_choice": _("Diese Zielgruppe gibt es nicht.")},
    )

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("von"), cleaned_data.get("bis")
        if start and end and start > end:
            self.add_error("bis", _("Das Ende des Zeitraums darf nicht vor seinem Beginn liegen."))
        if cleaned_data.get("zielgruppe") and not cleaned_data.get("quartier"):
            self.add_error("zielgruppe", _("Bitte zur Zielgruppe auch ein Quartier wählen."))
        return cleaned_data
