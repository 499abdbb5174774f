"""Impact monitoring in a real browser: a staff member opens the dashboard and sees which
goals are on track; a resident reads a measure's effects (axe-core checks the page)."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from sozialraum.portal import roles
from tests import factories
from tests.impact_factories import CityIndicatorValueFactory, EffectFactory

pytestmark = [pytest.mark.browser]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PASSWORD = "ein-langes-testpasswort-2026"


@pytest.fixture
def programme(transactional_db):
    quarter = factories.QuarterFactory(name="Obere Mühle")
    top = factories.GoalFactory(title="Lebensqualität verbessern")
    sub = factories.GoalFactory(title="Sozialstruktur stabilisieren", parent=top)
    measure = factories.MeasureFactory(code="1.0", slug="quartiersmanagement", title="Quartiersmanagement",
                                       goals=[sub])
    indicator = factories.IndicatorFactory(name="SGB-II-Quote", unit="%")
    for year, value in [(2021, "19.6"), (2023, "19.0"), (2025, "18.4")]:
        factories.IndicatorValueFactory(indicator=indicator, quarter=quarter, year=year, value=Decimal(value))
        CityIndicatorValueFactory(indicator=indicator, year=year, value=Decimal("11"))
    EffectFactory(measure=measure, title="Weniger Menschen leben von Grundsicherung", indicator=indicator,
                  quarter=quarter, baseline_year=2021, baseline_value=Decimal("19.6"),
                  target_year=2027, target_value=Decimal("17.0"))
    user = factories.UserFactory(username="wirkung")
    user.set_password(PASSWORD)
    user.save()
    roles.user_assign_role(user=user, role=roles.EDITORS)
    return measure


def test_staff_opens_the_dashboard_from_the_admin_and_sees_the_goals_status(page, live_server, programme):
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.get_by_label("Benutzername").fill("wirkung")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.get_by_role("link", name="Ziele, Wirkungen und Programmbilanz").click()

    expect(page).to_have_url(live_server.url + "/verwaltung/wirkung/")
    goal = page.locator("section.impact-goal", has_text="Teilziel: Sozialstruktur stabilisieren")
    expect(goal).to_contain_text("1 × verzögert")
    expect(goal.get_by_role("row", name="1.0 Quartiersmanagement")).to_contain_text("46 % des Weges")
    page.get_by_text("Wie der Status berechnet wird").first.click()
    expect(page.get_by_text("„im Plan“: Der Fortschritt liegt höchstens 10 Prozentpunkte")).to_be_visible()
    expect(page.get_by_role("heading", name="Programmbilanz", exact=True)).to_be_visible()


def test_resident_reads_the_effects_of_a_measure(page, live_server, programme):
    page.goto(live_server.url + programme.get_absolute_url())

    section = page.locator("section", has=page.get_by_role("heading", name="Wirkungen und Zielerreichung"))
    expect(section).to_contain_text("SGB-II-Quote 19,6 % (2021) → 18,4 % (2025), Ziel 17,0 % bis 2027: 46 % des Weges")
    expect(section.get_by_role("img", name="Diagramm: SGB-II-Quote in Obere Mühle im Zeitverlauf")).to_be_visible()
    expect(section.get_by_role("table")).to_contain_text("18,4 %")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
