"""The form "Barriere melden": stores the message, lists it for staff, keeps spam out without a
third-party service (honeypot, rate limit), and deletes messages after the retention period."""

import datetime as dt
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sozialraum.portal.public.models import BarrierReport
from sozialraum.portal.public.services import barrier_report_create

pytestmark = pytest.mark.django_db

URL = "/barrierefreiheit/barriere-melden/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_form_asks_only_what_it_needs_and_says_how_long_it_keeps_it(client, settings):
    settings.BARRIER_REPORT_RETENTION_DAYS = 90
    html = client.get(URL + "?seite=/massnahmen/").content.decode()
    for label in ["Welche Barriere haben Sie gefunden?", "Auf welcher Seite? (freiwillig)",
                  "Ihre E-Mail-Adresse, wenn Sie eine Antwort möchten (freiwillig)"]:
        assert label in html
    assert 'name="name"' not in html and 'name="phone"' not in html
    assert 'value="/massnahmen/"' in html  # the page the visitor came from
    assert "löschen Ihre Meldung nach 90 Tagen automatisch" in html
    assert "Ihre IP-Adresse speichern wir nicht" in html


def test_page_from_query_must_be_a_local_path(client):
    html = client.get(URL + "?seite=https://example.org/").content.decode()
    field = html[html.index('name="page"'):]
    assert "example.org" not in field[:field.index(">")]


def test_report_is_stored_and_visitor_thanked(client):
    response = client.post(URL, {"message": "Der Kontrast der Knöpfe ist zu schwach.", "page": "/angebote/",
                                 "email": "", "website": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("public:barrier-report-thanks")
    report = BarrierReport.objects.get()
    assert (report.message, report.page, report.email, report.handled) == (
        "Der Kontrast der Knöpfe ist zu schwach.", "/angebote/", "", False)
    assert "Danke für Ihre Meldung" in client.get(response["Location"]).content.decode()


def test_form_works_with_csrf_checks(settings):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    page = strict.get(URL)
    token = page.cookies["csrftoken"].value
    assert strict.post(URL, {"message": "Ohne Token", "website": ""}).status_code == 403
    response = strict.post(URL, {"message": "Mit Token", "website": "", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert BarrierReport.objects.get().message == "Mit Token"


def test_empty_message_gets_a_german_error_and_stores_nothing(client):
    response = client.post(URL, {"message": "  ", "email": "kein-mail", "website": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "Bitte prüfen Sie Ihre Angaben." in html
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert "Bitte gültige E-Mail-Adresse eingeben." in html
    assert "<title>Fehler: Barriere melden" in html
    assert not BarrierReport.objects.exists()


def test_too_long_message_is_refused(client):
    response = client.post(URL, {"message": "x" * 5001, "website": ""})
    assert response.status_code == 400
    assert not BarrierReport.objects.exists()


def test_honeypot_filled_by_a_bot_stores_nothing(client):
    response = client.post(URL, {"message": "Kaufen Sie jetzt!", "website": "https://spam.example"})
    assert response.status_code == 302  # the bot sees the same answer
    assert not BarrierReport.objects.exists()


def test_rate_limit_per_client_address(client, settings):
    settings.BARRIER_REPORT_RATE_LIMIT = 2
    for number in range(2):
        assert client.post(URL, {"message": f"Meldung {number}", "website": ""}).status_code == 302
    response = client.post(URL, {"message": "Meldung 3", "website": ""})
    assert response.status_code == 429
    assert "schon mehrere Meldungen geschickt" in response.content.decode()
    assert BarrierReport.objects.count() == 2
    # another address is not affected
    assert client.post(URL, {"message": "Andere", "website": ""}, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_no_address_is_stored():
    report = barrier_report_create(message="Die Karte ist nicht bedienbar.")
    stored = " ".join(str(getattr(report, f.attname)) for f in BarrierReport._meta.concrete_fields)
    assert "127.0.0.1" not in stored


def test_expired_reports_are_deleted_when_a_new_one_is_written(settings):
    settings.BARRIER_REPORT_RETENTION_DAYS = 30
    old = barrier_report_create(message="Alt")
    BarrierReport.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=31))
    young = barrier_report_create(message="Jung")
    BarrierReport.objects.filter(pk=young.pk).update(created_at=timezone.now() - dt.timedelta(days=29))
    barrier_report_create(message="Neu")
    assert sorted(BarrierReport.objects.values_list("message", flat=True)) == ["Jung", "Neu"]


def test_management_command_deletes_expired_reports(settings):
    settings.BARRIER_REPORT_RETENTION_DAYS = 10
    reports = [barrier_report_create(message=message) for message in ("Alt", "Jung")]
    for days, report in zip((11, 9), reports, strict=True):
        BarrierReport.objects.filter(pk=report.pk).update(created_at=timezone.now() - dt.timedelta(days=days))
    out = StringIO()
    call_command("barrier_reports_delete_expired", stdout=out)
    assert list(BarrierReport.objects.values_list("message", flat=True)) == ["Jung"]
    assert out.getvalue().strip() == "1 Barriere-Meldungen gelöscht (älter als 10 Tage)."
    call_command("barrier_reports_delete_expired", stdout=StringIO())  # idempotent
    assert BarrierReport.objects.count() == 1


# --- Staff read the reports --------------------------------------------------------------


def test_editor_lists_reads_and_marks_reports_handled(editor_client):
    report = barrier_report_create(message="Der Kalender-Link ist nicht beschriftet.", email="a@example.org")
    listing = editor_client.get(reverse("admin:public_barrierreport_changelist"))
    assert listing.status_code == 200
    assert "Der Kalender-Link ist nicht beschriftet." in listing.content.decode()
    url = reverse("admin:public_barrierreport_change", args=[report.pk])
    response = editor_client.post(url, {"handled": "on", "staff_note": "Beschriftung ergänzt."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.handled and report.staff_note == "Beschriftung ergänzt."
    assert report.message == "Der Kalender-Link ist nicht beschriftet."  # read only for staff


def test_nobody_adds_reports_in_the_admin(editor_client):
    assert editor_client.get(reverse("admin:public_barrierreport_add")).status_code == 403


def test_staff_without_permission_cannot_read_reports(staff_without_permissions_client):
    report = barrier_report_create(message="Geheim")
    assert staff_without_permissions_client.get(reverse("admin:public_barrierreport_changelist")).status_code == 403
    url = reverse("admin:public_barrierreport_change", args=[report.pk])
    assert staff_without_permissions_client.get(url).status_code == 403


def test_anonymous_cannot_read_reports(client):
    response = client.get(reverse("admin:public_barrierreport_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_other_methods_are_refused(client):
    assert client.put(URL).status_code == 405
    assert client.post(reverse("public:barrier-report-thanks")).status_code == 405
