"""The "Wegweiser": a search result (or all offers of a quarter) as a printable PDF.

Gathering (``guide_data``) is apart from rendering (``render_guide_pdf``). The renderer
imports WeasyPrint lazily (it is heavy), returns bytes, writes a tagged PDF (PDF/UA-1,
as the concept report does: BITV 2.0 covers the city's PDFs) and never reaches the
network or the file system: the stylesheet is handed over as a string and every URL the
document might name is refused.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import cards as offer_cards

#: At most this many offers go into one Wegweiser; the document says so when there are more.
GUIDE_LIMIT = 200
TEMPLATE = "providers/offers/guide.html"
STYLESHEET = "css/offers-guide.css"
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


class RefusedURL(ValueError):
    """The Wegweiser fetches nothing: everything it shows is in its HTML and stylesheet."""


@dataclass
class Guide:
    title: str
    filters: list
    cards: list
    total: int
    created: dt.datetime
    page_url: str

    @property
    def truncated(self):
        return self.total > len(self.cards)


def guide_title(criteria):
    """„Wegweiser: Angebote für Familien in Südliche Innenstadt – Beratung“."""
    title = _("Wegweiser: Angebote")
    if criteria.target_group:
        title += " " + _("für %(group)s") % {"group": criteria.target_group.name}
    if criteria.quarter:
        title += " " + _("in %(quarter)s") % {"quarter": criteria.quarter.name}
    if criteria.service_type:
        title += f" – {criteria.service_type.name}"
    return title


def guide_data(object_list, criteria, *, chips, now, page_url, limit=None):
    """The Wegweiser of a search: its first ``limit`` (default GUIDE_LIMIT) offers (count,
    page and prefetches: a fixed number of queries), the filters in words, the time."""
    limit = GUIDE_LIMIT if limit is None else limit
    total = object_list.count()
    offers = list(object_list[:limit])
    return Guide(
        title=guide_title(criteria),
        filters=[chip.label for chip in chips],
        cards=offer_cards.cards(offers, now=now),
        total=total,
        created=now,
        page_url=page_url,
    )


def stylesheet_text():
    path = finders.find(STYLESHEET) or str(Path(settings.BASE_DIR) / "static" / STYLESHEET)
    return Path(path).read_text(encoding="utf-8")


def guide_html(guide):
    with translation.override("de"):
        return render_to_string(
            TEMPLATE, {"guide": guide, "portal_name": settings.PORTAL_NAME, "portal_city": settings.PORTAL_CITY}
        )


def refusing_fetcher():
    """A WeasyPrint URL fetcher that fetches nothing."""
    from weasyprint.urls import URLFetcher

    class RefusingURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise RefusedURL(f"Der Wegweiser lädt nichts nach: {url}")

    return RefusingURLFetcher(allowed_protocols=set(), allow_redirects=False)


def render_guide_pdf(guide):
    """The Wegweiser as PDF bytes."""
    from weasyprint import CSS, HTML

    fetcher = refusing_fetcher()
    html = HTML(string=guide_html(guide), url_fetcher=fetcher)
    stylesheet = CSS(string=stylesheet_text(), url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[stylesheet], **PDF_OPTIONS)
