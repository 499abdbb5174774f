"""How easy a German text is to read, for staff who write public texts.

The figure is the first Wiener Sachtextformel (textstat): about 4 for very easy texts, 15 for
very hard ones; texts for residents should stay at 8 or below. Sentences longer than
``LONG_SENTENCE_WORDS`` words are named, because they are the first thing to shorten.

:class:`ReadabilityAdminMixin` puts the figure under chosen text fields of an admin form,
computed on the server when the form is shown and again while staff type (``static/js/readability.js``
posts the text to the admin's own ``…/lesbarkeit/`` address of that model).
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from textstat.textstat import textstatistics

LONG_SENTENCE_WORDS = 20
MIN_WORDS = 10  # below this the figure says nothing
TARGET = 8
MAX_TEXT = 20000

_german = textstatistics()
_german.set_lang("de")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_WORD = re.compile(r"\w+(?:[-']\w+)*")


def sentences(text):
    return [part.strip() for part in _SENTENCE_END.split(text or "") if part.strip()]


@dataclass
class Readability:
    words: int
    score: float | None = None
    long_sentences: list = field(default_factory=list)

    @property
    def level(self):
        if self.score is None:
            return ""
        if self.score <= 6:
            return _("leicht")
        if self.score <= TARGET:
            return _("gut verständlich")
        if self.score <= 12:
            return _("schwer")
        return _("sehr schwer")

    @property
    def summary(self):
        if self.score is None:
            return _("Lesbarkeit: erst ab %(count)s Wörtern berechnet.") % {"count": MIN_WORDS}
        return _("Lesbarkeit (Wiener Sachtextformel): %(score)s – %(level)s. Ziel für Bürgertexte: %(target)s oder weniger.") % {
            "score": f"{self.score:.1f}".replace(".", ","),
            "level": self.level,
            "target": TARGET,
        }

    @property
    def hint(self):
        if not self.long_sentences:
            return ""
        return ngettext(
            "%(count)s sehr langer Satz (über %(limit)s Wörter). Teilen Sie ihn auf:",
            "%(count)s sehr lange Sätze (über %(limit)s Wörter). Teilen Sie sie auf:",
            len(self.long_sentences),
        ) % {
            "count": len(self.long_sentences),
            "limit": LONG_SENTENCE_WORDS,
        }

    def as_dict(self):
        return {
            "words": self.words,
            "score": None if self.score is None else round(self.score, 1),
            "summary": str(self.summary),
            "hint": str(self.hint),
            "long_sentences": self.long_sentences,
        }


def readability(text):
    """The Wiener Sachtextformel of ``text`` (None for very short texts) and its very long sentences."""
    text = (text or "")[:MAX_TEXT]
    words = len(_WORD.findall(text))
    long_sentences = [s for s in sentences(text) if len(_WORD.findall(s)) > LONG_SENTENCE_WORDS]
    score = None
    if words >= MIN_WORDS:
        score = max(0.0, float(_german.wiener_sachtextformel(text, 1)))
    return Readability(words=words, score=score, long_sentences=long_sentences)


class ReadabilityTextarea(forms.Textarea):
    """A textarea with the readability of its text under it (updated while typing)."""

    template_name = "common/widgets/readability_textarea.html"

    class Media:
        js = ["js/readability.js"]
        css = {"all": ["css/readability.css"]}

    def __init__(self, attrs=None, check_url=""):
        super().__init__(attrs)
        self.check_url = check_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["readability"] = readability(value if isinstance(value, str) else "")
        context["check_url"] = self.check_url
        return context


class ReadabilityAdminMixin:
    """For a ``ModelAdmin``: ``readability_fields`` get a :class:`ReadabilityTextarea`."""

    readability_fields = ()

    def _readability_url_name(self):
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_readability"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.readability_fields:
            attrs = {"rows": 6, "cols": 80}
            if getattr(db_field, "max_length", None):
                attrs["maxlength"] = db_field.max_length
            url = reverse(f"{self.admin_site.name}:{self._readability_url_name()}")
            kwargs["widget"] = ReadabilityTextarea(attrs=attrs, check_url=url)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        view = self.admin_site.admin_view(require_http_methods(["GET", "POST"])(self.readability_view))
        own = [path("lesbarkeit/", view, name=self._readability_url_name())]
        return own + super().get_urls()

    def readability_view(self, request):
        """text=… (POST while typing, GET too): the readability as JSON, for those who may add
        or change the model. It only reads the text it is sent."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            return JsonResponse({"detail": _("Keine Berechtigung.")}, status=403)
        text = request.POST.get("text", "") if request.method == "POST" else request.GET.get("text", "")
        return JsonResponse(readability(text).as_dict())


