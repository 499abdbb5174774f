"""History: who changed what and when, a readable diff, and restoring an old version."""

import pytest
from django.urls import reverse

from providers.models import Provider
from tests import factories
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def edit(client, obj, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    return obj


def test_admin_edit_records_who_and_what(editor_client, editor):
    provider = factories.ProviderFactory(city="Iserlohn", kind=Provider.Kind.ASSOCIATION)
    edit(editor_client, provider, city="Hemer", kind=Provider.Kind.WELFARE)

    latest = provider.history.first()
    assert latest.history_user == editor
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert set(delta.changed_fields) >= {"city", "kind"}


def test_history_page_shows_readable_field_diff(editor_client):
    provider = factories.ProviderFactory(city="Iserlohn", kind=Provider.Kind.ASSOCIATION)
    edit(editor_client, provider, city="Hemer", kind=Provider.Kind.WELFARE)

    response = editor_client.get(reverse("admin:providers_provider_history", args=[provider.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Ort:</strong>" in html
    assert "Iserlohn" in html and "Hemer" in html
    assert "Wohlfahrtsverband" in html  # choice label, not the stored code
    assert "welfare" not in html
    assert "<strong>Version:</strong>" not in html  # bookkeeping fields left out
    assert "redaktion" in html  # who


def test_history_diff_lists_m2m_names(editor_client):
    offer = factories.OfferFactory()
    seniors = factories.TargetGroupFactory(name="Senioren")
    edit(editor_client, offer, target_groups=[str(seniors.pk)])

    response = editor_client.get(reverse("admin:providers_offer_history", args=[offer.pk]))

    assert "<strong>Zielgruppen:</strong>" in response.content.decode()
    assert "Senioren" in response.content.decode()


def test_restore_old_version(editor_client):
    measure = factories.MeasureFactory(title="Ursprünglicher Titel")
    edit(editor_client, measure, title="Falscher Titel")
    original = measure.history.order_by("history_date").first()
    url = reverse("admin:measures_measure_simple_history", args=[measure.pk, original.history_id])

    page = editor_client.get(url)
    assert page.status_code == 200
    response = editor_client.post(url, admin_form_data(page))

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Ursprünglicher Titel"
    assert measure.version == 3
    assert measure.history.count() == 3


def test_restore_refused_when_record_changed_meanwhile(editor_client):
    measure = factories.MeasureFactory(title="Ursprünglicher Titel")
    edit(editor_client, measure, title="Zweiter Titel")
    original = measure.history.order_by("history_date").first()
    url = reverse("admin:measures_measure_simple_history", args=[measure.pk, original.history_id])
    page = editor_client.get(url)
    edit(editor_client, measure, title="Dritter Titel")

    response = editor_client.post(url, admin_form_data(page))

    assert response.status_code == 200
    measure.refresh_from_db()
    assert measure.title == "Dritter Titel"


@pytest.mark.parametrize(
    "make",
    [
        factories.ProviderFactory,
        factories.OfferFactory,
        factories.MeasureFactory,
        factories.WorkshopFactory,
        factories.IndicatorFactory,
        factories.QuarterFactory,
        factories.GoalFactory,
        factories.FundingProgrammeFactory,
        factories.WorkshopSeriesFactory,
    ],
)
def test_history_page_opens(editor_client, make):
    obj = make()
    opts = obj._meta
    response = editor_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]))
    assert response.status_code == 200
    assert obj.history.count() == 1


def test_history_page_query_count_does_not_grow(editor_client):
    provider = factories.ProviderFactory()
    url = reverse("admin:providers_provider_history", args=[provider.pk])

    def edits(n):
        for i in range(n):
            provider.city = f"Ort {i}"
            provider.save()

    edits(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        editor_client.get(url)
    edits(20)
    with CaptureQueriesContext(connection) as large:
        editor_client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
