"""manage.py backup → manage.py restore into a fresh database: the same public pages, the same
edition PDF (sha256) and the same history, on the database vendor of the test run."""

import json
import shutil

import pytest
from django.db import connection

from . import standalone

# Publishing through the real queue and worker; WeasyPrint is replaced by fixed bytes to keep
# the test short (the bytes must come back unchanged, whatever they are).
PUBLISH = """
from unittest import mock
from django.contrib.auth import get_user_model
from django.core.management import call_command
from sozialraum.portal.concept import services
from sozialraum.portal.concept.render import RenderedConcept
from sozialraum.operations.jobs import job_enqueue
from sozialraum.portal.concept import tasks
user = get_user_model().objects.create_user("redaktion-backup", password="x" * 20, is_staff=True)
job_enqueue(task=tasks.concept_publish, kind="concept.publish", title="Veröffentlichen", user=user,
            params={"name": "Fortschreibung 2026", "slug": "fortschreibung-2026", "presented_on": "2026-03-12",
                    "presented_to": "Sozialausschuss", "note": ""})
pdf = RenderedConcept(pdf=b"%PDF-1.7 Fortschreibung 2026 " + bytes(range(256)), page_count=1)
with mock.patch.object(services, "render_concept", return_value=pdf):
    call_command("jobs_worker", batch=True, startup_delay=False, verbosity=0)
"""

# What a resident and a committee member see, and what the history holds.
FINGERPRINT = """
import hashlib, json, re
from django.apps import apps
from django.test import Client
from sozialraum.models import ConceptEdition
client = Client()
pages = {}
for url in ["/", "/anbieter/", "/massnahmen/", "/angebote/", "/werkstaetten/", "/konzept/",
            "/konzept/aktuell.pdf", "/konzept/fortschreibung-2026.pdf"]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    body = re.sub(rb'(nonce|name="csrfmiddlewaretoken" value)="[^"]*"', b"", body)  # new in every response
    pages[url] = [response.status_code, hashlib.sha256(body).hexdigest()]
edition = ConceptEdition.objects.get()
history = {model._meta.label: model.objects.count() for model in apps.get_models()
           if model._meta.model_name.startswith("historical")}
print(json.dumps({"pages": pages, "edition_sha256": edition.sha256,
                  "pdf_sha256": hashlib.sha256(edition.pdf.read()).hexdigest(), "history": history}))
"""


def fingerprint(url, media):
    return json.loads(standalone.python(url, FINGERPRINT, DJANGO_MEDIA_ROOT=media).strip().splitlines()[-1])


@pytest.mark.django_db
def test_backup_then_restore_into_a_fresh_database_gives_the_same_portal(tmp_path):
    vendor = connection.vendor
    media, restored_media, folder = tmp_path / "media", tmp_path / "media-restored", tmp_path / "sicherung"
    media.mkdir()
    restored_media.mkdir()
    with standalone.fresh_database(vendor, tmp_path) as source:
        standalone.manage(source, "load_demo", "--no-staff-account", "--no-concept-edition", DJANGO_MEDIA_ROOT=media)
        standalone.python(source, PUBLISH, DJANGO_MEDIA_ROOT=media)
        before = fingerprint(source, media)
        done = standalone.manage(source, "backup", "--output", str(folder), DJANGO_MEDIA_ROOT=media)
        assert "Gesichert" in done.stdout

    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == vendor
    assert any(name.startswith("media/konzept/") for name in manifest["files"])
    assert (folder / "SHA256SUMS").read_text().count("\n") == len(manifest["files"])

    with standalone.empty_database(vendor, tmp_path) as target:
        done = standalone.manage(target, "restore", str(folder), DJANGO_MEDIA_ROOT=restored_media)
        assert "Wiederhergestellt" in done.stdout
        after = fingerprint(target, restored_media)

        assert after == before
        assert all(status == 200 for status, _digest in after["pages"].values())
        assert after["pdf_sha256"] == after["edition_sha256"]
        assert sum(after["history"].values()) > 0

        # A second restore into the now full database is refused, and nothing changes.
        again = standalone.manage(target, "restore", str(folder), check=False, DJANGO_MEDIA_ROOT=restored_media)
        assert again.returncode == 2 and "nicht leer" in again.stderr


@pytest.mark.django_db
def test_restore_refuses_a_damaged_backup(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    folder = tmp_path / "sicherung"
    with standalone.fresh_database(connection.vendor, tmp_path) as source:
        standalone.manage(source, "backup", "--output", str(folder), DJANGO_MEDIA_ROOT=media)
    database_file = next(path for path in folder.iterdir() if path.name.startswith("database."))
    with open(database_file, "ab") as damaged:
        damaged.write(b"x")
    with standalone.empty_database(connection.vendor, tmp_path) as target:
        done = standalone.manage(target, "restore", str(folder), check=False, DJANGO_MEDIA_ROOT=media)
        assert done.returncode == 2
        assert "beschädigt" in done.stderr
    shutil.rmtree(folder)
