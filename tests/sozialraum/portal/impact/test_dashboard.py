"""The staff dashboard of the impact monitoring and the programme balance (Bilanz)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories
from tests.impact_factories import CityIndicatorValueFactory, EffectFactory
from tests.sozialraum.portal.concept.helpers import pdf_reader, pdf_text

pytestmark = [pytest.mark.django_db]

URL = "/verwaltung/wirkung/"
PDF_URL = "/verwaltung/wirkung/bilanz.pdf"


@pytest.fixture(autouse=True)
def year_2026(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 5, 1))


def build_programme(size=1):
    """One goal with a sub-goal; per round a measure with an effect on track, one behind and
    one without current data; funding; a sustainability workshop of 3 green of 4."""
    top = factories.GoalFactory(title="Lebensqualität verbessern")
    sub = factories.GoalFactory(title="Sozialstruktur stabilisieren", parent=top)
    federal = factories.FundingProgrammeFactory(name="Soziale Stadt")
    for number in range(size):
        quarter = factories.QuarterFactory()
        measure = factories.MeasureFactory(title=f"Quartiersmanagement {number}", goals=[sub])
        factories.FundingLineFactory(measure=measure, programme=federal, amount=Decimal("1000.00"))
        on_track = EffectFactory(measure=measure, title=f"Mehr Beratung {number}", quarter=quarter)
        for year, value in [(2021, 20), (2025, 16)]:  # 40 % of the way, 40 % of the time
            factories.IndicatorValueFactory(indicator=on_track.indicator, quarter=quarter, year=year,
                                            value=Decimal(value))
        CityIndicatorValueFactory(indicator=on_track.indicator, year=2025)
        behind = EffectFactory(measure=measure, title=f"Weniger Leerstand {number}", quarter=quarter)
        factories.IndicatorValueFactory(indicator=behind.indicator, quarter=quarter, year=2025, value=Decimal(19))
        stale = EffectFactory(measure=measure, title=f"Sprachförderung {number}", quarter=quarter)
        factories.IndicatorValueFactory(indicator=stale.indicator, quarter=quarter, year=2022, value=Decimal(15))
    workshop = factories.WorkshopFactory(title="Nachhaltigkeitsworkshop")
    for light in ["green", "green", "green", "red"]:
        factories.WorkshopResultFactory(workshop=workshop, traffic_light=light)
    return top


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("user_client", ["plain_client", "staff_without_permissions_client", "provider_client"])
def test_users_without_the_permission_are_refused(request, user_client):
    assert request.getfixturevalue(user_client).get(URL).status_code == 403
    assert request.getfixturevalue(user_client).get(PDF_URL).status_code == 403


def test_dashboard_rejects_post(editor_client):
    assert editor_client.post(URL).status_code == 405


def test_editor_sees_goals_measures_effects_and_status(editor_client):
    build_programme()

    response = editor_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Teilziel: Sozialstruktur stabilisieren" in html
    assert "Quartiersmanagement 0" in html
    assert "Mehr Beratung 0" in html and "Weniger Leerstand 0" in html and "Sprachförderung 0" in html
    assert "1 × im Plan" in html and "1 × verzögert" in html and "1 × keine aktuellen Daten" in html
    assert "Wie der Status berechnet wird" in html
    # the measure's status at a glance is its worst effect's, with a text label
    assert '<span class="light light-yellow">verzögert</span>' in html
    assert 'href="/verwaltung/netzwerk/#ohne-verbindung"' in html


def test_dashboard_leads_to_the_isolated_actors_of_the_network(editor_client):
    build_programme()
    factories.ProviderFactory(name="Allein im Quartier")

    dashboard = editor_client.get(URL).content.decode()
    assert 'href="/verwaltung/netzwerk/"' in dashboard

    network = editor_client.get("/verwaltung/netzwerk/").content.decode()
    isolated = network.split('id="ohne-verbindung"')[1].split("<h2")[0]
    assert "Allein im Quartier" in isolated


def test_network_link_needs_the_network_permission(staff_without_permissions, client):
    from django.contrib.auth.models import Permission

    staff_without_permissions.user_permissions.add(Permission.objects.get(codename="view_effect"))
    client.force_login(staff_without_permissions)

    response = client.get(URL)

    assert response.status_code == 200
    assert "/verwaltung/netzwerk/" not in response.content.decode()


def test_balance_section_funding_and_continuation(editor_client):
    build_programme(2)

    html = editor_client.get(URL).content.decode()

    balance = html.split('id="bilanz"')[1]
    assert "0 von 6 gemessenen Wirkungen haben ihr Ziel erreicht." in balance
    assert "Soziale Stadt" in balance and "2.000,00 €" in balance
    assert "3 von 4 Aktivitäten mit grüner Ampel." in balance
    assert "3 × Grün" in balance and "1 × Rot" in balance


def test_reached_effect_counts_in_the_balance(editor_client):
    quarter = factories.QuarterFactory()
    effect = EffectFactory(title="Spielplatz gebaut", quarter=quarter)
    factories.IndicatorValueFactory(indicator=effect.indicator, quarter=quarter, year=2025, value=Decimal(9))

    html = editor_client.get(URL).content.decode()

    assert "1 von 1 gemessenen Wirkungen haben ihr Ziel erreicht." in html
    assert "Maßnahmen ohne Ziel" in html  # the measure serves no goal yet


def test_empty_programme(editor_client):
    html = editor_client.get(URL).content.decode()
    assert "Es sind noch keine beabsichtigten Wirkungen erfasst." in html
    assert "Es ist noch keine Werkstatt mit Ampelbewertung erfasst." in html


@pytest.mark.parametrize("size", [1, 10])
def test_dashboard_query_count_is_fixed(editor_client, django_assert_num_queries, size):
    build_programme(size)
    # session, user, permissions (2: user's, groups'); goals, measures, their goals, effects,
    # indicator values, city values; funding per programme; workshops, their results; the
    # user's groups (admin header)
    with django_assert_num_queries(14):
        response = editor_client.get(URL)
    assert response.status_code == 200


def test_balance_pdf_is_tagged_and_complete(editor_client):
    build_programme()

    response = editor_client.get(PDF_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    root = pdf_reader(response.content).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "de"
    text = pdf_text(response.content)
    assert "Programmbilanz" in text
    assert "Quartiersmanagement 0" in text
    assert "3 von 4 Aktivitäten mit grüner Ampel." in text
    assert "1.000,00 €" in text
