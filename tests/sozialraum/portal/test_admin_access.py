"""Every staff-only URL: anonymous → login, without permission → refused, Redaktion → its share."""

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from network.models import Cooperation
from providers.models import OverlapReview, ProviderAccount
from sozialraum.models import ConceptEdition
from sozialraum.portal.public.models import AccessibilityStatement, BarrierReport, InfoPage, KnownBarrier
from tests import factories
from tests.impact_factories import EffectFactory

pytestmark = pytest.mark.django_db

AXES_FIELDS = {"username": "jemand", "ip_address": "127.0.0.1", "user_agent": "Test", "path_info": "/admin/login/",
               "http_accept": "*/*"}

CREATORS = {
    "auth.group": lambda: Group.objects.get(name="Redaktion"),
    "auth.user": lambda: factories.UserFactory(username="irgendwer"),
    "axes.accessattempt": lambda: AccessAttempt.objects.create(
        **AXES_FIELDS, get_data="", post_data="", failures_since_start=1
    ),
    "axes.accesslog": lambda: AccessLog.objects.create(**AXES_FIELDS),
    "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(**AXES_FIELDS, locked_out=False),
    "sozialraum.quarter": factories.QuarterFactory,
    "sozialraum.targetgroup": factories.TargetGroupFactory,
    "sozialraum.fieldofaction": factories.FieldOfActionFactory,
    "sozialraum.language": factories.LanguageFactory,
    "sozialraum.indicator": factories.IndicatorFactory,
    "sozialraum.indicatorvalue": factories.IndicatorValueFactory,
    "sozialraum.swotitem": factories.SwotItemFactory,
    "sozialraum.programme": factories.ProgrammeFactory,
    "sozialraum.conceptedition": lambda: ConceptEdition.objects.create(
        name="Fortschreibung 2026", slug="fortschreibung-2026", presented_on=dt.date(2026, 3, 1), pdf="konzept/k.pdf"
    ),
    "providers.provider": factories.ProviderFactory,
    "providers.offer": factories.OfferFactory,
    "providers.servicetype": factories.ServiceTypeFactory,
    "providers.provideraccount": lambda: ProviderAccount.objects.create(
        user=factories.UserFactory(username="konto"), provider=factories.ProviderFactory()
    ),
    "providers.overlapreview": lambda: OverlapReview.objects.create(
        quarter=factories.QuarterFactory(), target_group=factories.TargetGroupFactory(), provider_ids="1,2",
        decision=OverlapReview.Decision.DELIBERATE, reason="ergänzende Zeiten",
    ),
    "measures.fundingprogramme": factories.FundingProgrammeFactory,
    "measures.goal": factories.GoalFactory,
    "measures.measure": factories.MeasureFactory,
    "measures.effect": EffectFactory,
    "workshops.workshopseries": factories.WorkshopSeriesFactory,
    "workshops.workshop": factories.WorkshopFactory,
    "network.cooperation": lambda: Cooperation.objects.create(
        first_provider=factories.ProviderFactory(), second_institution="Arbeitskreis", kind=Cooperation.Kind.OTHER
    ),
    "public.infopage": lambda: InfoPage.objects.get(kind="impressum"),
    "public.accessibilitystatement": lambda: AccessibilityStatement.objects.get(),
    "public.knownbarrier": lambda: KnownBarrier.objects.create(
        statement=AccessibilityStatement.objects.get(), barrier="Karte", alternative="Liste"
    ),
    "public.barrierreport": lambda: BarrierReport.objects.create(message="Der Kontrast ist zu schwach."),
    "workshops.registration": factories.RegistrationFactory,
}
# Pages that exist from the start and that nobody adds or deletes; reports only visitors write.
NOBODY_ADDS_OR_DELETES = ("/public/infopage/", "/public/accessibilitystatement/")
NOBODY_ADDS = ("/public/barrierreport/",)


def test_every_registered_model_is_covered():
    assert {model._meta.label_lower for model in admin.site._registry} == set(CREATORS)


def admin_urls():
    """(label, url name, needs) for every named URL of every registered model admin."""
    entries = []
    for model, model_admin in admin.site._registry.items():
        for pattern in model_admin.get_urls():
            if pattern.name:
                entries.append((model._meta.label_lower, pattern))
    return entries


def build_url(label, pattern, obj):
    route = str(pattern.pattern)
    if "history/([^/]+)" in route:
        args = [obj.pk, obj.history.order_by("history_date").first().history_id]
    elif "<path:object_id>" in route:
        args = [obj.pk]
    elif "<id>" in route:
        args = [obj.pk]
    elif "<str:fmt>" in route:
        args = ["csv"]
    else:
        args = []
    return reverse(f"admin:{pattern.name}", args=args)


@pytest.fixture
def every_url(db):
    objects = {label: create() for label, create in CREATORS.items()}
    return [(label, build_url(label, pattern, objects[label])) for label, pattern in admin_urls()]


def test_anonymous_is_sent_to_login(client, every_url):
    assert len(every_url) > 120  # 23 models × list, add, change, delete, history, … and custom pages
    for _label, url in every_url:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


def test_logged_in_non_staff_is_sent_to_login(client, plain_user, every_url):
    client.force_login(plain_user)
    for _label, url in every_url:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


def test_staff_without_permission_is_refused(client, staff_without_permissions, every_url):
    client.force_login(staff_without_permissions)
    for _label, url in every_url:
        assert client.get(url).status_code == 403, url


def test_staff_without_permission_cannot_post(client, staff_without_permissions, every_url):
    client.force_login(staff_without_permissions)
    for _label, url in every_url:
        if url.endswith(("/change/", "/delete/", "/add/", "/import/")):
            assert client.post(url, {"post": "yes", "name": "x"}).status_code == 403, url


EDITOR_ALLOWED = [
    "admin:providers_provider_changelist",
    "admin:providers_provider_add",
    "admin:providers_offer_changelist",
    "admin:providers_offer_add",
    "admin:providers_overlapreview_changelist",
    "admin:providers_overlapreview_add",
    "admin:providers_provider_import",
    "admin:measures_measure_changelist",
    "admin:measures_measure_add",
    "admin:measures_measure_export",
    "admin:measures_goal_add",
    "admin:measures_fundingprogramme_add",
    "admin:measures_effect_changelist",
    "admin:workshops_workshop_changelist",
    "admin:workshops_workshop_add",
    "admin:workshops_workshop_export",
    "admin:workshops_workshopseries_add",
    "admin:sozialraum_indicator_changelist",
    "admin:sozialraum_indicator_add",
    "admin:sozialraum_indicatorvalue_add",
    "admin:sozialraum_conceptedition_changelist",
    "admin:sozialraum_conceptedition_add",
    "admin:sozialraum_quarter_changelist",  # read only
    "admin:sozialraum_targetgroup_changelist",  # read only
    "admin:network_cooperation_changelist",
    "admin:network_cooperation_add",
]

EDITOR_REFUSED = [
    "admin:auth_user_changelist",
    "admin:auth_user_add",
    "admin:auth_group_changelist",
    "admin:providers_provideraccount_changelist",
    "admin:providers_provideraccount_add",
    "admin:sozialraum_quarter_add",
    "admin:sozialraum_targetgroup_add",
    "admin:sozialraum_fieldofaction_add",
    "admin:sozialraum_programme_add",
    "admin:axes_accessattempt_changelist",
]


@pytest.mark.parametrize("url_name", EDITOR_ALLOWED)
def test_editor_opens(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", EDITOR_REFUSED)
def test_editor_refused(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_editor_opens_change_and_history_of_editable_models(editor_client):
    for obj in [factories.ProviderFactory(), factories.OfferFactory(), factories.MeasureFactory(),
                factories.WorkshopFactory(), factories.IndicatorFactory()]:
        opts = obj._meta
        for view in ("change", "history"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])
            assert editor_client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:measures_measure_changelist",
        "admin:workshops_workshop_changelist",
        "admin:sozialraum_indicator_changelist",
        "admin:providers_overlapreview_changelist",
        "admin:sozialraum_conceptedition_changelist",
        "admin:auth_user_changelist",
        "admin:providers_provideraccount_changelist",
        "admin:providers_provider_add",
    ],
)
def test_provider_account_refused(provider_client, url_name):
    assert provider_client.get(reverse(url_name)).status_code == 403


def test_provider_account_opens_own_entry_and_offers(provider_client, own_provider):
    assert provider_client.get(reverse("admin:providers_provider_changelist")).status_code == 200
    assert provider_client.get(reverse("admin:providers_offer_add")).status_code == 200
    change = reverse("admin:providers_provider_change", args=[own_provider.pk])
    assert provider_client.get(change).status_code == 200


def test_administration_opens_everything(administrator_client, every_url):
    for _label, url in every_url:
        # django-axes offers no add form: its log entries are written by logins only; workshop
        # registrations come only through the public form, which counts the places.
        no_add_form = "/axes/" in url or "/workshops/registration/" in url
        expected = 403 if no_add_form and url.endswith("/add/") else 200
        if url.startswith(tuple(f"/admin{p}" for p in NOBODY_ADDS_OR_DELETES)) and url.endswith(("/add/", "/delete/")):
            expected = 403
        if url.startswith(tuple(f"/admin{p}" for p in NOBODY_ADDS)) and url.endswith("/add/"):
            expected = 403
        if url == reverse("admin:providers_provider_export", args=["csv"]):
            expected = 405  # the export is a background job, started by POST
        assert administrator_client.get(url).status_code == expected, url


# --- Staff pages outside the admin (everything under /verwaltung/) -----------------------------


def staff_area_urls():
    """Every URL pattern under ``verwaltung/``, its arguments filled with placeholders.

    Access is checked before the object is looked up, so placeholders are enough for
    anonymous and unauthorised users.
    """
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and route.startswith("verwaltung/"):
                yield route

    urls = []
    for route in walk(get_resolver().url_patterns, ""):
        path = route
        for converter, value in (("<slug:", "platzhalter"), ("<int:", "1"), ("<str:", "platzhalter"), ("<path:", "x"),
                                 ("<uuid:", "00000000-0000-0000-0000-000000000000")):
            while converter in path:
                start = path.index(converter)
                path = path[:start] + value + path[path.index(">", start) + 1:]
        urls.append("/" + path)
    return urls


def test_staff_area_is_walked():
    assert "/verwaltung/ueberschneidungen/" in staff_area_urls()


def responses(client, url):
    """GET and POST; a method the page does not serve (405) reveals nothing and is left out."""
    answered = [r for r in (client.get(url), client.post(url)) if r.status_code != 405]
    assert answered, url
    return answered


def test_staff_area_sends_anonymous_to_login(client):
    for url in staff_area_urls():
        for response in responses(client, url):
            assert response.status_code == 302, url
            assert reverse("admin:login") in response["Location"], url


@pytest.mark.parametrize("user_fixture", ["plain_user", "staff_without_permissions", "provider_user"])
def test_staff_area_refuses_users_without_permission(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    for url in staff_area_urls():
        for response in responses(client, url):
            assert response.status_code == 403, url


def test_editor_opens_the_overlap_matrix(editor_client):
    assert editor_client.get("/verwaltung/ueberschneidungen/").status_code == 200
