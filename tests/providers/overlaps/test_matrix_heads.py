"""The overlap matrix fits a normal screen: short column heads, full names for screen readers."""

import pytest

from providers.templatetags.overlap_tags import short_heading
from tests import factories


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Familien", "Familien"),
        ("Junge Erwachsene", "Junge Erwachsene"),
        ("Jugendliche", "Jugendliche"),
        ("Alleinerziehende", "Alleinerz."),
        ("Menschen mit Migrationshintergrund", "Migration."),
        ("Menschen mit psychischer Beeinträchtigung", "psychischer Beeinträc."),
        ("Menschen mit", "Menschen mit"),
    ],
)
def test_short_heading(name, short):
    assert short_heading(name) == short


@pytest.mark.django_db
def test_matrix_heads_are_short_with_the_full_name_for_screen_readers(editor_client):
    factories.QuarterFactory(name="Obere Mühle")
    factories.TargetGroupFactory(name="Menschen mit Migrationshintergrund")
    factories.TargetGroupFactory(name="Senioren")

    content = editor_client.get("/verwaltung/ueberschneidungen/").content.decode()

    assert (
        '<th scope="col" title="Menschen mit Migrationshintergrund"><span aria-hidden="true">Migration.</span>'
        '<span class="visually-hidden">Menschen mit Migrationshintergrund</span></th>'
    ) in content
    assert '<th scope="col">Senioren</th>' in content
