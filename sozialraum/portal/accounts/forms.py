from django import forms
from django.utils.translation import gettext_lazy as _


class LoginCodeForm(forms.Form):
    """The second step of the login: a code from the app or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("Die sechs Ziffern aus Ihrer Authenticator-App oder einer Ihrer Wiederherstellungscodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false", "autofocus": True}
        ),
    )


class EnrolmentForm(forms.Form):
    """The first code of a new authenticator, which confirms that it was set up right."""

    code = forms.CharField(
        label=_("Code aus der App"),
        max_length=16,
        help_text=_("Die sechs Ziffern, die Ihre Authenticator-App jetzt anzeigt."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
