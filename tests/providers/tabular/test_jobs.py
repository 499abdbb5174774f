"""The provider table's import and the exports as background jobs, through the real queue."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from providers.models import Offer, Provider
from sozialraum.operations.models import Job
from tests import factories
from tests.providers.tabular.test_structured_columns import offer_table, table
from tests.sozialraum.operations.helpers import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def preview_and_confirm(client, data):
    url = reverse("admin:providers_provider_import")
    client.post(url, {"file": SimpleUploadedFile("anbieter.csv", data), "_preview": "1"})
    return client.post(url, {"_confirm": "1"})


def test_confirmed_import_returns_at_once_and_the_worker_writes_it(editor_client, editor):
    response = preview_and_confirm(editor_client, offer_table())

    job = Job.objects.get(kind="providers.import")
    assert response["Location"] == job.get_absolute_url()
    assert not Provider.objects.exists()  # nothing written in the request
    assert "wartet" in editor_client.get(job.get_absolute_url()).content.decode()

    run_worker()

    offer = Offer.objects.get(slug="beratung")
    assert offer.provider.slug == "caritas"
    assert offer.history.latest().history_user == editor  # written in the name of who confirmed
    response = editor_client.get(job.get_absolute_url(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:providers_provider_changelist")
    assert "Import abgeschlossen: 1 Anbieter neu" in response.content.decode()


def test_an_import_that_no_longer_fits_fails_with_row_and_message_and_writes_nothing(editor_client):
    preview_and_confirm(editor_client, offer_table(Leistungsart="Raumfahrt"))

    run_worker()

    job = Job.objects.get(kind="providers.import")
    assert job.status == Job.Status.FAILED
    assert "Zeile 2" in job.message and "Raumfahrt" in job.message and "nichts geändert" in job.message
    assert not Provider.objects.exists()
    assert job.message in editor_client.get(job.get_absolute_url()).content.decode()


def test_hsds_export_job_gives_a_zip_of_the_hsds_tables(editor_client):
    offer = factories.OfferFactory(title="Sprachcafé")

    response = editor_client.post(reverse("admin:providers_provider_export", args=["hsds"]))
    job = Job.objects.get(kind="providers.export.hsds")
    assert response["Location"] == job.get_absolute_url()
    run_worker()

    download = editor_client.get(reverse("operations:job-result", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert {"organization.json", "service.json", "taxonomy_term.json"} <= set(archive.namelist())
    services = json.loads(archive.read("service.json"))
    assert [service["name"] for service in services] == ["Sprachcafé"]
    organizations = json.loads(archive.read("organization.json"))
    assert organizations[0]["name"] == offer.provider.name


def test_export_refuses_get_and_unknown_formats(editor_client):
    assert editor_client.get(reverse("admin:providers_provider_export", args=["csv"])).status_code == 405
    assert editor_client.post(reverse("admin:providers_provider_export", args=["pdf"])).status_code == 400
    assert not Job.objects.exists()


# --- a large table is previewed by the worker -----------------------------------------------

IMPORT_URL = "admin:providers_provider_import"


def two_offer_table(**cells):
    return table(
        ["Kennung", "Name", "Angebots-Kennung", "Angebot", *cells],
        ["caritas", "Caritas", "beratung", "Beratung", *cells.values()],
        ["caritas", "Caritas", "sprachcafe", "Sprachcafé", *cells.values()],
    )


@pytest.fixture
def small_inline_limit(settings):
    settings.IMPORT_PREVIEW_INLINE_ROWS = 1


def upload(client, data, name="anbieter.csv"):
    return client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile(name, data), "_preview": "1"})


def test_large_table_is_previewed_by_the_worker_then_imported(editor_client, editor, small_inline_limit):
    response = upload(editor_client, two_offer_table())

    preview_job = Job.objects.get(kind="providers.import-preview")
    assert response["Location"] == preview_job.get_absolute_url()
    assert not Provider.objects.exists()
    run_worker()
    page = editor_client.get(preview_job.get_absolute_url(), follow=True)

    assert page.redirect_chain[-1][0] == reverse(IMPORT_URL) + f"?vorschau={preview_job.pk}"
    html = page.content.decode()
    assert "Die Vorschau ist fertig: 2 Zeilen, 0 Fehler." in html
    assert "Vorschau für „anbieter.csv“" in html
    assert "Anbieter: 1 neu, 0 geändert, 0 unverändert. Angebote: 2 neu, 0 geändert, 0 unverändert." in html
    assert "sprachcafe" in html
    assert not Provider.objects.exists()  # a preview writes nothing

    confirm = editor_client.post(reverse(IMPORT_URL), {"_confirm": "1"})
    import_job = Job.objects.get(kind="providers.import")
    assert confirm["Location"] == import_job.get_absolute_url()
    run_worker()
    assert sorted(Offer.objects.values_list("slug", flat=True)) == ["beratung", "sprachcafe"]
    assert Offer.objects.get(slug="beratung").history.latest().history_user == editor


def test_large_table_with_errors_shows_row_and_column_and_no_import_button(editor_client, small_inline_limit):
    upload(editor_client, two_offer_table(Leistungsart="Raumfahrt"))
    run_worker()
    job = Job.objects.get(kind="providers.import-preview")

    html = editor_client.get(job.get_absolute_url(), follow=True).content.decode()

    assert "Die Datei enthält 2 Fehler." in html
    assert "Raumfahrt" in html
    assert "Alle Zeilen importieren" not in html
    assert not Provider.objects.exists()


def test_broken_large_file_is_refused_at_once_without_a_job(editor_client, small_inline_limit):
    response = upload(editor_client, b"\x00\x01kein Text", name="anbieter.xlsx")

    assert response.status_code == 400
    assert "es wurde nichts geändert" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.parametrize("value", ["kein-schluessel", "00000000-0000-0000-0000-000000000000"])
def test_unknown_preview_is_a_german_message_not_an_error(editor_client, value):
    response = editor_client.get(reverse(IMPORT_URL) + f"?vorschau={value}", follow=True)

    assert response.status_code == 200
    assert "Diese Vorschau gibt es nicht (mehr)." in response.content.decode()


def test_the_preview_of_someone_else_stays_theirs(editor_client, administrator, small_inline_limit, client):
    upload(editor_client, two_offer_table())
    run_worker()
    job = Job.objects.get(kind="providers.import-preview")
    client.force_login(administrator)

    html = client.get(reverse(IMPORT_URL) + f"?vorschau={job.pk}", follow=True).content.decode()

    assert "Diese Vorschau gibt es nicht (mehr)." in html
    assert "sprachcafe" not in html
