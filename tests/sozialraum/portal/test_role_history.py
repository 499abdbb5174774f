"""Who gave whom which role: changes to users, their groups and permissions, and to the groups'
permissions, keep a history that the Administration reads and the Redaktion does not."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from sozialraum.portal import roles
from tests import factories
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    """A member of the Redaktion whom the Administration promotes."""
    user = factories.UserFactory(username="kollegin", first_name="Kim")
    roles.user_assign_role(user=user, role=roles.EDITORS)
    return user


def edit(client, obj, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def promote(administrator_client, colleague):
    administration = Group.objects.get(name=roles.ADMINISTRATION)
    editors = Group.objects.get(name=roles.EDITORS)
    edit(administrator_client, colleague, groups=[str(editors.pk), str(administration.pk)])


def test_adding_a_user_to_administration_is_recorded_with_who(administrator_client, administrator, colleague):
    promote(administrator_client, colleague)

    latest = colleague.history.first()
    assert latest.history_user == administrator
    assert set(latest.groups.values_list("group__name", flat=True)) == {roles.EDITORS, roles.ADMINISTRATION}
    before = latest.prev_record
    assert set(before.groups.values_list("group__name", flat=True)) == {roles.EDITORS}


def test_the_administration_reads_the_role_history(administrator_client, colleague):
    promote(administrator_client, colleague)

    response = administrator_client.get(history_url(colleague))

    assert response.status_code == 200
    row = next(row for row in response.content.decode().split("<tr>") if "<strong>Gruppen:</strong>" in row)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split())
    assert "Gruppen: Redaktion → Administration, Redaktion" in text  # what
    assert ">administration</a>" in row  # who (the date is in the same row)


def test_the_redaktion_cannot_read_the_role_history(administrator_client, editor, colleague):
    promote(administrator_client, colleague)
    editor_client = Client()
    editor_client.force_login(editor)

    assert editor_client.get(history_url(colleague)).status_code == 403
    record = colleague.history.first()
    old_version = reverse("admin:auth_user_simple_history", args=[colleague.pk, record.history_id])
    assert editor_client.get(old_version).status_code == 403


def test_a_membership_added_from_the_group_side_is_recorded_on_the_user(colleague):
    before = colleague.history.count()
    Group.objects.get(name=roles.ADMINISTRATION).user_set.add(colleague)

    assert colleague.history.count() == before + 1
    assert roles.ADMINISTRATION in colleague.history.first().groups.values_list("group__name", flat=True)


def test_a_cleared_group_is_recorded_on_its_former_members(colleague):
    before = colleague.history.count()
    Group.objects.get(name=roles.EDITORS).user_set.clear()

    assert colleague.history.count() == before + 1
    assert not colleague.history.first().groups.exists()


def test_group_permission_changes_are_recorded(administrator_client, administrator):
    editors = Group.objects.get(name=roles.EDITORS)
    extra = Permission.objects.get(codename="add_quarter")
    edit(administrator_client, editors, permissions=[str(p) for p in editors.permissions.values_list("pk", flat=True)]
         + [str(extra.pk)])

    latest = editors.history.first()
    assert latest.history_user == administrator
    assert latest.permissions.filter(permission=extra).exists()
    response = administrator_client.get(history_url(editors))
    assert response.status_code == 200
    assert "<strong>Berechtigungen:</strong>" in response.content.decode()


def test_the_history_keeps_no_password_hash_and_no_logins(client, colleague):
    before = colleague.history.count()
    client.post(reverse("admin:login"), {"username": "kollegin", "password": "ein-sicheres-Passwort-2026"})
    colleague.set_password("ein-neues-sicheres-Passwort-2026")
    colleague.save()

    assert "_auth_user_id" in client.session
    assert colleague.history.count() == before + 1  # the new password, not the login
    assert "password" not in {field.name for field in colleague.history.model._meta.fields}
    assert "last_login" not in {field.name for field in colleague.history.model._meta.fields}
