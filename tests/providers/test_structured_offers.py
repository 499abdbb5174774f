"""Offers as structured data: the model's rules, the readers of cost and access texts, the
data migration that converted the old free texts, and how staff edit it in the admin."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from providers.models import Offer, OpeningSlot, ServiceType
from providers.tabular.cells import parse_access, parse_cost
from tests import factories
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

migration = importlib.import_module("providers.migrations.0004_structured_offers_data")


# --- The taxonomy exists in every database, not only in the demo --------------------------


def test_migration_created_the_taxonomy_with_groups_and_synonyms():
    groups = ServiceType.objects.filter(parent__isnull=True)
    assert {"beratung", "bildung-und-sprache", "versorgung"} <= set(groups.values_list("slug", flat=True))
    debt = ServiceType.objects.get(slug="schuldnerberatung")
    assert debt.parent.slug == "beratung"
    assert "Insolvenzberatung" in debt.synonym_list
    assert ServiceType.objects.filter(parent__isnull=False).count() >= 40


def test_creating_the_taxonomy_again_changes_nothing():
    before = list(ServiceType.objects.order_by("slug").values_list("slug", "name", "parent__slug"))
    migration.create_taxonomy(apps)
    assert list(ServiceType.objects.order_by("slug").values_list("slug", "name", "parent__slug")) == before


# --- The data migration converts today's texts ---------------------------------------------


def test_old_texts_become_type_slots_cost_and_a_note_for_the_unreadable():
    readable = factories.OfferFactory(
        title="Offene Sprechstunde der Schuldnerberatung",
        opening_hours="Mo-Mi 8.30-12 u. 13-15 Uhr",
        cost="kostenlos",
    )
    monthly = factories.OfferFactory(title="Seniorentreff", opening_hours="jeden 1. Mittwoch im Monat 15–17 Uhr")
    unreadable = factories.OfferFactory(title="Integrationskurse", opening_hours="vormittags und abends",
                                        cost="5 € pro Termin")
    appointment = factories.OfferFactory(title="Mietrechtsberatung", opening_hours="nach Vereinbarung")

    migration.convert_offers(apps)

    readable.refresh_from_db()
    assert readable.service_type.slug == "schuldnerberatung"
    assert readable.cost_kind == Offer.Cost.FREE
    assert readable.opening_hours == ""
    assert sorted((s.weekday, s.opens, s.closes) for s in readable.slots.all()) == [
        (day, dt.time(*start), dt.time(*end))
        for day in (0, 1, 2)
        for start, end in (((8, 30), (12, 0)), ((13, 0), (15, 0)))
    ]
    assert [(s.weekday, s.ordinal) for s in monthly.slots.all()] == [(2, 1)]
    unreadable.refresh_from_db()
    assert unreadable.opening_hours == "vormittags und abends"
    assert not unreadable.slots.exists()
    assert unreadable.cost_kind == Offer.Cost.PAID
    appointment.refresh_from_db()
    assert appointment.by_appointment is True
    assert appointment.opening_hours == ""


def test_provider_access_text_becomes_checkboxes():
    provider = factories.ProviderFactory(accessibility="Stufenloser Zugang, Aufzug, barrierefreies WC")
    none = factories.ProviderFactory(accessibility="Eingang mit zwei Stufen, kein Aufzug")

    migration.convert_providers(apps)

    provider.refresh_from_db()
    none.refresh_from_db()
    assert (provider.step_free, provider.elevator, provider.accessible_toilet) == (True, True, True)
    assert (none.step_free, none.elevator) == (False, False)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("kostenlos", "free"),
        ("Eintritt frei", "free"),
        ("0 €", "free"),
        ("gegen Spende", "donation"),
        ("auf Spendenbasis", "donation"),
        ("5 € pro Termin", "paid"),
        ("Mitgliedsbeitrag 20 €/Jahr", "paid"),
        ("3 Euro, ermäßigt 1,50 Euro", "reduced"),
        ("Kostenbeitrag nach Einkommen", "reduced"),
        ("nach Kostenbescheid des BAMF", ""),
        ("", ""),
    ],
)
def test_cost_texts(text, kind):
    assert parse_cost(text) == kind


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("Stufenloser Zugang, Aufzug", ["step_free", "elevator"]),
        ("rollstuhlgerechtes WC und Aufzug", ["accessible_toilet", "elevator"]),
        ("Induktionsschleife in Raum 1", ["hearing_loop"]),
        ("Beratung in Gebärdensprache; Infos in Leichter Sprache", ["sign_language", "easy_language"]),
        ("nicht barrierefrei", []),
        ("Hinterhof ebenerdig, WC nicht barrierefrei", ["step_free"]),
        ("Toilette im Erdgeschoss", []),
    ],
)
def test_access_texts(text, fields):
    assert parse_access(text) == fields


# --- Rules kept by the database ------------------------------------------------------------


def test_age_range_must_be_ordered():
    offer = factories.OfferFactory.build(provider=factories.ProviderFactory(), age_min=18, age_max=6)
    with pytest.raises(ValidationError, match="Alter von"):
        offer.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        offer.save()


def test_a_slot_belongs_to_an_offer_or_a_provider_and_closes_after_opening():
    offer = factories.OfferFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningSlot.objects.create(offer=offer, provider=offer.provider, weekday=0, opens=dt.time(9),
                                   closes=dt.time(12))
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningSlot.objects.create(offer=offer, weekday=0, opens=dt.time(12), closes=dt.time(9))
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningSlot.objects.create(offer=offer, weekday=7, opens=dt.time(9), closes=dt.time(12))


def test_paused_and_ended_offers_are_not_active():
    today = dt.date(2026, 12, 1)
    running = factories.OfferFactory()
    pause_over = factories.OfferFactory(paused_until=dt.date(2026, 11, 30))
    paused = factories.OfferFactory(paused_until=today)
    ended = factories.OfferFactory(active=False)

    assert set(Offer.objects.active(today=today)) == {running, pause_over}
    assert paused.status_on(today) == Offer.Status.PAUSED
    assert ended.status_on(today) == Offer.Status.ENDED
    assert pause_over.status_on(today) == Offer.Status.ACTIVE


def test_age_matches_open_ranges():
    offer = factories.OfferFactory.build(age_min=6, age_max=None)
    assert offer.age_matches(6) and offer.age_matches(99)
    assert not offer.age_matches(5)


# --- Staff: the admin ----------------------------------------------------------------------


def _errors(response):
    """The form and inline errors of an admin page that did not save (for assertion messages)."""
    context = response.context
    if context is None or "adminform" not in context:
        return response.status_code
    inline_errors = [inline.formset.errors for inline in context["inline_admin_formsets"]]
    return f"{context['adminform'].form.errors} {inline_errors} {context.get('errors')}"


def _posted(client, url, **changes):
    """POSTs the admin change form as the browser would submit it, with ``changes``."""
    data = admin_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_editor_enters_times_as_rows_and_sees_them_in_german(editor_client):
    offer = factories.OfferFactory(service_type=ServiceType.objects.get(slug="sprachkurs"))
    url = reverse("admin:providers_offer_change", args=[offer.pk])
    response = _posted(editor_client, url, **{
        "slots-TOTAL_FORMS": "2",
        "slots-0-weekday": "0", "slots-0-opens": "09:00", "slots-0-closes": "12:00", "slots-0-ordinal": "",
        "slots-1-weekday": "2", "slots-1-opens": "15:00", "slots-1-closes": "17:00", "slots-1-ordinal": "1",
    })

    assert response.status_code == 302, _errors(response)
    assert [(s.weekday, s.ordinal) for s in offer.slots.order_by("weekday")] == [(0, None), (2, 1)]
    listing = editor_client.get(reverse("admin:providers_offer_changelist")).content.decode()
    assert "Mo 9:00–12:00 Uhr, jeden 1. Mi 15:00–17:00 Uhr" in listing


def test_a_row_that_closes_before_it_opens_is_refused_in_german(editor_client):
    offer = factories.OfferFactory()
    url = reverse("admin:providers_offer_change", args=[offer.pk])
    response = _posted(editor_client, url, **{
        "slots-TOTAL_FORMS": "1",
        "slots-0-weekday": "0", "slots-0-opens": "12:00", "slots-0-closes": "09:00", "slots-0-ordinal": "",
    })

    assert response.status_code == 200
    assert "„bis“ muss nach „von“ liegen." in response.content.decode()
    assert not offer.slots.exists()


def test_admin_suggests_a_type_and_staff_confirm_it(editor_client):
    offer = factories.OfferFactory(title="Schuldner- und Insolvenzberatung", service_type=None)
    url = reverse("admin:providers_offer_change", args=[offer.pk])

    response = editor_client.get(url)

    debt = ServiceType.objects.get(slug="schuldnerberatung")
    assert "Vorschlag aus Titel und Beschreibung: „Schuldnerberatung“" in response.content.decode()
    assert admin_form_data(response)["service_type"] == str(debt.pk)
    offer.refresh_from_db()
    assert offer.service_type is None  # only a suggestion until staff save it

    assert _posted(editor_client, url).status_code == 302
    offer.refresh_from_db()
    assert offer.service_type == debt


def test_hours_to_check_lists_only_offers_with_unread_text(editor_client):
    unread = factories.OfferFactory(title="Kurse vormittags", opening_hours="vormittags und abends")
    read = factories.OfferFactory(title="Kurs Montag")
    factories.OpeningSlotFactory(offer=read)

    page = editor_client.get(reverse("admin:providers_offer_changelist") + "?zeiten=pruefen").content.decode()

    assert unread.title in page
    assert read.title not in page
    assert "prüfen: vormittags und abends" in page


def test_provider_account_edits_the_times_of_its_own_offer(client, provider_user, own_provider):
    offer = factories.OfferFactory(provider=own_provider)
    client.force_login(provider_user)
    url = reverse("admin:providers_offer_change", args=[offer.pk])
    response = _posted(client, url, **{
        "slots-TOTAL_FORMS": "1",
        "slots-0-weekday": "4", "slots-0-opens": "10:00", "slots-0-closes": "12:00", "slots-0-ordinal": "",
    })

    assert response.status_code == 302, _errors(response)
    assert [(s.weekday, s.opens) for s in offer.slots.all()] == [(4, dt.time(10))]


def test_editors_keep_the_service_types(editor_client):
    assert editor_client.get(reverse("admin:providers_servicetype_add")).status_code == 200


def test_provider_accounts_only_read_the_service_types(provider_client):
    assert provider_client.get(reverse("admin:providers_servicetype_add")).status_code == 403
    assert provider_client.get(reverse("admin:providers_servicetype_changelist")).status_code == 200
