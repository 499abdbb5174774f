"""Structured offers in HSDS 3.0: schedules per slot, cost options, accessibility, ages,
status and the service type as a term of the taxonomy „Leistungsarten“."""

import datetime as dt
import json

import pytest

from providers.hsds import records as hsds
from providers.models import Offer
from providers.schedules.parsing import LAST
from tests import factories
from tests.providers.hsds.test_hsds import HsdsSchemas, _schema_dir

pytestmark = [pytest.mark.django_db]

API = "/api/hsds/"
POINT = {"type": "Point", "coordinates": [7.6962, 51.3742]}


@pytest.fixture(scope="session")
def schemas():
    return HsdsSchemas(_schema_dir())


@pytest.fixture
def service_types(db):
    """Types of the migrated taxonomy: Schuldnerberatung in the group Beratung."""
    return {
        "debt": factories.ServiceTypeFactory(slug="schuldnerberatung"),
        "advice": factories.ServiceTypeFactory(slug="beratung"),
    }


def add_slots(offer, *slots):
    for weekday, opens, closes, ordinal in slots:
        factories.OpeningSlotFactory(offer=offer, weekday=weekday, opens=opens, closes=closes, ordinal=ordinal)


@pytest.fixture
def catalogue(db, service_types):
    """A provider with access attributes and three structured offers: at its place, at an
    own place, paused."""
    german = factories.LanguageFactory(code="de", name="Deutsch")
    caritas = factories.ProviderFactory(
        name="Caritas", slug="caritas", street="Karlstraße 15", city="Iserlohn", location=POINT,
        step_free=True, elevator=True, accessibility="Klingel am Seiteneingang",
    )
    debt = factories.OfferFactory(
        provider=caritas, title="Schuldnerberatung", slug="schuldnerberatung", service_type=service_types["debt"],
        by_appointment=True, opening_hours="in den Sommerferien geschlossen",
        hours_valid_from=dt.date(2026, 1, 1), hours_valid_until=dt.date(2026, 12, 31),
        cost_kind=Offer.Cost.PAID, cost="5 € pro Termin", sign_language=True, age_min=18, age_max=99,
        appointment_required=True, languages=[german],
    )
    add_slots(debt, (0, dt.time(9), dt.time(12), None), (2, dt.time(15), dt.time(17), 1),
              (4, dt.time(10), dt.time(12), LAST))
    cafe = factories.OfferFactory(
        provider=caritas, title="Elterncafé", slug="elterncafe", place="Café Mühle", cost_kind=Offer.Cost.FREE,
        location={"type": "Point", "coordinates": [7.70, 51.37]}, accessible_toilet=True, age_max=6,
        closed_on_holidays=False,
    )
    add_slots(cafe, (1, dt.time(14), dt.time(16), None))
    paused = factories.OfferFactory(
        provider=caritas, title="Kleiderkammer", slug="kleiderkammer", cost="5 €, ermäßigt 2 €",
        cost_kind=Offer.Cost.REDUCED, paused_until=dt.date(2099, 1, 31),
    )
    return {"caritas": caritas, "debt": debt, "cafe": cafe, "paused": paused}


def _service_id(offer):
    return hsds.record_id(hsds.SERVICE, offer.pk)


def test_every_table_row_of_structured_offers_is_valid_hsds(schemas, catalogue):
    tables = hsds.export_tables(include_inactive=True)

    problems = [e for table, rows in tables.items() for row in rows for e in schemas.errors(table, row, tabular=True)]

    assert problems == []
    for table, rows in tables.items():
        assert len({row["id"] for row in rows}) == len(rows), table
    assert {"schedule", "cost_option", "accessibility"} <= {table for table, rows in tables.items() if rows}


def test_one_schedule_per_slot_weekly_and_monthly(catalogue):
    tables = hsds.export_tables()
    debt_id = _service_id(catalogue["debt"])
    schedules = [s for s in tables["schedule"] if s["service_id"] == debt_id]

    slots = {(s.get("freq"), s.get("byday"), s.get("opens_at"), s.get("closes_at")): s for s in schedules}
    assert set(slots) == {
        ("WEEKLY", "MO", "09:00", "12:00"),
        ("MONTHLY", "1WE", "15:00", "17:00"),
        ("MONTHLY", "-1FR", "10:00", "12:00"),
        (None, None, None, None),  # nach Vereinbarung
    }
    monday = slots["WEEKLY", "MO", "09:00", "12:00"]
    assert monday["description"] == "Mo 9:00–12:00 Uhr"
    assert (monday["valid_from"], monday["valid_to"]) == ("2026-01-01", "2026-12-31")
    assert monday["notes"] == "in den Sommerferien geschlossen; an gesetzlichen Feiertagen geschlossen"
    assert slots["MONTHLY", "-1FR", "10:00", "12:00"]["description"] == "jeden letzten Fr 10:00–12:00 Uhr"
    appointment = slots[None, None, None, None]
    assert appointment["description"] == "nach Vereinbarung"
    assert appointment["notes"] == monday["notes"]
    cafe = [s for s in tables["schedule"] if s["service_id"] == _service_id(catalogue["cafe"])]
    assert [(s["byday"], s["description"], "notes" in s) for s in cafe] == [("TU", "Di 14:00–16:00 Uhr", False)]


def test_schedule_ids_are_stable_and_follow_the_slot(catalogue):
    first = {s["id"] for s in hsds.export_tables()["schedule"]}
    assert first == {s["id"] for s in hsds.export_tables()["schedule"]}

    catalogue["debt"].slots.filter(weekday=0).update(closes=dt.time(13))

    changed = {s["id"] for s in hsds.export_tables()["schedule"]}
    assert len(changed - first) == 1


def test_cost_options_with_amount_when_the_text_names_one(catalogue):
    tables = hsds.export_tables(include_inactive=True)
    options = {option["service_id"]: option for option in tables["cost_option"]}

    debt = options[_service_id(catalogue["debt"])]
    assert (debt["option"], debt["amount"], debt["currency"]) == ("5 € pro Termin", 5, "EUR")
    cafe = options[_service_id(catalogue["cafe"])]
    assert (cafe["option"], cafe["amount"], cafe["currency"]) == ("kostenlos", 0, "EUR")
    paused = options[_service_id(catalogue["paused"])]
    assert paused["option"] == "5 €, ermäßigt 2 €" and "amount" not in paused  # two sums: the text says it
    services = {service["id"]: service for service in tables["service"]}
    assert services[_service_id(catalogue["cafe"])]["fees_description"] == "kostenlos"



@pytest.mark.parametrize(
    ("cost", "amount"),
    [("2,50 € pro Termin", 2.5), ("EUR 12 im Monat", 12), ("1.000 € im Jahr", 1000), ("3 Euro", 3),
     ("3 € bis 5 €", None), ("nach Absprache", None)],
)
def test_cost_amount_is_read_from_the_german_text(db, cost, amount):
    offer = factories.OfferFactory(cost=cost, cost_kind=Offer.Cost.PAID)

    option, = hsds.export_tables()["cost_option"]

    assert (option["service_id"], option["option"], option.get("amount")) == (_service_id(offer), cost, amount)
    assert option.get("currency") == ("EUR" if amount is not None else None)

def test_accessibility_is_on_the_location_where_the_offer_takes_place(catalogue):
    tables = hsds.export_tables()
    provider_location = hsds.record_id(hsds.PROVIDER_LOCATION, catalogue["caritas"].pk)
    cafe_location = hsds.record_id(hsds.OFFER_LOCATION, catalogue["cafe"].pk)

    by_location = {}
    for record in tables["accessibility"]:
        by_location.setdefault(record["location_id"], []).append(
            {key: value for key, value in record.items() if key in ("description", "details")}
        )

    assert by_location == {
        provider_location: [
            {"description": "stufenloser Zugang, Aufzug", "details": "Klingel am Seiteneingang"},
            {"description": "Schuldnerberatung: Beratung in Gebärdensprache"},
        ],
        cafe_location: [{"description": "rollstuhlgerechtes WC"}],
    }


def test_ages_status_and_appointment(catalogue):
    services = {s["name"]: s for s in hsds.export_tables(include_inactive=True)["service"]}

    debt = services["Schuldnerberatung"]
    assert (debt["minimum_age"], debt["maximum_age"]) == (18, 99)
    assert debt["eligibility_description"] == "Alter: 18 bis 99 Jahre"
    assert debt["application_process"] == "Bitte vorher einen Termin vereinbaren."
    cafe = services["Elterncafé"]
    assert ("minimum_age" not in cafe, cafe["maximum_age"]) == (True, 6)
    paused = services["Kleiderkammer"]
    assert (paused["status"], paused["alert"]) == ("temporarily closed", "Pausiert bis 31.01.2099.")
    assert "Kleiderkammer" not in {s["name"] for s in hsds.export_tables()["service"]}  # not public while paused


def test_offer_ages_take_precedence_over_the_target_groups(db):
    children = factories.TargetGroupFactory(name="Kinder", slug="kinder", min_age=0, max_age=13)
    offer = factories.OfferFactory(target_groups=[children], age_min=6)

    service = next(s for s in hsds.export_tables()["service"] if s["id"] == _service_id(offer))

    assert (service["minimum_age"], service["maximum_age"]) == (6, 13)
    assert service["eligibility_description"] == "Zielgruppen: Kinder; Alter: ab 6 Jahren"


def test_a_group_bound_that_contradicts_the_offer_is_left_out(db):
    children = factories.TargetGroupFactory(name="Kinder", slug="kinder", min_age=0, max_age=13)
    offer = factories.OfferFactory(target_groups=[children], age_min=16)

    service = next(s for s in hsds.export_tables()["service"] if s["id"] == _service_id(offer))

    assert (service["minimum_age"], "maximum_age" in service) == (16, False)

def test_service_type_is_a_term_of_the_taxonomy_leistungsarten(catalogue, service_types):
    tables = hsds.export_tables()
    term_id = hsds.SERVICE_TYPES.term_id(service_types["debt"].pk)

    attributes = [a for a in tables["attribute"] if a["link_id"] == _service_id(catalogue["debt"])]
    assert {(a["link_type"], a["taxonomy_term_id"]) for a in attributes} == {("service_type", term_id)}
    term = next(t for t in tables["taxonomy_term"] if t["id"] == term_id)
    assert (term["name"], term["code"], term["taxonomy"], term["taxonomy_id"]) == (
        "Schuldnerberatung", "schuldnerberatung", "Leistungsarten", hsds.SERVICE_TYPES.id)
    assert term["parent_id"] == hsds.SERVICE_TYPES.term_id(service_types["advice"].pk)
    group = next(t for t in tables["taxonomy_term"] if t["id"] == term["parent_id"])
    assert (group["name"], "parent_id" in group) == ("Beratung", False)
    assert "Leistungsarten" in {t["name"] for t in tables["taxonomy"]}


# --- API --------------------------------------------------------------------------------


def _json(response, status=200):
    assert response.status_code == status, response.content
    return json.loads(response.content.decode("utf-8"))


def test_service_detail_nests_schedules_cost_and_accessibility_validly(client, schemas, catalogue):
    data = _json(client.get(API + f"services/{_service_id(catalogue['debt'])}"))

    assert schemas.errors("service", data) == []
    assert {s.get("byday") for s in data["schedules"]} == {"MO", "1WE", "-1FR", None}
    assert data["cost_options"][0]["amount"] == 5
    location = data["service_at_locations"][0]["location"]
    assert [a["description"] for a in location["accessibility"]] == [
        "stufenloser Zugang, Aufzug", "Schuldnerberatung: Beratung in Gebärdensprache"]
    assert [a["taxonomy_term"]["name"] for a in data["attributes"]] == ["Schuldnerberatung"]


def test_service_at_its_own_place_carries_its_accessibility(client, schemas, catalogue):
    data = _json(client.get(API + f"services/{_service_id(catalogue['cafe'])}"))

    assert schemas.errors("service", data) == []
    assert [a["description"] for a in data["service_at_locations"][0]["location"]["accessibility"]] == [
        "rollstuhlgerechtes WC"]


def test_organization_location_lists_the_accessibility_of_offers_held_there(client, schemas, catalogue):
    data = _json(client.get(API + f"organizations/{hsds.record_id(hsds.ORGANIZATION, catalogue['caritas'].pk)}"))

    assert schemas.errors("organization", data) == []
    assert [a["description"] for a in data["locations"][0]["accessibility"]] == [
        "stufenloser Zugang, Aufzug", "Schuldnerberatung: Beratung in Gebärdensprache"]


def test_services_filter_by_service_type_and_by_its_group(client, catalogue, service_types):
    by_type = _json(client.get(API + "services", {"taxonomy_term_id": hsds.SERVICE_TYPES.term_id(
        service_types["debt"].pk)}))
    by_group = _json(client.get(API + "services", {"taxonomy_term_id": hsds.SERVICE_TYPES.term_id(
        service_types["advice"].pk)}))
    by_taxonomy = _json(client.get(API + "services", {"taxonomy_id": hsds.SERVICE_TYPES.id}))

    assert [s["name"] for s in by_type["contents"]] == ["Schuldnerberatung"]
    assert [s["name"] for s in by_group["contents"]] == ["Schuldnerberatung"]
    assert [s["name"] for s in by_taxonomy["contents"]] == ["Schuldnerberatung"]


def test_service_type_terms_and_taxonomy_in_the_api_are_valid(client, schemas, service_types):
    taxonomy = _json(client.get(API + f"taxonomies/{hsds.SERVICE_TYPES.id}"))
    terms = _json(client.get(API + "taxonomy_terms", {"taxonomy_id": hsds.SERVICE_TYPES.id, "per_page": 500}))
    term = _json(client.get(API + f"taxonomy_terms/{hsds.SERVICE_TYPES.term_id(service_types['debt'].pk)}"))

    assert taxonomy["name"] == "Leistungsarten" and schemas.errors("taxonomy", taxonomy) == []
    assert [e for t in terms["contents"] for e in schemas.errors("taxonomy_term", t)] == []
    assert {"Beratung", "Schuldnerberatung"} <= {t["name"] for t in terms["contents"]}
    assert term["name"] == "Schuldnerberatung"


# --- Query counts ------------------------------------------------------------------------


def _grow(offers, service_type):
    provider = factories.ProviderFactory(location=POINT, street="Marktplatz 1", step_free=True)
    for _n in range(offers):
        offer = factories.OfferFactory(provider=provider, service_type=service_type, cost="5 €", elevator=True,
                                       by_appointment=True, age_min=6)
        add_slots(offer, (0, dt.time(9), dt.time(12), None), (2, dt.time(9), dt.time(12), 1))


@pytest.mark.parametrize("offers", [2, 12])
def test_export_with_structured_offers_runs_a_fixed_number_of_queries(django_assert_num_queries, service_types,
                                                                      offers):
    _grow(offers, service_types["debt"])
    # providers, offers, the four taxonomies' terms, languages, opening slots; the links of
    # offers to target groups, quarters and languages, and of providers to languages
    with django_assert_num_queries(12):
        tables = hsds.export_tables()
    assert len(tables["schedule"]) == 3 * offers


@pytest.mark.parametrize("offers", [2, 12])
def test_api_with_structured_offers_runs_a_fixed_number_of_queries(client, django_assert_num_queries, service_types,
                                                                   offers):
    _grow(offers, service_types["debt"])
    service_id = _service_id(Offer.objects.order_by("pk").last())
    # count, offers page (+ provider, field, service type), target groups, quarters,
    # languages, opening slots, provider languages
    with django_assert_num_queries(7):
        assert _json(client.get(API + "services", {"full": "true", "per_page": 500}))["size"] == offers
    # the same without the count
    with django_assert_num_queries(6):
        _json(client.get(API + f"services/{service_id}"))
    # count, providers page, languages, offers
    with django_assert_num_queries(4):
        _json(client.get(API + "organizations", {"full": "true"}))
    # the four taxonomies' terms
    with django_assert_num_queries(4):
        _json(client.get(API + "taxonomy_terms"))

