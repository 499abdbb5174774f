"""Roles: what the Redaktion, the Administration and provider accounts may and may not do."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from sozialraum.portal import roles
from tests import factories

pytestmark = pytest.mark.django_db


def test_roles_sync_is_idempotent():
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    roles.roles_sync()
    roles.roles_sync()
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after
    assert Group.objects.filter(name="Redaktion").count() == 1


def test_roles_sync_restores_a_removed_permission():
    group = Group.objects.get(name="Redaktion")
    group.permissions.remove(Permission.objects.get(codename="change_measure"))
    roles.roles_sync()
    assert group.permissions.filter(codename="change_measure").exists()


@pytest.mark.parametrize(
    "perm",
    [
        "providers.change_provider",
        "providers.add_offer",
        "measures.change_measure",
        "workshops.change_workshop",
        "sozialraum.change_indicator",
        "sozialraum.change_indicatorvalue",
        "providers.view_overlapreview",
        "providers.add_overlapreview",
        "sozialraum.view_conceptedition",
        "sozialraum.add_conceptedition",
        "sozialraum.view_targetgroup",
    ],
)
def test_editor_may(editor, perm):
    assert editor.has_perm(perm)


@pytest.mark.parametrize(
    "perm",
    [
        "auth.add_user",
        "auth.change_user",
        "auth.change_group",
        "sozialraum.change_quarter",
        "sozialraum.change_targetgroup",
        "sozialraum.change_conceptedition",
        "sozialraum.delete_conceptedition",
        "providers.change_overlapreview",
        "providers.add_provideraccount",
    ],
)
def test_editor_may_not(editor, perm):
    assert not editor.has_perm(perm)


@pytest.mark.parametrize(
    "perm", ["auth.add_user", "auth.change_group", "sozialraum.change_quarter", "providers.add_provideraccount",
             "measures.delete_measure", "axes.view_accessattempt"],
)
def test_administration_may_everything(administrator, perm):
    assert administrator.has_perm(perm)


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("providers.change_provider", True),
        ("providers.add_offer", True),
        ("providers.delete_offer", True),
        ("providers.add_provider", False),
        ("providers.delete_provider", False),
        ("measures.change_measure", False),
        ("workshops.view_workshop", False),
        ("sozialraum.change_targetgroup", False),
    ],
)
def test_provider_account_permissions(provider_user, perm, allowed):
    assert provider_user.has_perm(perm) is allowed


def test_assign_role_makes_staff():
    user = factories.UserFactory(is_staff=False)
    roles.user_assign_role(user=user, role=roles.EDITORS)
    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name="Redaktion").exists()


def test_assign_unknown_role_is_refused():
    with pytest.raises(ValueError):
        roles.user_assign_role(user=factories.UserFactory(), role="Chef")


# Through the admin: each role's allowed and refused actions.


def test_editor_edits_a_measure(editor_client):
    measure = factories.MeasureFactory()
    assert editor_client.get(reverse("admin:measures_measure_change", args=[measure.pk])).status_code == 200


def test_editor_cannot_open_users(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_editor_sees_quarters_read_only(editor_client):
    quarter = factories.QuarterFactory()
    response = editor_client.get(reverse("admin:sozialraum_quarter_change", args=[quarter.pk]))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    post = editor_client.post(reverse("admin:sozialraum_quarter_change", args=[quarter.pk]), {"name": "Neu"})
    assert post.status_code == 403


def test_administration_opens_users(administrator_client):
    assert administrator_client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert administrator_client.get(reverse("admin:auth_group_changelist")).status_code == 200


def test_provider_account_cannot_open_measures(provider_client):
    assert provider_client.get(reverse("admin:measures_measure_changelist")).status_code == 403
    assert provider_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_roles_come_back_with_every_migrate_and_reversing_removes_them():
    import importlib

    from django.apps import apps
    from django.core.management import call_command

    migration = importlib.import_module("sozialraum.migrations.0002_roles")
    user = factories.UserFactory()
    roles.user_assign_role(user=user, role=roles.EDITORS)

    migration.remove_roles(apps, None)
    assert not Group.objects.filter(name__in=roles.ROLE_NAMES).exists()

    call_command("migrate", verbosity=0)  # post_migrate: the portal syncs the roles
    call_command("migrate", verbosity=0)
    assert Group.objects.filter(name__in=roles.ROLE_NAMES).count() == 3
    assert Group.objects.get(name="Redaktion").permissions.filter(codename="change_provider").exists()
