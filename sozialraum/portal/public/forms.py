from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.common.spam import HoneypotMixin

from .models import BarrierReport


class BarrierReportForm(HoneypotMixin, forms.ModelForm):
    """Asks only what it needs: the barrier, optionally where, optionally an address for a reply
    (and the honeypot ``website``, against bots)."""

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

