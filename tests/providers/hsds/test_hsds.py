"""The provider catalogue as Open Referral HSDS 3.0: schemas, API, ids, export command, queries.

The HSDS schemas are not copied into the repository (CC BY-SA 4.0); they are read from
``shared/hsds/`` beside the project (or ``HSDS_SCHEMA_DIR``). A missing folder fails.
"""

import datetime as dt
import json
import os
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from jsonschema.validators import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from providers.hsds import records as hsds
from providers.models import Offer, Provider, ServiceType
from tests import factories

pytestmark = [pytest.mark.django_db]

API = "/api/hsds/"
POINT = {"type": "Point", "coordinates": [7.6962, 51.3742]}
TABLE_FILES = (
    "organization", "service", "location", "service_at_location", "taxonomy", "taxonomy_term",
    "attribute", "phone", "language", "schedule", "address",
)


# --- Schemas ----------------------------------------------------------------------------


def _schema_dir():
    candidates = []
    if os.environ.get("HSDS_SCHEMA_DIR"):
        candidates.append(Path(os.environ["HSDS_SCHEMA_DIR"]))
    base = Path(settings.BASE_DIR).resolve()
    candidates += [base.parent / "shared" / "hsds", base.parent.parent / "shared" / "hsds"]
    for candidate in candidates:
        if (candidate / "service.json").is_file():
            return candidate
    pytest.fail(
        "HSDS-Schemas nicht gefunden. Erwartet in "
        + " oder ".join(str(c) for c in candidates)
        + " (Ordner shared/hsds/ neben dem Projekt, oder HSDS_SCHEMA_DIR setzen)."
    )


class HsdsSchemas:
    def __init__(self, folder):
        self.raw = {}
        for path in sorted(folder.glob("*.json")):
            if path.name != "openapi.json":
                self.raw[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        self.registry = Registry().with_resources(
            (f"{name}.json", Resource.from_contents(schema, default_specification=DRAFT202012))
            for name, schema in self.raw.items()
        )

    def errors(self, table, record, *, tabular=False):
        """Every way ``record`` breaks the table's schema (JSON schema, formats, data package types)."""
        schema = self.raw[table]
        validator = Draft202012Validator(
            schema, registry=self.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        errors = [f"{table}: {error.json_path}: {error.message}" for error in validator.iter_errors(record)]
        if tabular:
            errors += [f"{table}: {field} fehlt" for field in schema.get("tabular_required", []) if field not in record]
            errors += [f"{table}: {key} ist kein Feld" for key in record if key not in schema["properties"]]
        errors += self._datapackage_errors(table, record)
        return errors

    def _datapackage_errors(self, table, record):
        parsers = {"date": dt.date.fromisoformat, "time": dt.time.fromisoformat, "datetime": dt.datetime.fromisoformat}
        errors = []
        for key, field in self.raw[table]["properties"].items():
            kind = field.get("datapackage_type")
            if kind in parsers and key in record:
                try:
                    parsers[kind](record[key])
                except (TypeError, ValueError):
                    errors.append(f"{table}: {key}={record[key]!r} ist kein {kind}")
            nested = field.get("items", field).get("$ref")
            if nested and key in record:
                children = record[key] if field.get("type") == "array" else [record[key]]
                for child in children:
                    errors += self._datapackage_errors(nested.removesuffix(".json"), child)
        return errors


@pytest.fixture(scope="session")
def schemas():
    return HsdsSchemas(_schema_dir())


def test_schema_folder_holds_the_tables_we_export():
    folder = _schema_dir()
    for name in (*TABLE_FILES, "openapi"):
        assert (folder / f"{name}.json").is_file(), name


def test_the_validator_rejects_what_hsds_forbids(schemas):
    good = {"id": hsds.record_id(hsds.SERVICE, 1), "name": "Beratung", "status": "active"}
    assert schemas.errors("service", good) == []
    assert schemas.errors("service", {**good, "status": "offen"})  # enum
    assert schemas.errors("service", {"id": good["id"], "status": "active"})  # name required
    assert schemas.errors("service", {**good, "id": "42"})  # uuid format
    assert schemas.errors("service", {**good, "email": "keine-adresse"})  # email format
    assert schemas.errors("service", {**good, "assured_date": "1.9.2026"})  # data package date
    assert schemas.errors("service", {**good, "organization": {"id": good["id"]}})  # nested: name missing
    assert schemas.errors("service", good, tabular=True)  # organization_id required in the table


# --- Data -------------------------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    """A small catalogue touching every mapping: places, languages, terms, ages, inactive."""
    german = factories.LanguageFactory(code="de", name="Deutsch")
    turkish = factories.LanguageFactory(code="tr", name="Türkisch")
    families = factories.TargetGroupFactory(name="Familien", slug="familien", description="Eltern mit Kindern")
    children = factories.TargetGroupFactory(name="Kinder", slug="kinder", parent=families, min_age=0, max_age=13)
    seniors = factories.TargetGroupFactory(name="Senioren", slug="senioren", min_age=65)
    counselling = factories.FieldOfActionFactory(name="Beratung", slug="beratung")
    south = factories.QuarterFactory(name="Südliche Innenstadt", slug="suedliche-innenstadt")
    caritas = factories.ProviderFactory(
        name="Caritasverband Iserlohn", slug="caritas", kind="welfare", description="Beratung für alle.",
        email="info@caritas.example", phone="02371 12345", website="https://caritas.example/",
        street="Karlstraße 15", postcode="58636", city="Iserlohn", location=POINT, contact_person="Frau Öztürk",
        accessibility="stufenloser Zugang", last_verified=dt.date(2026, 9, 1),
    )
    caritas.languages.set([german, turkish])
    factories.OfferFactory(
        provider=caritas, title="Familienberatung", slug="familienberatung", description="Rat für Mütter & Väter",
        target_groups=[families, children], quarters=[south], field_of_action=counselling,
        languages=[german, turkish], opening_hours="Mo–Fr 9–12 Uhr", cost="kostenlos",
    )
    factories.OfferFactory(
        provider=caritas, title="Seniorentreff im Café", slug="seniorentreff", target_groups=[seniors],
        place="Café Mühle, Obere Mühle 3", location={"type": "Point", "coordinates": [7.70, 51.37]},
    )
    factories.OfferFactory(provider=caritas, title="Alte Krabbelgruppe", slug="krabbelgruppe", active=False)
    without_place = factories.ProviderFactory(name="Initiative ohne Adresse", slug="initiative", city="")
    factories.OfferFactory(provider=without_place, title="Nachbarschaftshilfe", slug="nachbarschaftshilfe")
    return {"caritas": caritas, "families": families, "children": children, "south": south,
            "counselling": counselling, "initiative": without_place}


def _all_records(tables):
    return [(table, record) for table, records in tables.items() for record in records]


def test_every_exported_table_row_is_valid_hsds(schemas, catalogue):
    tables = hsds.export_tables(include_inactive=True, base_url="https://portal.example/")

    problems = [e for table, record in _all_records(tables) for e in schemas.errors(table, record, tabular=True)]

    assert problems == []
    for table, records in tables.items():
        ids = [record["id"] for record in records]
        assert len(ids) == len(set(ids)), table  # "unique": true
    assert {s["status"] for s in tables["service"]} == {"active", "inactive"}


def test_exported_tables_link_up(catalogue):
    tables = hsds.export_tables()
    ids = {table: {record["id"] for record in records} for table, records in tables.items()}

    assert {s["organization_id"] for s in tables["service"]} <= ids["organization"]
    assert {link["service_id"] for link in tables["service_at_location"]} <= ids["service"]
    assert {link["location_id"] for link in tables["service_at_location"]} <= ids["location"]
    assert {a["link_id"] for a in tables["attribute"]} <= ids["service"]
    assert {a["taxonomy_term_id"] for a in tables["attribute"]} <= ids["taxonomy_term"]
    assert {t["taxonomy_id"] for t in tables["taxonomy_term"]} <= ids["taxonomy"]
    assert {a["location_id"] for a in tables["address"]} <= ids["location"]
    assert {s["service_id"] for s in tables["schedule"]} <= ids["service"]


def test_mapping_of_provider_and_offer(catalogue):
    tables = hsds.export_tables()
    by_name = {s["name"]: s for s in tables["service"]}

    assert "Alte Krabbelgruppe" not in by_name  # the public catalogue only
    advice = by_name["Familienberatung"]
    assert advice["fees_description"] == "kostenlos"
    assert advice["eligibility_description"] == "Zielgruppen: Familien, Kinder"
    assert "minimum_age" not in advice  # Familien has no age range
    assert advice["assured_date"] == "2026-09-01"
    assert [s["description"] for s in tables["schedule"]] == ["Mo–Fr 9–12 Uhr"]
    caritas_location = next(loc for loc in tables["location"] if loc["name"] == "Caritasverband Iserlohn")
    assert (caritas_location["latitude"], caritas_location["longitude"]) == (51.3742, 7.6962)  # GeoJSON [lon, lat]
    assert tables["address"] == [
        {"id": tables["address"][0]["id"], "location_id": caritas_location["id"], "address_1": "Karlstraße 15",
         "city": "Iserlohn", "state_province": "", "postal_code": "58636", "country": "DE", "address_type": "physical"}
    ]
    cafe = next(loc for loc in tables["location"] if loc["name"] == "Café Mühle, Obere Mühle 3")
    place_of = {link["service_id"]: link["location_id"] for link in tables["service_at_location"]}
    assert place_of[advice["id"]] == caritas_location["id"]
    assert place_of[by_name["Seniorentreff im Café"]["id"]] == cafe["id"]
    assert by_name["Nachbarschaftshilfe"]["id"] not in place_of  # no place known: no service_at_location
    assert {(a["link_type"], a["taxonomy_term_id"]) for a in tables["attribute"] if a["link_id"] == advice["id"]} == {
        ("audience", hsds.TARGET_GROUPS.term_id(catalogue["families"].pk)),
        ("audience", hsds.TARGET_GROUPS.term_id(catalogue["children"].pk)),
        ("area", hsds.QUARTERS.term_id(catalogue["south"].pk)),
        ("category", hsds.FIELDS_OF_ACTION.term_id(catalogue["counselling"].pk)),
    }
    kids = next(t for t in tables["taxonomy_term"] if t["name"] == "Kinder")
    assert kids["parent_id"] == hsds.TARGET_GROUPS.term_id(catalogue["families"].pk)
    assert {t["name"] for t in tables["taxonomy"]} == {"Zielgruppen", "Handlungsfelder", "Quartiere", "Leistungsarten"}


# --- Ids --------------------------------------------------------------------------------


def test_ids_round_trip_and_do_not_mix_up_models():
    service_id = hsds.record_id(hsds.SERVICE, 42)

    assert uuid.UUID(service_id).version == 8 and str(uuid.UUID(service_id)) == service_id
    assert hsds.record_pk(hsds.SERVICE, service_id) == 42
    assert hsds.record_pk(hsds.ORGANIZATION, service_id) is None
    assert hsds.record_pk(hsds.SERVICE, "kein-uuid") is None
    assert hsds.record_id(hsds.SERVICE, 42) != hsds.record_id(hsds.ORGANIZATION, 42)


def test_ids_differ_between_installations(settings):
    iserlohn = hsds.record_id(hsds.SERVICE, 1)
    settings.PORTAL_CITY = "Stadt Völklingen"
    assert hsds.record_id(hsds.SERVICE, 1) != iserlohn


def test_ids_are_stable_across_exports_and_new_records(catalogue):
    first = hsds.export_tables()
    again = hsds.export_tables()
    factories.OfferFactory(provider=catalogue["caritas"], title="Neues Angebot", target_groups=[catalogue["families"]])
    later = hsds.export_tables()

    assert first == again
    for table in first:
        assert {r["id"] for r in first[table]} <= {r["id"] for r in later[table]}, table


# --- API --------------------------------------------------------------------------------


def _json(response, status=200):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content.decode("utf-8"))


def test_api_root_names_the_hsds_version(client):
    data = _json(client.get(API))
    assert data["version"] == "3.0"
    assert data["services"] == "http://testserver/api/hsds/services"


def test_services_list_shows_active_offers_only_as_valid_hsds(client, schemas, catalogue):
    response = client.get(API + "services")
    page = _json(response)

    assert sorted(s["name"] for s in page["contents"]) == ["Familienberatung", "Nachbarschaftshilfe",
                                                             "Seniorentreff im Café"]
    assert "Mütter & Väter".encode() in response.content  # UTF-8, German text as is
    assert all(schemas.errors("service", service) == [] for service in page["contents"])
    assert "service_at_locations" not in page["contents"][0]  # one-to-one fields unless full=true


def test_full_services_are_nested_and_valid(client, schemas, catalogue):
    page = _json(client.get(API + "services", {"full": "true"}))

    assert [e for service in page["contents"] for e in schemas.errors("service", service)] == []
    advice = next(s for s in page["contents"] if s["name"] == "Familienberatung")
    assert advice["organization"]["name"] == "Caritasverband Iserlohn"
    assert advice["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "58636"


def test_services_are_paginated_like_the_openapi_page(client):
    provider = factories.ProviderFactory()
    for n in range(5):
        factories.OfferFactory(provider=provider, title=f"Angebot {n}")

    second = _json(client.get(API + "services", {"page": 2, "per_page": 2}))
    last = _json(client.get(API + "services", {"page": 3, "per_page": 2}))

    assert {key: second[key] for key in second if key != "contents"} == {
        "total_items": 5, "total_pages": 3, "page_number": 2, "size": 2,
        "first_page": False, "last_page": False, "empty": False,
    }
    assert [s["name"] for s in second["contents"]] == ["Angebot 2", "Angebot 3"]
    assert (last["size"], last["last_page"], [s["name"] for s in last["contents"]]) == (1, True, ["Angebot 4"])


def test_empty_catalogue_is_one_empty_page(client, db):
    page = _json(client.get(API + "services"))
    assert (page["total_items"], page["total_pages"], page["empty"], page["contents"]) == (0, 1, True, [])


@pytest.mark.parametrize(
    "params",
    [{"page": "0"}, {"page": "zwei"}, {"page": "-1"}, {"per_page": "0"}, {"per_page": "100000"},
     {"per_page": "1.5"}, {"full": "vielleicht"}, {"modified_after": "gestern"}],
)
def test_bad_query_parameters_get_a_german_400(client, db, params):
    data = _json(client.get(API + "services", params), status=400)
    assert list(data) == ["detail"]
    assert "muss" in data["detail"]


def test_bad_paging_on_other_lists_is_400_too(client, db):
    assert _json(client.get(API + "organizations", {"per_page": "x"}), status=400)["detail"]
    assert _json(client.get(API + "taxonomy_terms", {"page": "0"}), status=400)["detail"]


def test_page_past_the_end_is_a_json_404(client, catalogue):
    data = _json(client.get(API + "services", {"page": 9}), status=404)
    assert "Seite 9 gibt es nicht" in data["detail"]


def test_service_detail_is_fully_nested_and_valid(client, schemas, catalogue):
    offer = catalogue["caritas"].offers.get(slug="familienberatung")

    data = _json(client.get(API + f"services/{hsds.record_id(hsds.SERVICE, offer.pk)}"))

    assert schemas.errors("service", data) == []
    assert data["organization"]["phones"][0]["number"] == "02371 12345"
    assert [lang["code"] for lang in data["languages"]] == ["de", "tr"]
    assert data["schedules"][0]["description"] == "Mo–Fr 9–12 Uhr"
    assert {a["taxonomy_term"]["name"] for a in data["attributes"]} == {
        "Familien", "Kinder", "Südliche Innenstadt", "Beratung"}
    assert data["url"] == "http://testserver/angebote/caritas/familienberatung/"


def test_unknown_inactive_or_foreign_ids_are_json_404(client, catalogue):
    inactive = catalogue["caritas"].offers.get(active=False)
    for id in ("nicht-da", hsds.record_id(hsds.SERVICE, 999999), hsds.record_id(hsds.SERVICE, inactive.pk),
               hsds.record_id(hsds.ORGANIZATION, catalogue["caritas"].pk)):
        data = _json(client.get(API + f"services/{id}"), status=404)
        assert "gibt es nicht" in data["detail"]
    assert _json(client.get(API + "organizations/nicht-da"), status=404)["detail"]
    assert _json(client.get(API + "taxonomy_terms/nicht-da"), status=404)["detail"]
    assert _json(client.get(API + "taxonomies/nicht-da"), status=404)["detail"]


def test_services_filter_by_organization_and_taxonomy_term(client, catalogue):
    caritas_id = hsds.record_id(hsds.ORGANIZATION, catalogue["caritas"].pk)
    children_id = hsds.TARGET_GROUPS.term_id(catalogue["children"].pk)

    by_org = _json(client.get(API + "services", {"organization_id": caritas_id}))
    by_term = _json(client.get(API + "services", {"taxonomy_term_id": children_id}))
    by_taxonomy = _json(client.get(API + "services", {"taxonomy_id": hsds.FIELDS_OF_ACTION.id}))
    unknown = _json(client.get(API + "services", {"organization_id": "unbekannt"}))
    searched = _json(client.get(API + "services", {"search": "mütter"}))

    assert sorted(s["name"] for s in by_org["contents"]) == ["Familienberatung", "Seniorentreff im Café"]
    assert [s["name"] for s in by_term["contents"]] == ["Familienberatung"]
    assert [s["name"] for s in by_taxonomy["contents"]] == ["Familienberatung"]
    assert unknown["empty"] is True
    assert [s["name"] for s in searched["contents"]] == ["Familienberatung"]


def test_services_modified_after(client, catalogue):
    Offer.objects.filter(slug="seniorentreff").update(updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))

    page = _json(client.get(API + "services", {"modified_after": "2021-01-01T00:00:00"}))

    assert "Seniorentreff im Café" not in [s["name"] for s in page["contents"]]
    assert page["total_items"] == 2


def test_organizations_list_and_detail_are_valid(client, schemas, catalogue):
    page = _json(client.get(API + "organizations", {"full": "true"}))
    caritas_id = hsds.record_id(hsds.ORGANIZATION, catalogue["caritas"].pk)
    detail = _json(client.get(API + f"organizations/{caritas_id}"))

    assert [o["name"] for o in page["contents"]] == ["Caritasverband Iserlohn", "Initiative ohne Adresse"]
    assert [e for org in page["contents"] for e in schemas.errors("organization", org)] == []
    assert schemas.errors("organization", detail) == []
    assert detail["locations"][0]["accessibility"][0]["description"] == "stufenloser Zugang"
    assert sorted(s["name"] for s in detail["services"]) == ["Familienberatung", "Seniorentreff im Café"]


def test_taxonomies_and_terms_are_valid(client, schemas, catalogue):
    taxonomies = _json(client.get(API + "taxonomies"))
    terms = _json(client.get(API + "taxonomy_terms", {"taxonomy_id": hsds.TARGET_GROUPS.id}))
    term = _json(client.get(API + f"taxonomy_terms/{hsds.TARGET_GROUPS.term_id(catalogue['children'].pk)}"))
    taxonomy = _json(client.get(API + f"taxonomies/{hsds.QUARTERS.id}"))

    assert taxonomies["total_items"] == 4
    assert [e for t in taxonomies["contents"] for e in schemas.errors("taxonomy", t)] == []
    assert [t["name"] for t in terms["contents"]] == ["Familien", "Kinder", "Senioren"]
    assert [e for t in terms["contents"] for e in schemas.errors("taxonomy_term", t)] == []
    assert (term["name"], term["code"], term["taxonomy"]) == ("Kinder", "kinder", "Zielgruppen")
    assert taxonomy["name"] == "Quartiere"


def test_api_is_read_only_and_open_to_other_directories(client, db):
    assert client.post(API + "services").status_code == 405
    assert client.get(API + "services")["Access-Control-Allow-Origin"] == "*"


# --- Export command ----------------------------------------------------------------------


def test_export_command_writes_every_table_and_is_idempotent(tmp_path, capsys, catalogue, schemas):
    call_command("export_hsds", "--output", str(tmp_path))
    first = {path.name: path.read_bytes() for path in tmp_path.glob("*.json")}
    call_command("export_hsds", "--output", str(tmp_path))
    second = {path.name: path.read_bytes() for path in tmp_path.glob("*.json")}

    assert {f"{name}.json" for name in TABLE_FILES} <= set(first)
    assert first == second
    assert not list(tmp_path.glob(".*"))  # no temporary files left
    lines = capsys.readouterr().out.strip().splitlines()
    terms = 5 + ServiceType.objects.count()  # target groups, fields, quarters, and the migrated service types
    assert lines[-1] == (
        f"HSDS 3.0 exportiert nach {tmp_path}: 2 Organisationen, 3 Angebote, {terms} Taxonomie-Begriffe in 14 Dateien."
    )
    services = json.loads((tmp_path / "service.json").read_text(encoding="utf-8"))
    assert "Rat für Mütter & Väter" in (tmp_path / "service.json").read_text(encoding="utf-8")
    assert [e for service in services for e in schemas.errors("service", service, tabular=True)] == []


def test_export_command_can_include_inactive_offers(tmp_path, catalogue):
    call_command("export_hsds", "--output", str(tmp_path), "--include-inactive")
    services = json.loads((tmp_path / "service.json").read_text(encoding="utf-8"))
    assert {s["name"]: s["status"] for s in services}["Alte Krabbelgruppe"] == "inactive"


def test_export_command_rejects_a_missing_folder(tmp_path, db):
    with pytest.raises(CommandError, match="Den Zielordner .* gibt es nicht"):
        call_command("export_hsds", "--output", str(tmp_path / "fehlt"))


def test_export_command_reports_a_file_it_cannot_write(tmp_path, db):
    (tmp_path / "service.json").mkdir()  # a folder where the file should go
    with pytest.raises(CommandError, match="kann nicht geschrieben werden"):
        call_command("export_hsds", "--output", str(tmp_path))


def test_export_command_rejects_a_bad_base_url(tmp_path, db):
    with pytest.raises(CommandError, match="--base-url muss mit http"):
        call_command("export_hsds", "--output", str(tmp_path), "--base-url", "portal.example")


# --- Query counts --------------------------------------------------------------------------


def _grow(providers):
    """Providers with two offers each, every offer fully dressed."""
    language = factories.LanguageFactory()
    groups = [factories.TargetGroupFactory(), factories.TargetGroupFactory()]
    quarter = factories.QuarterFactory()
    field = factories.FieldOfActionFactory()
    for _n in range(providers):
        provider = factories.ProviderFactory(location=POINT, street="Marktplatz 1", phone="0123", contact_person="X")
        provider.languages.set([language])
        for _m in range(2):
            factories.OfferFactory(provider=provider, target_groups=groups, quarters=[quarter],
                                   field_of_action=field, languages=[language], opening_hours="Mo", cost="frei")


@pytest.mark.parametrize("providers", [2, 12])
def test_export_runs_a_fixed_number_of_queries(django_assert_num_queries, providers):
    _grow(providers)
    # providers, offers (+ field, service type), the four taxonomies' terms, languages; the links
    # of offers to target groups, quarters and languages, of providers to languages; opening slots
    with django_assert_num_queries(12):
        tables = hsds.export_tables()
    assert len(tables["service"]) == 2 * providers


@pytest.mark.parametrize("providers", [2, 12])
def test_api_lists_run_a_fixed_number_of_queries(client, django_assert_num_queries, providers):
    _grow(providers)
    # count, offers page (+ provider, field, type), target groups, quarters, languages, provider languages, slots
    with django_assert_num_queries(7):
        assert _json(client.get(API + "services", {"full": "true", "per_page": 500}))["size"] == 2 * providers
    # count, providers page, languages, offers
    with django_assert_num_queries(4):
        assert _json(client.get(API + "organizations", {"full": "true"}))["size"] == providers
    # the four taxonomies' terms
    with django_assert_num_queries(4):
        _json(client.get(API + "taxonomy_terms"))


@pytest.mark.parametrize("providers", [2, 12])
def test_api_details_run_a_fixed_number_of_queries(client, django_assert_num_queries, providers):
    _grow(providers)
    service_id = hsds.record_id(hsds.SERVICE, Offer.objects.order_by("pk").last().pk)
    organization_id = hsds.record_id(hsds.ORGANIZATION, Provider.objects.order_by("pk").last().pk)
    # offer (+ provider, field, type), target groups, quarters, languages, provider languages, slots
    with django_assert_num_queries(6):
        _json(client.get(API + f"services/{service_id}"))
    # provider, languages, offers
    with django_assert_num_queries(3):
        _json(client.get(API + f"organizations/{organization_id}"))
