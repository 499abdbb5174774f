"""CSV exports neutralise spreadsheet formulas (OWASP): a provider account can plant such a
text through self-service, and it must not run when staff open the export in Excel. The
import removes the guard again, so export → import → export changes nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from providers.models import Offer, Provider
from sozialraum.common.tabular import guard_formula, unguard_formula
from tests import factories
from tests.providers.tabular.jobs import export_table
from tests.sozialraum.operations.helpers import run_worker

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cells(content):
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    return [cell for row in rows for cell in row]


def _active_formulas(content):
    return [cell for cell in _cells(content) if cell.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_guard_and_unguard_round_trip(payload):
    guarded = guard_formula(payload)
    assert guarded == "'" + payload
    assert unguard_formula(guarded) == payload


@pytest.mark.parametrize("text", ["'=schon mit Apostroph", "''-zwei", "- Aufzählung", "Rock'n'Roll", "", "3 €"])
def test_texts_that_look_guarded_or_harmless_survive_the_round_trip(text):
    assert unguard_formula(guard_formula(text)) == text


def test_provider_export_has_no_active_formula_and_imports_back_unchanged(editor_client):
    provider = factories.ProviderFactory(name=PAYLOADS[0], description=PAYLOADS[1], slug="boese")
    factories.OfferFactory(provider=provider, slug="a", title=PAYLOADS[2], description=PAYLOADS[3])
    factories.OfferFactory(provider=provider, slug="b", title="- Aufzählung", place=PAYLOADS[4].strip("\t"))
    first = export_table(editor_client, "csv").content

    assert _active_formulas(first) == []
    assert "'" + PAYLOADS[0] in _cells(first)

    Provider.objects.all().delete()
    upload = SimpleUploadedFile("anbieter.csv", first)
    import_url = reverse("admin:providers_provider_import")
    assert editor_client.post(import_url, {"file": upload, "_preview": "1"}).status_code == 200
    assert editor_client.post(import_url, {"_confirm": "1"}).status_code == 302
    run_worker()  # the confirmed import is written by the worker

    provider = Provider.objects.get(slug="boese")
    assert (provider.name, provider.description) == (PAYLOADS[0], PAYLOADS[1])
    assert Offer.objects.get(slug="b").title == "- Aufzählung"
    assert export_table(editor_client, "csv").content == first


def test_measure_and_workshop_exports_have_no_active_formula(editor_client):
    factories.MeasureFactory(title=PAYLOADS[0], summary=PAYLOADS[3], lead=PAYLOADS[1])
    factories.WorkshopFactory(title=PAYLOADS[2], venue=PAYLOADS[3])

    for name in ("admin:measures_measure_export", "admin:workshops_workshop_export"):
        content = editor_client.get(reverse(name)).content
        assert _active_formulas(content) == [], name
        assert any(cell.startswith("'") for cell in _cells(content)), name
