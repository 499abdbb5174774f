"""Chapter 9 "Netzwerk der Akteure" of the concept report: in the PDF, tagged, the picture
with its text alternative, the key figures and the isolated actors."""

import pytest
from django.db import transaction

from network.models import Cooperation
from providers.models import Provider
from sozialraum.portal.concept.data import concept_data
from sozialraum.portal.concept.render import render_concept, table_of_contents
from tests.sozialraum.portal.concept.helpers import build_programme, pdf_reader, pdf_text

pytestmark = pytest.mark.django_db

ALT = "Netzwerk der Akteure: 5 Akteure, 2 Verbindungen, davon 2 ohne Verbindung."


def build():
    build_programme()
    # Caritas is partner of measure 6.0 (lead: Stadt Iserlohn, Ressort Soziales); Diakonie and
    # the Bahnhofsmission Krefeld (alone at its workshop) have no link, until a cooperation:
    Cooperation.objects.create(
        first_provider=Provider.objects.get(slug="caritas"),
        second_institution="Quartiersbüro Obere Mühle",
        kind=Cooperation.Kind.JOINT_OFFER,
    )


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        build()
        data = concept_data()
        result = (data, render_concept(data))
        transaction.set_rollback(True)
    return result


def figures_with_alt(reader):
    """The /Alt texts of the /Figure elements in the structure tree."""
    found = []

    def walk(node):
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if node.get("/S") == "/Figure" and "/Alt" in node:
            found.append(str(node["/Alt"]))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") or isinstance(kid, dict):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_chapter_data(rendered):
    data, _pdf = rendered
    chapter = data.network

    assert sorted(actor.name for actor in chapter.actors) == [
        "Bahnhofsmission Krefeld", "Caritasverband Iserlohn", "Diakonie Mark-Ruhr", "Quartiersbüro Obere Mühle",
        "Stadt Iserlohn, Ressort Soziales",
    ]
    assert [actor.name for actor in chapter.isolated] == ["Bahnhofsmission Krefeld", "Diakonie Mark-Ruhr"]
    assert chapter.alt_text == ALT


def test_the_chapter_is_in_the_pdf_with_its_figures_and_isolated_actors(rendered):
    _data, pdf = rendered
    text = pdf_text(pdf.pdf)
    chapter = text.split("9 Netzwerk der Akteure Akteure sind")[1].split("A.1 Zielgruppen")[0]

    assert "9.1 Kennzahlen Akteure 5 Verbindungen 2" in chapter
    assert "Akteure ohne Verbindung 2" in chapter
    isolated = chapter.split("9.2 Akteure ohne Verbindung")[1].split("9.3")[0]
    assert "Bahnhofsmission Krefeld" in isolated and "Diakonie Mark-Ruhr" in isolated
    assert "Caritasverband" not in isolated
    assert "Unveröffentlichte Maßnahme" not in chapter


def test_the_picture_has_alt_text_and_the_pdf_stays_tagged(rendered):
    _data, pdf = rendered
    reader = pdf_reader(pdf.pdf)

    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert ALT in figures_with_alt(reader)


def test_the_table_of_contents_names_the_chapter(rendered):
    data, _pdf = rendered

    titles = [entry["title"] for entry in table_of_contents(data)]

    assert titles.index("9 Netzwerk der Akteure") == titles.index("Anhang") - 4
