"""DJANGO_LOG_FORMAT=json: one JSON object per line, with the request id and the job id."""

import io
import json
import logging
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from sozialraum.common.logs import ContextFilter
from sozialraum.operations.jobs import job_enqueue
from sozialraum.portal.concept import tasks
from sozialraum.portal.concept.render import RenderedConcept

from .helpers import run_worker


@pytest.fixture
def json_lines():
    """The project's JSON formatter and context filter on a handler that writes into a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    options = {key: value for key, value in settings.LOGGING["formatters"]["json"].items() if key != "()"}
    handler.setFormatter(JsonFormatter(**options))
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


@pytest.mark.django_db
def test_a_request_log_line_carries_its_request_id(client, json_lines, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with mock.patch("sozialraum.operations.health.default_storage.save", side_effect=OSError("kaputt")):
        client.get(reverse("health"), HTTP_X_REQUEST_ID="anfrage-42")
    line = next(line for line in json_lines() if line["logger"] == "sozialraum.operations.health")
    assert line["request_id"] == "anfrage-42" and line["level"] == "ERROR" and line["job_id"] == "-"


@pytest.mark.django_db
def test_a_job_log_line_carries_its_job_id(editor, json_lines, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = job_enqueue(task=tasks.concept_draft, kind="concept.draft", title="Entwurf", user=editor)
    with mock.patch("sozialraum.portal.concept.tasks.render_concept",
                    return_value=RenderedConcept(pdf=b"%PDF", page_count=1)):
        run_worker()
    lines = [line for line in json_lines() if line["logger"] == "sozialraum.operations.jobs"]
    assert any(line["job_id"] == str(job.pk) and "fertig" in line["message"] for line in lines)
