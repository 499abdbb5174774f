"""/health/ for load balancers: 200 when database, cache, storage and queue work, 503 otherwise."""

import datetime as dt
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sozialraum.operations.jobs import job_enqueue
from sozialraum.portal.concept import tasks


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_health_answers_200_with_a_small_json_body(client, media):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "queue": "ok"},
        "queue_oldest_waiting_seconds": None,
    }
    assert response["Cache-Control"].startswith("max-age=0")
    assert list(media.rglob("*.txt")) == []  # the storage probe cleans up


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("sozialraum.operations.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get(reverse("health"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fehler"
    assert body["checks"]["database"] == "fehler" and body["checks"]["queue"] == "fehler"
    assert "down" not in response.content.decode()  # no error text, host or path


@pytest.mark.django_db
def test_health_answers_503_when_the_storage_fails(client):
    with mock.patch("sozialraum.operations.health.default_storage.save", side_effect=OSError("/srv/secret")):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "fehler"
    assert "secret" not in response.content.decode()


@pytest.mark.django_db
def test_health_reports_the_oldest_waiting_job_and_fails_when_no_worker_takes_it(client, settings, editor):
    job = job_enqueue(task=tasks.concept_draft, kind="concept.draft", title="Entwurf", user=editor)
    DBTaskResult.objects.filter(pk=job.task_id).update(enqueued_at=timezone.now() - dt.timedelta(seconds=120))
    settings.HEALTH_QUEUE_MAX_WAIT_SECONDS = 600

    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert 119 <= response.json()["queue_oldest_waiting_seconds"] <= 125

    settings.HEALTH_QUEUE_MAX_WAIT_SECONDS = 60
    response = client.get(reverse("health"))
    assert response.status_code == 503 and response.json()["checks"]["queue"] == "fehler"


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_keeps_a_valid_one_from_the_proxy(client):
    assert len(client.get(reverse("health"))["X-Request-ID"]) == 32
    assert client.get(reverse("health"), HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    assert client.get(reverse("health"), HTTP_X_REQUEST_ID="bad id\n")["X-Request-ID"] != "bad id\n"
