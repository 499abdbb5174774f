"""Layout flaws the checkers' round found, measured in Chromium."""

import pytest
from django.urls import reverse

from workshops.models import Workshop

pytestmark = [pytest.mark.browser]


def test_cards_of_a_grid_row_start_at_the_same_height(page, live_server, transactional_db, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in (reverse("measures:measure-list"), reverse("providers:provider-list"), reverse("offers:offer-list")):
        page.goto(f"{live_server.url}{path}")
        first, second = (card.bounding_box() for card in page.locator(".cards > .card").all()[:2])

        assert first["y"] == second["y"], path
        assert first["x"] < second["x"], path  # side by side: one row of the grid


def test_workshop_results_fit_a_phone_row_by_row(page, live_server, transactional_db, demo):
    workshop = Workshop.objects.filter(results__isnull=False).distinct().first()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}{workshop.get_absolute_url()}")

    table = page.locator("table.stacked")
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    # each result is a box of its own, its cells one below the other, each naming its column
    rows = table.locator("tbody tr").all()
    assert len(rows) > 1
    first_cells = [cell.bounding_box() for cell in rows[0].locator("td").all()[:2]]
    assert first_cells[1]["y"] > first_cells[0]["y"]
    assert rows[0].locator(".cell-label").first.is_visible()
    # the column heads stay in the table for screen readers, off screen
    assert table.locator("thead th").first.is_hidden() is False


def test_workshop_results_are_a_plain_table_on_a_wide_screen(page, live_server, transactional_db, demo):
    workshop = Workshop.objects.filter(results__isnull=False).distinct().first()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{workshop.get_absolute_url()}")

    row = page.locator("table.stacked tbody tr").first
    cells = [cell.bounding_box() for cell in row.locator("td").all()[:2]]
    assert cells[0]["y"] == cells[1]["y"]
    assert not row.locator(".cell-label").first.is_visible()
