"""manage.py overlaps: formats, filters and errors."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from providers.overlaps import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(quarter, other_quarter, target_group, other_target_group, caritas, diakonie, awo):
    health = factories.FieldOfActionFactory(name="Gesundheit", slug="gesundheit")
    factories.OfferFactory(provider=caritas, quarters=[quarter], target_groups=[target_group], field_of_action=health)
    factories.OfferFactory(provider=caritas, quarters=[quarter], target_groups=[target_group])
    factories.OfferFactory(provider=diakonie, quarters=[quarter], target_groups=[target_group], field_of_action=health)
    factories.OfferFactory(provider=awo, quarters=[quarter, other_quarter], target_groups=[other_target_group])
    indicator = factories.IndicatorFactory(name="Anteil Senioren", target_group=target_group)
    factories.IndicatorValueFactory(indicator=indicator, quarter=other_quarter, value=Decimal("27.5"))


def run(*args):
    out = io.StringIO()
    call_command("overlaps", *args, stdout=out)
    return out.getvalue()


def test_json_lists_overlaps_and_gaps(catalogue):
    data = json.loads(run("--format", "json", "--rule", "alle"))

    assert data == {
        "overlaps": [
            {
                "quarter": "suedliche-innenstadt",
                "target_group": "senioren",
                "providers": ["caritas", "diakonie"],
                "offers": 3,
                "status": "open",
            }
        ],
        "gaps": [{"quarter": "obere-muehle", "target_group": "senioren"}],
    }


def test_json_by_field_names_the_field(catalogue):
    data = json.loads(run("--format", "json", "--by-field"))

    assert data["overlaps"] == [
        {
            "quarter": "suedliche-innenstadt",
            "target_group": "senioren",
            "field_of_action": "gesundheit",
            "providers": ["caritas", "diakonie"],
            "offers": 2,
            "status": "open",
        }
    ]


def test_json_shows_deliberate_status(catalogue, quarter, target_group, editor):
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)

    data = json.loads(run("--format", "json"))

    assert data["overlaps"][0]["status"] == "deliberate"


def test_filters_by_quarter_and_target_group(catalogue):
    assert json.loads(run("--format", "json", "--rule", "alle", "--quarter", "obere-muehle")) == {
        "overlaps": [],
        "gaps": [{"quarter": "obere-muehle", "target_group": "senioren"}],
    }
    assert json.loads(run("--format", "json", "--rule", "alle", "--target-group", "familien")) == {
        "overlaps": [],
        "gaps": [],
    }


def test_text_is_a_readable_table(catalogue):
    output = run("--rule", "alle")

    assert "Überschneidungen (1)" in output
    assert "Caritas, Diakonie" in output
    assert "offen" in output
    assert "Lücken (1)" in output
    assert "27.50 (Anteil Senioren, 2025)" in output
    assert output.strip().endswith("1 Überschneidungen (1 offen, 0 gewollt), 1 Lücken.")


def test_csv_has_one_row_per_overlap_and_gap(catalogue):
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv", "--rule", "alle"))))

    assert [(r["kind"], r["quarter"], r["target_group"], r["providers"], r["offers"]) for r in rows] == [
        ("overlap", "suedliche-innenstadt", "senioren", "caritas diakonie", "3"),
        ("gap", "obere-muehle", "senioren", "", "0"),
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [("--quarter", "Quartier „nirgendwo“ gibt es nicht"), ("--target-group", "Zielgruppe „nirgendwo“ gibt es nicht")],
)
def test_unknown_slug_ends_with_status_2(catalogue, option, message):
    with pytest.raises(CommandError, match=message) as excinfo:
        run(option, "nirgendwo")

    assert excinfo.value.returncode == 2


def test_unknown_slug_exits_with_status_2_from_the_command_line(catalogue, capsys):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as excinfo:
        ManagementUtility(["manage.py", "overlaps", "--quarter", "nirgendwo"]).execute()

    assert excinfo.value.code == 2
    assert "gibt es nicht" in capsys.readouterr().err


def test_unknown_format_is_refused(catalogue):
    with pytest.raises(CommandError):
        run("--format", "xml")
