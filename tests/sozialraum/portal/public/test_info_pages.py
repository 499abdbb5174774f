"""Impressum, Datenschutz, Leichte Sprache, Gebärdensprache and the accessibility statement:
there from the start with German defaults, linked from every page, edited by staff with history."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from sozialraum.portal.public.models import AccessibilityStatement, InfoPage, KnownBarrier
from sozialraum.portal.public.services import public_pages_adopt_programme
from tests import factories

pytestmark = pytest.mark.django_db

PAGES = {
    "/impressum/": "Impressum",
    "/datenschutz/": "Datenschutzerklärung",
    "/leichte-sprache/": "Leichte Sprache",
    "/gebaerdensprache/": "Deutsche Gebärdensprache",
    "/barrierefreiheit/": "Erklärung zur Barrierefreiheit",
}


@pytest.mark.parametrize(("path", "heading"), PAGES.items())
def test_page_exists_from_the_start_with_german_text(client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "Stadt Iserlohn" in html  # the city of the settings: no programme entered yet


@pytest.mark.parametrize("path", [reverse("sozialraum:home"), "/massnahmen/", "/impressum/", "/gibt-es-nicht/"])
def test_every_page_links_the_legal_pages_in_its_footer(client, path):
    html = client.get(path).content.decode()
    footer = html[html.index("<footer"):]
    for link in ["/impressum/", "/datenschutz/", "/barrierefreiheit/", "/barrierefreiheit/barriere-melden/?seite=",
                 "/leichte-sprache/", "/gebaerdensprache/"]:
        assert f'href="{link}' in footer, (path, link)


def test_start_page_links_easy_language_and_sign_language(client):
    html = client.get(reverse("sozialraum:home")).content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    assert 'href="/leichte-sprache/">Leichte Sprache</a>' in main
    assert 'href="/gebaerdensprache/">Deutsche Gebärdensprache</a>' in main


def test_defaults_take_city_and_contact_from_the_programme():
    programme = factories.ProgrammeFactory(city="Stadt Völklingen", contact="Rathausplatz 1, 66333 Völklingen")
    assert public_pages_adopt_programme(programme=programme) == 5  # four pages and the statement
    imprint = InfoPage.objects.get(kind="impressum")
    assert "Stadt Völklingen" in imprint.body and "Rathausplatz 1, 66333 Völklingen" in imprint.body
    statement = AccessibilityStatement.objects.get()
    assert statement.body_name == "Stadt Völklingen"
    assert statement.feedback_contact == "Rathausplatz 1, 66333 Völklingen"
    assert statement.assessed_on == timezone.localdate()
    # again: nothing changes, no new history
    count = InfoPage.history.count()
    assert public_pages_adopt_programme(programme=programme) == 0
    assert InfoPage.history.count() == count


def test_defaults_never_overwrite_what_staff_edited():
    page = InfoPage.objects.get(kind="impressum")
    page.body = "Von der Redaktion geschrieben."
    page.save()  # a history entry without the default reason
    public_pages_adopt_programme(programme=factories.ProgrammeFactory(city="Stadt Krefeld"))
    page.refresh_from_db()
    assert page.body == "Von der Redaktion geschrieben."
    assert "Stadt Krefeld" in InfoPage.objects.get(kind="datenschutz").body


def test_body_markup_is_escaped_and_structured(client):
    page = InfoPage.objects.get(kind="leichte-sprache")
    page.body = "## Was gibt es?\n\n- Angebote\n- Termine\n\nEin <script>alert(1)</script> Satz."
    page.save()
    html = client.get("/leichte-sprache/").content.decode()
    assert "<h2>Was gibt es?</h2>" in html
    assert "<ul><li>Angebote</li><li>Termine</li></ul>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html


def test_sign_language_page_has_video_slot_and_transcript(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    html = client.get("/gebaerdensprache/").content.decode()
    assert "Das Video ist in Arbeit" in html
    assert "Abschrift des Videos" in html
    page = InfoPage.objects.get(kind="gebaerdensprache")
    page.video = ContentFile(b"\x00\x00\x00\x18ftypmp42", name="dgs.mp4")
    page.save()
    html = client.get("/gebaerdensprache/").content.decode()
    assert '<video controls preload="none" src="/media/gebaerdensprache/dgs' in html
    assert 'aria-describedby="abschrift"' in html and 'id="abschrift"' in html


def test_accessibility_statement_has_the_bitv_structure(client):
    statement = AccessibilityStatement.objects.get()
    statement.assessed_on = dt.date(2026, 11, 3)
    statement.save()
    KnownBarrier.objects.create(statement=statement, barrier="Die Tabelle X", alternative="Die Liste Y", order=9)
    html = client.get("/barrierefreiheit/").content.decode()
    for heading in ["Stand der Vereinbarkeit mit den Anforderungen", "Nicht barrierefreie Inhalte",
                    "Erstellung dieser Erklärung", "Feedback und Kontakt", "Schlichtungsverfahren"]:
        assert f"<h2>{heading}</h2>" in html
    assert "teilweise vereinbar" in html
    assert "BITV 2.0" in html and "EN 301 549" in html
    assert "zuletzt am 03.11.2026 geprüft" in html
    assert "<dd>Die Tabelle X</dd>" in html and "<dd>Die Liste Y</dd>" in html
    assert 'href="/barrierefreiheit/barriere-melden/"' in html
    assert "Ombudsstelle" in html  # the arbitration body of the state (PORTAL_STATE=NW)


@pytest.mark.parametrize("path", list(PAGES))
def test_page_query_count_is_fixed(client, django_assert_num_queries, path):
    # the page; the statement's known barriers
    with django_assert_num_queries(2 if path == "/barrierefreiheit/" else 1):
        client.get(path)


def test_pages_missing_answer_404(client):
    InfoPage.objects.filter(kind="impressum").delete()
    AccessibilityStatement.objects.all().delete()
    assert client.get("/impressum/").status_code == 404
    assert client.get("/barrierefreiheit/").status_code == 404


# --- Staff edit the pages in the admin, with history ---------------------------------------


def test_editor_changes_a_page_and_the_history_shows_it(editor_client):
    page = InfoPage.objects.get(kind="impressum")
    url = reverse("admin:public_infopage_change", args=[page.pk])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url, {"title": "Impressum", "description": "Wer wir sind.", "body": "## Herausgeberin\n\nStadt Hemer"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body.endswith("Stadt Hemer")
    assert page.history.count() == 2
    history = editor_client.get(reverse("admin:public_infopage_history", args=[page.pk])).content.decode()
    assert "<strong>Text:</strong>" in history and "tadt Hemer" in history  # long texts are shortened
    assert "Voreinstellung bei Einrichtung" in history  # the first entry: the default text


def test_editor_changes_statement_with_its_barriers(editor_client):
    statement = AccessibilityStatement.objects.get()
    url = reverse("admin:public_accessibilitystatement_change", args=[statement.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert editor_client.get(reverse("admin:public_accessibilitystatement_history", args=[statement.pk])).status_code == 200


def test_nobody_adds_or_deletes_the_pages(editor_client):
    page = InfoPage.objects.get(kind="impressum")
    assert editor_client.get(reverse("admin:public_infopage_add")).status_code == 403
    assert editor_client.get(reverse("admin:public_infopage_delete", args=[page.pk])).status_code == 403


@pytest.mark.parametrize("url_name", ["admin:public_infopage_changelist", "admin:public_accessibilitystatement_changelist",
                                      "admin:public_barrierreport_changelist"])
def test_staff_without_permission_and_provider_are_refused(client, staff_without_permissions, provider_user, url_name):
    for user in (staff_without_permissions, provider_user):
        client.force_login(user)
        assert client.get(reverse(url_name)).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("admin:public_infopage_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_privacy_statement_tells_what_a_workshop_registration_stores(client):
    html = client.get("/datenschutz/").content.decode()
    assert "Anmeldung zu Werkstätten und Veranstaltungen" in html
    assert "14 Tage nach der Veranstaltung löscht das Portal die Anmeldung automatisch" in html
