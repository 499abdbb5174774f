"""The active filters of an offer search as removable chips: each one a link to the same
search without that parameter (or without that one value, or that one word of ``q``)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import nearby

#: Parameters in the order their chips are shown.
ORDER = [
    "q", "leistungsart", "zielgruppe", "quartier", "sprache", "kostenlos", "barrierefrei",
    "alter", "geoeffnet", "am", "um", "nahe",
]  # fmt: skip


@dataclass(frozen=True)
class Chip:
    label: str
    remove_query: str  # the query string without this filter ("" for none)


def clean_query(params):
    """The parameters as a query string without the page and without empty values."""
    pairs = [(key, value) for key in params for value in params.getlist(key) if key != "page" and value != ""]
    return urlencode(pairs)


def _query(params):
    encoded = clean_query(params)
    return f"?{encoded}" if encoded else ""


def _without(params, name, value=None):
    """The parameters without ``name`` (or without one of its values)."""
    params = params.copy()
    if value is None:
        params.pop(name, None)
    else:
        params.setlist(name, [v for v in params.getlist(name) if v != value])
    return params


def _radius(metres):
    return nearby.format_distance(metres) if metres < 1000 else f"{metres / 1000:g} km".replace(".", ",")


def build(params, cleaned, criteria):
    """[Chip] for the parameters of a valid search (``params``: request.GET)."""
    chips = []
    open_labels = {
        "jetzt": _("jetzt geöffnet"),
        "heute": _("heute noch geöffnet"),
        "woche": _("geöffnet in den nächsten 7 Tagen"),
    }
    for name in ORDER:
        value = cleaned.get(name)
        if name == "q" and value:
            chips.append(Chip(_("Suchtext: „%(text)s“") % {"text": value}, _query(_without(params, "q"))))
            understood = criteria.understood
            for kind, word, language in understood.removed if understood else []:
                rest = _without(params, "q")
                remaining = understood.without(word)
                if remaining:
                    rest["q"] = remaining
                if kind == "sprache":
                    label = _("Sprache: %(name)s (aus dem Suchtext)") % {"name": language.name}
                elif kind == "kostenlos":
                    label = _("kostenlos (aus dem Suchtext)")
                else:
                    label = _("stufenloser Zugang (aus dem Suchtext)")
                chips.append(Chip(label, _query(rest)))
        elif name == "sprache":
            for language in value or []:
                chips.append(
                    Chip(_("Sprache: %(name)s") % {"name": language.name}, _query(_without(params, name, language.code)))
                )
        elif value is None or value is False or value == "":
            continue
        elif name == "leistungsart":
            label = value.name if value.parent_id else _("%(group)s (alle)") % {"group": value.name}
            chips.append(Chip(_("Leistungsart: %(name)s") % {"name": label}, _query(_without(params, name))))
        elif name == "zielgruppe":
            chips.append(Chip(_("Zielgruppe: %(name)s") % {"name": value.name}, _query(_without(params, name))))
        elif name == "quartier":
            chips.append(Chip(_("Quartier: %(name)s") % {"name": value.name}, _query(_without(params, name))))
        elif name == "kostenlos":
            chips.append(Chip(_("kostenlos"), _query(_without(params, name))))
        elif name == "barrierefrei":
            chips.append(Chip(_("stufenloser Zugang"), _query(_without(params, name))))
        elif name == "alter":
            chips.append(Chip(_("Alter: %(age)s Jahre") % {"age": value}, _query(_without(params, name))))
        elif name == "geoeffnet":
            chips.append(Chip(open_labels[value], _query(_without(params, name))))
        elif name == "am":
            chips.append(
                Chip(_("geöffnet am %(day)s") % {"day": date_format(value, pgettext("date format: weekday and short day", "D, j.n.Y"))}, _query(_without(params, name)))
            )
        elif name == "um":
            chips.append(Chip(_("um %(time)s Uhr") % {"time": value.strftime("%H:%M")}, _query(_without(params, name))))
        elif name == "nahe":
            label = _("im Umkreis von %(radius)s um %(lat)s, %(lon)s") % {
                "radius": _radius(criteria.radius_m),
                "lat": f"{value.lat:.4f}".replace(".", ","),
                "lon": f"{value.lon:.4f}".replace(".", ","),
            }
            chips.append(Chip(label, _query(_without(_without(params, "nahe"), "umkreis"))))
    return chips
