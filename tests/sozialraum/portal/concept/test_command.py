"""manage.py render_concept and bench_report."""

import datetime as dt
import hashlib
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from sozialraum.models import ConceptEdition
from tests import factories
from tests.sozialraum.portal.concept.helpers import pdf_reader, pdf_text

STORED = b"%PDF-1.7\n% stored edition\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def edition(db):
    edition = ConceptEdition(
        name="Gesamtkonzept 2011",
        slug="gesamtkonzept-2011",
        presented_on=dt.date(2011, 6, 15),
        presented_to="Sozialausschuss",
        file_size=len(STORED),
        page_count=1,
        sha256=hashlib.sha256(STORED).hexdigest(),
    )
    edition.pdf.save("gesamtkonzept-2011.pdf", ContentFile(STORED), save=False)
    edition.save()
    return edition


@pytest.mark.django_db
def test_render_concept_writes_the_current_draft(tmp_path, capsys):
    factories.ProgrammeFactory(city="Stadt Iserlohn")
    factories.MeasureFactory(code="6.0", title="Durchführung eines Sozialraumkonzeptes")
    target = tmp_path / "entwurf.pdf"

    call_command("render_concept", "--output", str(target))

    content = target.read_bytes()
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Entwurf" in text and "Durchführung eines Sozialraumkonzeptes" in text
    pages = len(pdf_reader(content).pages)
    assert f"Entwurf geschrieben: {target} ({pages} Seiten" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["gesamtkonzept-2011", "Gesamtkonzept 2011"])
def test_render_concept_edition_writes_the_stored_file_unrendered(edition, tmp_path, capsys, name):
    target = tmp_path / "ausgabe.pdf"
    with mock.patch("sozialraum.portal.management.commands.render_concept.render_concept", side_effect=AssertionError):
        call_command("render_concept", "--output", str(target), "--edition", name)
    assert target.read_bytes() == STORED
    assert "Ausgabe „Gesamtkonzept 2011“ geschrieben" in capsys.readouterr().out


@pytest.mark.django_db
def test_render_concept_unknown_edition_exits_with_status_2(tmp_path):
    target = tmp_path / "ausgabe.pdf"
    with pytest.raises(CommandError) as error:
        call_command("render_concept", "--output", str(target), "--edition", "gibt-es-nicht")
    assert error.value.returncode == 2
    assert "Keine veröffentlichte Ausgabe „gibt-es-nicht“ gefunden." in str(error.value)
    assert not target.exists()


@pytest.mark.django_db
def test_render_concept_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("render_concept", "--output", str(tmp_path / "fehlt" / "x.pdf"))
    assert error.value.returncode == 2
    assert "existiert nicht" in str(error.value)


def test_bench_report_refuses_to_load_into_the_project_database(settings):
    project_db = {**settings.DATABASES["default"], "NAME": str(settings.BASE_DIR / "db.sqlite3")}
    with mock.patch("sozialraum.portal.management.commands.bench_report.connection") as connection:
        connection.settings_dict = project_db
        with pytest.raises(CommandError) as error:
            call_command("bench_report", "--load")
    assert error.value.returncode == 2
    assert "Wegwerf-Datenbank" in str(error.value)


@pytest.mark.django_db
def test_bench_report_prints_pages_seconds_and_memory(capsys, tmp_path):
    factories.MeasureFactory()
    call_command("bench_report", "--output", str(tmp_path / "bench.pdf"))
    out = capsys.readouterr().out
    assert "Umfang: 1 Maßnahmen" in out
    assert "Spitzenspeicher (RSS):" in out
    assert "Gesamtkonzept:" in out and "Seiten" in out and " s (Daten " in out
    assert (tmp_path / "bench.pdf").read_bytes().startswith(b"%PDF")
