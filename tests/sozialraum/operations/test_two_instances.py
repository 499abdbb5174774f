"""Two app instances (gunicorn) and one worker as separate processes on one PostgreSQL
database, one Redis and one media storage: what is done on A holds on B.

Runs on PostgreSQL in both CI passes: on the SQLite pass it makes its own PostgreSQL
database (on the local server), as on the PostgreSQL pass.
"""

import csv
import http.cookiejar
import io
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from . import standalone

REDIS_URL = "redis://127.0.0.1:6379/2"
PASSWORD = "Kastanienallee-2026-sicher"

SETUP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user = get_user_model().objects.create_user("redaktion-a", password={PASSWORD!r}, is_staff=True)
user.groups.add(Group.objects.get(name="Redaktion"))
"""

# The worker, with WeasyPrint replaced by fixed bytes (this test is about the instances).
WORKER = """
from unittest import mock
from django.core.management import call_command
from sozialraum.portal.concept import services
from sozialraum.portal.concept.render import RenderedConcept
pdf = RenderedConcept(pdf=b"%PDF-1.7 zwei Instanzen " + bytes(range(256)) * 40, page_count=2)
with mock.patch.object(services, "render_concept", return_value=pdf):
    call_command("jobs_worker", startup_delay=False, interval=0.2, verbosity=0)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """A user agent with its own cookies (one per person), not following redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect)

    def request(self, url, data=None, headers=None):
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def get(self, url):
        return self.request(url)

    def csrf(self):
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")

    def post(self, url, fields):
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.csrf()}).encode()
        return self.request(url, data, {"Content-Type": "application/x-www-form-urlencoded", "Referer": url})

    def post_file(self, url, fields, name, filename, content):
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
                 for key, value in {**fields, "csrfmiddlewaretoken": self.csrf()}.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: text/csv\r\n\r\n".encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(url, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}",
                                                   "Referer": url})


def catalogue(name):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Kennung", "Name", "Angebots-Kennung", "Angebot"])
    writer.writerow(["stadtteiltreff", name, "sprachcafe", "Sprachcafé"])
    return buffer.getvalue().encode("utf-8")


def wait_until(check, what, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:  # not listening yet
            pass
        time.sleep(0.3)
    raise AssertionError(f"waited {seconds} s in vain for: {what}")


def finished_job(browser, base, job_url):
    """Poll the job's state (through ``base``) until it has finished; returns the state."""
    states = []

    def done():
        status, _headers, body = browser.get(base + job_url + "stand.json")
        states.append((status, body))
        return status == 200 and json.loads(body)["finished"]

    wait_until(done, f"job {job_url}")
    return json.loads(states[-1][1])


@pytest.fixture
def instances(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    processes = []
    with standalone.fresh_database("postgresql", tmp_path) as url:
        standalone.python(url, SETUP, DJANGO_MEDIA_ROOT=media)
        env = {"DJANGO_MEDIA_ROOT": media, "REDIS_URL": REDIS_URL, "DJANGO_LOG_LEVEL": "WARNING"}
        bases = []
        try:
            for _name in "AB":
                port = free_port()
                log = open(tmp_path / f"web-{port}.log", "wb")  # noqa: SIM115 (closed with the process)
                processes.append(subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--workers", "1",
                     "--bind", f"127.0.0.1:{port}", "sozialraum.wsgi:application"],
                    cwd=standalone.PROJECT, env=standalone.environment(url, **env), stdout=log,
                    stderr=subprocess.STDOUT,
                ))
                bases.append(f"http://127.0.0.1:{port}")
            worker_log = open(tmp_path / "worker.log", "wb")  # noqa: SIM115
            processes.append(standalone.start(url, WORKER, log=worker_log, **env))
            for base in bases:
                wait_until(lambda base=base: Browser().get(base + "/health/")[0] == 200, f"{base}/health/")
            yield bases, media
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.mark.django_db
def test_two_instances_and_a_worker_share_login_editions_and_catalogue(instances):
    (a, b), _media = instances
    staff, resident = Browser(), Browser()

    # A staff login on A is valid on B.
    staff.get(a + "/admin/login/")
    status, headers, _body = staff.post(a + "/admin/login/?next=/admin/",
                                        {"username": "redaktion-a", "password": PASSWORD})
    assert status == 302 and headers["Location"] == "/admin/"
    status, _headers, body = staff.get(b + "/admin/")
    assert status == 200 and "redaktion-a" in body.decode()

    # A catalogue edit on A shows on B's next anonymous request.
    import_url = a + "/admin/providers/provider/import/"
    for name in ("Stadtteiltreff Obere Mühle", "Stadtteiltreff Obere Mühle e. V."):
        staff.get(import_url)
        status, _headers, _body = staff.post_file(import_url, {"_preview": "1"}, "file", "anbieter.csv",
                                                  catalogue(name))
        assert status == 200
        status, headers, _body = staff.post(import_url, {"_confirm": "1"})
        assert status == 302 and "/verwaltung/auftraege/" in headers["Location"]
        assert finished_job(staff, b, headers["Location"])["status"] == "succeeded"
        if name.endswith("Mühle"):
            status, _headers, body = resident.get(b + "/anbieter/stadtteiltreff/")  # B has seen it once
            assert status == 200 and "Stadtteiltreff Obere Mühle" in body.decode()
    status, _headers, body = resident.get(b + "/anbieter/stadtteiltreff/")
    assert "Stadtteiltreff Obere Mühle e. V." in body.decode()

    # An edition published through A downloads byte-identical from B.
    status, _headers, body = staff.get(a + "/konzept/veroeffentlichen/")
    token = re.search(rb'name="token" value="([^"]+)"', body).group(1).decode()
    form = {"name": "Fortschreibung 2026", "slug": "", "presented_on": "2026-03-12",
            "presented_to": "Sozialausschuss", "note": "", "token": token}
    status, headers, _body = staff.post(a + "/konzept/veroeffentlichen/", form)
    assert status == 302
    job_url = headers["Location"]
    assert staff.post(a + "/konzept/veroeffentlichen/", form)[1]["Location"] == job_url  # double click: same job
    assert finished_job(staff, b, job_url)["status"] == "succeeded"
    from_a = resident.get(a + "/konzept/fortschreibung-2026.pdf")
    from_b = resident.get(b + "/konzept/fortschreibung-2026.pdf")
    assert from_a[0] == from_b[0] == 200
    assert from_a[2] == from_b[2] and from_b[2].startswith(b"%PDF-1.7 zwei Instanzen")
    status, _headers, body = resident.get(b + "/konzept/")
    assert body.decode().count("Fortschreibung 2026") >= 1
