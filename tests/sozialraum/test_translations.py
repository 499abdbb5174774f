"""Every interface string has an English translation (collect with `make messages-collect`)."""

import subprocess
from pathlib import Path

from django.conf import settings

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(*options):
    """msgids of the entries that msgattrib selects (the header has an empty msgid)."""
    completed = subprocess.run(["msgattrib", *options, str(PO_FILE)], capture_output=True, text=True, check=True)
    return [line for line in completed.stdout.splitlines() if line.startswith("msgid ") and line != 'msgid ""']


def test_every_english_interface_string_is_translated():
    assert _entries("--untranslated") == []


def test_no_english_translation_is_a_fuzzy_guess():
    assert _entries("--only-fuzzy") == []


SOURCES = ["sozialraum", "providers", "measures", "workshops", "network", "templates"]


def test_every_interface_string_is_collected_and_translated(settings, tmp_path, monkeypatch):
    """makemessages on a copy of the sources finds no string that locale/en lacks.

    (A copy: in the project folder makemessages would write into locale/ itself.)
    """
    import shutil

    from django.core.management import call_command

    for folder in SOURCES:
        shutil.copytree(
            Path(settings.BASE_DIR) / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = []
    call_command("makemessages", locale=["en"], verbosity=0)
    fresh = tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"

    # msgcomm --unique: the entries of the fresh catalogue that the project's one lacks
    completed = subprocess.run(
        ["msgcomm", "--unique", "--no-location", str(fresh), str(PO_FILE)], capture_output=True, text=True, check=True
    )
    missing = [line for line in completed.stdout.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
    assert missing == [], "`make messages-collect`, then translate:\n" + "\n".join(missing)
