"""Turn ConceptData into a PDF with WeasyPrint (imported lazily: it is heavy).

WeasyPrint never reaches the network: the URL fetcher serves ``data:`` URLs and files
below the project's static and template folders, and refuses everything else.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sozialraum.common.numbers import decimals_for

from . import charts

TEMPLATE = "concept/report.html"
#: Tagged PDF for accessibility (PDF/UA-1; BITV 2.0 covers the city's PDFs too).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
STYLESHEET = "concept/print.css"


class RefusedURL(ValueError):
    """WeasyPrint asked for something other than a local file or a data URL."""


def allowed_roots():
    """Folders WeasyPrint may read from: static and template folders of the project."""
    roots = [Path(settings.BASE_DIR) / "static", Path(settings.BASE_DIR) / "templates"]
    roots += [Path(folder) for folder in getattr(settings, "STATICFILES_DIRS", [])]
    for engine in settings.TEMPLATES:
        roots += [Path(folder) for folder in engine.get("DIRS", [])]
    return [root.resolve() for root in roots]


def check_url(url):
    """Return ``url`` if WeasyPrint may fetch it; raise RefusedURL otherwise."""
    from urllib.parse import unquote, urlsplit

    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        return url
    if scheme == "file":
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"Entfernte Datei-URL abgelehnt: {url}")
        path = Path(unquote(parts.path)).resolve()
        if any(path.is_relative_to(root) for root in allowed_roots()):
            return url
        raise RefusedURL(f"Datei außerhalb der erlaubten Ordner abgelehnt: {url}")
    raise RefusedURL(f"Nur lokale Dateien und data:-URLs sind erlaubt: {url}")


def url_fetcher():
    """A WeasyPrint URLFetcher that only serves what ``check_url`` allows."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            return super().fetch(check_url(url), headers)

    return LocalOnlyURLFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


@dataclass(frozen=True)
class RenderedConcept:
    pdf: bytes
    page_count: int


def document_title(data):
    area = data.area_name or data.programme_name
    return _("Gesamtkonzept %(area)s – %(edition)s") % {"area": area, "edition": data.edition.name}


def table_of_contents(data):
    """(level, anchor, title) of the chapters, as the report numbers them."""
    entries = [
        (1, "ausgangslage", "1 " + _("Ausgangslage")),
        (2, "quartiere", "1.1 " + _("Programmgebiet und Quartiere")),
        (2, "sozialraumanalyse", "1.2 " + _("Sozialraumanalyse")),
        (1, "swot", "2 " + _("Stärken, Schwächen, Chancen und Risiken")),
        (1, "ziele", "3 " + _("Ziele")),
        (1, "massnahmen", "4 " + _("Maßnahmen nach Handlungsfeldern")),
    ]
    entries += [
        (2, f"handlungsfeld-{index}", f"4.{index} {section.name}") for index, section in enumerate(data.fields, 1)
    ]
    entries += [
        (2, "finanzierung", f"4.{len(data.fields) + 1} " + _("Finanzierung nach Förderprogrammen")),
        (1, "angebote", "5 " + _("Angebote nach Quartier und Zielgruppe")),
    ]
    if any(block.rows for block in data.catalogue):
        entries.append((2, "angebote-uebersicht", "5.1 " + _("Übersicht: Anbieter je Quartier und Zielgruppe")))
    entries += [
        (1, "ueberschneidungen", "6 " + _("Parallelangebote und Lücken")),
        (2, "ueberschneidungen-offen", "6.1 " + _("Offene Parallelangebote")),
        (2, "ueberschneidungen-gewollt", "6.2 " + _("Gewollte Parallelangebote")),
        (2, "luecken", "6.3 " + _("Lücken")),
        (1, "beteiligung", "7 " + _("Beteiligung")),
        (1, "wirkungen", "8 " + _("Wirkungen und Zielerreichung")),
    ]
    if data.network is not None:
        entries += [
            (1, "netzwerk", "9 " + _("Netzwerk der Akteure")),
            (2, "netzwerk-kennzahlen", "9.1 " + _("Kennzahlen")),
            (2, "netzwerk-ohne-verbindung", "9.2 " + _("Akteure ohne Verbindung")),
            (2, "netzwerk-akteure", "9.3 " + _("Verbundene Akteure und ihre Partner")),
        ]
    entries += [
        (1, "anhang", _("Anhang")),
    ]
    return [{"level": level, "anchor": anchor, "title": title} for level, anchor, title in entries]


def catalogue_matrix(data, quarters_per_table=6):
    """Provider counts per target group (rows) and quarter (columns), in tables of a few quarters."""
    if not any(block.rows for block in data.catalogue):
        return []
    counts = {
        (block.quarter, row.target_group): len(row.providers) for block in data.catalogue for row in block.rows
    }
    quarters = [block.quarter for block in data.catalogue]
    groups = [group.name for group in data.target_groups]
    chunks = []
    for start in range(0, len(quarters), quarters_per_table):
        part = quarters[start : start + quarters_per_table]
        rows = [(group, [counts.get((quarter, group), 0) for quarter in part]) for group in groups]
        chunks.append({"quarters": part, "rows": rows})
    return chunks


def report_html(data):
    """The report as HTML (German whatever the request's language)."""
    stylesheet = finders.find(STYLESHEET) or str(Path(settings.BASE_DIR) / "static" / STYLESHEET)
    with translation.override("de"):
        indicators = []
        for table in data.indicators:
            places = decimals_for(value for row in table.values for value in row)
            rows = [
                (quarter, [charts.german_number(value, places) for value in values])
                for quarter, values in zip(table.quarters, table.values, strict=True)
            ]
            indicators.append((table, rows, mark_safe(charts.indicator_chart(table))))  # noqa: S308 (escaped SVG)
        context = {
            "data": data,
            "document_title": document_title(data),
            "toc": table_of_contents(data),
            "indicators": indicators,
            "catalogue_matrix": catalogue_matrix(data),
            "funding_chart": mark_safe(charts.funding_chart(data.funding_sums)) if data.funding_sums else "",  # noqa: S308
            "stylesheet_url": Path(stylesheet).resolve().as_uri(),
            "portal_name": settings.PORTAL_NAME,
        }
        return render_to_string(TEMPLATE, context)


def render_document(data):
    """Lay the report out (a WeasyPrint Document: pages, boxes) without writing the PDF."""
    from weasyprint import HTML

    html = report_html(data)
    base_url = (Path(settings.BASE_DIR) / "static").resolve().as_uri() + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=url_fetcher()).render(**PDF_OPTIONS)


def _table_header_boxes(box):
    if box.element_tag == "th" and getattr(box, "mark", None) is not None:
        yield box
    for child in getattr(box, "children", ()):
        yield from _table_header_boxes(child)


def scope_table_headers(document, pdf):
    """WeasyPrint finisher: give every /TH its /Scope (PDF/UA-1 7.5), from ``<th scope>``.

    WeasyPrint tags header cells as /TH and links data cells to them through /Headers, but
    writes no /Scope; checkers then cannot tell row from column headers. While tagging it
    keeps each cell's structure element on the cell's box (``box.mark``); here the scope
    attribute of the template's ``<th>`` is copied into it before the PDF is written.
    """
    for page in document.pages:
        for box in _table_header_boxes(page._page_box):
            scope = box.element.get("scope", "col")
            box.mark["A"]["Scope"] = {"row": "/Row", "both": "/Both"}.get(scope, "/Column")


def render_concept(data):
    """Render the report; returns the PDF bytes and the number of pages."""
    document = render_document(data)
    pdf = document.write_pdf(finisher=scope_table_headers, **PDF_OPTIONS)
    return RenderedConcept(pdf=pdf, page_count=len(document.pages))


def render_concept_pdf(data):
    """Render the report and return the PDF as bytes."""
    return render_concept(data).pdf
