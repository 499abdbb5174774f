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
