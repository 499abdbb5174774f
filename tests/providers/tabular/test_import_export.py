"""Import of providers with offers (CSV, XLSX): preview, all or nothing, idempotent; exports."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from providers.models import Offer, Provider
from providers.tabular.columns import HEADERS
from tests import factories
from tests.providers.tabular.jobs import EXPORT_JOB_QUERIES, export_table
from tests.sozialraum.operations.helpers import run_worker

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:providers_provider_import"

HEADER = "Kennung;Name;Art;PLZ;Ort;Breitengrad;Längengrad;zuletzt geprüft am;Angebots-Kennung;Angebot;Zielgruppen;Quartiere;Handlungsfeld;Angebot aktiv"
ROWS = [
    "caritas;Caritas Iserlohn;Wohlfahrtsverband;58636;Iserlohn;51,3745;7,696;31.12.2025;seniorentreff;Seniorentreff;Senioren;Obere Mühle;Gesundheit;ja",
    "caritas;Caritas Iserlohn;Wohlfahrtsverband;58636;Iserlohn;51,3745;7,696;31.12.2025;familiencafe;Familiencafé;Familien, Senioren;Obere Mühle;;nein",
    "buergerverein;Bürgerverein Obere Mühle;Verein;;Iserlohn;;;;;;;;;",
]


@pytest.fixture
def lists(db):
    return {
        "seniors": factories.TargetGroupFactory(name="Senioren", slug="senioren"),
        "families": factories.TargetGroupFactory(name="Familien", slug="familien"),
        "quarter": factories.QuarterFactory(name="Obere Mühle", slug="obere-muehle"),
        "health": factories.FieldOfActionFactory(name="Gesundheit", slug="gesundheit"),
    }


def csv_bytes(lines, encoding="utf-8", bom=False, delimiter=";"):
    text = "\r\n".join(line.replace(";", delimiter) for line in lines) + "\r\n"
    data = text.encode(encoding)
    return b"\xef\xbb\xbf" + data if bom else data


def xlsx_bytes(lines):
    workbook = Workbook()
    for line in lines:
        workbook.active.append(line.split(";"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, data, name="anbieter.csv"):
    return client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile(name, data), "_preview": "1"})


def confirm(client):
    """Confirm the previewed import: the worker writes it; returns the page the user ends on."""
    started = client.post(reverse(IMPORT_URL), {"_confirm": "1"})
    if started.status_code != 302 or "/auftraege/" not in started["Location"]:
        return started
    run_worker()
    return client.get(started["Location"])


def snapshot():
    return (
        list(Provider.objects.order_by("slug").values()),
        list(Offer.objects.order_by("slug").values()),
        sorted(Offer.target_groups.through.objects.values_list("offer_id", "targetgroup_id")),
        sorted(Offer.quarters.through.objects.values_list("offer_id", "quarter_id")),
    )


# --- Reading and the preview -------------------------------------------------------------


def test_preview_lists_what_would_happen_and_writes_nothing(editor_client, lists):
    factories.ProviderFactory(slug="buergerverein", name="Bürgerverein", city="Iserlohn")

    response = upload(editor_client, csv_bytes([HEADER, *ROWS]))

    assert response.status_code == 200
    result = response.context["result"]
    assert result.errors == []
    assert result.summary == {
        "providers_created": 1, "providers_updated": 1, "providers_unchanged": 0,
        "offers_created": 2, "offers_updated": 0, "offers_unchanged": 0,
    }
    row4 = result.rows[2]
    assert (row4.row, row4.provider, row4.provider_action, row4.provider_changes) == (4, "buergerverein", "updated", ["Name"])
    html = response.content.decode()
    assert "Alle Zeilen importieren" in html
    assert "geändert" in html and "neu" in html
    assert not Offer.objects.exists()
    assert Provider.objects.get(slug="buergerverein").name == "Bürgerverein"


def test_confirm_writes_everything(editor_client, editor, lists):
    upload(editor_client, csv_bytes([HEADER, *ROWS]))

    response = confirm(editor_client)

    assert response.status_code == 302
    caritas = Provider.objects.get(slug="caritas")
    assert caritas.kind == Provider.Kind.WELFARE
    assert caritas.last_verified == dt.date(2025, 12, 31)
    assert caritas.location == {"type": "Point", "coordinates": [7.696, 51.3745]}
    treff = caritas.offers.get(slug="seniorentreff")
    assert list(treff.target_groups.all()) == [lists["seniors"]]
    assert list(treff.quarters.all()) == [lists["quarter"]]
    assert treff.field_of_action == lists["health"]
    cafe = caritas.offers.get(slug="familiencafe")
    assert set(cafe.target_groups.all()) == {lists["seniors"], lists["families"]}
    assert cafe.active is False
    assert Provider.objects.get(slug="buergerverein").offers.count() == 0
    assert caritas.history.first().history_user == editor
    assert caritas.history.first().history_change_reason == "Import aus Tabelle"


def test_reimport_same_file_creates_and_changes_nothing(editor_client, lists):
    data = csv_bytes([HEADER, *ROWS])
    upload(editor_client, data)
    confirm(editor_client)
    before = snapshot()
    history_before = Provider.history.count() + Offer.history.count()

    response = upload(editor_client, data)
    assert response.context["result"].summary["providers_created"] == 0
    assert response.context["result"].summary["offers_unchanged"] == 2
    confirm(editor_client)

    assert snapshot() == before
    assert Provider.history.count() + Offer.history.count() == history_before


def test_changed_row_updates_by_identifier(editor_client, lists):
    upload(editor_client, csv_bytes([HEADER, *ROWS]))
    confirm(editor_client)
    changed = ROWS[0].replace("Seniorentreff;", "Seniorentreff am Markt;")

    response = upload(editor_client, csv_bytes([HEADER, changed]))
    result = response.context["result"]
    assert result.rows[0].offer_action == "updated"
    assert result.rows[0].offer_changes == ["Angebot"]
    confirm(editor_client)

    offer = Offer.objects.get(slug="seniorentreff")
    assert offer.title == "Seniorentreff am Markt"
    assert offer.version == 2
    assert Offer.objects.count() == 2  # the offer missing from the file stays


def test_one_bad_row_means_nothing_is_written(editor_client, lists):
    bad = ROWS[1].replace("31.12.2025", "2025/31/12").replace("Familien, Senioren", "Familien, Rentner")
    data = csv_bytes([HEADER, ROWS[0], bad, ROWS[2]])

    response = upload(editor_client, data)

    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(3, "zuletzt geprüft am"), (3, "Zielgruppen")]
    assert "31.12.2025" in errors[0].message
    assert "„Rentner“" in errors[1].message
    html = response.content.decode()
    assert "Alle Zeilen importieren" not in html
    assert "2 Fehler" in html

    confirm(editor_client)  # even if someone posts the confirmation
    assert not Provider.objects.exists()
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("cell", "column", "text"),
    [
        ("Art=Genossenschaft", "Art", "keine bekannte Art"),
        ("Breitengrad=ein,zwei", "Breitengrad", "keine Zahl"),
        ("Breitengrad=151,0", "Breitengrad", "zwischen -90 und 90"),
        ("Angebot aktiv=vielleicht", "Angebot aktiv", "weder „ja“ noch „nein“"),
        ("Quartiere=Atlantis", "Quartiere", "„Atlantis“"),
        ("Handlungsfeld=Raumfahrt", "Handlungsfeld", "„Raumfahrt“"),
        ("Name=", "Name", "Namen"),
        ("Kennung=caritas iserlohn!", "Kennung", "keine gültige Kennung"),
    ],
)
def test_cell_errors_name_row_and_column(editor_client, lists, cell, column, text):
    header = HEADER.split(";")
    values = ROWS[0].split(";")
    name, value = cell.split("=")
    values[header.index(name)] = value
    response = upload(editor_client, csv_bytes([HEADER, ";".join(values)]))

    errors = response.context["result"].errors
    assert len(errors) == 1
    assert (errors[0].row, errors[0].column) == (2, column)
    assert text in errors[0].message


def test_model_validation_error_names_the_column(editor_client, lists):
    response = upload(editor_client, csv_bytes(["Kennung;Name;E-Mail", "awo;AWO;keine-adresse"]))
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(2, "E-Mail")]


def test_same_provider_with_differing_values_is_an_error(editor_client, lists):
    other = ROWS[1].replace("58636", "58644")
    response = upload(editor_client, csv_bytes([HEADER, ROWS[0], other]))
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(3, "PLZ")]
    assert "Zeile 2" in errors[0].message


def test_duplicate_offer_row_is_an_error(editor_client, lists):
    response = upload(editor_client, csv_bytes([HEADER, ROWS[0], ROWS[0]]))
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(3, "Angebots-Kennung")]


# --- Typical spreadsheet input ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(csv_bytes([HEADER, *ROWS]), id="utf-8"),
        pytest.param(csv_bytes([HEADER, *ROWS], bom=True), id="utf-8-bom"),
        pytest.param(csv_bytes([HEADER, *ROWS], encoding="cp1252"), id="windows-1252"),
        pytest.param(csv_bytes([HEADER, *[r.replace("51,3745", '"51,3745"').replace("7,696", '"7,696"')
                                           .replace("Familien, Senioren", '"Familien, Senioren"') for r in ROWS]],
                               delimiter=","), id="comma-separated"),
        pytest.param(xlsx_bytes([HEADER, *ROWS]), id="xlsx"),
    ],
)
def test_typical_files_import_alike(editor_client, lists, data):
    response = upload(editor_client, data)
    assert response.context["result"].errors == []
    confirm(editor_client)

    caritas = Provider.objects.get(slug="caritas")
    assert caritas.name == "Caritas Iserlohn"
    assert Provider.objects.get(slug="buergerverein").name == "Bürgerverein Obere Mühle"
    assert caritas.location["coordinates"] == [7.696, 51.3745]
    assert caritas.offers.get(slug="familiencafe").title == "Familiencafé"


def test_xlsx_with_real_dates_numbers_and_postcodes(editor_client, lists):
    workbook = Workbook()
    workbook.active.append(["Kennung", "Name", "PLZ", "Breitengrad", "Längengrad", "zuletzt geprüft am"])
    workbook.active.append(["awo", "AWO", 1067, 51.05, 13.74, dt.datetime(2025, 12, 31)])
    buffer = io.BytesIO()
    workbook.save(buffer)

    upload(editor_client, buffer.getvalue(), "anbieter.xlsx")
    confirm(editor_client)

    awo = Provider.objects.get(slug="awo")
    assert (awo.postcode, awo.last_verified) == ("01067", dt.date(2025, 12, 31))
    assert awo.location["coordinates"] == [13.74, 51.05]


def test_missing_identifier_is_derived_from_name_with_umlauts_written_out(editor_client, lists):
    upload(editor_client, csv_bytes(["Kennung;Name;Angebot", ";Stadtteilbüro Süd;Spielgruppe für Kinder"]))
    confirm(editor_client)
    provider = Provider.objects.get(slug="stadtteilbuero-sued")
    assert provider.offers.get().slug == "spielgruppe-fuer-kinder"


def test_a_file_without_identifiers_still_finds_what_an_earlier_import_named_without_umlauts(editor_client, lists):
    """Earlier imports derived "stadtteilburo-sud": the same file must update it, not add a second one."""
    old = factories.ProviderFactory(name="Stadtteilbüro Süd", slug="stadtteilburo-sud")
    factories.OfferFactory(provider=old, title="Spielgruppe für Kinder", slug="spielgruppe-fur-kinder")

    upload(editor_client, csv_bytes(["Kennung;Name;Angebot;Ort", ";Stadtteilbüro Süd;Spielgruppe für Kinder;Hemer"]))
    confirm(editor_client)

    provider = Provider.objects.get()
    assert (provider.pk, provider.slug, provider.city) == (old.pk, "stadtteilburo-sud", "Hemer")
    assert list(provider.offers.values_list("slug", flat=True)) == ["spielgruppe-fur-kinder"]


# --- Bad files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "leer.csv", "Die Datei ist leer."),
        (b"\r\n;;\r\n", "leer.csv", "Die Datei ist leer."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "bild.csv", "keine Tabelle"),
        (b"PK\x03\x04kaputt", "kaputt.xlsx", "keine lesbare Excel-Tabelle"),
        (b"Name;Ort\r\nCaritas;Iserlohn\r\n", "ohne-kennung.csv", "Es fehlen Pflichtspalten: Kennung"),
        ("Dies ist ein Brief.\nMit freundlichen Grüßen".encode(), "brief.txt", "Es fehlen Pflichtspalten"),
        (b"Kennung;Name\r\n", "nur-kopf.csv", "nur die Kopfzeile"),
        (b"Kennung;Name;Kennung\r\na;b;c\r\n", "doppelt.csv", "doppelt"),
    ],
)
def test_bad_file_gets_clear_message_and_changes_nothing(editor_client, lists, data, name, message):
    factories.ProviderFactory(slug="caritas", name="Caritas")
    before = snapshot()

    response = upload(editor_client, data, name)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert "result" not in response.context
    assert snapshot() == before


def test_no_file_is_a_form_error(editor_client):
    response = editor_client.post(reverse(IMPORT_URL), {"_preview": "1"})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_confirm_without_preview_redirects_with_message(editor_client):
    response = confirm(editor_client)
    assert response.status_code == 302
    assert not Provider.objects.exists()


def test_import_refused_for_staff_without_permission(client, staff_without_permissions):
    client.force_login(staff_without_permissions)
    assert client.get(reverse(IMPORT_URL)).status_code == 403
    assert upload(client, csv_bytes([HEADER, *ROWS])).status_code == 403
    assert not Provider.objects.exists()


def test_import_page_offers_template(editor_client):
    response = editor_client.get(reverse(IMPORT_URL))
    assert response.status_code == 200
    assert reverse("admin:providers_provider_import_template", args=["xlsx"]) in response.content.decode()


# --- Template and export --------------------------------------------------------------------------


def test_csv_template_has_german_columns(editor_client):
    response = editor_client.get(reverse("admin:providers_provider_import_template", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(HEADERS)
    assert "Kennung" in text and "Zielgruppen" in text and "zuletzt geprüft am" in text


def test_xlsx_template_has_german_columns(editor_client):
    response = editor_client.get(reverse("admin:providers_provider_import_template", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADERS


def test_unknown_format_is_400(editor_client):
    assert export_table(editor_client, "pdf").status_code == 400


def make_catalogue(lists):
    caritas = factories.ProviderFactory(
        slug="caritas", name="Caritas; Iserlohn", kind=Provider.Kind.WELFARE, description="Zeile 1\nZeile 2",
        location={"type": "Point", "coordinates": [7.696, 51.3745]}, last_verified=dt.date(2025, 12, 31),
        postcode="01067", website="https://caritas.example.org",
    )
    factories.OfferFactory(provider=caritas, slug="treff", title="=Treff", target_groups=[lists["seniors"],
                           lists["families"]], quarters=[lists["quarter"]], field_of_action=lists["health"])
    factories.OfferFactory(provider=caritas, slug="beratung", title="Beratung", active=False, cost="2,50 €")
    factories.ProviderFactory(slug="ohne-angebot", name="Ohne Angebot")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(editor_client, lists, fmt):
    make_catalogue(lists)
    before = snapshot()

    exported = export_table(editor_client, fmt)
    assert exported.status_code == 200
    assert exported["Content-Disposition"].startswith("attachment")
    response = upload(editor_client, exported.content, f"export.{fmt}")
    result = response.context["result"]
    assert result.errors == []
    assert result.summary["providers_unchanged"] == 2
    assert result.summary["offers_unchanged"] == 2
    assert result.summary["providers_created"] == result.summary["providers_updated"] == 0
    confirm(editor_client)

    assert snapshot() == before


def test_export_into_empty_database_restores_catalogue(editor_client, lists):
    make_catalogue(lists)
    exported = export_table(editor_client, "csv").content
    Provider.objects.all().delete()

    upload(editor_client, exported)
    confirm(editor_client)

    assert Provider.objects.count() == 2
    treff = Offer.objects.get(slug="treff")
    assert treff.title == "=Treff"
    assert set(treff.target_groups.values_list("name", flat=True)) == {"Senioren", "Familien"}
    assert Provider.objects.get(slug="caritas").description == "Zeile 1\nZeile 2"


def test_export_csv_is_semicolon_utf8_with_german_values(editor_client, lists):
    make_catalogue(lists)
    content = export_table(editor_client, "csv").content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    caritas_row = dict(zip(header, rows[1], strict=True))
    assert caritas_row["Breitengrad"] == "51,3745"
    assert caritas_row["zuletzt geprüft am"] == "31.12.2025"
    assert caritas_row["Art"] == "Wohlfahrtsverband"
    assert len(rows) == 4  # two offers of Caritas, one provider without offers


def test_export_query_count_is_fixed(editor_client, lists, django_assert_num_queries):
    def export():
        editor_client.post(reverse("admin:providers_provider_export", args=["csv"]))
        # the export's own: providers, offers (+ field of action, service type), target groups,
        # quarters, languages, slots; the rest is the worker's and the job's bookkeeping
        with django_assert_num_queries(EXPORT_JOB_QUERIES):
            run_worker()

    make_catalogue(lists)
    export_table(editor_client, "csv")  # warm up content types
    export()
    for _ in range(5):
        factories.OfferFactory(target_groups=[lists["seniors"]], quarters=[lists["quarter"]])
    export()
