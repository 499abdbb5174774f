"""A database of its own for tests that run the portal in separate processes (worker, web
instances, backup and restore), where pytest-django's test database cannot be shared.

``fresh_database(vendor)`` makes an empty, migrated database (a SQLite file or a PostgreSQL
database on the server of the test settings) and removes it afterwards.
"""

import contextlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
from django.conf import settings

PROJECT = Path(__file__).resolve().parents[3]


def postgres_server():
    """Connection data of the PostgreSQL server: the tests' own, or the local one (SQLite runs)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        return {"host": db.get("HOST") or "127.0.0.1", "port": str(db.get("PORT") or 5432),
                "user": db.get("USER") or "postgres", "password": db.get("PASSWORD") or ""}
    return {"host": "127.0.0.1", "port": "5432", "user": "postgres", "password": ""}


def postgres_url(server, name):
    auth = server["user"] + (f":{server['password']}" if server["password"] else "")
    return f"postgres://{auth}@{server['host']}:{server['port']}/{name}"


def _admin_connection(server):
    return psycopg.connect(host=server["host"], port=server["port"], user=server["user"],
                           password=server["password"] or None, dbname="postgres", autocommit=True)


@contextlib.contextmanager
def empty_database(vendor, tmp_path):
    """The URL of a new, empty database (no tables), dropped afterwards."""
    if vendor == "sqlite":
        yield f"sqlite:///{tmp_path / f'db-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    server = postgres_server()
    name = f"sozialraum_t_{uuid.uuid4().hex[:12]}"
    with _admin_connection(server) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_url(server, name)
    finally:
        with _admin_connection(server) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def fresh_database(vendor, tmp_path):
    """A new database with every migration applied."""
    with empty_database(vendor, tmp_path) as url:
        manage(url, "migrate", "--no-input", "-v", "0")
        yield url


def environment(database_url, **extra):
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "JOBS_", "PYTEST"))
    }
    env.update(DJANGO_DEBUG="1", DATABASE_URL=database_url, PYTHONPATH=str(PROJECT),
               DJANGO_SETTINGS_MODULE="sozialraum.settings",
               DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver", DJANGO_LOG_LEVEL="WARNING")
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(database_url, *args, check=True, timeout=300, **env):
    return subprocess.run([sys.executable, str(PROJECT / "manage.py"), *args], cwd=PROJECT,
                          env=environment(database_url, **env), capture_output=True, text=True,
                          timeout=timeout, check=check)


def python(database_url, code, *, timeout=300, **env):
    """Run ``code`` in a new process with Django set up on that database; returns its stdout."""
    script = "import django; django.setup()\n" + code
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, env=environment(database_url, **env),
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise AssertionError(f"process failed:\n{done.stderr[-3000:]}")
    return done.stdout


def start(database_url, code, *, log=None, **env):
    """Start ``code`` (with Django set up) as a separate process."""
    script = "import django; django.setup()\n" + code
    return subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT, env=environment(database_url, **env),
                            stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT)
