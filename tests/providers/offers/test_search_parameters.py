"""/angebote/: every parameter alone and together, bad input, the page, the query count."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from providers.offers.filters import OfferFilter
from tests import factories

from .conftest import CENTRE, titles

NEAR = f"{CENTRE[0]},{CENTRE[1]}"

pytestmark = [pytest.mark.django_db]

URL = "/angebote/"
FAMILY = "Erziehungs- und Familienberatung"
DEBT = "Offene Sprechstunde Schuldnerberatung"
LANGUAGE = "Sprachcafé Deutsch"
SENIORS = "Seniorentreff am Markt"
HOMEWORK = "Hausaufgabenhilfe"
ALL = sorted([FAMILY, DEBT, LANGUAGE, SENIORS, HOMEWORK])


def found(client, **params):
    return titles(client.get(URL, params))


def test_without_parameters_lists_running_offers_by_title(client, catalogue):
    assert found(client) == ALL  # not the paused "Elterncafé", not the ended "Alte Beratung"


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"zielgruppe": "familien"}, [FAMILY, HOMEWORK]),  # with the sub-group Alleinerziehende
        ({"zielgruppe": "alleinerziehende"}, [HOMEWORK]),
        ({"zielgruppe": "senioren"}, [SENIORS]),
        ({"quartier": "suedliche-innenstadt"}, [FAMILY, LANGUAGE, SENIORS]),
        ({"quartier": "noerdliche-innenstadt"}, [HOMEWORK, DEBT, LANGUAGE]),
        ({"leistungsart": "schuldnerberatung"}, [DEBT]),
        ({"leistungsart": "beratung"}, [FAMILY, DEBT]),  # a group: all its types
        ({"sprache": "tr"}, [FAMILY]),  # the offer's own languages count, not Caritas' Turkish
        ({"sprache": "ar"}, [FAMILY, LANGUAGE]),  # the Sprachcafé has none: AWO's Arabic
        ({"sprache": ["tr", "ru"]}, [FAMILY, LANGUAGE]),  # any of them
        ({"sprache": "de"}, [HOMEWORK, DEBT, SENIORS]),
        ({"kostenlos": "1"}, [FAMILY, HOMEWORK, SENIORS]),
        ({"barrierefrei": "1"}, [FAMILY, HOMEWORK, SENIORS]),  # own place counts over the provider's
        ({"alter": "8"}, [FAMILY, HOMEWORK, DEBT]),
        ({"alter": "12"}, [FAMILY, HOMEWORK, DEBT]),  # bounds included
        ({"alter": "70"}, [FAMILY, DEBT, LANGUAGE, SENIORS]),
        ({"alter": "0"}, [FAMILY, DEBT]),
    ],
)
def test_each_parameter_alone(client, catalogue, params, expected):
    assert found(client, **params) == sorted(expected)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"geoeffnet": "jetzt"}, [SENIORS]),  # Tue 10:30: the Seniorentreff, Tue 10–12
        ({"geoeffnet": "heute"}, [FAMILY, SENIORS]),  # later today: Tue 14–17
        ({"geoeffnet": "woche"}, [FAMILY, DEBT, LANGUAGE, SENIORS]),  # not "by appointment" only
        ({"am": "2026-03-04"}, [FAMILY]),  # the first Wednesday of March
        ({"am": "2026-03-11"}, []),  # the second Wednesday
        ({"am": "2026-03-27"}, [DEBT]),  # the last Friday of March
        ({"am": "2026-03-20"}, []),  # a Friday, not the last
        ({"am": "2026-03-09"}, [LANGUAGE]),  # a Monday: AWO's times
        ({"am": "2026-03-03", "um": "15:00"}, [FAMILY]),
        ({"am": "2026-03-03", "um": "12:00"}, []),  # closing time is closed
        ({"am": "2026-03-03", "um": "10:00"}, [SENIORS]),  # opening time is open
        ({"um": "11:00"}, [SENIORS]),  # a time alone: today
    ],
)
def test_opening_parameters(client, catalogue, params, expected):
    assert found(client, **params) == sorted(expected)


def test_public_holidays_close_unless_the_owner_opens_on_them(client, catalogue):
    # Easter Monday 2026 in NW: AWO is open on public holidays, the others are not
    assert found(client, am="2026-04-06") == [LANGUAGE]
    catalogue.awo.closed_on_holidays = True
    catalogue.awo.save()
    assert found(client, am="2026-04-06") == []
    assert found(client, am="2026-04-13") == [LANGUAGE]  # a plain Monday


def test_validity_period_of_the_times(client, catalogue):
    catalogue.seniors_offer.hours_valid_until = "2026-03-05"
    catalogue.seniors_offer.save()
    assert found(client, am="2026-03-03") == [FAMILY, SENIORS]  # both on Tuesdays
    assert found(client, am="2026-03-10") == [FAMILY]
    catalogue.seniors_offer.hours_valid_from = "2026-03-04"
    catalogue.seniors_offer.save()
    assert found(client, geoeffnet="jetzt") == []


def test_near_sorts_by_distance_and_shows_it(client, catalogue):
    response = client.get(URL, {"nahe": NEAR})
    assert titles(response) == [SENIORS, FAMILY, DEBT]  # 210 m, 280 m, 970 m; AWO has no place
    distances = [card.distance for card in response.context["cards"]]
    assert distances == ["210 m", "280 m", "970 m"]
    html = response.content.decode()
    assert "210 m" in html and "Entfernung" in html
    assert found(client, nahe=NEAR, umkreis="500") == [SENIORS, FAMILY]
    wide = client.get(URL, {"nahe": NEAR, "umkreis": "20000"})
    assert titles(wide)[-1] == HOMEWORK  # at Diakonie's place
    assert wide.context["cards"][-1].distance == "4,5 km"


def test_near_pages_keep_the_order(client, catalogue):
    for number in range(25):
        factories.OfferFactory(
            provider=catalogue.awo,
            title=f"Treff {number:02d}",
            location={"type": "Point", "coordinates": [CENTRE[1], CENTRE[0] + 0.0001 * number]},
        )
    first = client.get(URL, {"nahe": NEAR})
    second = client.get(URL, {"nahe": NEAR, "page": "2"})
    assert titles(first)[:3] == ["Treff 00", "Treff 01", "Treff 02"]
    assert len(titles(first)) == 20 and len(titles(second)) == 8
    assert titles(second)[-1] == DEBT and "Treff 24" in titles(second)
    metres = [card.offer.distance_m for card in first.context["cards"] + second.context["cards"]]
    assert metres == sorted(metres)
    assert len(set(titles(first) + titles(second))) == 28
    html = first.content.decode()
    assert "nahe=51.3745%2C7.696&amp;page=2" in html  # the next page keeps the parameters


def test_all_parameters_together(client, catalogue):
    params = {
        "q": "Beratung",
        "zielgruppe": "familien",
        "quartier": "suedliche-innenstadt",
        "leistungsart": "erziehungsberatung",
        "sprache": ["tr", "ar"],
        "kostenlos": "1",
        "barrierefrei": "1",
        "alter": "35",
        "geoeffnet": "woche",
        "am": "2026-03-03",
        "um": "15:30",
        "nahe": NEAR,
        "umkreis": "2000",
    }
    assert found(client, **params) == [FAMILY]
    for name in params:  # each parameter on its own decides: change it and the offer goes
        changed = {**params, name: {"q": "Sport", "zielgruppe": "senioren", "quartier": "noerdliche-innenstadt",
                                    "leistungsart": "schuldnerberatung", "sprache": "ru", "kostenlos": "1",
                                    "barrierefrei": "1", "alter": "35", "geoeffnet": "jetzt", "am": "2026-03-05",
                                    "um": "09:00", "nahe": "51.5,7.5", "umkreis": "2000"}[name]}
        if name in ("kostenlos", "barrierefrei", "alter", "umkreis"):
            continue  # these hold for the family counselling anyway
        assert found(client, **changed) == [], name


def test_the_resident_question_in_one_search(client, catalogue):
    """A free counselling offer for families in the Südliche Innenstadt, in Turkish or
    Arabic, open this week, step-free."""
    params = {
        "leistungsart": "beratung",
        "zielgruppe": "familien",
        "quartier": "suedliche-innenstadt",
        "sprache": ["tr", "ar"],
        "kostenlos": "1",
        "geoeffnet": "woche",
        "barrierefrei": "1",
    }
    response = client.get(URL, params)
    assert titles(response) == [FAMILY]
    card = response.context["cards"][0]
    assert card.times == "Di 14:00–17:00 Uhr, jeden 1. Mi 15:00–17:00 Uhr"
    assert card.open_status == "öffnet heute 14:00 Uhr"
    assert card.cost == "kostenlos"
    assert card.access == ["stufenloser Zugang"]  # Caritas' place: the offer has none of its own
    assert card.languages == ["Arabisch", "Türkisch"]


# --- The page ---------------------------------------------------------------------------------


def test_page_shows_form_count_results_map_and_pdf_link(client, catalogue):
    response = client.get(URL, {"quartier": "suedliche-innenstadt", "kostenlos": "1"})
    html = response.content.decode()
    assert '<form class="filters offer-filters" method="get"' in html and 'role="search"' in html
    assert '<label for="id_q">Suchbegriff</label>' in html
    assert "<legend>Sprache des Angebots (eine davon genügt)</legend>" in html
    assert "2 Angebote gefunden" in html
    assert 'aria-label="Liste der gefundenen Angebote"' in html
    assert f'href="/angebote/caritas/familienberatung/">{FAMILY}</a>' in html
    assert "Caritasverband Iserlohn · Erziehungsberatung" in html
    assert 'id="karte-angebote"' in html and '"url": "/angebote/caritas/seniorentreff/"' in html
    assert 'href="/angebote/wegweiser.pdf?quartier=suedliche-innenstadt&amp;kostenlos=1"' in html
    assert "css/offers.css" in html
    assert '<input type="checkbox" name="kostenlos" value="1" id="id_kostenlos" checked>' in html
    assert '<input type="checkbox" name="barrierefrei" value="1" id="id_barrierefrei">' in html


def test_active_filters_are_removable_chips(client, catalogue):
    response = client.get(
        URL, {"q": "Beratung türkisch", "quartier": "suedliche-innenstadt", "sprache": ["tr", "ar"], "kostenlos": "1"}
    )
    chips = {chip.label: chip.remove_query for chip in response.context["chips"]}
    assert chips == {
        "Suchtext: „Beratung türkisch“": "?quartier=suedliche-innenstadt&sprache=tr&sprache=ar&kostenlos=1",
        "Sprache: Türkisch (aus dem Suchtext)": "?quartier=suedliche-innenstadt&sprache=tr&sprache=ar&kostenlos=1&q=Beratung",
        "Quartier: Südliche Innenstadt/Obere Mühle": "?q=Beratung+t%C3%BCrkisch&sprache=tr&sprache=ar&kostenlos=1",
        "Sprache: Türkisch": "?q=Beratung+t%C3%BCrkisch&quartier=suedliche-innenstadt&sprache=ar&kostenlos=1",
        "Sprache: Arabisch": "?q=Beratung+t%C3%BCrkisch&quartier=suedliche-innenstadt&sprache=tr&kostenlos=1",
        "kostenlos": "?q=Beratung+t%C3%BCrkisch&quartier=suedliche-innenstadt&sprache=tr&sprache=ar",
    }
    html = response.content.decode()
    assert 'aria-label="Filter entfernen: Quartier: Südliche Innenstadt/Obere Mühle"' in html
    assert 'href="/angebote/?q=Beratung+t%C3%BCrkisch&amp;sprache=tr&amp;sprache=ar&amp;kostenlos=1"' in html


def test_chip_of_the_only_filter_leads_back_to_all_offers(client, catalogue):
    response = client.get(URL, {"geoeffnet": "jetzt", "page": "1"})
    (chip,) = response.context["chips"]
    assert (chip.label, chip.remove_query) == ("jetzt geöffnet", "")
    assert 'href="/angebote/" aria-label="Filter entfernen: jetzt geöffnet"' in response.content.decode()


def test_chips_for_the_other_parameters(client, catalogue):
    response = client.get(
        URL,
        {"leistungsart": "beratung", "zielgruppe": "familien", "barrierefrei": "1", "alter": "35", "am": "2026-03-04",
         "um": "15:30", "nahe": NEAR, "umkreis": "1500"},
    )
    labels = [chip.label for chip in response.context["chips"]]
    assert labels == [
        "Leistungsart: Beratung (alle)",
        "Zielgruppe: Familien",
        "stufenloser Zugang",
        "Alter: 35 Jahre",
        "geöffnet am Mi, 4.3.2026",
        "um 15:30 Uhr",
        "im Umkreis von 1,5 km um 51,3745, 7,6960",
    ]
    assert titles(response) == [FAMILY]


def test_no_results_says_what_to_do(client, catalogue):
    html = client.get(URL, {"q": "Fallschirmspringen"}).content.decode()
    assert "0 Angebote gefunden" in html
    assert "Keine passenden Angebote gefunden." in html


def test_paginated_results_keep_the_parameters(client, catalogue):
    for number in range(25):
        factories.OfferFactory(provider=catalogue.awo, title=f"Kurs {number:02d}", quarters=[catalogue.south])
    response = client.get(URL, {"quartier": "suedliche-innenstadt"})
    assert len(titles(response)) == 20
    assert "?quartier=suedliche-innenstadt&amp;page=2" in response.content.decode()
    assert len(titles(client.get(URL, {"quartier": "suedliche-innenstadt", "page": "2"}))) == 8


# --- Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"zielgruppe": "gibt-es-nicht"}, "zielgruppe", "Diese Zielgruppe gibt es nicht."),
        ({"quartier": "'; DROP TABLE"}, "quartier", "Dieses Quartier gibt es nicht."),
        ({"leistungsart": "zauberei"}, "leistungsart", "Diese Leistungsart gibt es nicht."),
        ({"sprache": "xx"}, "sprache", "Die Sprache „xx“ gibt es hier nicht."),
        ({"alter": "abc"}, "alter", "Bitte das Alter als ganze Zahl in Jahren angeben"),
        ({"alter": "300"}, "alter", "Bitte ein Alter zwischen 0 und 120 Jahren angeben."),
        ({"alter": "-1"}, "alter", "Bitte ein Alter zwischen 0 und 120 Jahren angeben."),
        ({"am": "2026-02-30"}, "am", "Bitte ein gültiges Datum angeben (JJJJ-MM-TT)"),
        ({"am": "03.03.2026"}, "am", "Bitte ein gültiges Datum angeben (JJJJ-MM-TT)"),
        ({"am": "1900-01-01"}, "am", "Bitte ein Datum zwischen 2000 und 2100 angeben."),
        ({"um": "25:00"}, "um", "Bitte eine gültige Uhrzeit angeben (HH:MM)"),
        ({"nahe": "abc"}, "nahe", "Bitte den Ort als Breite und Länge angeben"),
        ({"nahe": "91,7.6"}, "nahe", "Bitte den Ort als Breite und Länge angeben"),
        ({"umkreis": "-5"}, "umkreis", "Bitte einen Umkreis zwischen 100 und 20000 Metern angeben."),
        ({"umkreis": "50000"}, "umkreis", "Bitte einen Umkreis zwischen 100 und 20000 Metern angeben."),
        ({"umkreis": "viel"}, "umkreis", "Bitte den Umkreis als ganze Zahl in Metern angeben"),
        ({"geoeffnet": "bald"}, "geoeffnet", "Bitte „jetzt“, „heute“ oder „woche“ angeben."),
        ({"kostenlos": "vielleicht"}, "kostenlos", "Bitte „1“ angeben oder den Filter weglassen."),
        ({"barrierefrei": "2"}, "barrierefrei", "Bitte „1“ angeben oder den Filter weglassen."),
        ({"q": "a" * 201}, "q", "Bitte höchstens 200 Zeichen eingeben."),
    ],
)
def test_bad_input_gives_400_with_a_german_message_at_the_field(client, catalogue, params, field, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Auswahl." in html
    assert message in html
    errors = response.context["filter"].form.errors
    assert list(errors) == [field] and message in errors[field][0]
    assert f'id="id_{field}-fehler"' in html  # the message, referenced by the field:
    assert f'aria-describedby="id_{field}-fehler"' in html
    assert response.context["cards"] == []


NUL_INPUT = [
    ({"q": "Beratung\x00"}, "q", "Nullzeichen sind nicht erlaubt."),
    ({"zielgruppe": "\x00"}, "zielgruppe", "Nullzeichen sind nicht erlaubt."),
    ({"sprache": "t\x00r"}, "sprache", "Nullzeichen sind nicht erlaubt."),
    ({"nahe": "51.3\x00,7.6"}, "nahe", "Bitte den Ort als Breite und Länge angeben"),
    ({"alter": "3\x004"}, "alter", "Bitte das Alter als ganze Zahl in Jahren angeben"),
    ({"am": "2026\x00-03-03"}, "am", "Bitte ein gültiges Datum angeben"),
    ({"geoeffnet": "jetzt\x00"}, "geoeffnet", "Bitte „jetzt“, „heute“ oder „woche“ angeben."),
]


@pytest.mark.parametrize("params, field, message", NUL_INPUT)
def test_nul_bytes_give_400(client, catalogue, params, field, message):
    # the project's middleware stops control characters before any view …
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "Die Anfrage enthält Steuerzeichen" in response.content.decode()


@pytest.mark.parametrize("params, field, message", NUL_INPUT)
def test_nul_bytes_are_refused_by_the_filters_too(catalogue, params, field, message):
    # … and the filters refuse them on their own, with a German message at the field
    filterset = OfferFilter(QueryDict(urlencode(params, doseq=True)))
    assert not filterset.is_valid()
    assert list(filterset.form.errors) == [field]
    assert message in filterset.form.errors[field][0]


def test_unknown_parameters_and_empty_values_are_ignored(client, catalogue):
    response = client.get(URL, {"farbe": "blau", "q": "", "zielgruppe": "", "sprache": "", "kostenlos": ""})
    assert titles(response) == ALL


@pytest.mark.parametrize("page", ["x", "1000", "-3"])
def test_bad_page_numbers_give_404(client, catalogue, page):
    assert client.get(URL, {"page": page}).status_code == 404


# --- Query count -----------------------------------------------------------------------------------


def grow(catalogue, size):
    """``size`` more offers of every kind, matching the filters below."""
    for number in range(size):
        offer = factories.OfferFactory(
            provider=catalogue.caritas,
            title=f"Familienberatung {number}",
            service_type=catalogue.family.service_type,
            cost_kind="free",
            target_groups=[catalogue.families],
            quarters=[catalogue.south],
            languages=[catalogue.tr],
        )
        factories.OpeningSlotFactory(offer=offer, weekday=1, opens="14:00", closes="17:00")


ALL_FILTERS = {
    "q": "Familienberatung",
    "zielgruppe": "familien",
    "quartier": "suedliche-innenstadt",
    "leistungsart": "beratung",
    "sprache": ["tr", "ar"],
    "kostenlos": "1",
    "barrierefrei": "1",
    "alter": "30",
    "geoeffnet": "woche",
    "am": "2026-03-03",
}
# checks of the chosen target group, quarter, service type and languages (4); count (1);
# page (1); prefetched languages, offer slots, provider slots, provider languages (4). Kept per content version, so read only by the first search: the languages
# named in q, the service types and target groups for q (3), the title vocabulary
# (SQLite) and the rendered choices of the four lists (4).
EXPECTED_QUERIES = 10


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_is_fixed_with_all_filters(client, catalogue, django_assert_num_queries, size, settings):
    settings.PAGE_CACHE_ENABLED = False  # the view's queries, not a cached page
    grow(catalogue, size)
    # warms the title vocabulary and the choices
    assert len(titles(client.get(URL, ALL_FILTERS))) == min(size + 1, 20)
    with django_assert_num_queries(EXPECTED_QUERIES):  # another search text: the same choices
        response = client.get(URL, {**ALL_FILTERS, "q": ALL_FILTERS["q"] + " "})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_is_fixed_near_a_point(client, catalogue, django_assert_num_queries, size):
    grow(catalogue, size)
    # checks of target group and quarter (2); the ranking (1); the page (1); prefetches (4);
    # choices (4)
    with django_assert_num_queries(12):
        response = client.get(
            URL, {"zielgruppe": "familien", "quartier": "suedliche-innenstadt", "nahe": NEAR}
        )
    assert len(titles(response)) == min(size + 1, 20)
