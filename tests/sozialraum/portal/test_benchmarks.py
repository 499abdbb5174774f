"""manage.py bench_pages and bench_overlaps: timings and query counts of the pages and the overlap check."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sozialraum.portal.management.commands.bench_pages import PAGES

pytestmark = pytest.mark.django_db


def test_bench_pages_measures_every_public_page_with_synthetic_data():
    out = io.StringIO()
    call_command("bench_pages", providers=5, repeat=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Daten: 21 Anbieter")
    rows = [line for line in lines if line.split()[0] in {label.split()[0] for label, _url in PAGES}]
    assert len(rows) == len(PAGES)
    for row in rows:
        assert " 200 " in row, row  # every page answers with the scaled data
    assert f"{len(PAGES)} Seiten je 1-mal gemessen." in lines[-1]


def test_bench_pages_refuses_bad_arguments():
    with pytest.raises(CommandError, match="--repeat"):
        call_command("bench_pages", providers=5, repeat=0)


def test_bench_overlaps_prints_timings_and_fixed_query_counts():
    out = io.StringIO()

    call_command("bench_overlaps", providers=20, repeat=1, stdout=out)

    output = out.getvalue()
    assert "36 Anbieter" in output  # 16 demo providers + 20 synthetic ones
    lines = {line.split("  ")[0]: line.split()[-1] for line in output.splitlines()}
    assert lines["parallel_offers()"] == "7"
    assert lines["overlaps()"] == "5"
    assert lines["gaps()"] == "4"
    assert lines["service_type_gaps()"] == "4"
    assert lines["overlap_matrix()"] == "5"  # parallel offers, the default rule
    assert lines["overlap_matrix(rule=alle)"] == "4"
    assert "Matrix-Seite (GET)" in lines
    assert output.rstrip().splitlines()[-1].startswith("Fertig:")


def test_bench_pages_measures_searches_without_the_page_cache():
    out = io.StringIO()
    call_command("bench_pages", providers=5, repeat=1, stdout=out)
    searches = [line for line in out.getvalue().splitlines() if line.startswith("Suche ")]
    assert [line.split("  ")[0] for line in searches] == ["Suche Anbieter", "Suche Angebote"]
    assert all(" p50 " in line and "12 Suchbegriffe" in line for line in searches)
