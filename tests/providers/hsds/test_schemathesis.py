"""Schemathesis against the OpenAPI document the API serves, through the WSGI app (no server).

The document is loaded from ``/api/hsds/openapi.json`` when the module is collected; each
operation is one test on the small catalogue, with Schemathesis' examples, coverage
(boundaries, unsupported methods with ``Allow``) and fuzzing phases, positive and negative.
Every response must be free of server errors and match the document: status code,
content type and schema (the schemas forbid fields they do not name).

Generated ids rarely exist, so each GET on a detail path is sent a second time with the
same query and the id of a record of the catalogue: it must answer 200 unless the query
is bad (then both answer 400), and that answer is validated too.

Schemathesis asks like ``requests`` (``Accept-Encoding: gzip``) but reads the body of the WSGI
answer as it comes; the page cache would send it compressed. The cases ask for the plain
body (``identity``); the compressed answers are the page cache's tests.
"""

import itertools

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from providers.hsds import records as hsds
from sozialraum.wsgi import application

pytestmark = [pytest.mark.django_db]

PLAIN = {"Accept-Encoding": "identity"}
MAX_EXAMPLES = 30  # per operation and phase; the whole module takes about 15 s

schema = schemathesis.openapi.from_wsgi("/api/hsds/openapi.json", application)


def _existing_ids(catalogue):
    """Ids of records of the catalogue, by detail path."""
    return {
        "/services/{id}": [hsds.record_id(hsds.SERVICE, catalogue[key].pk)
                           for key in ("family_advice", "cafe", "helpers")],
        "/organizations/{id}": [hsds.record_id(hsds.ORGANIZATION, catalogue[key].pk)
                                for key in ("caritas", "initiative")],
        "/taxonomies/{id}": [taxonomy.id for taxonomy in hsds.TAXONOMIES],
        "/taxonomy_terms/{id}": [hsds.TARGET_GROUPS.term_id(catalogue["children"].pk),
                                 hsds.SERVICE_TYPES.term_id(catalogue["debt"].pk),
                                 hsds.QUARTERS.term_id(catalogue["south"].pk)],
        "/service_at_locations/{id}": [hsds.service_at_location_id(catalogue[key])
                                       for key in ("family_advice", "cafe")],
    }


@pytest.fixture
def wsgi_keeps_the_connection():
    """What Django's test client does: a request must not close the connection that holds
    the test's transaction (PostgreSQL would lose the catalogue)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def existing_ids(small_catalogue, wsgi_keeps_the_connection):
    return {path: itertools.cycle(ids) for path, ids in _existing_ids(small_catalogue).items()}


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case, existing_ids):
    response = case.call_and_validate(headers=PLAIN)

    ids = existing_ids.get(case.operation.path)
    if ids is not None and case.method == "GET":
        known = case.operation.Case(path_parameters={"id": next(ids)}, query=case.query)
        known_response = known.call_and_validate(headers=PLAIN)
        assert known_response.status_code == (400 if response.status_code == 400 else 200), known.query
