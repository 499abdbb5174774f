from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BarrierReport


class BarrierReportForm(forms.ModelForm):
    """Asks only what it needs: the barrier, optionally where, optionally an address for a reply.

    ``website`` is a honeypot: hidden from people (and skipped by keyboard and screen readers),
    filled in by bots that fill in every field.
    """

    website = forms.CharField(
        label=_("Bitte dieses Feld leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = BarrierReport
        fields = ["message", "page", "email"]
        labels = {
            "message": _("Welche Barriere haben Sie gefunden?"),
            "page": _("Auf welcher Seite? (freiwillig)"),
            "email": _("Ihre E-Mail-Adresse, wenn Sie eine Antwort möchten (freiwillig)"),
        }
        help_texts = {
            "message": _("Beschreiben Sie bitte, was nicht geht, und wie Sie die Seite benutzen, zum Beispiel mit "
                         "Bildschirmleser oder nur mit der Tastatur."),
            "page": _("die Adresse oder der Titel der Seite"),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "page": forms.TextInput(attrs={"maxlength": 500}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
