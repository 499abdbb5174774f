from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.models import ConceptEdition


class EditionPublishForm(forms.ModelForm):
    # Made when the form is shown: the same form sent twice gives one job and one edition.
    token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = ConceptEdition
        fields = ["name", "slug", "presented_on", "presented_to", "note"]
        widgets = {
            "presented_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "slug": _("Teil der Download-Adresse, z. B. „fortschreibung-2026“. Leer lassen: aus der Bezeichnung."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def validate_unique(self):
        """The service checks uniqueness once the slug is known."""
