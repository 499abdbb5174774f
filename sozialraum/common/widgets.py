"""Form widgets for choices named in the portal's content language (target groups,
quarters, languages …): on a page in another language each option carries ``lang="de"``,
so that a screen reader reads the German name with a German voice (WCAG 3.1.2)."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language


class ContentSelect(forms.Select):
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        if value not in (None, "") and language != settings.LANGUAGE_CODE:
            option["attrs"]["lang"] = settings.LANGUAGE_CODE
        return option
