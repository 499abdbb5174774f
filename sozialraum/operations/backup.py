"""Backup and restore of the database and the media in one folder with a sha256 manifest.

The database: ``pg_dump`` (custom format) on PostgreSQL, SQLite's online backup API on
SQLite; both are consistent while the portal runs. The media: every file of the default
storage (local folder or S3), copied under ``media/``. ``manifest.json`` lists each file with
its sha256 sum; ``SHA256SUMS`` is the same for ``sha256sum -c``.

Restore goes into an empty database (no tables) and a storage that holds none of the files
(or the same bytes): it never overwrites data.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
FORMAT = 1
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """Why a backup or restore cannot be done, in German."""


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env():
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGHOST": db.get("HOST") or "",
           "PGPORT": str(db.get("PORT") or ""), "PGUSER": db.get("USER") or ""}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(command):
    if shutil.which(command[0]) is None:
        raise BackupError(_("Das Programm „%(name)s“ fehlt (Paket postgresql-client).") % {"name": command[0]})
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if done.returncode:
        raise BackupError(_("%(name)s ist fehlgeschlagen: %(error)s") % {"name": command[0], "error": done.stderr.strip()})


def _storage_files(folder=""):
    directories, files = default_storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from _storage_files(f"{folder}/{directory}" if folder else directory)


def backup(output: Path):
    """Write the backup into ``output`` (new or empty); returns the manifest."""
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BackupError(_("Der Ordner „%(path)s“ ist nicht leer.") % {"path": output})
    output.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(_("Sicherung geht nur mit PostgreSQL oder SQLite."))
    database_file = output / DATABASE_FILES[vendor]
    if vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={database_file}"])
    else:
        connection.ensure_connection()
        target = sqlite3.connect(database_file)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    media_count = 0
    for name in _storage_files():
        target = output / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy)
        media_count += 1
    files = {
        str(path.relative_to(output)): sha256_of(path)
        for path in sorted(output.rglob("*")) if path.is_file()
    }
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": {"vendor": vendor, "file": database_file.name},
        "media_files": media_count,
        "files": files,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (output / SUMS).write_text("".join(f"{digest}  {name}\n" for name, digest in files.items()), encoding="utf-8")
    return manifest


def verify(folder: Path):
    """The manifest, after checking every file's sha256 sum."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(_("In „%(path)s“ liegt keine lesbare Sicherung (manifest.json fehlt).") % {"path": folder})
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Diese Sicherung hat ein unbekanntes Format."))
    for name, digest in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise BackupError(_("Die Datei „%(name)s“ der Sicherung fehlt.") % {"name": name})
        if sha256_of(path) != digest:
            raise BackupError(_("Die Datei „%(name)s“ ist beschädigt (Prüfsumme stimmt nicht).") % {"name": name})
    return manifest


def restore(folder: Path):
    """Restore the backup in ``folder`` into the empty database and the storage."""
    folder = Path(folder)
    manifest = verify(folder)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(_("Die Sicherung stammt aus %(backup)s, die Datenbank ist %(target)s.")
                          % {"backup": vendor, "target": connection.vendor})
    if connection.introspection.table_names():
        raise BackupError(_("Die Datenbank ist nicht leer. Wiederherstellen geht nur in eine leere Datenbank."))
    media = folder / "media"
    media_names = [name[len("media/"):] for name in manifest["files"] if name.startswith("media/")]
    for name in media_names:
        if default_storage.exists(name) and sha256_of_storage(name) != manifest["files"][f"media/{name}"]:
            raise BackupError(_("Im Speicher liegt schon eine andere Datei „%(name)s“.") % {"name": name})
    database_file = folder / manifest["database"]["file"]
    if vendor == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              f"--dbname={connection.settings_dict['NAME']}", str(database_file)])
    else:
        connection.ensure_connection()
        source = sqlite3.connect(database_file)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    connection.close()
    for name in media_names:
        if default_storage.exists(name):
            continue
        with open(media / name, "rb") as stream:
            saved = default_storage.save(name, File(stream))
        if saved != name:
            raise BackupError(_("Der Speicher hat „%(name)s“ unter anderem Namen abgelegt.") % {"name": name})
    return manifest


def sha256_of_storage(name):
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()
