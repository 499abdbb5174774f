"""No lost edits: two people open the same record; the second save is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from measures.models import Measure
from providers.models import Provider
from sozialraum.common.concurrency import ConflictError, versioned_save
from tests import factories
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

CONFLICT_TEXT = "inzwischen von"


def session_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def first(editor):
    return session_for(editor)


@pytest.fixture
def second(db):
    from sozialraum.portal import roles

    user = factories.UserFactory(username="kollegin", first_name="Kim", last_name="Kollegin")
    roles.user_assign_role(user=user, role=roles.EDITORS)
    return session_for(user)


def open_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return admin_form_data(response)


@pytest.mark.parametrize(
    ("make", "url_name", "field"),
    [
        (lambda: factories.ProviderFactory(description="alt"), "admin:providers_provider_change", "description"),
        (lambda: factories.MeasureFactory(summary="alt"), "admin:measures_measure_change", "summary"),
        (lambda: factories.WorkshopFactory(description="alt"), "admin:workshops_workshop_change", "description"),
        (lambda: factories.OfferFactory(description="alt"), "admin:providers_offer_change", "description"),
    ],
)
def test_second_save_is_refused_and_keeps_input(first, second, make, url_name, field):
    obj = make()
    url = reverse(url_name, args=[obj.pk])
    first_data = open_form(first, url)
    second_data = open_form(second, url)

    first_data[field] = "Änderung der ersten Person"
    response = first.post(url, first_data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    second_data[field] = "Eingabe der zweiten Person"
    response = second.post(url, second_data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert CONFLICT_TEXT in " ".join(form.non_field_errors())
    assert "redaktion" in " ".join(form.non_field_errors())  # names who saved first
    assert "Eingabe der zweiten Person" in response.content.decode()  # nothing typed is lost
    obj.refresh_from_db()
    assert getattr(obj, field) == "Änderung der ersten Person"  # nothing of the first save overwritten
    assert obj.version == 2


def test_save_without_competition_bumps_version(first):
    provider = factories.ProviderFactory()
    url = reverse("admin:providers_provider_change", args=[provider.pk])
    data = open_form(first, url)
    data["phone"] = "02371 123"

    assert first.post(url, data).status_code == 302
    provider.refresh_from_db()
    assert (provider.phone, provider.version) == ("02371 123", 2)


def test_resubmitting_after_conflict_is_still_refused(first, second):
    provider = factories.ProviderFactory()
    url = reverse("admin:providers_provider_change", args=[provider.pk])
    first_data, second_data = open_form(first, url), open_form(second, url)
    first_data["city"] = "Hemer"
    first.post(url, first_data)
    second_data["city"] = "Menden"
    refused = second.post(url, second_data)

    again = second.post(url, admin_form_data(refused))

    assert again.status_code == 200
    provider.refresh_from_db()
    assert provider.city == "Hemer"


def test_offer_edited_in_provider_inline_conflicts(first, second):
    offer = factories.OfferFactory(cost="kostenlos")
    url = reverse("admin:providers_provider_change", args=[offer.provider.pk])
    inline_url = reverse("admin:providers_offer_change", args=[offer.pk])
    second_data = open_form(second, url)

    # Someone changes the offer on its own page meanwhile.
    first_data = open_form(first, inline_url)
    first_data["cost"] = "2 € pro Termin"
    assert first.post(inline_url, first_data).status_code == 302

    second_data["offers-0-cost"] = "5 €"
    response = second.post(url, second_data)

    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.cost == "2 € pro Termin"
    assert "5 €" in response.content.decode()
    formset_errors = [form.errors for form in response.context["inline_admin_formsets"][0].formset.forms]
    assert any(CONFLICT_TEXT in str(errors) for errors in formset_errors)


def test_unchanged_inline_offer_does_not_block_provider_save(first, second):
    offer = factories.OfferFactory()
    url = reverse("admin:providers_provider_change", args=[offer.provider.pk])
    data = open_form(second, url)
    data["phone"] = "0800 123"

    assert second.post(url, data).status_code == 302
    offer.refresh_from_db()
    assert offer.version == 1


def test_version_field_missing_is_refused(first):
    provider = factories.ProviderFactory(city="Iserlohn")
    url = reverse("admin:providers_provider_change", args=[provider.pk])
    data = open_form(first, url)
    del data["edit_version"]
    data["city"] = "Hemer"

    response = first.post(url, data)

    assert response.status_code == 200
    provider.refresh_from_db()
    assert provider.city == "Iserlohn"


def test_versioned_save_is_compare_and_swap(db):
    provider = factories.ProviderFactory(name="Alt")
    stale = Provider.objects.get(pk=provider.pk)
    provider.name = "Erste"
    versioned_save(instance=provider, expected_version=1)

    stale.name = "Zweite"
    with pytest.raises(ConflictError) as error:
        versioned_save(instance=stale, expected_version=1)

    assert "inzwischen" in error.value.message
    assert Provider.objects.get(pk=provider.pk).name == "Erste"


def test_race_between_check_and_save_is_refused_without_writing(first, monkeypatch):
    """The form check passes, but another save lands before the compare-and-swap."""
    measure = factories.MeasureFactory(summary="alt")
    url = reverse("admin:measures_measure_change", args=[measure.pk])
    data = open_form(first, url)
    data["summary"] = "verloren?"

    from sozialraum.common import concurrency

    real_current_version = concurrency.current_version

    def check_then_someone_saves(model, pk):
        version = real_current_version(model, pk)
        Measure.objects.filter(pk=pk).update(version=version + 1, summary="von nebenan")
        return version

    monkeypatch.setattr(concurrency, "current_version", check_then_someone_saves)
    response = first.post(url, data)
    monkeypatch.setattr(concurrency, "current_version", real_current_version)

    assert response.status_code == 200
    assert "inzwischen" in " ".join(response.context["adminform"].form.non_field_errors())
    measure.refresh_from_db()
    assert measure.summary != "verloren?"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_saves_only_one_wins():
    """Two editors save the same version at the same moment: exactly one wins.

    On PostgreSQL two threads with their own connections race for the row. SQLite lets only
    one writer in at a time (and its shared in-memory test database raises "table is locked"
    instead of waiting), so there both saves start from the same version in one thread.
    """
    import threading

    from django.db import connection, connections

    provider = factories.ProviderFactory(name="Alt")
    outcomes = []

    def save(name, barrier=None):
        try:
            instance = Provider.objects.get(pk=provider.pk)
            instance.name = name
            if barrier is not None:
                barrier.wait()
            versioned_save(instance=instance, expected_version=1)
            outcomes.append(("saved", name))
        except ConflictError:
            outcomes.append(("refused", name))

    if connection.vendor == "postgresql":
        barrier = threading.Barrier(2)

        def in_thread(name):
            try:
                save(name, barrier)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=in_thread, args=(name,)) for name in ("Erste", "Zweite")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        first = Provider.objects.get(pk=provider.pk)
        second = Provider.objects.get(pk=provider.pk)
        for instance, name in ((first, "Erste"), (second, "Zweite")):
            instance.name = name
            try:
                versioned_save(instance=instance, expected_version=1)
                outcomes.append(("saved", name))
            except ConflictError:
                outcomes.append(("refused", name))

    assert sorted(kind for kind, _name in outcomes) == ["refused", "saved"]
    winner = next(name for kind, name in outcomes if kind == "saved")
    provider.refresh_from_db()
    assert (provider.name, provider.version) == (winner, 2)
