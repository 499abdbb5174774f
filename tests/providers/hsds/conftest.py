"""A small catalogue for the API conformance tests: every kind of record the API writes."""

import datetime as dt

import pytest

from providers.models import Offer
from tests import factories

POINT = {"type": "Point", "coordinates": [7.6962, 51.3742]}


@pytest.fixture
def small_catalogue(db):
    """Two providers, one with address, point, phone, contact and access; offers at the
    provider's place (structured hours, cost, ages, terms), at a place of their own, without
    any place, paused and ended; target groups and service types with parent terms."""
    german = factories.LanguageFactory(code="de", name="Deutsch")
    arabic = factories.LanguageFactory(code="ar", name="Arabisch")
    families = factories.TargetGroupFactory(name="Familien", slug="familien", description="Eltern mit Kindern")
    children = factories.TargetGroupFactory(name="Kinder", slug="kinder", parent=families, min_age=0, max_age=13)
    counselling = factories.FieldOfActionFactory(name="Beratung", slug="beratung")
    south = factories.QuarterFactory(name="Südliche Innenstadt", slug="suedliche-innenstadt")
    advice = factories.ServiceTypeFactory(name="Beratung", slug="beratung")
    debt = factories.ServiceTypeFactory(name="Schuldnerberatung", slug="schuldnerberatung", parent=advice)
    caritas = factories.ProviderFactory(
        name="Caritasverband Iserlohn", slug="caritas", kind="welfare", description="Beratung für alle.",
        email="info@caritas.example", phone="02371 12345", website="https://caritas.example/",
        street="Karlstraße 15", postcode="58636", city="Iserlohn", location=POINT, contact_person="Frau Öztürk",
        step_free=True, accessibility="Klingel am Seiteneingang", last_verified=dt.date(2026, 9, 1),
    )
    caritas.languages.set([german, arabic])
    family_advice = factories.OfferFactory(
        provider=caritas, title="Familienberatung", slug="familienberatung", description="Rat für Mütter & Väter",
        target_groups=[families, children], quarters=[south], field_of_action=counselling, service_type=debt,
        languages=[german, arabic], opening_hours="in den Ferien geschlossen", cost="5 € pro Termin",
        cost_kind=Offer.Cost.PAID, by_appointment=True, appointment_required=True, age_min=18,
        hours_valid_from=dt.date(2026, 1, 1), hours_valid_until=dt.date(2026, 12, 31), elevator=True,
    )
    factories.OpeningSlotFactory(offer=family_advice, weekday=0, opens=dt.time(9), closes=dt.time(12))
    factories.OpeningSlotFactory(offer=family_advice, weekday=4, opens=dt.time(10), closes=dt.time(12), ordinal=-1)
    cafe = factories.OfferFactory(
        provider=caritas, title="Elterncafé", slug="elterncafe", place="Café Mühle, Obere Mühle 3",
        location={"type": "Point", "coordinates": [7.70, 51.37]}, cost_kind=Offer.Cost.FREE, accessible_toilet=True,
        target_groups=[children],
    )
    factories.OfferFactory(provider=caritas, title="Kleiderkammer", slug="kleiderkammer",
                           paused_until=dt.date(2099, 1, 31))
    factories.OfferFactory(provider=caritas, title="Alte Krabbelgruppe", slug="krabbelgruppe", active=False)
    initiative = factories.ProviderFactory(name="Initiative ohne Adresse", slug="initiative", city="")
    helpers = factories.OfferFactory(provider=initiative, title="Nachbarschaftshilfe", slug="nachbarschaftshilfe")
    return {"caritas": caritas, "initiative": initiative, "family_advice": family_advice, "cafe": cafe,
            "helpers": helpers, "families": families, "children": children, "south": south,
            "counselling": counselling, "advice": advice, "debt": debt}
