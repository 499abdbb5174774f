"""manage.py bench_offers: every search page answers with synthetic data, with its figures."""

import io

import pytest
from django.core.management import call_command

from sozialraum.portal.management.commands.bench_offers import PAGES

pytestmark = pytest.mark.django_db


def test_bench_offers_measures_the_search_against_a_trivial_view():
    out = io.StringIO()
    call_command("bench_offers", providers=5, repeat=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Daten: 21 Anbieter")
    rows = [line for line in lines if any(line.startswith(label) for label, _url in PAGES)]
    assert len(rows) == len(PAGES)
    for row in rows:
        assert " 200 " in row, row
    assert lines[-1].startswith("Angebotssuche mit allen Filtern: Median ")
    assert f"{len(PAGES)} Seiten je 1-mal gemessen." in lines[-1]
