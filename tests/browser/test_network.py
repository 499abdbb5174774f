"""A staff member opens the network of actors from the admin and finds the isolated actors
of a quarter, and the providers of a target group there that never meet."""

import pytest
from playwright.sync_api import expect

from network.models import Cooperation
from sozialraum.portal import roles
from tests import factories
from tests.browser.test_journeys import check_accessibility

pytestmark = [pytest.mark.browser]

PASSWORD = "Netzwerk-Test-2026!"


@pytest.fixture
def network_world(transactional_db):
    roles.roles_sync()  # the flush of a transactional test removes the groups
    user = factories.UserFactory(username="planung")
    user.set_password(PASSWORD)
    user.save()
    roles.user_assign_role(user=user, role=roles.EDITORS)

    quarter = factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle")
    factories.QuarterFactory(name="Dördel", slug="doerdel")
    seniors = factories.TargetGroupFactory(name="Senioren", slug="senioren")
    caritas = factories.ProviderFactory(name="Caritasverband Iserlohn")
    diakonie = factories.ProviderFactory(name="Diakonie Mark-Ruhr")
    kreuzbund = factories.ProviderFactory(name="Kreuzbund Iserlohn")
    for provider in (caritas, diakonie, kreuzbund):
        factories.OfferFactory(provider=provider, quarters=[quarter], target_groups=[seniors])
    workshop = factories.WorkshopFactory(title="Quartierswerkstatt", quarter=quarter)
    factories.ParticipantFactory(workshop=workshop, provider=caritas, institution="")
    factories.ParticipantFactory(workshop=workshop, provider=diakonie, institution="")
    Cooperation.objects.create(
        first_provider=diakonie, second_institution="Seniorenbeirat", kind=Cooperation.Kind.WORKING_GROUP
    )


def test_staff_find_isolated_actors_of_a_quarter(page, live_server, network_world):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Benutzername").fill("planung")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.get_by_role("link", name="Netzwerk der Akteure").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Netzwerk der Akteure")
    expect(page.get_by_role("img", name="Netzwerk der Akteure: 4 Akteure, 2 Verbindungen, davon 1 ohne Verbindung."))\
        .to_be_visible()

    page.get_by_label("Quartier").select_option(label="Obere Mühle")
    page.get_by_label("Zielgruppe").select_option(label="Senioren")
    page.get_by_role("button", name="Anzeigen").click()

    isolated = page.locator("#ohne-verbindung + ul")
    expect(isolated).to_contain_text("Kreuzbund Iserlohn")
    expect(isolated).not_to_contain_text("Caritasverband")
    expect(page.get_by_role("heading", name="Anbieter für Senioren in Obere Mühle, die sich nie begegnen"))\
        .to_be_visible()
    expect(page.get_by_text("Caritasverband Iserlohn – Kreuzbund Iserlohn")).to_be_visible()
    check_accessibility(page)

    page.goto(f"{live_server.url}/verwaltung/netzwerk/?von=31.02.2024")
    expect(page.get_by_role("alert")).to_contain_text("Bitte ein Datum in der Form TT.MM.JJJJ angeben")
