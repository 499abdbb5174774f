"""The staff list of registrations: who may see it, its CSV export, removing and more places."""

import pytest
from django.core import mail
from django.urls import reverse

from sozialraum.common.tabular import read_table
from tests import factories
from tests.admin_forms import admin_form_data
from workshops.exports import REGISTRATION_HEADERS
from workshops.models import Registration

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:workshops_registration_changelist")
EXPORT_URL = reverse("admin:workshops_registration_export")


def test_the_redaktion_sees_the_registrations_of_a_workshop(editor_client):
    registration = factories.RegistrationFactory(name="Ayşe Yılmaz")
    other = factories.RegistrationFactory(name="Jan Berg")

    response = editor_client.get(LIST_URL, {"workshop__id__exact": registration.workshop_id})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [registration]
    assert other.name not in response.content.decode()


@pytest.mark.parametrize("user", ["provider_user", "staff_without_permissions", "plain_user"])
def test_others_do_not_see_the_registrations(client, request, user):
    factories.RegistrationFactory()
    client.force_login(request.getfixturevalue(user))
    for url in (LIST_URL, EXPORT_URL):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"person" not in response.content


def test_anonymous_is_sent_to_login(client):
    for url in (LIST_URL, EXPORT_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_the_redaktion_cannot_add_or_edit_registrations(editor_client):
    registration = factories.RegistrationFactory()
    assert editor_client.get(reverse("admin:workshops_registration_add")).status_code == 403
    change = reverse("admin:workshops_registration_change", args=[registration.pk])
    response = editor_client.post(change, {"name": "geändert"})
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.name != "geändert"


def test_csv_export_follows_the_filter_and_neutralises_formulas(editor_client):
    registration = factories.RegistrationFactory(name='=HYPERLINK("http://böse.example")', people=1)
    factories.RegistrationFactory(name="andere Werkstatt")

    response = editor_client.get(EXPORT_URL, {"workshop__id__exact": registration.workshop_id})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="anmeldungen-')
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")
    table = read_table(response.content, headers=REGISTRATION_HEADERS, required_headers=REGISTRATION_HEADERS)
    assert [row["Name"] for _number, row in table.rows] == ['=HYPERLINK("http://böse.example")']
    assert table.rows[0][1]["Status"] == "angemeldet"


@pytest.mark.parametrize("size", [2, 20])
def test_list_query_count_is_fixed(editor_client, django_assert_num_queries, size):
    workshop = factories.WorkshopFactory(registration_enabled=True)
    factories.RegistrationFactory.create_batch(size, workshop=workshop)
    # session, user, user's and group's permissions, workshops for the filter, count, filtered
    # count, user's groups (the admin's second-factor check), page with workshops
    with django_assert_num_queries(9):
        response = editor_client.get(LIST_URL)
    assert response.status_code == 200


def test_removing_a_registration_in_the_admin_moves_the_waiting_list_up(
    editor_client, django_capture_on_commit_callbacks
):
    workshop = factories.WorkshopFactory(registration_enabled=True, capacity=1, title="Werkstatt Straßenräume")
    place = factories.RegistrationFactory(workshop=workshop)
    waiting = factories.RegistrationFactory(workshop=workshop, status=Registration.Status.WAITING)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            LIST_URL, {"action": "delete_selected", "_selected_action": [place.pk], "post": "yes"}
        )

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [[waiting.email]]


def test_more_places_move_the_waiting_list_up(editor_client, django_capture_on_commit_callbacks):
    workshop = factories.WorkshopFactory(registration_enabled=True, capacity=1)
    factories.RegistrationFactory(workshop=workshop)
    first = factories.RegistrationFactory(workshop=workshop, status=Registration.Status.WAITING)
    second = factories.RegistrationFactory(workshop=workshop, status=Registration.Status.WAITING)
    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])
    data = admin_form_data(editor_client.get(url))
    data["capacity"] = "2"

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Registration.Status.CONFIRMED, Registration.Status.WAITING)
    assert [message.to for message in mail.outbox] == [[first.email]]
