"""The structured offer columns of the catalogue table: Leistungsart, Zeiten, Kosten,
Sprachen, Zugang, Alter, Termin nötig, pausiert bis — export, import, round trip, errors."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from providers.models import Offer, OpeningSlot, Provider
from providers.schedules.parsing import LAST, Slot
from providers.tabular.columns import HEADERS
from providers.tabular.export import export_rows
from providers.tabular.imports import providers_import
from tests import factories
from tests.providers.tabular.jobs import EXPORT_JOB_QUERIES, export_table
from tests.sozialraum.operations.helpers import run_worker

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:providers_provider_import"
NEW_HEADERS = [
    "Leistungsart", "Hinweis zu den Zeiten", "Kosten (Angabe)", "Sprachen", "Zugang", "Alter von", "Alter bis",
    "Termin nötig", "pausiert bis",
]


@pytest.fixture
def languages(db):
    return {
        "de": factories.LanguageFactory(code="de", name="Deutsch"),
        "tr": factories.LanguageFactory(code="tr", name="Türkisch"),
        "ar": factories.LanguageFactory(code="ar", name="Arabisch"),
    }


@pytest.fixture
def debt_advice(db):
    """A service type of the migrated taxonomy (a child of the group „Beratung“)."""
    return factories.ServiceTypeFactory(slug="schuldnerberatung")


def table(header, *rows):
    """CSV bytes of a header and rows given as lists of cells (";"-separated, quoted as needed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def offer_table(**cells):
    """One provider with one offer; ``cells`` maps further headers to their cell."""
    return table(["Kennung", "Name", "Angebots-Kennung", "Angebot", *cells],
                 ["caritas", "Caritas", "beratung", "Beratung", *cells.values()])


def run(data, dry_run=False):
    return providers_import(data=data, dry_run=dry_run)


def snapshot():
    return (
        list(Provider.objects.order_by("slug").values()),
        list(Offer.objects.order_by("slug").values()),
        sorted(OpeningSlot.objects.values_list("offer_id", "provider_id", "weekday", "opens", "closes", "ordinal")),
        sorted(Offer.languages.through.objects.values_list("offer_id", "language_id")),
        sorted(Offer.target_groups.through.objects.values_list("offer_id", "targetgroup_id")),
        sorted(Offer.quarters.through.objects.values_list("offer_id", "quarter_id")),
    )


def nothing_written():
    return not Provider.objects.exists() and not Offer.objects.exists() and not OpeningSlot.objects.exists()


def make_structured_catalogue(languages, service_type):
    """A provider with a fully structured offer, a bare offer, and a provider without offers."""
    caritas = factories.ProviderFactory(slug="caritas", name="Caritas Iserlohn")
    full = factories.OfferFactory(
        provider=caritas, slug="schuldnerberatung", title="Schuldnerberatung", service_type=service_type,
        by_appointment=True, opening_hours="in den Sommerferien geschlossen",
        cost_kind=Offer.Cost.REDUCED, cost="5 € pro Termin, ermäßigt 2 €",
        languages=[languages["de"], languages["tr"]], step_free=True, sign_language=True,
        age_min=18, age_max=99, appointment_required=True, paused_until=dt.date(2030, 12, 31),
    )
    for weekday, opens, closes, ordinal in [(0, 9, 12, None), (1, 9, 12, None), (2, 9, 12, None), (4, 14, 17, None),
                                            (2, 15, 17, 1), (4, 10, 12, LAST)]:
        factories.OpeningSlotFactory(offer=full, weekday=weekday, opens=dt.time(opens), closes=dt.time(closes),
                                     ordinal=ordinal)
    factories.OfferFactory(provider=caritas, slug="treff", title="Treff", cost_kind=Offer.Cost.FREE)
    factories.ProviderFactory(slug="ohne-angebot", name="Ohne Angebot")
    return full


def exported(rows):
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


# --- Export --------------------------------------------------------------------------------


def test_new_columns_come_after_the_old_ones_in_their_order():
    assert HEADERS[-len(NEW_HEADERS):] == NEW_HEADERS
    old_offer_columns = ["Angebots-Kennung", "Angebot", "Angebotsbeschreibung", "Zielgruppen", "Quartiere",
                         "Handlungsfeld", "Ort des Angebots", "Zeiten", "Kosten", "Angebot aktiv"]
    assert HEADERS[-len(NEW_HEADERS) - len(old_offer_columns):-len(NEW_HEADERS)] == old_offer_columns


def test_export_writes_structured_cells_as_the_import_reads_them(languages, debt_advice):
    make_structured_catalogue(languages, debt_advice)

    rows = exported(export_rows())

    full = next(row for row in rows if row["Angebots-Kennung"] == "schuldnerberatung")
    assert full["Zeiten"] == (
        "Mo–Mi 9:00–12:00 Uhr, Fr 14:00–17:00 Uhr, jeden 1. Mi 15:00–17:00 Uhr, jeden letzten Fr 10:00–12:00 Uhr, "
        "nach Vereinbarung"
    )
    assert full["Hinweis zu den Zeiten"] == "in den Sommerferien geschlossen"
    assert (full["Kosten"], full["Kosten (Angabe)"]) == ("ermäßigt möglich", "5 € pro Termin, ermäßigt 2 €")
    assert full["Leistungsart"] == "Schuldnerberatung"
    assert full["Sprachen"] == "Deutsch, Türkisch"
    assert full["Zugang"] == "stufenloser Zugang, Beratung in Gebärdensprache"
    assert (full["Alter von"], full["Alter bis"]) == (18, 99)
    assert (full["Termin nötig"], full["pausiert bis"]) == ("ja", "31.12.2030")
    bare = next(row for row in rows if row["Angebots-Kennung"] == "treff")
    assert [bare[header] for header in ["Zeiten", "Kosten", *NEW_HEADERS]] == [
        "", "kostenlos", "", "", "", "", "", "", "", "nein", ""]
    without_offers = next(row for row in rows if row["Kennung"] == "ohne-angebot")
    assert all(without_offers[header] == "" for header in ["Zeiten", "Kosten", *NEW_HEADERS])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(editor_client, languages, debt_advice, fmt):
    make_structured_catalogue(languages, debt_advice)
    before = snapshot()

    response = export_table(editor_client, fmt)
    preview = editor_client.post(reverse(IMPORT_URL), {"file": _upload(response.content, fmt), "_preview": "1"})

    result = preview.context["result"]
    assert result.errors == []
    assert result.summary == {
        "providers_created": 0, "providers_updated": 0, "providers_unchanged": 2,
        "offers_created": 0, "offers_updated": 0, "offers_unchanged": 2,
    }
    editor_client.post(reverse(IMPORT_URL), {"_confirm": "1"})
    run_worker()
    assert snapshot() == before


def test_export_into_empty_database_restores_the_structured_offer(editor_client, languages, debt_advice):
    full = make_structured_catalogue(languages, debt_advice)
    fields = ["service_type_id", "by_appointment", "opening_hours", "cost_kind", "cost", "step_free", "elevator",
              "sign_language", "age_min", "age_max", "appointment_required", "paused_until"]
    expected = {name: getattr(full, name) for name in fields}
    expected_slots = sorted(slot.as_slot() for slot in full.slots.all())
    data = export_table(editor_client, "csv").content
    Provider.objects.all().delete()

    editor_client.post(reverse(IMPORT_URL), {"file": _upload(data, "csv"), "_preview": "1"})
    editor_client.post(reverse(IMPORT_URL), {"_confirm": "1"})
    run_worker()

    restored = Offer.objects.get(slug="schuldnerberatung")
    assert {name: getattr(restored, name) for name in fields} == expected
    assert sorted(slot.as_slot() for slot in restored.slots.all()) == expected_slots
    assert set(restored.languages.values_list("code", flat=True)) == {"de", "tr"}


def _upload(content, fmt):
    return SimpleUploadedFile(f"export.{fmt}", content)


def test_xlsx_export_keeps_formula_like_names_as_text(editor_client, languages):
    service_type = factories.ServiceTypeFactory(name="=HYPERLINK(1)", slug="formel")
    factories.OfferFactory(service_type=service_type, title="Angebot")

    content = export_table(editor_client, "xlsx").content

    sheet = load_workbook(io.BytesIO(content)).active
    cell = sheet.cell(row=2, column=HEADERS.index("Leistungsart") + 1)
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")


@pytest.mark.parametrize("offers", [2, 10])
def test_export_query_count_with_structured_offers(editor_client, languages, debt_advice,
                                                   django_assert_num_queries, offers):
    provider = factories.ProviderFactory()
    for _n in range(offers):
        offer = factories.OfferFactory(provider=provider, service_type=debt_advice, languages=[languages["de"]])
        factories.OpeningSlotFactory(offer=offer)
    export_table(editor_client, "csv")  # warm up content types
    editor_client.post(reverse("admin:providers_provider_export", args=["csv"]))
    # the export's own: providers, offers (+ field of action, service type), target groups,
    # quarters, languages, opening slots; the rest is the worker's and the job's bookkeeping
    with django_assert_num_queries(EXPORT_JOB_QUERIES):
        run_worker()


# --- Each column read -----------------------------------------------------------------------


def test_times_become_slots_and_by_appointment():
    result = run(offer_table(Zeiten="Mo–Fr 9–12 Uhr, jeden 1. Mi 15–17 Uhr, jeden letzten Fr 10-12, n.V."))

    assert result.errors == [] and result.written
    offer = Offer.objects.get()
    assert offer.by_appointment is True
    morning = [Slot(weekday, dt.time(9), dt.time(12)) for weekday in range(5)]
    assert {slot.as_slot() for slot in offer.slots.all()} == {
        *morning, Slot(2, dt.time(15), dt.time(17), 1), Slot(4, dt.time(10), dt.time(12), LAST)}
    assert offer.opening_hours == ""  # the note comes only from its own column


def test_note_on_times_is_its_own_column():
    run(offer_table(**{"Zeiten": "Di 14–16 Uhr", "Hinweis zu den Zeiten": "in den Ferien geschlossen"}))
    offer = Offer.objects.get()
    assert (offer.slots.count(), offer.opening_hours) == (1, "in den Ferien geschlossen")


def test_times_written_differently_but_meaning_the_same_change_nothing():
    run(offer_table(Zeiten="Mo–Fr 9:00–12:00 Uhr"))
    slot_ids = set(OpeningSlot.objects.values_list("pk", flat=True))

    result = run(offer_table(Zeiten="montags bis freitags 9 bis 12"))

    assert result.summary["offers_unchanged"] == 1
    assert set(OpeningSlot.objects.values_list("pk", flat=True)) == slot_ids


def test_changed_times_replace_the_slots_and_count_as_a_change():
    run(offer_table(Zeiten="Mo 9–12 Uhr"))

    result = run(offer_table(Zeiten="Di 14–16 Uhr, nach Vereinbarung"))

    assert result.rows[0].offer_changes == ["Zeiten"]
    offer = Offer.objects.get()
    assert [(s.weekday, s.opens) for s in offer.slots.all()] == [(1, dt.time(14))]
    assert (offer.by_appointment, offer.version) == (True, 2)


def test_a_file_without_the_times_column_keeps_the_slots():
    run(offer_table(Zeiten="Mo 9–12 Uhr"))
    result = run(offer_table(Angebotsbeschreibung="Hilfe bei Schulden"))
    assert result.rows[0].offer_changes == ["Angebotsbeschreibung"]
    assert Offer.objects.get().slots.count() == 1


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("kostenlos", "free"), ("Gegen Spende", "donation"), ("ermäßigt", "reduced"), ("ermäßigt möglich", "reduced"),
     ("kostenpflichtig", "paid"), ("5 €", "paid"), ("", "")],
)
def test_cost_cell_is_the_kind_and_the_text_has_its_own_column(cell, kind):
    run(offer_table(**{"Kosten": cell, "Kosten (Angabe)": "5 € pro Termin"}))
    offer = Offer.objects.get()
    assert (offer.cost_kind, offer.cost) == (kind, "5 € pro Termin")


@pytest.mark.parametrize(
    ("cell", "kind"), [("5 € pro Termin", "paid"), ("kostenlos", "free"), ("nach Absprache", "")],
)
def test_older_tables_without_cost_text_column_keep_the_cost_cell_as_text(cell, kind):
    result = run(offer_table(Kosten=cell))
    assert result.errors == []
    offer = Offer.objects.get()
    assert (offer.cost_kind, offer.cost) == (kind, cell)


@pytest.mark.parametrize("cell", ["Schuldnerberatung", "schuldnerberatung", "SCHULDNERBERATUNG"])
def test_service_type_by_name_or_slug(debt_advice, cell):
    run(offer_table(Leistungsart=cell))
    assert Offer.objects.get().service_type == debt_advice


def test_languages_by_name_or_code(languages):
    run(offer_table(Sprachen="Deutsch, tr; ARABISCH"))
    assert set(Offer.objects.get().languages.values_list("code", flat=True)) == {"de", "tr", "ar"}


def test_access_by_labels_and_common_words():
    run(offer_table(Zugang="Aufzug, rollstuhlgerechtes WC; Informationen in Leichter Sprache, barrierefrei"))
    offer = Offer.objects.get()
    assert [name for name in Offer.ACCESS_FIELDS if getattr(offer, name)] == [
        "step_free", "elevator", "accessible_toilet", "easy_language"]


def test_ages_appointment_and_pause():
    run(offer_table(**{"Alter von": "6", "Alter bis": "12", "Termin nötig": "ja", "pausiert bis": "31.12.2030"}))
    offer = Offer.objects.get()
    assert (offer.age_min, offer.age_max, offer.appointment_required, offer.paused_until) == (
        6, 12, True, dt.date(2030, 12, 31))


def test_empty_cells_clear_the_structured_fields(languages, debt_advice):
    run(offer_table(**{"Leistungsart": "schuldnerberatung", "Sprachen": "de", "Zugang": "Aufzug", "Alter von": "6",
                       "Termin nötig": "ja", "pausiert bis": "31.12.2030", "Zeiten": "Mo 9–12 Uhr"}))

    result = run(offer_table(**{"Leistungsart": "", "Sprachen": "", "Zugang": "", "Alter von": "",
                                "Termin nötig": "", "pausiert bis": "", "Zeiten": ""}))

    assert result.errors == []
    offer = Offer.objects.get()
    assert (offer.service_type, offer.elevator, offer.age_min, offer.appointment_required, offer.paused_until) == (
        None, False, None, False, None)
    assert not offer.languages.exists() and not offer.slots.exists()


def test_structured_cells_without_title_name_the_missing_title():
    result = run(table(["Kennung", "Name", "Zeiten"], ["caritas", "Caritas", "Mo 9–12 Uhr"]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Angebot")]


def test_a_provider_row_without_offer_cells_has_no_offer():
    result = run(table(["Kennung", "Name", "Termin nötig", "Angebot aktiv"], ["caritas", "Caritas", "", "ja"]))
    assert result.errors == [] and result.written
    assert not Offer.objects.exists()


# --- Errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "cell", "text"),
    [
        ("Zeiten", "Di 9–12 Uhr, Mo 9–12 Uhr (14-täglich)", "„Mo 9–12 Uhr (14-täglich)“ ist als Zeit nicht lesbar"),
        ("Zeiten", "vormittags", "„vormittags“ ist als Zeit nicht lesbar"),
        ("Zeiten", "Mo 12–9 Uhr", "Hinweis zu den Zeiten"),
        ("Leistungsart", "Raumfahrt", "Leistungsart „Raumfahrt“ ist unbekannt"),
        ("Sprachen", "Deutsch, Klingonisch, xx", "Unbekannt: „Klingonisch“, „xx“"),
        ("Zugang", "Aufzug, Rutsche", "Unbekannt: „Rutsche“"),
        ("Zugang", "kein Aufzug", "Unbekannt: „kein Aufzug“"),
        ("Zugang", "WC", "Unbekannt: „WC“"),
        ("Kosten", "nach Absprache", "keine Kostenart"),
        ("Alter von", "sechs", "kein Alter"),
        ("Alter bis", "121", "von 0 bis 120"),
        ("Alter von", "-1", "kein Alter"),
        ("Alter bis", "6,5", "kein Alter"),
        ("Termin nötig", "vielleicht", "weder „ja“ noch „nein“"),
        ("pausiert bis", "morgen", "kein Datum"),
    ],
)
def test_unreadable_cell_is_a_row_error_and_nothing_is_written(languages, debt_advice, column, cell, text):
    cells = {"Kosten (Angabe)": "", "Sprachen": "Deutsch", column: cell}

    result = run(offer_table(**cells))

    assert [(e.row, e.column) for e in result.errors] == [(2, column)]
    assert text in result.errors[0].message
    assert not result.written
    assert nothing_written()


def test_ages_in_the_wrong_order_are_a_row_error():
    result = run(offer_table(**{"Alter von": "12", "Alter bis": "6"}))

    assert [(e.row, e.column) for e in result.errors] == [(2, "Alter von")]
    assert "„Alter von“ (12) darf nicht größer sein als „Alter bis“ (6)" in result.errors[0].message
    assert nothing_written()


def test_age_order_is_checked_against_the_stored_age_when_one_column_is_missing():
    run(offer_table(**{"Alter von": "10"}))
    result = run(offer_table(**{"Alter bis": "8"}))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Alter von")]
    assert Offer.objects.get().age_max is None


def test_one_bad_row_among_good_ones_writes_nothing(languages):
    data = table(
        ["Kennung", "Name", "Angebots-Kennung", "Angebot", "Zeiten", "Sprachen"],
        ["caritas", "Caritas", "a", "A", "Mo 9–12 Uhr", "Deutsch"],
        ["caritas", "Caritas", "b", "B", "Mo 9–12 Uhr außer in den Ferien", "Deutsch"],
        ["awo", "AWO", "c", "C", "Di 9–12 Uhr", "Elbisch"],
    )

    result = run(data)

    assert [(e.row, e.column) for e in result.errors] == [(3, "Zeiten"), (4, "Sprachen")]
    assert nothing_written()


def test_an_error_leaves_existing_offers_as_they_were():
    run(offer_table(Zeiten="Mo 9–12 Uhr", Zugang="Aufzug"))
    before = snapshot()

    result = run(offer_table(Zeiten="Di 9–12 Uhr", Zugang="Aufzug, Sprungbrett"))

    assert [(e.row, e.column) for e in result.errors] == [(2, "Zugang")]
    assert snapshot() == before


def test_admin_preview_shows_row_column_and_message_and_confirm_writes_nothing(editor_client):
    data = offer_table(Zeiten="Mo 9–12 Uhr (14-täglich)", Leistungsart="Raumfahrt")

    response = editor_client.post(reverse(IMPORT_URL), {"file": _upload(data, "csv"), "_preview": "1"})

    html = response.content.decode()
    assert "<td>2</td><td>Zeiten</td><td>„Mo 9–12 Uhr (14-täglich)“ ist als Zeit nicht lesbar" in html
    assert "<td>2</td><td>Leistungsart</td><td>Leistungsart „Raumfahrt“ ist unbekannt.</td>" in html
    assert "Alle Zeilen importieren" not in html
    editor_client.post(reverse(IMPORT_URL), {"_confirm": "1"})
    run_worker()
    assert nothing_written()


def test_import_page_explains_the_new_columns(editor_client):
    html = editor_client.get(reverse(IMPORT_URL)).content.decode()
    assert "<strong>Zeiten</strong>: Wochentage und Uhrzeiten" in html
    assert "<strong>Kosten (Angabe)</strong>" in html
