"""No dead end for the committee: the demo publishes the Gesamtkonzept of 15.06.2011, and a
start page without any edition offers no link to one."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_fresh_demo_leads_from_the_start_page_to_the_concept_pdf(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", no_staff_account=True)  # renders the PDF for real

    home = client.get(reverse("sozialraum:home")).content.decode()
    assert f'<a class="button" href="{reverse("concept:edition-list")}">Zum Gesamtkonzept (PDF)</a>' in home
    assert "vorgestellt am 15.06.2011" in home

    pdf = client.get(reverse("concept:current"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")

    listing = client.get(reverse("concept:edition-list")).content.decode()
    assert f'href="{reverse("concept:current")}"' in listing
    assert "Sozialausschuss der Stadt Iserlohn" in listing
    assert "15.06.2011" in listing
    assert "noch keine Ausgabe" not in listing


def test_start_page_without_editions_offers_no_link_that_leads_nowhere(client):
    factories.ProgrammeFactory()
    home = client.get(reverse("sozialraum:home")).content.decode()

    assert "Zum Gesamtkonzept (PDF)" not in home
    links = set(re.findall(r'href="(/[^"#]*)"', home)) - {"/"}
    assert links
    for link in sorted(links):
        if not link.startswith("/static/"):
            assert client.get(link).status_code < 400, link
