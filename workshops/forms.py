"""The registration form of a workshop: name and e-mail address, or only the number of people."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.common.spam import HoneypotMixin

from .models import Workshop


class RegistrationForm(HoneypotMixin, forms.Form):
    """Its hidden one-time key makes a second submission (double click) find the first one;
    the honeypot ``website`` catches bots."""

    submission_key = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Das Formular ist unvollständig. Bitte laden Sie die Seite neu."),
            "invalid": _("Das Formular ist unvollständig. Bitte laden Sie die Seite neu."),
        },
    )
    name = forms.CharField(label=_("Ihr Name"), max_length=200)
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        help_text=_(
            "Dorthin schicken wir die Bestätigung und, falls Sie auf der Warteliste stehen, "
            "die Nachricht über einen freien Platz."
        ),
    )
    people = forms.IntegerField(
        label=_("Wie viele Personen kommen?"),
        min_value=1,
        max_value=50,
        initial=1,
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        if not self.is_bound:
            self.initial["submission_key"] = uuid.uuid4()
        if workshop.registration_form == Workshop.RegistrationForm.NAMES:
            del self.fields["people"]
            self.fields["name"].widget.attrs["autocomplete"] = "name"
            self.fields["email"].widget.attrs["autocomplete"] = "email"
        else:
            del self.fields["name"]
            del self.fields["email"]

    def registration_data(self):
        """Keyword arguments of ``services.registration_create``."""
        return {
            "submission_key": self.cleaned_data["submission_key"],
            "name": self.cleaned_data.get("name", ""),
            "email": self.cleaned_data.get("email", ""),
            "people": self.cleaned_data.get("people", 1),
        }

