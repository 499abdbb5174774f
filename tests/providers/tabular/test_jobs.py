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
from tests.providers.tabular.test_structured_columns import offer_table
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
