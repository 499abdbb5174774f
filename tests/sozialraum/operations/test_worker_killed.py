"""A worker killed in the middle of publishing leaves no edition and no file; the job is
retried by the next worker (or failed with a German message), never "läuft" forever."""

import datetime as dt
import json
import os
import signal
import time

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sozialraum.operations.jobs import job_enqueue, recover_stale_jobs
from sozialraum.operations.models import Job
from sozialraum.portal.concept import tasks

from . import standalone

ENQUEUE_PUBLISH = """
from django.contrib.auth import get_user_model
from sozialraum.operations.jobs import job_enqueue
from sozialraum.portal.concept import tasks
user = get_user_model().objects.create_user("redaktion-test", password="x" * 20, is_staff=True)
job = job_enqueue(task=tasks.concept_publish, kind="concept.publish", title="Veröffentlichen", user=user,
                  key="concept.publish:test",
                  params={"name": "Fortschreibung 2026", "slug": "fortschreibung-2026",
                          "presented_on": "2026-03-12", "presented_to": "Sozialausschuss", "note": ""})
print(job.pk)
"""

# The worker's rendering stops in the middle (after the PDF is made, before anything is stored)
# and tells the test so; the test then kills the worker with SIGKILL.
STUCK_WORKER = """
import pathlib, time
from unittest import mock
from django.core.management import call_command
from sozialraum.portal.concept import services
real = services.render_concept
def stuck(data):
    rendered = real(data)
    pathlib.Path({marker!r}).write_text("rendering")
    time.sleep(600)
    return rendered
with mock.patch.object(services, "render_concept", stuck):
    call_command("jobs_worker", startup_delay=False, interval=0.2, verbosity=0)
"""

STATE = """
import json
from sozialraum.models import ConceptEdition
from sozialraum.operations.models import Job
job = Job.objects.get()
print(json.dumps({"status": job.status, "attempts": job.attempts, "message": job.message,
                  "editions": list(ConceptEdition.objects.values_list("slug", "pdf", "sha256"))}))
"""


def state(url, media):
    return json.loads(standalone.python(url, STATE, DJANGO_MEDIA_ROOT=media).strip().splitlines()[-1])


def media_files(media):
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


@pytest.mark.django_db
def test_a_worker_killed_mid_publish_leaves_nothing_and_the_next_worker_publishes(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    marker = tmp_path / "rendering"
    with standalone.fresh_database(connection.vendor, tmp_path) as url:
        standalone.python(url, ENQUEUE_PUBLISH, DJANGO_MEDIA_ROOT=media)
        worker = standalone.start(url, STUCK_WORKER.format(marker=str(marker)), DJANGO_MEDIA_ROOT=media,
                                  JOBS_HEARTBEAT_SECONDS=0.5)
        try:
            deadline = time.monotonic() + 240
            while not marker.exists():
                assert worker.poll() is None, "the worker ended on its own"
                assert time.monotonic() < deadline, "the worker never started rendering"
                time.sleep(0.2)
            assert state(url, media)["status"] == "running"
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
        finally:
            if worker.poll() is None:
                worker.kill()

        killed = state(url, media)
        assert killed["editions"] == []
        assert media_files(media) == []  # no PDF, nothing half-written

        time.sleep(2.5)  # longer than JOBS_STALE_SECONDS below: the job has lost its worker
        done = standalone.manage(url, "jobs_worker", "--batch", "--no-startup-delay",
                                 DJANGO_MEDIA_ROOT=media, JOBS_STALE_SECONDS=2)
        assert done.returncode == 0, done.stderr

        after = state(url, media)
        assert after["status"] == "succeeded" and after["attempts"] == 2
        [(slug, pdf, _sha)] = after["editions"]
        assert slug == "fortschreibung-2026"
        assert media_files(media) == [pdf]


@pytest.fixture
def stale_job(editor, settings):
    settings.JOBS_STALE_SECONDS = 60
    job = job_enqueue(task=tasks.concept_draft, kind="concept.draft", title="Entwurf", user=editor)
    DBTaskResult.objects.filter(pk=job.task_id).update(status="RUNNING")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=1,
                                         heartbeat_at=timezone.now() - dt.timedelta(seconds=61))
    return job


@pytest.mark.django_db
def test_a_job_with_a_recent_sign_of_life_is_left_alone(stale_job):
    Job.objects.filter(pk=stale_job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(seconds=30))
    assert recover_stale_jobs() == 0
    stale_job.refresh_from_db()
    assert stale_job.status == Job.Status.RUNNING


@pytest.mark.django_db
def test_a_lost_job_goes_back_into_the_queue(stale_job, settings):
    settings.JOBS_MAX_ATTEMPTS = 2
    assert recover_stale_jobs() == 1
    stale_job.refresh_from_db()
    assert stale_job.status == Job.Status.QUEUED
    assert DBTaskResult.objects.get(pk=stale_job.task_id).status == "READY"
    assert recover_stale_jobs() == 0  # taken once only


@pytest.mark.django_db
def test_a_job_lost_too_often_fails_with_a_german_message_and_the_status_page_says_so(
        stale_job, settings, editor_client):
    settings.JOBS_MAX_ATTEMPTS = 1

    page = editor_client.get(stale_job.get_absolute_url()).content.decode()  # the page recovers too

    stale_job.refresh_from_db()
    assert stale_job.status == Job.Status.FAILED
    assert "Hintergrunddienst wurde während der Arbeit beendet" in stale_job.message
    assert "fehlgeschlagen" in page and "läuft" not in page.split('id="job-state"')[1][:200]
    assert DBTaskResult.objects.get(pk=stale_job.task_id).status == "FAILED"
