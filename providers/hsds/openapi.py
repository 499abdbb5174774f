"""The OpenAPI 3.1 description of the HSDS API, as this portal implements it.

The paths, operation ids and parameter names follow the Open Referral HSDS 3.0 OpenAPI
document (``shared/hsds/openapi.json``), restricted to what is implemented here; the
texts and the response schemas are this portal's own (they describe exactly the records
``records.py`` writes, with ``additionalProperties: false``). The views read the
parameters of their operation from here, so the document and the checks of the query
string cannot drift apart: a parameter that is not listed is answered with 400.
"""

from django.utils.translation import gettext_noop

from providers.hsds.records import HSDS_VERSION

OPENAPI_VERSION = "3.1.0"
DOCUMENT_VERSION = "1.1.0"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
FORMATS = ("json",)

# HSDS parameters this API does not offer, with the reason (answered with 400, not listed).
UNSUPPORTED = {
    "postcode": gettext_noop("Eine Suche nach Postleitzahl bietet diese Schnittstelle nicht an."),
    "proximity": gettext_noop("Eine Umkreissuche bietet diese Schnittstelle nicht an."),
}

# Printable text only: the portal answers NUL and other control characters with 400.
TEXT_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$"


def _ref(kind, name):
    return {"$ref": f"#/components/{kind}/{name}"}


def _schema(name):
    return _ref("schemas", name)


def _query(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _text(description, **extra):
    return {"type": "string", "description": description, **extra}


BOOLEAN = {"type": "boolean", "default": False}
QUERY_TEXT = {"type": "string", "pattern": TEXT_PATTERN}

PARAMETERS = {
    "search": _query("search", "Suche wie im Portal: jedes Wort muss vorkommen (Groß- und Kleinschreibung egal, "
                     "„ü“ wie „ue“). Angebote: Titel und Beschreibung; Organisationen: Name; Taxonomien: Name und "
                     "Beschreibung; Begriffe: Name, Kürzel und Beschreibung.", QUERY_TEXT),
    "page": _query("page", "Seite der Liste, ab 1. Eine Seite hinter der letzten ergibt 404.",
                   {"type": "integer", "minimum": 1, "default": 1}),
    "per_page": _query("per_page", f"Einträge je Seite, 1 bis {MAX_PER_PAGE}.",
                       {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE}),
    "format": _query("format", "Antwortformat; nur „json“ (Voreinstellung). ndjson und andere Formate gibt es "
                     "nicht (400).", {"type": "string", "enum": list(FORMATS), "default": "json"}),
    "full": _query("full", "true: vollständig verschachtelte Einträge statt nur der Felder der Tabelle.", BOOLEAN),
    "minimal": _query("minimal", "true: je Angebot nur „id“ und „last_modified“ (geht „full“ vor).", BOOLEAN),
    "full_service": _query("full_service", "true: verschachtelte Organisation, deren „services“ vollständige "
                           "Angebote sind (schließt „full“ ein).", BOOLEAN),
    "modified_after": _query("modified_after", "Nur Angebote, die zu oder nach diesem Zeitpunkt (ISO 8601, z. B. "
                             "2026-01-31T12:00:00Z; ohne Zeitzone: Ortszeit) geändert wurden.",
                             {"type": "string", "format": "date-time"}),
    "taxonomy_term_id": _query("taxonomy_term_id", "Nur Angebote mit diesem Taxonomie-Begriff (bei einer "
                               "Gruppe von Leistungsarten auch die ihrer Leistungsarten). Eine unbekannte Kennung "
                               "findet nichts.", QUERY_TEXT),
    "taxonomy_id": _query("taxonomy_id", "Angebote: nur die mit einem Begriff dieser Taxonomie; Begriffe: nur die "
                          "dieser Taxonomie. Eine unbekannte Kennung findet nichts.", QUERY_TEXT),
    "organization_id": _query("organization_id", "Nur Angebote dieser Organisation. Eine unbekannte Kennung findet "
                              "nichts.", QUERY_TEXT),
    "top_only": _query("top_only", "true: nur Begriffe ohne übergeordneten Begriff.", BOOLEAN),
    "parent_id": _query("parent_id", "Nur die Begriffe, deren übergeordneter Begriff diese Kennung hat. Eine "
                        "unbekannte Kennung findet nichts.", QUERY_TEXT),
}

LIST = ("page", "per_page", "format")
DETAIL = ("format",)
SERVICE_FILTERS = ("search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after")


class Operation:
    """One GET operation: its path, the names of its query parameters and what it answers."""

    def __init__(self, name, path, operation_id, summary, parameters, response, *, described_id=None):
        self.name = name  # the URL name in providers/hsds/urls.py
        self.path = path
        self.operation_id = operation_id
        self.summary = summary
        self.parameters = tuple(parameters)
        self.response = response
        self.described_id = described_id  # what the {id} in the path names

    def as_openapi(self):
        parameters = [_ref("parameters", name) for name in self.parameters]
        if self.described_id:
            parameters.insert(0, {"name": "id", "in": "path", "required": True, "description": self.described_id,
                                  "schema": {"type": "string", "format": "uuid"}})
        responses = {
            "200": {"description": "Erfolg.", "content": {"application/json": {"schema": self.response}}},
            "400": _ref("responses", "BadRequest"),
            "404": _ref("responses", "NotFound"),
            "405": _ref("responses", "MethodNotAllowed"),
        }
        return {"get": {"operationId": self.operation_id, "summary": self.summary, "parameters": parameters,
                        "responses": responses}}


def _page_of(item):
    return {"allOf": [_schema("Page"), {"type": "object", "properties": {"contents": {"type": "array",
                                                                                       "items": item}}}]}


OPERATIONS = (
    Operation("api-info", "/", "getAPIMetaInformation", "Angaben zu dieser Schnittstelle und ihrer HSDS-Version.",
              DETAIL, _schema("ApiInfo")),
    Operation("service-list", "/services", "getPaginatedListOfServices",
              "Angebote (nur aktive), seitenweise; mit full=true verschachtelt, mit minimal=true nur Kennung und "
              "Änderungszeit.", (*SERVICE_FILTERS, *LIST, "minimal", "full"),
              _page_of({"oneOf": [_schema("Service"), _schema("ServiceMinimal")]})),
    Operation("service-detail", "/services/{id}", "getFullyNestedServiceById", "Ein Angebot, vollständig "
              "verschachtelt.", DETAIL, _schema("Service"), described_id="Kennung des Angebots."),
    Operation("organization-list", "/organizations", "getPaginatedListOfOrganizations",
              "Organisationen (Anbieter), seitenweise; mit full=true verschachtelt, mit full_service=true mit "
              "vollständigen Angeboten.", ("search", "full_service", "full", *LIST), _page_of(_schema("Organization"))),
    Operation("organization-detail", "/organizations/{id}", "getOrganizationById", "Eine Organisation, "
              "verschachtelt; ihre Angebote als Kennung und Name, mit full_service=true vollständig.",
              ("full_service", *DETAIL), _schema("Organization"), described_id="Kennung der Organisation."),
    Operation("taxonomy-list", "/taxonomies", "getPaginatedListOfTaxonomies", "Die Taxonomien des Portals.",
              ("search", *LIST), _page_of(_schema("Taxonomy"))),
    Operation("taxonomy-detail", "/taxonomies/{id}", "getTaxonomyById", "Eine Taxonomie.", DETAIL,
              _schema("Taxonomy"), described_id="Kennung der Taxonomie."),
    Operation("taxonomy-term-list", "/taxonomy_terms", "getPaginatedListOfTaxonomyTerms",
              "Begriffe der Taxonomien, seitenweise.", ("search", *LIST, "taxonomy_id", "top_only", "parent_id"),
              _page_of(_schema("TaxonomyTerm"))),
    Operation("taxonomy-term-detail", "/taxonomy_terms/{id}", "getTaxonomyTermById", "Ein Taxonomie-Begriff.",
              DETAIL, _schema("TaxonomyTerm"), described_id="Kennung des Begriffs."),
    Operation("service-at-location-list", "/service_at_locations", "getPaginatedListOfServiceAtLocation",
              "Angebote an ihrem Ort (eines je aktivem Angebot mit Ort), seitenweise; mit full=true mit Ort und "
              "Angebot verschachtelt.", (*SERVICE_FILTERS, "full", *LIST), _page_of(_schema("ServiceAtLocation"))),
    Operation("service-at-location-detail", "/service_at_locations/{id}", "getServiceAtLocationWithNestedDataById",
              "Ein Angebot an seinem Ort, mit Ort und Angebot verschachtelt.", DETAIL, _schema("ServiceAtLocation"),
              described_id="Kennung des Angebots an seinem Ort (service_at_location)."),
)

BY_NAME = {operation.name: operation for operation in OPERATIONS}


def parameter_names(name):
    """The query parameters the operation with this URL name accepts."""
    return BY_NAME[name].parameters


# --- Response schemas ---------------------------------------------------------------------

UUID = {"type": "string", "format": "uuid"}
STRING = {"type": "string"}
NUMBER = {"type": "number"}
URI = {"type": "string", "format": "uri"}
EMAIL = {"type": "string", "format": "email"}
DATE = {"type": "string", "format": "date"}


def _object(description, properties, required=()):
    return {"type": "object", "description": description, "properties": properties, "required": list(required),
            "additionalProperties": False}


def _array(item):
    return {"type": "array", "items": item}


SCHEMAS = {
    "Error": _object("Ein Fehler mit einer Meldung auf Deutsch.", {"detail": STRING}, ["detail"]),
    "Page": {
        "type": "object",
        "description": "Eine Seite einer Liste (HSDS Page).",
        "properties": {
            "total_items": {"type": "integer", "minimum": 0},
            "total_pages": {"type": "integer", "minimum": 1},
            "page_number": {"type": "integer", "minimum": 1},
            "size": {"type": "integer", "minimum": 0},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array"},
        },
        "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
                     "contents"],
    },
    "ApiInfo": _object("Angaben zur Schnittstelle.", {
        "version": _text("HSDS-Version.", const=HSDS_VERSION),
        "name": STRING,
        "publisher": STRING,
        "openapi_url": URI,
        "services": URI,
        "organizations": URI,
        "service_at_locations": URI,
        "taxonomies": URI,
        "taxonomy_terms": URI,
    }, ["version", "openapi_url"]),
    "Service": _object("Ein Angebot (HSDS service). In Listen ohne full=true nur die Felder der Tabelle.", {
        "id": UUID,
        "organization_id": UUID,
        "name": STRING,
        "description": STRING,
        "url": URI,
        "status": {"type": "string", "enum": ["active", "inactive", "defunct", "temporarily closed"]},
        "alert": STRING,
        "application_process": STRING,
        "fees_description": STRING,
        "eligibility_description": STRING,
        "minimum_age": NUMBER,
        "maximum_age": NUMBER,
        "assured_date": DATE,
        "last_modified": {"type": "string", "format": "date-time"},
        "organization": _schema("Organization"),
        "service_at_locations": _array(_schema("ServiceAtLocation")),
        "schedules": _array(_schema("Schedule")),
        "cost_options": _array(_schema("CostOption")),
        "languages": _array(_schema("Language")),
        "attributes": _array(_schema("Attribute")),
    }, ["id", "organization_id", "name", "status"]),
    "ServiceMinimal": _object("Ein Angebot mit minimal=true.", {
        "id": UUID, "last_modified": {"type": "string", "format": "date-time"},
    }, ["id", "last_modified"]),
    "ServiceLink": _object("Ein Angebot einer Organisation als Kennung und Name.", {"id": UUID, "name": STRING},
                           ["id", "name"]),
    "Organization": _object("Eine Organisation (HSDS organization). In Listen ohne full=true nur die Felder der "
                            "Tabelle.", {
        "id": UUID,
        "name": STRING,
        "description": STRING,
        "email": EMAIL,
        "website": URI,
        "legal_status": STRING,
        "uri": URI,
        "phones": _array(_schema("Phone")),
        "contacts": _array(_schema("Contact")),
        "locations": _array(_schema("Location")),
        "services": _array({"oneOf": [_schema("ServiceLink"), _schema("Service")]}),
    }, ["id", "name", "description"]),
    "ServiceAtLocation": _object("Ein Angebot an seinem Ort (HSDS service_at_location). In Listen ohne full=true "
                                 "nur die Felder der Tabelle.", {
        "id": UUID,
        "service_id": UUID,
        "location_id": UUID,
        "location": _schema("Location"),
        "service": _schema("Service"),
    }, ["id", "service_id", "location_id"]),
    "Location": _object("Ein Ort (HSDS location).", {
        "id": UUID,
        "location_type": {"type": "string", "enum": ["physical", "postal", "virtual"]},
        "organization_id": UUID,
        "name": STRING,
        "description": STRING,
        "latitude": NUMBER,
        "longitude": NUMBER,
        "languages": _array(_schema("Language")),
        "addresses": _array(_schema("Address")),
        "accessibility": _array(_schema("Accessibility")),
    }, ["id", "location_type"]),
    "Address": _object("Eine Anschrift (HSDS address).", {
        "id": UUID, "location_id": UUID, "address_1": STRING, "city": STRING, "state_province": STRING,
        "postal_code": STRING, "country": STRING, "address_type": STRING,
    }, ["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"]),
    "Phone": _object("Eine Telefonnummer (HSDS phone).", {
        "id": UUID, "organization_id": UUID, "number": STRING, "type": STRING,
    }, ["id", "number"]),
    "Contact": _object("Eine Ansprechperson (HSDS contact).", {
        "id": UUID, "organization_id": UUID, "name": STRING, "email": EMAIL,
    }, ["id"]),
    "Language": _object("Eine Sprache (HSDS language) eines Angebots oder Ortes.", {
        "id": UUID, "service_id": UUID, "location_id": UUID, "name": STRING, "code": STRING,
    }, ["id"]),
    "Accessibility": _object("Barrierefreiheit eines Ortes (HSDS accessibility).", {
        "id": UUID, "location_id": UUID, "description": STRING, "details": STRING,
    }, ["id"]),
    "Schedule": _object("Eine Öffnungszeit (HSDS schedule); Zeiten in Ortszeit.", {
        "id": UUID, "service_id": UUID, "valid_from": DATE, "valid_to": DATE,
        "freq": {"type": "string", "enum": ["WEEKLY", "MONTHLY"]}, "byday": STRING,
        "opens_at": STRING, "closes_at": STRING, "description": STRING, "notes": STRING,
    }, ["id"]),
    "CostOption": _object("Die Kosten eines Angebots (HSDS cost_option).", {
        "id": UUID, "service_id": UUID, "option": STRING, "amount": NUMBER, "currency": STRING,
    }, ["id"]),
    "Attribute": _object("Ein Taxonomie-Begriff an einem Angebot (HSDS attribute).", {
        "id": UUID, "link_id": UUID, "link_type": STRING, "link_entity": STRING, "taxonomy_term_id": UUID,
        "taxonomy_term": _schema("TaxonomyTerm"),
    }, ["id"]),
    "TaxonomyTerm": _object("Ein Begriff einer Taxonomie (HSDS taxonomy_term).", {
        "id": UUID, "code": STRING, "name": STRING, "description": STRING, "parent_id": UUID, "taxonomy": STRING,
        "taxonomy_id": UUID, "language": STRING,
    }, ["id", "name", "description"]),
    "Taxonomy": _object("Eine Taxonomie (HSDS taxonomy).", {
        "id": UUID, "name": STRING, "description": STRING, "version": STRING,
    }, ["id", "name", "description"]),
}


def _error_response(description, headers=None):
    response = {"description": description, "content": {"application/json": {"schema": _schema("Error")}}}
    if headers:
        response["headers"] = headers
    return response


RESPONSES = {
    "BadRequest": _error_response("Ein Parameter ist unbekannt, doppelt oder hat einen ungültigen Wert; die Meldung "
                                  "nennt ihn."),
    "NotFound": _error_response("Kennung, Seite oder Pfad gibt es nicht."),
    "MethodNotAllowed": _error_response(
        "Die Schnittstelle ist nur lesbar: GET, HEAD und OPTIONS.",
        {"Allow": {"description": "GET, HEAD, OPTIONS", "schema": {"type": "string"}}},
    ),
}

DESCRIPTION = f"""Der Anbieterkatalog des Portals im Format Open Referral HSDS {HSDS_VERSION}, öffentlich und nur \
lesbar (GET, HEAD, OPTIONS; andere Methoden: 405 mit `Allow`). Nur aktive Angebote sind öffentlich.

- Listen sind seitenweise (`page`, `per_page` bis {MAX_PER_PAGE}); eine Seite hinter der letzten ergibt 404.
- Jede Operation nimmt genau die hier genannten Parameter, jeden höchstens einmal. Ein unbekannter Parameter, ein \
doppelter oder ein ungültiger Wert ergibt 400 mit einer Meldung, die den Parameter nennt; so auch die \
HSDS-Parameter `postcode` und `proximity`, die diese Schnittstelle nicht anbietet. `format` kennt nur `json`.
- Fehler sind JSON: `{{"detail": "<Meldung auf Deutsch>"}}`, mit 400, 404 oder 405; unbekannte Pfade ergeben 404.
- Kennungen sind stabile UUIDs.

Pfade und Parameter folgen dem OpenAPI-Dokument von Open Referral HSDS {HSDS_VERSION} (CC BY-SA 4.0), \
eingeschränkt auf das, was dieses Portal umsetzt."""


def document(server_url):
    """The OpenAPI document; ``server_url`` is the absolute address of the API root, without a final slash."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Sozialraum-Portal: Anbieterkatalog (HSDS)",
            "version": DOCUMENT_VERSION,
            "description": DESCRIPTION,
        },
        "externalDocs": {"description": f"Open Referral HSDS {HSDS_VERSION}", "url": "https://docs.openreferral.org/"},
        "servers": [{"url": server_url}],
        "paths": {operation.path: operation.as_openapi() for operation in OPERATIONS},
        "components": {"schemas": SCHEMAS, "parameters": PARAMETERS, "responses": RESPONSES},
    }
