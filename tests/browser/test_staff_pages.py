"""Staff pages fit a normal screen: the overlap matrix at 1,280 px without sideways scrolling."""

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from sozialraum.portal import roles
from tests.conftest import role_user

pytestmark = [pytest.mark.browser]


def log_in(page, live_server, user):
    """The browser gets the session of a Django test client logged in as ``user``."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_overlap_matrix_fits_1280_pixels_with_full_names_for_screen_readers(page, live_server, transactional_db):
    call_command("load_demo", no_staff_account=True, no_concept_edition=True)
    log_in(page, live_server, role_user("redaktion-test", roles.EDITORS))
    page.set_viewport_size({"width": 1280, "height": 800})

    for query in ("", "?regel=alle"):
        page.goto(f"{live_server.url}/verwaltung/ueberschneidungen/{query}")

        table = page.locator("table.overlap-matrix")
        expect(table).to_be_visible()
        wrap = page.locator(".overlap-matrix-wrap")
        scroll_width, client_width = wrap.evaluate("el => [el.scrollWidth, el.clientWidth]")
        print(f"matrix{query}: {scroll_width} px wide in {client_width} px")
        assert scroll_width <= client_width, f"the matrix{query} scrolls sideways at 1,280 px"
        heads = table.locator("thead th")
        assert heads.count() == 12  # the quarter column and 11 target groups
        for index in range(heads.count()):
            box = heads.nth(index).bounding_box()
            assert box["x"] + box["width"] <= 1280
        # short visible heads, full names for screen readers
        expect(table.get_by_role("columnheader", name="Menschen mit Migrationshintergrund")).to_have_count(1)
