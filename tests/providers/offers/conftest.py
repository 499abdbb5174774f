"""A small catalogue for the offer search, at a fixed moment: Tuesday, 3 March 2026, 10:30.

| offer | provider | type | times | cost | place | languages | age | quarters | groups |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| family | Caritas (step-free) | Erziehungsberatung | Tue 14–17, 1st Wed 15–17 | free | the provider's | tr, ar | – | süd | Familien |
| debt | Diakonie (step-free) | Schuldnerberatung | Thu 9–12, last Fri 13–15 | reduced | own, not step-free, 970 m | de | – | nord | – |
| language | AWO (not step-free) | Sprachkurs | the provider's: Mon 14–16 | donation | the provider's | the provider's: ar, ru | 16+ | süd, nord | – |
| seniors | Caritas | Seniorentreff | Tue 10–12 | free | own, step-free, 210 m | de | 60+ | süd | Senioren |
| homework | Diakonie | Hausaufgabenhilfe | by appointment | free | the provider's (4.5 km) | – (Diakonie: de) | 6–12 | nord | Alleinerziehende |

Not found: a paused and an ended offer.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from providers.models import Offer, ServiceType
from tests import factories

NOW = timezone.make_aware(dt.datetime(2026, 3, 3, 10, 30))  # a Tuesday
CENTRE = (51.3745, 7.6960)  # lat, lon


def point(lat, lon):
    return {"type": "Point", "coordinates": [lon, lat]}


def slot(owner, weekday, opens, closes, ordinal=None):
    """A slot of an offer or of a provider (ordinal: the n-th, or -1 the last, in the month)."""
    owners = {"offer": owner, "provider": None} if isinstance(owner, Offer) else {"offer": None, "provider": owner}
    return factories.OpeningSlotFactory(
        **owners,
        weekday=weekday,
        opens=dt.time(*opens),
        closes=dt.time(*closes),
        ordinal=ordinal,
    )


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    """The search and the offer pages see NOW as the present moment."""
    monkeypatch.setattr("providers.offers.opening.local_now", lambda: NOW)
    return NOW


@pytest.fixture(autouse=True)
def no_tiles(settings):
    settings.MAP_TILES_URL = ""
    settings.PORTAL_STATE = "NW"


def service_type(slug):
    return ServiceType.objects.get(slug=slug)


@pytest.fixture
def catalogue(db, quarter):
    south = quarter
    north = factories.QuarterFactory(name="Nördliche Innenstadt", slug="noerdliche-innenstadt")
    families = factories.TargetGroupFactory(name="Familien", slug="familien")
    single_parents = factories.TargetGroupFactory(name="Alleinerziehende", slug="alleinerziehende", parent=families)
    seniors = factories.TargetGroupFactory(name="Senioren", slug="senioren", min_age=65)
    de = factories.LanguageFactory(code="de", name="Deutsch")
    tr = factories.LanguageFactory(code="tr", name="Türkisch")
    ar = factories.LanguageFactory(code="ar", name="Arabisch")
    ru = factories.LanguageFactory(code="ru", name="Russisch")

    caritas = factories.ProviderFactory(
        name="Caritasverband Iserlohn",
        slug="caritas",
        street="Karlstraße 15",
        postcode="58636",
        phone="02371 12345",
        email="beratung@caritas.example",
        step_free=True,
        location=point(51.3770, 7.6960),
    )
    caritas.languages.set([de, tr])
    diakonie = factories.ProviderFactory(
        name="Diakonie Mark-Ruhr", slug="diakonie", step_free=True, location=point(51.4150, 7.6960)
    )
    diakonie.languages.set([de])
    awo = factories.ProviderFactory(name="AWO Ortsverein", slug="awo", closed_on_holidays=False)
    awo.languages.set([ar, ru])

    family = factories.OfferFactory(
        provider=caritas,
        title="Erziehungs- und Familienberatung",
        slug="familienberatung",
        description="Vertrauliche Gespräche für Eltern, Kinder und Jugendliche.",
        service_type=service_type("erziehungsberatung"),
        cost_kind=Offer.Cost.FREE,
        target_groups=[families],
        quarters=[south],
        languages=[tr, ar],
    )
    slot(family, 1, (14, 0), (17, 0))
    slot(family, 2, (15, 0), (17, 0), ordinal=1)

    debt = factories.OfferFactory(
        provider=diakonie,
        title="Offene Sprechstunde Schuldnerberatung",
        slug="schuldnerberatung",
        service_type=service_type("schuldnerberatung"),
        cost_kind=Offer.Cost.REDUCED,
        cost="5 €, ermäßigt 2 €",
        place="Gemeindehaus, Kirchstraße 3",
        location=point(51.3745, 7.7100),
        step_free=False,
        quarters=[north],
        languages=[de],
        appointment_required=True,
    )
    slot(debt, 3, (9, 0), (12, 0))
    slot(debt, 4, (13, 0), (15, 0), ordinal=-1)

    language = factories.OfferFactory(
        provider=awo,
        title="Sprachcafé Deutsch",
        slug="sprachcafe",
        service_type=service_type("sprachkurs"),
        cost_kind=Offer.Cost.DONATION,
        age_min=16,
        quarters=[south, north],
    )
    slot(awo, 0, (14, 0), (16, 0))

    seniors_offer = factories.OfferFactory(
        provider=caritas,
        title="Seniorentreff am Markt",
        slug="seniorentreff",
        service_type=service_type("seniorentreff"),
        cost_kind=Offer.Cost.FREE,
        place="Markt 1",
        location=point(51.3745, 7.6990),
        step_free=True,
        age_min=60,
        target_groups=[seniors],
        quarters=[south],
        languages=[de],
    )
    slot(seniors_offer, 1, (10, 0), (12, 0))

    homework = factories.OfferFactory(
        provider=diakonie,
        title="Hausaufgabenhilfe",
        slug="hausaufgabenhilfe",
        service_type=service_type("hausaufgabenhilfe"),
        cost_kind=Offer.Cost.FREE,
        by_appointment=True,
        age_min=6,
        age_max=12,
        target_groups=[single_parents],
        quarters=[north],
    )

    paused = factories.OfferFactory(
        provider=caritas,
        title="Elterncafé",
        slug="elterncafe",
        paused_until=dt.date(2026, 4, 30),
        cost_kind=Offer.Cost.FREE,
        quarters=[south],
    )
    ended = factories.OfferFactory(provider=caritas, title="Alte Beratung", slug="alt", active=False, quarters=[south])

    return SimpleNamespace(
        south=south,
        north=north,
        families=families,
        single_parents=single_parents,
        seniors=seniors,
        de=de,
        tr=tr,
        ar=ar,
        ru=ru,
        caritas=caritas,
        diakonie=diakonie,
        awo=awo,
        family=family,
        debt=debt,
        language=language,
        seniors_offer=seniors_offer,
        homework=homework,
        paused=paused,
        ended=ended,
    )


def titles(response):
    """The titles of the results on the page, in their order."""
    assert response.status_code == 200, response.content.decode()[:2000]
    return [card.offer.title for card in response.context["cards"]]
