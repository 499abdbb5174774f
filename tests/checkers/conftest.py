"""The demo programme for the checkers, and the pages of ``pages.PAGES`` fetched as HTML."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from sozialraum.models import ConceptEdition
from sozialraum.portal.demo import load_demo

# The browser checks run in Debian's Chromium, set up as for the browser tests.
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401

from .pages import LANGUAGES, PAGES


@pytest.fixture
def demo(settings, tmp_path):
    """The demo programme with one published concept edition (a stand-in file: the pages
    show only its name, date and size; the PDF itself is checked in test_concept_pdf)."""
    settings.MEDIA_ROOT = tmp_path
    settings.MAP_TILES_URL = ""  # nothing may load from a remote server
    settings.ROOT_URLCONF = "tests.checkers.urls"  # one address that fails: the 500 page
    load_demo()
    if not ConceptEdition.objects.exists():
        edition = ConceptEdition(
            name="Gesamtkonzept Südliche Innenstadt/Obere Mühle",
            slug="gesamtkonzept-2011",
            presented_on=dt.date(2011, 6, 15),
            presented_to="Sozialausschuss der Stadt Iserlohn",
            page_count=1,
        )
        edition.pdf.save("gesamtkonzept-2011.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
        edition.file_size = edition.pdf.size
        edition.save()


def page_addresses():
    """(label, language, path, expected status) for every page in both languages."""
    return [
        (f"{page.name} ({language})", language, page.url(), page.status) for page in PAGES for language in LANGUAGES
    ]
