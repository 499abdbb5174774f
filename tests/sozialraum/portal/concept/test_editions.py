"""Published editions: publishing stores the PDF once; downloads serve the stored bytes."""

import datetime as dt
import hashlib
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from sozialraum.models import ConceptEdition
from sozialraum.operations.models import Job
from sozialraum.portal.concept import render as concept_render
from sozialraum.portal.concept.render import RenderedConcept
from sozialraum.portal.concept.services import edition_publish
from tests import factories
from tests.sozialraum.operations.helpers import run_worker
from tests.sozialraum.portal.concept.helpers import pdf_reader, pdf_text

FAKE_PDF = b"%PDF-1.7\n% fake edition for tests\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def fake_render():
    """Publishing without WeasyPrint, for tests about the web side."""
    with mock.patch(
        "sozialraum.portal.concept.services.render_concept", return_value=RenderedConcept(pdf=FAKE_PDF, page_count=3)
    ) as patched:
        yield patched


@pytest.fixture
def no_rendering():
    """Any attempt to render fails the test: downloads must serve stored files."""
    boom = AssertionError("a download rendered the report")
    with (
        mock.patch.object(concept_render, "render_concept", side_effect=boom),
        mock.patch.object(concept_render, "render_document", side_effect=boom),
        mock.patch.object(concept_render, "render_concept_pdf", side_effect=boom),
        mock.patch("sozialraum.portal.concept.tasks.render_concept", side_effect=boom),
        mock.patch("weasyprint.HTML", side_effect=boom),
    ):
        yield


def make_edition(name, presented_on, content=FAKE_PDF, presented_to="Sozialausschuss", slug=None):
    edition = ConceptEdition(
        name=name,
        slug=slug or name.lower().replace(" ", "-"),
        presented_on=presented_on,
        presented_to=presented_to,
        file_size=len(content),
        page_count=3,
        sha256=hashlib.sha256(content).hexdigest(),
    )
    edition.pdf.save(f"{edition.slug}.pdf", ContentFile(content), save=False)
    edition.save()
    return edition


# --- publishing ------------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_stores_a_file_that_later_data_changes_do_not_alter(client, editor, media_root):
    measure = factories.MeasureFactory(code="6.0", title="Durchführung eines Sozialraumkonzeptes")

    edition = edition_publish(
        name="Gesamtkonzept 2011",
        presented_on=dt.date(2011, 6, 15),
        presented_to="Sozialausschuss",
        note="Erste Fassung",
        user=editor,
    )

    stored = edition.pdf.read()
    edition.pdf.close()
    assert stored.startswith(b"%PDF")
    assert edition.slug == "gesamtkonzept-2011"
    assert edition.file_size == len(stored)
    assert edition.sha256 == hashlib.sha256(stored).hexdigest()
    assert edition.page_count == len(pdf_reader(stored).pages)
    assert edition.published_by == editor
    assert (media_root / edition.pdf.name).is_file()
    text = pdf_text(stored)
    assert "Gesamtkonzept 2011" in text and "Sozialausschuss" in text and "15. Juni 2011" in text

    measure.title = "Neuer Titel nach der Sitzung"
    measure.save()
    factories.MeasureFactory(code="7.0", title="Später hinzugekommen")

    response = client.get(reverse("concept:edition-download", args=[edition.slug]))
    served = b"".join(response.streaming_content)
    assert served == stored
    assert "Neuer Titel" not in pdf_text(served) and "Durchführung eines Sozialraumkonzeptes" in pdf_text(served)


@pytest.mark.django_db
def test_publishing_spells_out_umlauts_in_the_slug(editor, fake_render):
    edition = edition_publish(name="Fortschreibung für Größere Maßnahmen", presented_on=dt.date(2026, 1, 1),
                              user=editor)
    assert edition.slug == "fortschreibung-fuer-groessere-massnahmen"
    assert edition.get_absolute_url() == "/konzept/fortschreibung-fuer-groessere-massnahmen.pdf"


@pytest.mark.django_db
def test_publishing_refuses_a_slug_taken_or_reserved(editor, fake_render):
    make_edition("Fortschreibung 2026", dt.date(2026, 3, 1), slug="fortschreibung-2026")
    with pytest.raises(ValidationError) as taken:
        edition_publish(name="Fortschreibung 2026", presented_on=dt.date(2026, 4, 1), user=editor)
    assert "slug" in taken.value.message_dict
    with pytest.raises(ValidationError) as reserved:
        edition_publish(name="Aktuell", presented_on=dt.date(2026, 4, 1), user=editor)
    assert "reserviert" in reserved.value.message_dict["slug"][0]
    assert ConceptEdition.objects.count() == 1
    fake_render.assert_not_called()


# --- public list -------------------------------------------------------------------


@pytest.mark.django_db
def test_edition_list_shows_editions_newest_first(client):
    make_edition("Gesamtkonzept 2011", dt.date(2011, 6, 15))
    make_edition("Fortschreibung 2026", dt.date(2026, 3, 12), presented_to="Rat der Stadt")

    response = client.get(reverse("concept:edition-list"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Fortschreibung 2026") < html.index("Gesamtkonzept 2011")
    assert "12.03.2026" in html and "15.06.2011" in html and "Rat der Stadt" in html
    assert reverse("concept:edition-download", args=["gesamtkonzept-2011"]) in html
    assert reverse("concept:current") in html
    assert reverse("concept:draft") not in html  # staff links only for staff


@pytest.mark.django_db
def test_edition_list_without_editions_says_so(client):
    response = client.get(reverse("concept:edition-list"))
    assert response.status_code == 200
    assert "Es ist noch keine Ausgabe des Gesamtkonzepts veröffentlicht." in response.content.decode()


@pytest.mark.django_db
def test_edition_list_query_count_is_fixed(client, django_assert_num_queries):
    make_edition("Ausgabe 1", dt.date(2020, 1, 1))
    with django_assert_num_queries(1):  # the editions
        client.get(reverse("concept:edition-list"))
    for number in range(2, 12):
        make_edition(f"Ausgabe {number}", dt.date(2020, 1, number))
    with django_assert_num_queries(1):
        response = client.get(reverse("concept:edition-list"))
    assert response.content.decode().count(".pdf") >= 11


# --- downloads ---------------------------------------------------------------------


@pytest.mark.django_db
def test_edition_download_serves_the_stored_bytes(client, no_rendering):
    edition = make_edition("Gesamtkonzept 2011", dt.date(2011, 6, 15))

    response = client.get(edition.get_absolute_url())

    assert edition.get_absolute_url() == "/konzept/gesamtkonzept-2011.pdf"
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(FAKE_PDF))
    assert 'filename="Gesamtkonzept-gesamtkonzept-2011-2011-06-15.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == FAKE_PDF


@pytest.mark.django_db
def test_current_is_the_newest_published_edition(client, no_rendering):
    make_edition("Gesamtkonzept 2011", dt.date(2011, 6, 15), content=b"%PDF-1.7 alt")
    make_edition("Fortschreibung 2026", dt.date(2026, 3, 12), content=b"%PDF-1.7 neu")

    response = client.get(reverse("concept:current"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 neu"
    assert "fortschreibung-2026" in response["Content-Disposition"]
    # the next publication changes what is current: caches must not keep it
    assert response["Cache-Control"] == "no-cache"


@pytest.mark.django_db
def test_current_without_editions_is_a_german_404(client, no_rendering):
    response = client.get(reverse("concept:current"))
    assert response.status_code == 404
    assert "Es ist noch keine Ausgabe des Gesamtkonzepts veröffentlicht." in response.content.decode()


@pytest.mark.django_db
def test_unknown_edition_is_a_german_404(client, no_rendering):
    response = client.get("/konzept/gibt-es-nicht.pdf")
    assert response.status_code == 404
    assert "Diese Ausgabe des Gesamtkonzepts gibt es nicht." in response.content.decode()


@pytest.mark.django_db
def test_download_of_a_lost_file_is_a_german_404(client, no_rendering, media_root):
    edition = make_edition("Gesamtkonzept 2011", dt.date(2011, 6, 15))
    (media_root / edition.pdf.name).unlink()
    response = client.get(edition.get_absolute_url())
    assert response.status_code == 404
    assert "nicht mehr vorhanden" in response.content.decode()


@pytest.mark.django_db
def test_downloads_refuse_post(client):
    edition = make_edition("Gesamtkonzept 2011", dt.date(2011, 6, 15))
    assert client.post(edition.get_absolute_url()).status_code == 405


# --- staff: draft and publishing -----------------------------------------------------


@pytest.mark.django_db
def test_draft_redirects_anonymous_users_to_login(client):
    response = client.get(reverse("concept:draft"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_draft_is_forbidden_without_permission(client, plain_user):
    client.force_login(plain_user)
    assert client.get(reverse("concept:draft")).status_code == 403


@pytest.mark.django_db
def test_draft_renders_the_current_data_for_the_redaktion(editor_client, media_root):
    factories.MeasureFactory(code="6.0", title="Maßnahme für den Entwurf")

    response = editor_client.post(reverse("concept:draft"))
    assert response.status_code == 302
    run_worker()  # the real queue and worker, the real WeasyPrint

    job = Job.objects.get()
    assert job.status == Job.Status.SUCCEEDED
    response = editor_client.get(reverse("operations:job-result", args=[job.pk]))
    assert response["Cache-Control"] == "private, no-store"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Entwurf" in text and "Maßnahme für den Entwurf" in text


@pytest.mark.django_db
def test_publish_form_requires_login_and_permission(client, plain_user):
    url = reverse("concept:publish")
    assert client.get(url)["Location"].startswith(reverse("admin:login"))
    client.force_login(plain_user)
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "X", "presented_on": "2026-03-12"}).status_code == 403
    assert not ConceptEdition.objects.exists()


@pytest.mark.django_db
def test_publish_form_publishes_an_edition(editor_client, editor, fake_render):
    response = editor_client.get(reverse("concept:publish"))
    assert response.status_code == 200
    assert "Konzeptausgabe veröffentlichen" in response.content.decode()

    response = editor_client.post(
        reverse("concept:publish"),
        {"name": "Fortschreibung 2026", "slug": "", "presented_on": "2026-03-12",
         "presented_to": "Sozialausschuss", "note": "Zweite Fassung"},
    )

    assert response.status_code == 302
    run_worker()
    edition = ConceptEdition.objects.get()
    assert (edition.slug, edition.presented_on, edition.published_by) == (
        "fortschreibung-2026", dt.date(2026, 3, 12), editor)
    assert edition.pdf.read() == FAKE_PDF and edition.page_count == 3
    edition.pdf.close()


@pytest.mark.django_db
def test_publish_form_rejects_bad_input_in_german(editor_client, fake_render):
    response = editor_client.post(reverse("concept:publish"), {"name": "", "presented_on": "15.13.2026"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert "Bitte ein gültiges Datum eingeben." in html
    response = editor_client.post(reverse("concept:publish"), {"name": "Entwurf", "presented_on": "2026-03-12"})
    assert response.status_code == 400
    assert "reserviert" in response.content.decode()
    assert not ConceptEdition.objects.exists()
    fake_render.assert_not_called()


@pytest.mark.django_db
def test_admin_add_is_the_publish_form(editor_client, fake_render):
    url = reverse("admin:sozialraum_conceptedition_add")
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "PDF erzeugen und veröffentlichen" in response.content.decode()

    response = editor_client.post(url, {"name": "Fortschreibung 2026", "presented_on": "2026-03-12"})

    assert response.status_code == 302
    run_worker()
    assert ConceptEdition.objects.get().slug == "fortschreibung-2026"
