"""The staff admin: every model's pages open for staff and stay closed to anonymous users."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from providers.models import Offer, Provider

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"sozialraum", "providers", "measures", "workshops"}
PROJECT_MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in PROJECT_APPS
)
# Models the demo programme leaves empty (made by staff actions or uploads).
EMPTY_IN_DEMO = {"provideraccount", "overlapreview", "conceptedition", "measuredocument", "workshopdocument"}


@pytest.fixture
def demo(db):
    call_command("load_demo", no_staff_account=True)


def test_every_project_model_is_in_the_admin():
    names = {name for _app, name in PROJECT_MODELS}
    assert {"quarter", "targetgroup", "fieldofaction", "indicator", "indicatorvalue", "swotitem", "provider",
            "offer", "goal", "measure", "fundingprogramme", "workshop", "workshopseries"} <= names


@pytest.mark.parametrize(("app", "model"), PROJECT_MODELS)
def test_staff_open_list_add_change_and_search(staff_client, demo, app, model):
    changelist = reverse(f"admin:{app}_{model}_changelist")
    response = staff_client.get(changelist)
    assert response.status_code == 200
    assert staff_client.get(changelist, {"q": "Südliche"}).status_code == 200
    assert staff_client.get(reverse(f"admin:{app}_{model}_add")).status_code in (200, 403)
    shown = list(response.context["cl"].result_list)
    if model in EMPTY_IN_DEMO:
        return
    assert shown, f"the demo programme should have a {model}"
    change = reverse(f"admin:{app}_{model}_change", args=[shown[0].pk])
    page = staff_client.get(change)
    assert page.status_code == 200
    assert 'lang="de"' in page.content.decode()


@pytest.mark.parametrize(("app", "model"), PROJECT_MODELS)
def test_anonymous_is_sent_to_login(client, app, model):
    response = client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_quarter_boundary_is_edited_on_a_map(staff_client, demo):
    from sozialraum.models import Quarter

    quarter = Quarter.objects.get(slug="suedliche-innenstadt-obere-muehle")
    page = staff_client.get(reverse("admin:sozialraum_quarter_change", args=[quarter.pk])).content.decode()
    assert "leaflet" in page.lower()
    assert 'name="boundary"' in page


def _inline_management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_staff_create_a_provider_with_an_offer_in_one_form(staff_client, quarter, target_group):
    data = {
        "name": "Nachbarschaftshilfe Obere Mühle e. V.",
        "slug": "nachbarschaftshilfe",
        "kind": Provider.Kind.ASSOCIATION,
        "city": "Iserlohn",
        "location": '{"type": "Point", "coordinates": [7.697, 51.37]}',
        **_inline_management("offers"),
        "offers-0-title": "Einkaufshilfe",
        "offers-0-slug": "einkaufshilfe",
        "offers-0-active": "on",
        "offers-0-target_groups": [str(target_group.pk)],
        "offers-0-quarters": [str(quarter.pk)],
    }
    response = staff_client.post(reverse("admin:providers_provider_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    provider = Provider.objects.get(slug="nachbarschaftshilfe")
    assert provider.location["coordinates"] == [7.697, 51.37]
    offer = Offer.objects.get(provider=provider)
    assert offer.title == "Einkaufshilfe"
    assert list(offer.target_groups.all()) == [target_group]
    assert list(offer.quarters.all()) == [quarter]
    assert provider.history.count() == 1


def test_provider_form_with_missing_name_is_refused_in_german(staff_client):
    response = staff_client.post(
        reverse("admin:providers_provider_add"),
        {"name": "", "slug": "x", "kind": "association", **_inline_management("offers", total=0)},
    )
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not Provider.objects.exists()


def test_forms_without_a_location_render_an_empty_map_without_logging_errors(staff_client, caplog):
    from tests import factories

    provider = factories.ProviderFactory(location=None)
    with caplog.at_level("ERROR", logger="django.contrib.gis"):
        page = staff_client.get(reverse("admin:providers_provider_change", args=[provider.pk]))
        staff_client.get(reverse("admin:workshops_workshop_add"))
    assert page.status_code == 200
    assert 'name="location"' in page.content.decode()
    assert [record.getMessage() for record in caplog.records] == []
