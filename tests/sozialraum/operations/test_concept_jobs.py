"""Draft and publishing as background jobs, through the real queue and worker."""

import datetime as dt
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sozialraum.models import ConceptEdition
from sozialraum.operations.models import Job
from sozialraum.portal.concept.render import RenderedConcept

from .helpers import run_worker

FAKE_PDF = b"%PDF-1.7 fake"


@pytest.fixture
def fake_render(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rendered = RenderedConcept(pdf=FAKE_PDF, page_count=3)
    with mock.patch("sozialraum.portal.concept.services.render_concept", return_value=rendered) as render, \
            mock.patch("sozialraum.portal.concept.tasks.render_concept", return_value=rendered):
        yield render


def publish_data(token="7f1c6f36-3c1e-4a0e-9d53-0d8a7c6b3e11"):
    return {"name": "Fortschreibung 2026", "slug": "", "presented_on": "2026-03-12",
            "presented_to": "Sozialausschuss", "note": "", "token": token}


@pytest.mark.django_db
def test_publishing_returns_at_once_and_the_worker_publishes(editor_client, editor, fake_render, tmp_path):
    response = editor_client.post(reverse("concept:publish"), publish_data())

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert not ConceptEdition.objects.exists()
    fake_render.assert_not_called()  # the request renders nothing
    assert DBTaskResult.objects.get(pk=job.task_id).status == "READY"
    page = editor_client.get(job.get_absolute_url()).content.decode()
    assert "wartet" in page

    run_worker()

    edition = ConceptEdition.objects.get()
    assert (edition.slug, edition.presented_on, edition.published_by) == (
        "fortschreibung-2026", dt.date(2026, 3, 12), editor)
    assert (tmp_path / edition.pdf.name).read_bytes() == FAKE_PDF
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result_url == edition.get_absolute_url()
    assert DBTaskResult.objects.get(pk=job.task_id).status == "SUCCESSFUL"
    # The status page leads back to the edition list once, with the message.
    response = editor_client.get(job.get_absolute_url(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("concept:edition-list")
    assert "„Fortschreibung 2026“ ist veröffentlicht (3 Seiten)" in response.content.decode()
    assert "fertig" in editor_client.get(job.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_double_click_gives_one_job_and_one_edition(editor_client, fake_render):
    first = editor_client.post(reverse("concept:publish"), publish_data())
    second = editor_client.post(reverse("concept:publish"), publish_data())

    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1 and DBTaskResult.objects.count() == 1
    run_worker()
    # A retry of the finished task changes nothing.
    job = Job.objects.get()
    DBTaskResult.objects.filter(pk=job.task_id).update(status="READY")
    run_worker()
    assert ConceptEdition.objects.count() == 1
    assert fake_render.call_count == 1


@pytest.mark.django_db
def test_a_slug_taken_meanwhile_fails_the_job_with_a_german_message(editor_client, editor, fake_render):
    editor_client.post(reverse("concept:publish"), publish_data())
    editor_client.post(reverse("concept:publish"), publish_data(token="0b8e1c1e-8f67-4f11-9d0a-4b8a8d7a9a01"))

    run_worker()

    assert ConceptEdition.objects.count() == 1
    failed = Job.objects.get(status=Job.Status.FAILED)
    assert "Kurzname" in failed.message or "existiert bereits" in failed.message
    page = editor_client.get(failed.get_absolute_url()).content.decode()
    assert "fehlgeschlagen" in page and failed.message in page


@pytest.mark.django_db
def test_draft_runs_as_a_job_and_offers_the_pdf(editor_client, editor, fake_render):
    assert editor_client.get(reverse("concept:draft")).status_code == 200
    response = editor_client.post(reverse("concept:draft"))
    again = editor_client.post(reverse("concept:draft"))
    job = Job.objects.get()
    assert response["Location"] == again["Location"] == job.get_absolute_url()

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and "3 Seiten" in job.message
    download = editor_client.get(reverse("operations:job-result", args=[job.pk]))
    assert b"".join(download.streaming_content) == FAKE_PDF
    assert "Gesamtkonzept-Entwurf-" in download["Content-Disposition"]
    assert reverse("operations:job-result", args=[job.pk]) in editor_client.get(job.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_jobs_are_seen_only_by_whoever_started_them(editor_client, editor, administrator, fake_render):
    editor_client.post(reverse("concept:draft"))
    job = Job.objects.get()
    run_worker()
    client = Client()
    client.force_login(administrator)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("operations:job-result", args=[job.pk])).status_code == 404
    assert job.title not in client.get(reverse("operations:job-list")).content.decode()
    assert job.title in editor_client.get(reverse("operations:job-list")).content.decode()


@pytest.mark.django_db
def test_job_pages_refuse_anonymous_and_non_staff_users(client, plain_user):
    url = reverse("operations:job-list")
    assert client.get(url)["Location"].startswith(reverse("admin:login"))
    client.force_login(plain_user)
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_the_old_draft_address_leads_to_the_draft_page(editor_client):
    response = editor_client.get(reverse("concept:draft-pdf"))
    assert response["Location"] == reverse("concept:draft")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["concept:publish", "concept:draft", "operations:job-list"])
def test_staff_pages_have_the_admin_header_not_djangos_default(editor_client, url):
    html = editor_client.get(reverse(url)).content.decode()
    assert "Django-Verwaltung" not in html
    assert 'id="site-name"' in html and 'href="/admin/"' in html
