"""Registration for a workshop: places, waiting list, confirmation page and e-mail, cancelling."""

import datetime as dt
import re
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests import factories
from workshops.models import Registration, Workshop

pytestmark = pytest.mark.django_db


def workshop_with_places(capacity=2, **kwargs):
    return factories.WorkshopFactory(
        title="Älter werden an der Oberen Mühle",
        slug="aelter-werden",
        registration_enabled=True,
        capacity=capacity,
        **kwargs,
    )


def form_url(workshop):
    return f"/werkstaetten/{workshop.slug}/anmeldung/"


def register(client, workshop, key=None, **data):
    """Posts the form as a browser would: with the one-time key the form page handed out."""
    if key is None:
        key = client.get(form_url(workshop)).context["form"].initial["submission_key"]
    payload = {"submission_key": str(key), **data}
    return client.post(form_url(workshop), payload)


def test_detail_page_shows_access_contact_and_free_places(client):
    workshop = workshop_with_places(
        capacity=20, step_free=True, accessible_toilet=True, access_note="Eingang über den Hof",
        contact_name="Petra Schmidt", contact_phone="02371 217-0", contact_email="quartier@iserlohn.de",
    )
    factories.RegistrationFactory(workshop=workshop)

    html = client.get(workshop.get_absolute_url()).content.decode()

    assert "stufenloser Zugang, rollstuhlgerechtes WC" in html
    assert "Eingang über den Hof" in html
    assert "Petra Schmidt" in html
    assert 'href="mailto:quartier@iserlohn.de"' in html
    assert "Noch 19 von 20 Plätzen frei." in html
    assert f'href="{form_url(workshop)}"' in html


def test_detail_page_without_registration_offers_no_form(client):
    workshop = factories.WorkshopFactory()
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "anmeldung/" not in html
    assert client.get(form_url(workshop)).status_code == 404


def test_full_workshop_offers_the_waiting_list(client):
    workshop = workshop_with_places(capacity=1)
    factories.RegistrationFactory(workshop=workshop)
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "Alle Plätze sind vergeben." in html
    assert "Auf die Warteliste" in html


def test_registration_confirms_a_place_and_sends_an_email(client, django_capture_on_commit_callbacks):
    workshop = workshop_with_places(contact_name="Petra Schmidt")

    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, workshop, name="Ayşe Yılmaz", email="ayse@example.org")

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == registration.get_absolute_url()
    assert registration.status == Registration.Status.CONFIRMED
    assert (registration.name, registration.email, registration.people) == ("Ayşe Yılmaz", "ayse@example.org", 1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ayse@example.org"]
    assert message.subject == "Anmeldung bestätigt: Älter werden an der Oberen Mühle"
    assert "Ihre Anmeldung für „Älter werden an der Oberen Mühle“ ist bestätigt." in message.body
    assert f"http://testserver{registration.get_absolute_url()}" in message.body  # to cancel
    assert "Petra Schmidt" in message.body

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Anmeldung bestätigt" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"


def test_when_the_places_are_taken_the_next_one_goes_on_the_waiting_list(client, django_capture_on_commit_callbacks):
    workshop = workshop_with_places(capacity=1)
    factories.RegistrationFactory(workshop=workshop)

    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, workshop, name="Jan Berg", email="jan@example.org")

    registration = Registration.objects.get(email="jan@example.org")
    assert registration.status == Registration.Status.WAITING
    assert mail.outbox[0].subject.startswith("Warteliste:")
    assert "Sie stehen auf der Warteliste" in client.get(response["Location"]).content.decode()


def test_a_double_click_registers_once(client, django_capture_on_commit_callbacks):
    workshop = workshop_with_places()
    key = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=True):
        first = register(client, workshop, key=key, name="Jan Berg", email="jan@example.org")
        second = register(client, workshop, key=key, name="Jan Berg", email="jan@example.org")

    assert Registration.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 1


def test_honeypot_filled_by_a_bot_registers_nobody(client, django_capture_on_commit_callbacks):
    workshop = workshop_with_places()

    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, workshop, name="Bot", email="bot@example.org", website="https://spam.example")

    assert response.status_code == 302  # the bot sees an answer like any other
    assert response["Location"] == workshop.get_absolute_url()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client):
    html = client.get(form_url(workshop_with_places())).content.decode()
    assert re.search(r'<div class="field field-hp">\s*<label for="id_website">Bitte dieses Feld leer lassen</label>', html)
    assert re.search(r'<input[^>]*name="website"[^>]*tabindex="-1"', html)


def test_rate_limit_per_client_address(client, settings):
    settings.WORKSHOP_REGISTRATION_RATE_LIMIT = 2
    workshop = workshop_with_places(capacity=10)
    for number in range(2):
        response = register(client, workshop, name=f"Person {number}", email=f"p{number}@example.org")
        assert response.status_code == 302

    refused = register(client, workshop, name="Person 3", email="p3@example.org")
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    accepted = register(other_address, workshop, name="Person 4", email="p4@example.org")

    assert refused.status_code == 429
    assert "in der letzten Stunde schon viele Anmeldungen" in refused.content.decode()
    assert accepted.status_code == 302
    assert sorted(Registration.objects.values_list("name", flat=True)) == ["Person 0", "Person 1", "Person 4"]


def test_count_form_asks_only_the_number_of_people(client):
    workshop = workshop_with_places(capacity=5, registration_form=Workshop.RegistrationForm.COUNT)

    form = client.get(form_url(workshop)).context["form"]
    assert set(form.fields) == {"submission_key", "people", "website"}  # website: the honeypot

    response = register(client, workshop, people=3)
    assert response.status_code == 302
    assert Registration.objects.get().people == 3


def test_count_form_without_enough_places_is_refused_not_waitlisted(client):
    workshop = workshop_with_places(capacity=5, registration_form=Workshop.RegistrationForm.COUNT)
    register(client, workshop, people=3)

    response = register(client, workshop, people=3)

    assert response.status_code == 400
    assert "nicht mehr genug Plätze frei" in response.content.decode()
    assert Registration.objects.count() == 1
    assert register(client, workshop, people=2).status_code == 302
    assert sum(Registration.objects.values_list("people", flat=True)) == 5


def test_names_form_ignores_a_number_of_people(client):
    workshop = workshop_with_places()
    register(client, workshop, name="Jan Berg", email="jan@example.org", people=40)
    assert Registration.objects.get().people == 1


@pytest.mark.parametrize(
    "data",
    [
        {"name": "Jan Berg", "email": "kein-at-zeichen"},
        {"name": "", "email": "jan@example.org"},
        {"name": "Jan Berg"},
    ],
)
def test_bad_input_gets_a_german_message_and_stores_nothing(client, data):
    workshop = workshop_with_places()
    response = register(client, workshop, **data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Angaben" in html
    for described_by in re.findall(r'aria-describedby="([^"]+)"', html):  # errors tied to their fields
        for element_id in described_by.split():
            assert f'id="{element_id}"' in html
    assert not Registration.objects.exists()


@pytest.mark.parametrize("people", ["0", "51", "drei", ""])
def test_impossible_numbers_of_people_are_refused(client, people):
    workshop = workshop_with_places(registration_form=Workshop.RegistrationForm.COUNT)
    response = register(client, workshop, people=people)
    assert response.status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.parametrize("key", ["", "keine-uuid"])
def test_a_form_without_its_key_is_refused(client, key):
    workshop = workshop_with_places()
    response = client.post(form_url(workshop), {"submission_key": key, "name": "Jan", "email": "jan@example.org"})
    assert response.status_code == 400
    assert "Bitte laden Sie die Seite neu" in response.content.decode()
    assert not Registration.objects.exists()


def test_registration_closes_when_the_workshop_begins(client):
    starts = timezone.now() - dt.timedelta(hours=1)
    workshop = workshop_with_places(starts_at=starts, ends_at=starts + dt.timedelta(hours=3))

    assert "nicht mehr möglich" in client.get(form_url(workshop)).content.decode()
    response = register(client, workshop, key=uuid.uuid4(), name="Jan Berg", email="jan@example.org")
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_unpublished_or_unknown_workshop_has_no_form(client):
    workshop = workshop_with_places(published=False)
    assert client.get(form_url(workshop)).status_code == 404
    assert client.get("/werkstaetten/gibt-es-nicht/anmeldung/").status_code == 404


def test_form_rejects_other_methods(client):
    workshop = workshop_with_places()
    assert client.put(form_url(workshop)).status_code == 405


def test_cancelling_moves_the_first_on_the_waiting_list_up(client, django_capture_on_commit_callbacks):
    workshop = workshop_with_places(capacity=1)
    place = factories.RegistrationFactory(workshop=workshop)
    first = factories.RegistrationFactory(workshop=workshop, status=Registration.Status.WAITING, email="a@example.org")
    second = factories.RegistrationFactory(workshop=workshop, status=Registration.Status.WAITING, email="b@example.org")
    assert "Anmeldung bestätigt" in client.get(place.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/werkstaetten/anmeldung/{place.token}/abmelden/")

    assert response.status_code == 200
    assert "Sie sind von „Älter werden an der Oberen Mühle“ abgemeldet." in response.content.decode()
    assert not Registration.objects.filter(pk=place.pk).exists()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    assert first.promoted_at is not None
    assert second.status == Registration.Status.WAITING
    assert [message.to for message in mail.outbox] == [["a@example.org"]]
    assert mail.outbox[0].subject == "Sie sind nachgerückt: Älter werden an der Oberen Mühle"
    assert "Sie sind von der Warteliste nachgerückt." in client.get(first.get_absolute_url()).content.decode()


def test_cancelling_from_the_waiting_list_moves_nobody_up(client):
    workshop = workshop_with_places(capacity=1)
    factories.RegistrationFactory(workshop=workshop)
    waiting = factories.RegistrationFactory(workshop=workshop, status=Registration.Status.WAITING)
    later = factories.RegistrationFactory(workshop=workshop, status=Registration.Status.WAITING)

    client.post(f"/werkstaetten/anmeldung/{waiting.token}/abmelden/")

    later.refresh_from_db()
    assert later.status == Registration.Status.WAITING


def test_cancel_needs_post_and_a_known_token(client):
    registration = factories.RegistrationFactory()
    assert client.get(f"/werkstaetten/anmeldung/{registration.token}/abmelden/").status_code == 405
    assert client.post(f"/werkstaetten/anmeldung/{uuid.uuid4()}/abmelden/").status_code == 404
    assert client.get(f"/werkstaetten/anmeldung/{uuid.uuid4()}/").status_code == 404
    assert client.get("/werkstaetten/anmeldung/keine-uuid/").status_code == 404
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_mail_server_failure_keeps_the_registration(client, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    workshop = workshop_with_places()

    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, workshop, name="Jan Berg", email="jan@example.org")

    assert response.status_code == 302
    assert Registration.objects.count() == 1


def expired_registration(days_ago):
    ends = timezone.now() - dt.timedelta(days=days_ago)
    workshop = factories.WorkshopFactory(starts_at=ends - dt.timedelta(hours=2), ends_at=ends)
    return factories.RegistrationFactory(workshop=workshop)


def test_command_deletes_registrations_some_days_after_the_workshop(settings, capsys):
    settings.WORKSHOP_REGISTRATION_RETENTION_DAYS = 14
    old = expired_registration(days_ago=15)
    recent = expired_registration(days_ago=13)
    upcoming = factories.RegistrationFactory()

    call_command("purge_registrations")

    assert set(Registration.objects.all()) == {recent, upcoming}
    assert not Registration.objects.filter(pk=old.pk).exists()
    assert "1 Anmeldung(en) gelöscht" in capsys.readouterr().out
    call_command("purge_registrations")  # idempotent
    assert Registration.objects.count() == 2


def test_a_new_registration_also_deletes_expired_ones(client, settings):
    settings.WORKSHOP_REGISTRATION_RETENTION_DAYS = 14
    old = expired_registration(days_ago=30)
    register(client, workshop_with_places(), name="Jan Berg", email="jan@example.org")
    assert not Registration.objects.filter(pk=old.pk).exists()
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("size", [2, 20])
def test_form_and_confirmation_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    workshop = workshop_with_places(capacity=100)
    factories.RegistrationFactory.create_batch(size, workshop=workshop)
    registration = workshop.registrations.first()
    # the workshop with its places taken
    with django_assert_num_queries(1):
        assert client.get(form_url(workshop)).status_code == 200
    # the registration with its workshop
    with django_assert_num_queries(1):
        assert client.get(registration.get_absolute_url()).status_code == 200


def test_every_visitor_gets_a_form_key_of_their_own(client):
    """The form is never served from the page cache: a shared one-time key would make the second
    person's registration look like the first person's double click."""
    workshop = workshop_with_places(capacity=5)
    first = Client()
    second = Client()

    keys = {
        visitor.get(form_url(workshop)).context["form"].initial["submission_key"]
        for visitor in (first, second, first)
    }

    assert len(keys) == 3
