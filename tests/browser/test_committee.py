"""A committee member finds the concept presented to the Sozialausschuss and downloads it."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from sozialraum.models import ConceptEdition
from tests.browser.test_journeys import check_accessibility

pytestmark = [pytest.mark.browser]


def _edition(name, slug, presented_on, body):
    content = f"%PDF-1.7 {name}".encode()
    edition = ConceptEdition(
        name=name, slug=slug, presented_on=presented_on, presented_to=body, file_size=len(content), page_count=28
    )
    edition.pdf.save(f"{slug}.pdf", ContentFile(content), save=False)
    edition.save()
    return edition


@pytest.fixture
def editions(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _edition("Gesamtkonzept 2011", "gesamtkonzept-2011", dt.date(2011, 6, 15), "Sozialausschuss")
    _edition("Fortschreibung 2026", "fortschreibung-2026", dt.date(2026, 11, 3), "Sozialausschuss")


def test_committee_member_downloads_presented_and_current_edition(page, live_server, editions):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Gesamtkonzept").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesamtkonzept")
    rows = page.locator("tbody tr")
    expect(rows.first).to_contain_text("Fortschreibung 2026")  # newest first
    expect(rows.nth(1)).to_contain_text("15.06.2011")
    check_accessibility(page)

    # The PDFs open in the browser's viewer; their bytes are the stored files.
    presented = page.get_by_role("link", name="Gesamtkonzept 2011 als PDF").get_attribute("href")
    response = page.request.get(f"{live_server.url}{presented}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == b"%PDF-1.7 Gesamtkonzept 2011"

    current = page.get_by_role("link", name="Aktuelle Ausgabe herunterladen").get_attribute("href")
    assert page.request.get(f"{live_server.url}{current}").body() == b"%PDF-1.7 Fortschreibung 2026"
