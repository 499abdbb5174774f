"""The staff admin: every model's pages open for the role that keeps it and stay closed to anonymous users."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"sozialraum", "providers", "measures", "workshops"}
PROJECT_MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in PROJECT_APPS
)
# Models the demo programme leaves empty (made by staff actions or uploads).
EMPTY_IN_DEMO = {
    "provideraccount", "overlapreview", "conceptedition", "measuredocument", "workshopdocument", "registration"
}
# Made only by the public form, which counts the places: nobody adds them in the admin.
NEVER_ADDED_IN_ADMIN = {"registration"}


@pytest.fixture
def demo(db):
    call_command("load_demo", no_staff_account=True, no_concept_edition=True)  # no PDF rendering: fast


def test_every_project_model_is_in_the_admin():
    names = {name for _app, name in PROJECT_MODELS}
    assert {"quarter", "targetgroup", "fieldofaction", "indicator", "indicatorvalue", "swotitem", "provider",
            "offer", "goal", "measure", "fundingprogramme", "workshop", "workshopseries"} <= names


# The Redaktion only reads these (the Administration keeps them) ...
READ_ONLY_FOR_EDITORS = {"quarter", "targetgroup", "fieldofaction", "language", "swotitem", "programme"}
# ... and does not see these at all.
ADMINISTRATION_ONLY = {"provideraccount"}


@pytest.mark.parametrize(("app", "model"), PROJECT_MODELS)
def test_least_role_opens_list_add_change_and_search(client, editor, administrator, demo, app, model):
    """Every model's pages open for the least role that keeps it: the Redaktion, except
    for what only the Administration sees; adding is refused where the Redaktion only reads."""
    client.force_login(administrator if model in ADMINISTRATION_ONLY else editor)
    changelist = reverse(f"admin:{app}_{model}_changelist")
    response = client.get(changelist)
    assert response.status_code == 200
    assert client.get(changelist, {"q": "Südliche"}).status_code == 200
    expected_add = 403 if model in READ_ONLY_FOR_EDITORS | NEVER_ADDED_IN_ADMIN else 200
    assert client.get(reverse(f"admin:{app}_{model}_add")).status_code == expected_add
    shown = list(response.context["cl"].result_list)
    if model in EMPTY_IN_DEMO:
        return
    assert shown, f"the demo programme should have a {model}"
    change = reverse(f"admin:{app}_{model}_change", args=[shown[0].pk])
    page = client.get(change)
    assert page.status_code == 200
    assert 'lang="de"' in page.content.decode()


@pytest.mark.parametrize("model", sorted(READ_ONLY_FOR_EDITORS))
def test_administration_adds_what_the_redaktion_only_reads(administrator_client, model):
    assert administrator_client.get(reverse(f"admin:sozialraum_{model}_add")).status_code == 200


@pytest.mark.parametrize(("app", "model"), PROJECT_MODELS)
def test_anonymous_is_sent_to_login(client, app, model):
    response = client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
