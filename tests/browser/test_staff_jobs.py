"""A staff member publishes an edition: the form returns at once, the status page follows the
job (JavaScript polling), and once the worker has published it returns to the edition list."""

from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from sozialraum.models import ConceptEdition
from sozialraum.portal.concept.render import RenderedConcept
from tests.browser.test_journeys import AXE_OPTIONS, axe
from tests.sozialraum.operations.helpers import run_worker

pytestmark = [pytest.mark.browser]


def check_content_accessibility(page):
    """axe-core on the whole page, Django's admin chrome (breadcrumbs, header) included."""
    results = axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def staff_page(page, live_server, transactional_db, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(editor)
    page.context.add_cookies([{
        "name": django_settings.SESSION_COOKIE_NAME, "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])
    return page


def test_staff_publishes_an_edition_and_follows_the_job_to_the_edition_list(staff_page, live_server):
    page = staff_page
    errors = []  # script errors of the status page (the admin has no favicon: its 404 is not one)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/konzept/veroeffentlichen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Konzeptausgabe veröffentlichen")
    check_content_accessibility(page)
    page.get_by_label("Bezeichnung").fill("Fortschreibung 2026")
    page.get_by_label("vorgestellt in (Gremium)").fill("Sozialausschuss")
    page.get_by_role("button", name="PDF erzeugen und veröffentlichen").click()

    expect(page.locator("#job-state")).to_contain_text("wartet")
    check_content_accessibility(page)
    assert not ConceptEdition.objects.exists()

    with mock.patch("sozialraum.portal.concept.services.render_concept",
                    return_value=RenderedConcept(pdf=b"%PDF-1.7 Fortschreibung", page_count=4)):
        run_worker()

    # The page asks every two seconds; once the job is done it returns to the list with the message.
    expect(page).to_have_url(f"{live_server.url}/konzept/", timeout=15000)
    expect(page.get_by_role("status")).to_contain_text("„Fortschreibung 2026“ ist veröffentlicht (4 Seiten)")
    assert ConceptEdition.objects.get().slug == "fortschreibung-2026"
    assert errors == []
