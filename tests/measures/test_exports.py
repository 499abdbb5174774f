"""The CSV export of measures on the admin change list."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

URL = "admin:measures_measure_export"


def test_measures_csv_export(editor_client):
    programme = factories.FundingProgrammeFactory()
    measure = factories.MeasureFactory(code="6.0", title="Sozialraumkonzept", start_date=dt.date(2025, 1, 1))
    factories.FundingLineFactory(measure=measure, programme=programme)

    response = editor_client.get(reverse(URL))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="massnahmen-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["Nummer"], row["Titel"], row["Beginn"], row["Förderung gesamt (€)"]) == (
        "6.0", "Sozialraumkonzept", "01.01.2025", "10000,00"
    )
    assert row["Stand"] == "in Umsetzung"


def test_export_sends_anonymous_to_login(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_export_refused_without_view_permission(staff_without_permissions_client):
    assert staff_without_permissions_client.get(reverse(URL)).status_code == 403


def test_export_refused_to_provider_accounts(provider_client):
    assert provider_client.get(reverse(URL)).status_code == 403
