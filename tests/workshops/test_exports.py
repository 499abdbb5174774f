"""The CSV export of workshops on the admin change list."""

import csv
import io

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

URL = "admin:workshops_workshop_export"


def test_workshops_csv_export(editor_client):
    workshop = factories.WorkshopFactory(title="Quartierswerkstatt Obere Mühle")
    factories.ParticipantFactory(workshop=workshop, institution="Caritas")
    factories.WorkshopResultFactory(workshop=workshop, title="Nachbarschaftsfest")

    response = editor_client.get(reverse(URL))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Titel"] == "Quartierswerkstatt Obere Mühle"
    assert row["Teilnehmende Institutionen"] == "Caritas"
    assert row["Ergebnisse"] == "Nachbarschaftsfest (Grün)"


def test_export_sends_anonymous_to_login(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_export_refused_without_view_permission(staff_without_permissions_client):
    assert staff_without_permissions_client.get(reverse(URL)).status_code == 403


def test_export_refused_to_provider_accounts(provider_client):
    assert provider_client.get(reverse(URL)).status_code == 403
