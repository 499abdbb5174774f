"""Uploaded documents of measures and workshops: only harmless types, not too large."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures.models import MeasureDocument
from tests import factories
from tests.admin_forms import admin_form_data
from workshops.models import WorkshopDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def post_document(client, obj, filename, content):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = admin_form_data(client.get(url))
    data.update({"documents-TOTAL_FORMS": "1", "documents-0-title": "Protokoll"})
    data["documents-0-file"] = SimpleUploadedFile(filename, content)
    return client.post(url, data)


def document_errors(response):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == "documents":
            return " ".join(str(e) for e in inline.formset.errors)
    return ""


@pytest.mark.parametrize(
    ("make", "model"), [(factories.MeasureFactory, MeasureDocument), (factories.WorkshopFactory, WorkshopDocument)]
)
def test_document_upload_accepts_pdf(editor_client, media, make, model):
    obj = make()
    response = post_document(editor_client, obj, "protokoll.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response.status_code == 302
    assert model.objects.filter(title="Protokoll").exists()


@pytest.mark.parametrize("filename", ["angriff.html", "skript.js", "bild.svg", "programm.exe"])
def test_document_upload_refuses_other_types(editor_client, media, filename):
    measure = factories.MeasureFactory()
    response = post_document(editor_client, measure, filename, b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert "ist nicht erlaubt" in document_errors(response)
    assert not MeasureDocument.objects.exists()


def test_document_upload_refuses_large_files(editor_client, media, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    workshop = factories.WorkshopFactory()
    response = post_document(editor_client, workshop, "gross.pdf", b"%PDF" + b"0" * 2048)
    assert response.status_code == 200
    assert "zu groß" in document_errors(response)
    assert not WorkshopDocument.objects.exists()
