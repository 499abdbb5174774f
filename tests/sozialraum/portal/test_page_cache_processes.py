"""Two server processes on one database and one cache: a write through one is visible
through the other on the next request (Redis, and the file cache of ``make run``)."""

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from tests.admin_forms import admin_form_data

ROOT = Path(settings.BASE_DIR)


class _Page:
    def __init__(self, status, headers, content):
        self.status_code, self.headers, self.content = status, headers, content


class Browser:
    """A visitor with cookies (or, for readers, none kept)."""

    def __init__(self, base, *, keep_cookies=True):
        self.base = base
        handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())] if keep_cookies else []
        self.opener = urllib.request.build_opener(*handlers)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=60) as response:
                return _Page(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return _Page(error.code, error.headers, error.read())

    def get(self, path):
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path, data):
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path}))


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(environment):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sozialraum.wsgi:application", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read().decode()
            try:
                urllib.request.urlopen(base + "/werkstaetten/kalender.ics", timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A database file with the demo programme and the demo staff account (its password)."""
    folder = tmp_path_factory.mktemp("zwei-prozesse")
    environment = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"}
    environment.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=environment, check=True)
    loaded = subprocess.run(
        [sys.executable, "manage.py", "load_demo"], cwd=ROOT, env=environment, check=True, capture_output=True, text=True
    )
    password = re.search(r"Passwort: (\S+)", loaded.stdout).group(1)
    return folder, environment, password


def provider_id(folder, slug):
    with sqlite3.connect(folder / "db.sqlite3") as database:
        return database.execute("SELECT id FROM providers_provider WHERE slug = ?", [slug]).fetchone()[0]


def write_through_one_read_through_the_other(project, cache_environment, text):
    folder, environment, password = project
    environment = {**environment, **cache_environment}
    with ExitStack() as stack:
        writer_base = stack.enter_context(server(environment))
        reader_base = stack.enter_context(server(environment))
        reader = Browser(reader_base, keep_cookies=False)
        page = "/anbieter/caritas-iserlohn/"
        assert reader.get(page).status_code == 200
        cached = reader.get(page)
        assert cached.headers["X-Page-Cache"] == "hit"
        assert text not in cached.content.decode()

        editor = Browser(writer_base)
        login = editor.get("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.content.decode()).group(1)
        editor.post(
            "/admin/login/", {"username": "redaktion", "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"}
        )
        change = f"/admin/providers/provider/{provider_id(folder, 'caritas-iserlohn')}/change/"
        data = admin_form_data(editor.get(change), form_id="provider_form")
        data["description"] = text
        saved = editor.post(change, data)
        assert saved.status_code == 200 and "erfolgreich" in saved.content.decode()

        after = reader.get(page)
        assert "X-Page-Cache" not in after.headers
        assert text in after.content.decode()


def test_redis_two_processes_see_each_others_writes(project, test_cache):
    if "redis" in test_cache["BACKEND"].lower():
        cache_environment = {"REDIS_URL": test_cache["LOCATION"]}
    else:  # no Redis on this machine (CI has one): the shared default
        cache_environment = {"DJANGO_CACHE_DIR": str(project[0] / "cache-redis-stand-in")}
    write_through_one_read_through_the_other(project, cache_environment, "Neu: offene Sprechstunde am Montag")


def test_file_cache_of_make_run_two_processes_see_each_others_writes(project):
    write_through_one_read_through_the_other(
        project, {"DJANGO_CACHE_DIR": str(project[0] / "cache")}, "Neu: Beratung auch am Freitag"
    )
