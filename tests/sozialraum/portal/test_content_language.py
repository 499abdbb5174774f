"""English pages: German content is marked lang="de", dates are written out, and the two
language controls of the directory have names of their own."""

import datetime as dt
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from tests import factories

pytestmark = [pytest.mark.django_db]

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# text that cannot carry a language of its own (the document title) or is no text (data)
NOT_TEXT = {"title", "script", "style"}


class _Languages(HTMLParser):
    """The language in force (nearest lang attribute) at every piece of text."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.texts = []  # (text, language)

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and not any(tag in NOT_TEXT for tag, _lang in self.stack):
            language = next((lang for _tag, lang in reversed(self.stack) if lang), None)
            self.texts.append((data.strip(), language))


def languages_of(html, text):
    """The languages in force wherever ``text`` appears on the page."""
    parser = _Languages()
    parser.feed(html)
    found = {language for data, language in parser.texts if text in data}
    assert found, f"„{text}“ is not on the page"
    return found


@pytest.fixture
def programme(settings, tmp_path):
    settings.MAP_TILES_URL = ""
    settings.MEDIA_ROOT = tmp_path
    quarter = factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle", description="Ein Quartier am Hang.")
    seniors = factories.TargetGroupFactory(name="Senioren", slug="senioren")
    turkish = factories.LanguageFactory(code="tr", name="Türkisch")
    provider = factories.ProviderFactory(
        name="Caritasverband Iserlohn", slug="caritas", description="Beratung für alle."
    )
    offer = factories.OfferFactory(
        provider=provider,
        title="Seniorenberatung",
        slug="seniorenberatung",
        target_groups=[seniors],
        quarters=[quarter],
    )
    offer.languages.add(turkish)
    measure = factories.MeasureFactory(
        slug="stadtteilbuero",
        title="Stadtteilbüro",
        summary="Eine Anlaufstelle für alle im Quartier.",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2027, 12, 31),
        quarters=[quarter],
    )
    measure.target_groups.set([seniors])
    starts = dt.datetime(2026, 12, 17, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    workshop = factories.WorkshopFactory(
        title="Quartierswerkstatt Obere Mühle",
        slug="werkstatt",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )
    factories.WorkshopResultFactory(workshop=workshop, title="Sprachcafé")
    return {"quarter": quarter, "offer": offer, "measure": measure, "workshop": workshop, "provider": provider}


def english(client, path):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(path).content.decode()


@pytest.mark.parametrize(
    ("page", "texts"),
    [
        ("provider", ["Caritasverband Iserlohn", "Beratung für alle.", "Seniorenberatung", "Senioren", "Türkisch"]),
        ("offer", ["Seniorenberatung", "Caritasverband Iserlohn", "Senioren", "Türkisch", "Obere Mühle"]),
        ("measure", ["Stadtteilbüro", "Eine Anlaufstelle für alle im Quartier.", "Senioren", "Obere Mühle"]),
        ("workshop", ["Quartierswerkstatt Obere Mühle", "Sprachcafé"]),
        ("quarter", ["Obere Mühle", "Ein Quartier am Hang.", "Senioren", "Seniorenberatung", "Stadtteilbüro"]),
    ],
)
def test_german_content_on_english_pages_is_marked_german(client, programme, page, texts):
    html = english(client, programme[page].get_absolute_url())

    assert '<html lang="en">' in html
    for text in texts:
        assert languages_of(html, text) == {"de"}, text


@pytest.mark.parametrize("path", ["/anbieter/", "/angebote/", "/massnahmen/", "/werkstaetten/", "/"])
def test_list_pages_mark_german_names_and_filter_choices(client, programme, path):
    html = english(client, path)

    for text in {
        "/anbieter/": ["Caritasverband Iserlohn", "Seniorenberatung", "Türkisch"],
        "/angebote/": ["Seniorenberatung", "Türkisch"],
        "/massnahmen/": ["Stadtteilbüro", "Eine Anlaufstelle für alle im Quartier."],
        "/werkstaetten/": ["Quartierswerkstatt Obere Mühle"],
        "/": ["Stadtteilbüro", "Quartierswerkstatt Obere Mühle"],
    }[path]:
        assert languages_of(html, text) == {"de"}, text
    # the interface itself stays English
    assert languages_of(html, "Skip to content") == {"en"}


def test_german_pages_carry_no_extra_language_marks(client, programme):
    for path in ("/anbieter/", programme["measure"].get_absolute_url(), programme["offer"].get_absolute_url()):
        html = client.get(path).content.decode()
        assert html.count('lang="de"') == 1 + html.count('<option value="de" lang="de"'), (
            path
        )  # <html> and the switcher


def test_english_dates_are_written_out(client, programme):
    workshop = english(client, programme["workshop"].get_absolute_url())
    measure = english(client, programme["measure"].get_absolute_url())
    measures = english(client, "/massnahmen/")

    assert "Thursday, 17 December 2026, 18:00–20:00" in workshop
    assert "1 January 2025 – 31 December 2027" in measure
    assert "January 2025 – December 2027" in measures
    for html in (workshop, measure, measures):
        assert "12/17/2026" not in html and "01/2025" not in html


def test_german_dates_stay_as_they_were(client, programme):
    assert (
        "Donnerstag, 17. Dezember 2026, 18:00–20:00 Uhr"
        in client.get(programme["workshop"].get_absolute_url()).content.decode()
    )
    assert "01.01.2025 – 31.12.2027" in client.get(programme["measure"].get_absolute_url()).content.decode()
    assert "01/2025 – 12/2027" in client.get("/massnahmen/").content.decode()


def test_the_directory_names_its_two_language_controls_apart(client, programme):
    german = client.get("/anbieter/").content.decode()
    english_page = english(client, "/anbieter/")

    assert '<label for="language-select">Sprache der Seite</label>' in german
    assert '<label for="id_sprache">Sprache des Angebots</label>' in german
    assert ">Sprache<" not in german
    assert '<label for="language-select">Language of the page</label>' in english_page
    assert '<label for="id_sprache">Language of the offer</label>' in english_page
