"""The HSDS API against its contract: every path, every parameter honoured or answered with
400, 405 with ``Allow`` for writes, JSON errors everywhere, and the OpenAPI document it serves.

The upstream HSDS OpenAPI document is read from ``shared/hsds/`` like the table schemas.
"""

import datetime as dt
import json
import uuid

import pytest
import schemathesis
from django.test import Client
from django.urls import URLPattern, get_resolver
from jsonschema.validators import Draft202012Validator

from providers.hsds import openapi
from providers.hsds import records as hsds
from providers.models import Offer
from tests import factories
from tests.providers.hsds.test_hsds import HsdsSchemas, _grow, _schema_dir

pytestmark = [pytest.mark.django_db]

API = "/api/hsds"
LISTS = [operation for operation in openapi.OPERATIONS if operation.path != "/" and "{id}" not in operation.path]
DETAILS = [operation for operation in openapi.OPERATIONS if "{id}" in operation.path]
WRITES = ["post", "put", "patch", "delete"]


@pytest.fixture(scope="session")
def schemas():
    return HsdsSchemas(_schema_dir())


@pytest.fixture(scope="session")
def upstream():
    return json.loads((_schema_dir() / "openapi.json").read_text(encoding="utf-8"))


def _json(response, status=200):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content.decode("utf-8"))


def _error(response, status):
    data = _json(response, status)
    assert list(data) == ["detail"] and data["detail"], data
    return data["detail"]


def _names(page):
    return [item["name"] for item in page["contents"]]


def _ids(catalogue):
    return {
        "/services/{id}": hsds.record_id(hsds.SERVICE, catalogue["family_advice"].pk),
        "/organizations/{id}": hsds.record_id(hsds.ORGANIZATION, catalogue["caritas"].pk),
        "/taxonomies/{id}": hsds.TARGET_GROUPS.id,
        "/taxonomy_terms/{id}": hsds.TARGET_GROUPS.term_id(catalogue["children"].pk),
        "/service_at_locations/{id}": hsds.service_at_location_id(catalogue["cafe"]),
    }


def _url(operation, catalogue=None):
    """The operation's URL; without a catalogue, with an id nobody has (parameters and methods
    are checked before the record is looked up)."""
    id = _ids(catalogue)[operation.path] if catalogue and "{id}" in operation.path else str(uuid.UUID(int=0))
    return API + operation.path.replace("{id}", id)


# --- service_at_locations -------------------------------------------------------------------


def test_service_at_locations_list_one_link_per_active_offer_with_a_place(client, schemas, small_catalogue):
    page = _json(client.get(f"{API}/service_at_locations"))

    advice, cafe = small_catalogue["family_advice"], small_catalogue["cafe"]
    assert page["contents"] == [  # in the order of the services: provider, title
        {"id": hsds.service_at_location_id(cafe), "service_id": hsds.record_id(hsds.SERVICE, cafe.pk),
         "location_id": hsds.record_id(hsds.OFFER_LOCATION, cafe.pk)},
        {"id": hsds.service_at_location_id(advice), "service_id": hsds.record_id(hsds.SERVICE, advice.pk),
         "location_id": hsds.record_id(hsds.PROVIDER_LOCATION, small_catalogue["caritas"].pk)},
    ]  # not: Nachbarschaftshilfe (no place), Kleiderkammer (paused), Krabbelgruppe (ended)
    assert (page["total_items"], page["total_pages"], page["first_page"], page["last_page"]) == (2, 1, True, True)
    assert [e for link in page["contents"] for e in schemas.errors("service_at_location", link, tabular=True)] == []


def test_service_at_locations_full_nests_location_and_service(client, schemas, small_catalogue):
    page = _json(client.get(f"{API}/service_at_locations", {"full": "true"}))
    detail = _json(client.get(f"{API}/service_at_locations/{hsds.service_at_location_id(small_catalogue['cafe'])}"))

    assert page["contents"][0] == detail
    assert [e for link in page["contents"] for e in schemas.errors("service_at_location", link)] == []
    assert [e for link in page["contents"] for e in schemas.errors("service", link["service"])] == []
    assert detail["location"]["name"] == "Café Mühle, Obere Mühle 3"
    assert detail["location"]["accessibility"][0]["description"] == "rollstuhlgerechtes WC"
    assert detail["service"]["name"] == "Elterncafé"
    assert detail["service"]["organization"]["name"] == "Caritasverband Iserlohn"
    assert "service_at_locations" not in detail["service"]  # no loop back to the link
    at_provider = page["contents"][1]
    assert at_provider["location"]["addresses"][0]["postal_code"] == "58636"
    assert [s["opens_at"] for s in at_provider["service"]["schedules"] if "opens_at" in s] == ["09:00", "10:00"]


def test_service_at_location_ids_match_the_export_and_the_nested_services(client, small_catalogue):
    exported = {link["id"] for link in hsds.export_tables()["service_at_location"]}
    listed = {link["id"] for link in _json(client.get(f"{API}/service_at_locations"))["contents"]}
    nested = {link["id"] for service in _json(client.get(f"{API}/services", {"full": "true"}))["contents"]
              for link in service["service_at_locations"]}

    assert exported == listed == nested


def test_service_at_location_detail_is_404_when_unknown_inactive_or_moved(client, small_catalogue):
    advice = small_catalogue["family_advice"]
    link = hsds.service_at_location_id(advice)
    ended = Offer.objects.get(slug="krabbelgruppe")
    for id in ("nicht-da", hsds.record_id(hsds.SERVICE, advice.pk), hsds.record_id(hsds.OFFER_AT_OWN_PLACE, ended.pk),
               hsds.record_id(hsds.OFFER_AT_PROVIDER_LOCATION, small_catalogue["helpers"].pk)):
        assert "gibt es nicht" in _error(client.get(f"{API}/service_at_locations/{id}"), 404)
    assert _json(client.get(f"{API}/service_at_locations/{link}"))["id"] == link

    Offer.objects.filter(pk=advice.pk).update(place="Stadtteilbüro")  # it moved: a new link with a new id

    _error(client.get(f"{API}/service_at_locations/{link}"), 404)
    moved = hsds.record_id(hsds.OFFER_AT_OWN_PLACE, advice.pk)
    assert _json(client.get(f"{API}/service_at_locations/{moved}"))["location"]["name"] == "Stadtteilbüro"


def test_service_at_locations_filter_like_services(client, small_catalogue):
    def names(**params):
        page = _json(client.get(f"{API}/service_at_locations", {"full": "true", **params}))
        return [link["service"]["name"] for link in page["contents"]]

    Offer.objects.filter(slug="elterncafe").update(updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))

    assert names(search="mütter") == ["Familienberatung"]
    assert names(organization_id=hsds.record_id(hsds.ORGANIZATION, small_catalogue["initiative"].pk)) == []
    assert names(taxonomy_term_id=hsds.TARGET_GROUPS.term_id(small_catalogue["children"].pk)) == [
        "Elterncafé", "Familienberatung"]
    assert names(taxonomy_id=hsds.SERVICE_TYPES.id) == ["Familienberatung"]
    assert names(modified_after="2021-01-01T00:00:00Z") == ["Familienberatung"]
    assert _json(client.get(f"{API}/service_at_locations", {"per_page": 1, "page": 2}))["size"] == 1


# --- Parameters -------------------------------------------------------------------------------


def test_every_upstream_parameter_of_an_implemented_path_is_listed_or_refused(upstream):
    """What HSDS documents for a path is in our document, or in UNSUPPORTED (answered with 400)."""
    def parameter_names(operation):
        names = set()
        for parameter in operation.get("parameters", []):
            if "$ref" in parameter:
                parameter = upstream["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
            if parameter["in"] == "query":
                names.add(parameter["name"])
        return names

    for operation in openapi.OPERATIONS:
        documented = parameter_names(upstream["paths"][operation.path]["get"])
        assert documented <= set(operation.parameters) | set(openapi.UNSUPPORTED), operation.path
        assert set(operation.parameters) - {"format"} <= documented, operation.path  # nothing invented but format


@pytest.mark.parametrize("name", sorted(openapi.UNSUPPORTED))
def test_hsds_parameters_that_are_not_offered_get_a_400_naming_them(client, db, name):
    detail = _error(client.get(f"{API}/service_at_locations", {name: "58636"}), 400)
    assert f"„{name}“" in detail


@pytest.mark.parametrize("operation", openapi.OPERATIONS, ids=lambda operation: operation.path)
def test_unknown_and_repeated_parameters_get_a_400_naming_them(client, db, operation):
    url = _url(operation)

    unknown = _error(client.get(url, {"seite": "2"}), 400)
    repeated = _error(client.get(f"{url}?format=json&format=json"), 400)

    assert unknown.startswith("„seite“ ist hier kein Parameter. Erlaubt: ")
    assert all(name in unknown for name in operation.parameters)
    assert repeated == "„format“ darf nur einmal angegeben werden."


def _bad_values(name):
    schema = openapi.PARAMETERS[name]["schema"]
    if schema.get("type") == "integer":
        low = schema.get("minimum", 1) - 1
        return ["", "zwei", "1.5", str(low)] + ([str(schema["maximum"] + 1)] if "maximum" in schema else [])
    if schema.get("type") == "boolean":
        return ["", "ja", "2"]
    if schema.get("format") == "date-time":
        return ["", "gestern", "2026-01-31", "2026-13-01T00:00:00Z", "2026-01-31T25:00:00"]
    if "enum" in schema:
        return ["", "csv", "ndjson", "JSON"]
    return []  # free text: any value is fine


TYPED = [(operation, name) for operation in openapi.OPERATIONS for name in operation.parameters if _bad_values(name)]


@pytest.mark.parametrize("operation, name", TYPED, ids=lambda value: getattr(value, "path", value))
def test_every_typed_parameter_rejects_bad_values_with_a_400_naming_it(client, db, operation, name):
    url = _url(operation)
    for value in _bad_values(name):
        assert f"„{name}“" in _error(client.get(url, {name: value}), 400), value


@pytest.mark.parametrize("operation", openapi.OPERATIONS, ids=lambda operation: operation.path)
def test_every_parameter_with_a_good_value_is_accepted(client, small_catalogue, operation):
    good = {"search": "a", "page": "1", "per_page": "500", "format": "json", "full": "true", "minimal": "false",
            "full_service": "true", "modified_after": "2000-01-01T00:00:00+01:00", "top_only": "false",
            "taxonomy_term_id": hsds.TARGET_GROUPS.term_id(small_catalogue["families"].pk),
            "taxonomy_id": hsds.TARGET_GROUPS.id, "organization_id": "unbekannt",
            "parent_id": hsds.TARGET_GROUPS.term_id(small_catalogue["families"].pk)}

    _json(client.get(_url(operation, small_catalogue), {name: good[name] for name in operation.parameters}))


@pytest.mark.parametrize("operation", LISTS, ids=lambda operation: operation.path)
def test_paging_out_of_range_is_400_and_past_the_end_404(client, db, operation):
    for params in ({"page": "0"}, {"per_page": "0"}, {"per_page": str(openapi.MAX_PER_PAGE + 1)}):
        assert "muss eine ganze Zahl" in _error(client.get(API + operation.path, params), 400)
    assert "Seite 99 gibt es nicht" in _error(client.get(API + operation.path, {"page": "99"}), 404)


def test_modified_after_reads_iso_8601_with_zones_and_an_unencoded_plus(client, small_catalogue):
    Offer.objects.update(updated_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    Offer.objects.filter(slug="elterncafe").update(updated_at=dt.datetime(2026, 1, 31, 11, 30, tzinfo=dt.UTC))

    def count(value):
        return _json(client.get(f"{API}/services", {"modified_after": value}))["total_items"]

    assert count("2026-01-31T12:00:00+01:00") == 3  # 11:00 UTC: the café too
    assert count("2026-01-31T12:00:00Z") == 2
    assert count("2026-01-31t11:30:00.000000001z") == 3  # lower case, nanoseconds
    assert _json(client.get(f"{API}/services?modified_after=2026-01-31T12:00:00+01:00"))["total_items"] == 3
    assert count("0001-01-01T00:00:00+01:00") == 3  # before year 1 in UTC: no overflow
    assert count("9999-12-31T23:59:59-01:00") == 0


def test_services_minimal_lists_id_and_last_change_only(client, small_catalogue):
    page = _json(client.get(f"{API}/services", {"minimal": "true", "full": "true", "search": "café"}))

    cafe = Offer.objects.get(slug="elterncafe")
    assert page["contents"] == [{"id": hsds.record_id(hsds.SERVICE, cafe.pk),
                                 "last_modified": cafe.updated_at.astimezone(dt.UTC).isoformat(
                                     timespec="milliseconds").replace("+00:00", "Z")}]


def test_services_format_json_is_the_default(client, small_catalogue):
    assert _json(client.get(f"{API}/services", {"format": "json"})) == _json(client.get(f"{API}/services"))


def test_organizations_full_service_nests_full_services(client, schemas, small_catalogue):
    caritas_id = hsds.record_id(hsds.ORGANIZATION, small_catalogue["caritas"].pk)

    listed = _json(client.get(f"{API}/organizations", {"full_service": "true"}))["contents"][0]
    detail = _json(client.get(f"{API}/organizations/{caritas_id}", {"full_service": "true"}))
    plain = _json(client.get(f"{API}/organizations/{caritas_id}"))

    assert listed == detail
    assert schemas.errors("organization", detail) == []
    assert [e for service in detail["services"] for e in schemas.errors("service", service)] == []
    assert [s["name"] for s in detail["services"]] == ["Elterncafé", "Familienberatung"]
    advice = detail["services"][1]
    assert [lang["code"] for lang in advice["languages"]] == ["ar", "de"]
    assert advice["cost_options"][0]["amount"] == 5
    assert "organization" not in advice  # no loop back to the organization
    assert plain["services"] == [{"id": s["id"], "name": s["name"]} for s in detail["services"]]


def test_taxonomies_search(client, db):
    assert _names(_json(client.get(f"{API}/taxonomies", {"search": "QUARTIER"}))) == ["Quartiere"]
    assert _names(_json(client.get(f"{API}/taxonomies", {"search": "Gruppen wie"}))) == ["Leistungsarten"]


def test_taxonomy_terms_search_top_only_and_parent_id(client, small_catalogue):
    families = hsds.TARGET_GROUPS.term_id(small_catalogue["families"].pk)
    advice = hsds.SERVICE_TYPES.term_id(small_catalogue["advice"].pk)  # a group of the migrated service types

    def terms(**params):
        return _json(client.get(f"{API}/taxonomy_terms", {"per_page": 500, **params}))["contents"]

    def names(**params):
        return [term["name"] for term in terms(**params)]

    assert names(search="eltern mit", taxonomy_id=hsds.TARGET_GROUPS.id) == ["Familien"]
    assert names(search="SÜDLICHE") == ["Südliche Innenstadt"]
    assert names(parent_id=families) == ["Kinder"]
    advice_types = terms(parent_id=advice)
    assert "Schuldnerberatung" in [term["name"] for term in advice_types]
    assert {term["parent_id"] for term in advice_types} == {advice}
    assert names(parent_id=families, taxonomy_id=hsds.SERVICE_TYPES.id) == []
    assert names(parent_id=hsds.QUARTERS.term_id(small_catalogue["south"].pk)) == []  # quarters have no children
    assert names(parent_id="unbekannt") == []
    top = names(top_only="true", taxonomy_id=hsds.TARGET_GROUPS.id)
    assert top == ["Familien"]
    assert "Schuldnerberatung" not in names(top_only="true") and "Südliche Innenstadt" in names(top_only="true")


def test_api_root_links_the_openapi_document_and_every_list(client, db):
    data = _json(client.get(f"{API}/"))
    assert data["openapi_url"] == "http://testserver/api/hsds/openapi.json"
    assert data["service_at_locations"] == "http://testserver/api/hsds/service_at_locations"


# --- Methods, CSRF, unknown paths ---------------------------------------------------------------


@pytest.mark.parametrize("method", WRITES)
@pytest.mark.parametrize("operation", openapi.OPERATIONS, ids=lambda operation: operation.path)
def test_writes_get_405_with_allow_and_no_csrf_page(db, operation, method):
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)(_url(operation), data="{}", content_type="application/json")

    assert "nicht erlaubt" in _error(response, 405)
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("operation", openapi.OPERATIONS, ids=lambda operation: operation.path)
def test_options_and_head_are_answered(client, small_catalogue, operation):
    url = _url(operation, small_catalogue)

    options = client.options(url)
    head = client.head(url)

    assert options.status_code == 204
    assert (options["Allow"], options["Access-Control-Allow-Methods"]) == ("GET, HEAD, OPTIONS",) * 2
    assert (head.status_code, head.content) == (200, b"")
    assert head["Content-Type"] == "application/json"


def test_the_openapi_document_refuses_writes_too(db):
    response = Client(enforce_csrf_checks=True).post(f"{API}/openapi.json")
    _error(response, 405)
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("path", ["/gibt-es-nicht", "/services/", "/services/a/b", "/service_at_location",
                                  "/openapi.yaml", "/organizations/x/services"])
def test_unknown_paths_are_json_404_for_any_method(db, path):
    client = Client(enforce_csrf_checks=True)
    assert "gibt es in dieser Schnittstelle nicht" in _error(client.get(API + path), 404)
    assert "gibt es in dieser Schnittstelle nicht" in _error(client.post(API + path), 404)


@pytest.mark.parametrize("operation", DETAILS, ids=lambda operation: operation.path)
def test_unknown_ids_are_json_404(client, db, operation):
    assert "gibt es nicht" in _error(client.get(API + operation.path.replace("{id}", "nicht-da")), 404)


def test_errors_are_open_to_other_directories_too(client, db):
    assert client.get(f"{API}/services", {"page": "0"})["Access-Control-Allow-Origin"] == "*"
    assert client.get(f"{API}/nicht-da")["Access-Control-Allow-Origin"] == "*"


# --- The OpenAPI document -------------------------------------------------------------------------


def test_the_served_openapi_document_is_valid_openapi_3_1(client, db):
    document = _json(client.get(f"{API}/openapi.json"))

    schemathesis.openapi.from_dict(document).validate()  # the OpenAPI 3.1 meta-schema
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    assert document["openapi"].startswith("3.")
    assert document["servers"] == [{"url": "http://testserver/api/hsds"}]
    assert document["info"]["version"] and document["info"]["title"]


def test_the_openapi_document_names_exactly_the_implemented_paths(client, db, upstream):
    document = _json(client.get(f"{API}/openapi.json"))
    routes = {
        pattern.name: "/" + str(pattern.pattern).replace("<str:id>", "{id}")
        for resolver in get_resolver().url_patterns if getattr(resolver, "namespace", None) == "hsds"
        for pattern in resolver.url_patterns if isinstance(pattern, URLPattern) and pattern.name in openapi.BY_NAME
    }

    assert set(routes.values()) == set(document["paths"])
    assert all(routes[operation.name] == operation.path for operation in openapi.OPERATIONS)
    assert set(document["paths"]) <= set(upstream["paths"])  # restricted to HSDS paths
    assert all(list(item) == ["get"] for item in document["paths"].values())
    operation_ids = {item["get"]["operationId"] for item in document["paths"].values()}
    assert operation_ids == {upstream["paths"][path]["get"]["operationId"] for path in document["paths"]}


# HSDS table of each response schema, and the properties we add that the table does not name.
TABLES = {"Service": ("service", set()), "Organization": ("organization", {"services"}),
          "ServiceAtLocation": ("service_at_location", {"service"}), "Location": ("location", set()),
          "Address": ("address", set()), "Phone": ("phone", set()), "Contact": ("contact", set()),
          "Language": ("language", set()), "Accessibility": ("accessibility", set()), "Schedule": ("schedule", set()),
          "CostOption": ("cost_option", set()), "Attribute": ("attribute", set()),
          "TaxonomyTerm": ("taxonomy_term", set()), "Taxonomy": ("taxonomy", set())}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_response_schemas_use_the_fields_and_types_of_the_hsds_tables(schemas, name):
    table, extra = TABLES[name]
    ours, theirs = openapi.SCHEMAS[name], schemas.raw[table]

    assert set(ours["properties"]) - extra <= set(theirs["properties"])
    assert set(theirs.get("required", [])) <= set(ours["required"])
    for field, schema in ours["properties"].items():
        if field in extra or "type" not in schema:
            continue
        assert schema["type"] == theirs["properties"][field]["type"], field
        assert schema.get("format") in (None, theirs["properties"][field].get("format"), "date", "date-time"), field


# --- Query counts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("providers", [2, 12])
def test_new_lists_run_a_fixed_number_of_queries(client, django_assert_num_queries, providers):
    _grow(providers)
    # count, offers page (+ provider, field, type), target groups, quarters, languages, provider languages, slots
    with django_assert_num_queries(7):
        page = _json(client.get(f"{API}/service_at_locations", {"full": "true", "per_page": 500}))
    assert page["size"] == 2 * providers
    # count, (id, last change) rows
    with django_assert_num_queries(2):
        assert _json(client.get(f"{API}/services", {"minimal": "true", "per_page": 500}))["size"] == 2 * providers
    # count, providers page, languages, offers (+ field, type), target groups, quarters, languages, slots
    with django_assert_num_queries(8):
        assert _json(client.get(f"{API}/organizations", {"full_service": "true"}))["size"] == providers


@pytest.mark.parametrize("providers", [2, 12])
def test_new_details_run_a_fixed_number_of_queries(client, django_assert_num_queries, providers):
    _grow(providers)
    offer = Offer.objects.order_by("pk").last()
    provider = offer.provider
    # offer (+ provider, field, type), target groups, quarters, languages, provider languages, slots
    with django_assert_num_queries(6):
        _json(client.get(f"{API}/service_at_locations/{hsds.service_at_location_id(offer)}"))
    # provider, languages, offers (+ field, type), target groups, quarters, languages, slots
    with django_assert_num_queries(7):
        _json(client.get(f"{API}/organizations/{hsds.record_id(hsds.ORGANIZATION, provider.pk)}",
                         {"full_service": "true"}))


def test_a_point_without_usable_coordinates_is_still_a_place(client, db):
    provider = factories.ProviderFactory(city="", location={"type": "Point", "coordinates": []})
    factories.OfferFactory(provider=provider)

    link = _json(client.get(f"{API}/service_at_locations", {"full": "true"}))["contents"][0]

    assert link["location"]["id"] == hsds.record_id(hsds.PROVIDER_LOCATION, provider.pk)
    assert "latitude" not in link["location"]
