"""``manage.py import_catalogue FILE [--dry-run]``: the admin's import service from the shell."""

import io

import pytest
from django.core.management import CommandError, call_command

from providers.models import Offer, OpeningSlot, Provider

pytestmark = pytest.mark.django_db

HEADER = "Kennung;Name;Angebots-Kennung;Angebot;Zeiten;Kosten;Kosten (Angabe)"
GOOD = [
    "caritas;Caritas;beratung;Beratung;Mo–Fr 9–12 Uhr;kostenlos;",
    "caritas;Caritas;treff;Treff;jeden 1. Mi 15–17 Uhr;gegen Spende;Kaffee gegen Spende",
    "awo;AWO;;;;;",
]


def write(tmp_path, lines, name="katalog.csv"):
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def command(*args):
    """Runs the command; returns (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalogue", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_writes_all_rows_and_ends_with_a_summary(tmp_path):
    out, err = command(write(tmp_path, [HEADER, *GOOD]))

    assert out.strip().splitlines()[-1] == (
        "Import abgeschlossen: Anbieter: 2 neu, 0 geändert, 0 unverändert. Angebote: 2 neu, 0 geändert, 0 unverändert."
    )
    assert err == ""
    assert Provider.objects.count() == 2
    treff = Offer.objects.get(slug="treff")
    assert (treff.cost_kind, treff.cost) == ("donation", "Kaffee gegen Spende")
    assert [(slot.weekday, slot.ordinal) for slot in treff.slots.all()] == [(2, 1)]
    history = treff.history.first()
    assert (history.history_user, history.history_change_reason) == (None, "Import aus Tabelle")


def test_second_run_changes_nothing(tmp_path):
    path = write(tmp_path, [HEADER, *GOOD])
    command(path)
    history = Provider.history.count() + Offer.history.count()

    out, _err = command(path)

    assert out.strip().endswith("Anbieter: 0 neu, 0 geändert, 2 unverändert. Angebote: 0 neu, 0 geändert, 2 unverändert.")
    assert Provider.history.count() + Offer.history.count() == history


def test_dry_run_reports_and_writes_nothing(tmp_path):
    out, _err = command(write(tmp_path, [HEADER, *GOOD]), "--dry-run")

    assert out.strip().splitlines()[-1] == (
        "Probelauf, nichts gespeichert: Anbieter: 2 neu, 0 geändert, 0 unverändert. "
        "Angebote: 2 neu, 0 geändert, 0 unverändert."
    )
    assert not Provider.objects.exists()


def test_row_errors_are_listed_with_row_and_column_and_exit_with_1(tmp_path):
    bad = [
        GOOD[0],
        "caritas;Caritas;treff;Treff;Mi 15–17 Uhr außer in den Ferien;gegen Spende;",
        "awo;AWO;kurs;Kurs;Di 9–12 Uhr;nach Absprache;",
    ]
    err = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_catalogue", str(write(tmp_path, [HEADER, *bad])), stdout=io.StringIO(), stderr=err)

    assert raised.value.returncode == 1
    assert str(raised.value) == "2 Fehler in „{}“; es wurde nichts gespeichert.".format(tmp_path / "katalog.csv")
    lines = err.getvalue().strip().splitlines()
    assert lines[0].startswith("Zeile 3, Spalte „Zeiten“: „Mi 15–17 Uhr außer in den Ferien“ ist als Zeit nicht lesbar")
    assert lines[1].startswith("Zeile 4, Spalte „Kosten“: „nach Absprache“ ist keine Kostenart")
    assert not Provider.objects.exists() and not Offer.objects.exists() and not OpeningSlot.objects.exists()


def test_dry_run_with_errors_exits_with_1_too(tmp_path):
    path = write(tmp_path, ["Kennung;Name;Angebot;Sprachen", "awo;AWO;Kurs;Elbisch"])
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_catalogue", str(path), "--dry-run", stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 1
    assert "Zeile 2, Spalte „Sprachen“: Unbekannt: „Elbisch“" in err.getvalue()


def test_ignored_columns_are_named(tmp_path):
    _out, err = command(write(tmp_path, ["Kennung;Name;Lieblingsfarbe", "awo;AWO;blau"]))
    assert err.strip() == "Nicht berücksichtigte Spalten: Lieblingsfarbe"
    assert Provider.objects.filter(slug="awo").exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp_path: tmp_path / "fehlt.csv", "Die Datei „{path}“ gibt es nicht."),
        (lambda tmp_path: tmp_path, "„{path}“ ist ein Ordner, keine Datei."),
        (lambda tmp_path: write(tmp_path, ["Name;Ort", "AWO;Iserlohn"]), "„{path}“: Es fehlen Pflichtspalten: Kennung"),
        (lambda tmp_path: write(tmp_path, [""], "leer.csv"), "„{path}“: Die Datei ist leer."),
    ],
)
def test_missing_or_unreadable_file_is_a_german_error_with_status_1(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(CommandError) as raised:
        command(path)
    assert raised.value.returncode == 1
    assert str(raised.value).startswith(message.format(path=path))
    assert not Provider.objects.exists()
