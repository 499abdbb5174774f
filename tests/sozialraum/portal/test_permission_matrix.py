"""Who may open which staff page: every staff view outside the admin and a representative set
of admin pages, tried as every role, each asserted both ways with its exact answer.

Roles: anonymous, ``plain_user`` (logged in, not staff), ``staff_without_permissions``,
``provider_user`` (Anbieter), ``editor`` (Redaktion), ``administrator`` (Administration).

The answers differ by the kind of page: the admin sends anyone without staff status to its
login; the staff pages outside the admin send anonymous users to the login and refuse logged-in
users without the permission with 403.
"""

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from providers.models import OverlapReview
from sozialraum.models import ConceptEdition
from sozialraum.portal.concept.render import RenderedConcept
from tests import factories
from tests.sozialraum.operations.helpers import run_worker

pytestmark = pytest.mark.django_db

LOGIN = "login"  # 302 to the admin login, with ``next`` pointing back
ROLES = ["anonymous", "plain_user", "staff_without_permissions", "provider_user", "editor", "administrator"]
FAKE_PDF = b"%PDF-1.7\n% permission matrix\n%%EOF\n"


@pytest.fixture
def world(own_provider):
    """One of everything the URLs name: an overlap, the provider account's own entry with an
    offer, a measure and a workshop (each with its first history record)."""
    quarter = factories.QuarterFactory(slug="obere-muehle")
    seniors = factories.TargetGroupFactory(slug="senioren")
    factories.OfferFactory(provider=own_provider, slug="treff", quarters=[quarter], target_groups=[seniors])
    factories.OfferFactory(quarters=[quarter], target_groups=[seniors])
    measure = factories.MeasureFactory()
    return {
        "quarter": quarter,
        "target_group": seniors,
        "provider": own_provider,
        "provider_record": own_provider.history.get(),
        "offer": own_provider.offers.get(),
        "measure": measure,
        "measure_record": measure.history.get(),
    }


@pytest.fixture(autouse=True)
def no_rendering(settings, tmp_path):
    """The draft and publishing answer without WeasyPrint: this is about who gets in."""
    settings.MEDIA_ROOT = tmp_path
    rendered = RenderedConcept(pdf=FAKE_PDF, page_count=1)
    with (
        mock.patch("sozialraum.portal.concept.tasks.render_concept", return_value=rendered),
        mock.patch("sozialraum.portal.concept.services.render_concept", return_value=rendered),
    ):
        yield


def cell(w):
    return {"quarter": w["quarter"].slug, "target_group": w["target_group"].slug}


# name: (method, url, data)
VIEWS = {
    # Staff pages outside the admin
    "overlap matrix": ("get", lambda w: reverse("overlaps:matrix"), None),
    "overlap duplicates": ("get", lambda w: reverse("overlaps:duplicates"), None),
    "overlap cell": ("get", lambda w: reverse("overlaps:cell", kwargs=cell(w)), None),
    "overlap mark": (
        "post",
        lambda w: reverse("overlaps:mark", kwargs=cell(w)),
        {"decision": "deliberate", "reason": "ergänzende Zeiten"},
    ),
    "network page": ("get", lambda w: reverse("network:network-detail"), None),
    "network actors csv": ("get", lambda w: reverse("network:actors-csv"), None),
    "network edges csv": ("get", lambda w: reverse("network:edges-csv"), None),
    "concept draft": ("get", lambda w: reverse("concept:draft"), None),
    "concept draft start": ("post", lambda w: reverse("concept:draft"), {}),
    "concept draft old address": ("get", lambda w: reverse("concept:draft-pdf"), None),
    "concept publish form": ("get", lambda w: reverse("concept:publish"), None),
    "concept publish": (
        "post",
        lambda w: reverse("concept:publish"),
        {"name": "Fortschreibung 2026", "presented_on": "2026-03-12", "presented_to": "Sozialausschuss"},
    ),
    # Import and exports in the admin
    "provider import": ("get", lambda w: reverse("admin:providers_provider_import"), None),
    "provider export": ("post", lambda w: reverse("admin:providers_provider_export", args=["csv"]), {}),
    "provider import template": (
        "get", lambda w: reverse("admin:providers_provider_import_template", args=["csv"]), None
    ),
    "measure export": ("get", lambda w: reverse("admin:measures_measure_export"), None),
    "workshop export": ("get", lambda w: reverse("admin:workshops_workshop_export"), None),
    # History and restore pages
    "own provider history": (
        "get", lambda w: reverse("admin:providers_provider_history", args=[w["provider"].pk]), None
    ),
    "own provider old version": (
        "get",
        lambda w: reverse(
            "admin:providers_provider_simple_history", args=[w["provider"].pk, w["provider_record"].history_id]
        ),
        None,
    ),
    "own offer history": ("get", lambda w: reverse("admin:providers_offer_history", args=[w["offer"].pk]), None),
    "measure history": ("get", lambda w: reverse("admin:measures_measure_history", args=[w["measure"].pk]), None),
    "measure old version": (
        "get",
        lambda w: reverse(
            "admin:measures_measure_simple_history", args=[w["measure"].pk, w["measure_record"].history_id]
        ),
        None,
    ),
    # Admin pages
    "admin index": ("get", lambda w: reverse("admin:index"), None),
    "users": ("get", lambda w: reverse("admin:auth_user_changelist"), None),
    "add user": ("get", lambda w: reverse("admin:auth_user_add"), None),
    "groups": ("get", lambda w: reverse("admin:auth_group_changelist"), None),
    "login attempts": ("get", lambda w: reverse("admin:axes_accessattempt_changelist"), None),
    "provider accounts": ("get", lambda w: reverse("admin:providers_provideraccount_changelist"), None),
    "providers": ("get", lambda w: reverse("admin:providers_provider_changelist"), None),
    "add provider": ("get", lambda w: reverse("admin:providers_provider_add"), None),
    "own provider": ("get", lambda w: reverse("admin:providers_provider_change", args=[w["provider"].pk]), None),
    "offers": ("get", lambda w: reverse("admin:providers_offer_changelist"), None),
    "add offer": ("get", lambda w: reverse("admin:providers_offer_add"), None),
    "overlap reviews": ("get", lambda w: reverse("admin:providers_overlapreview_changelist"), None),
    "add overlap review": ("get", lambda w: reverse("admin:providers_overlapreview_add"), None),
    "measures": ("get", lambda w: reverse("admin:measures_measure_changelist"), None),
    "add measure": ("get", lambda w: reverse("admin:measures_measure_add"), None),
    "workshops": ("get", lambda w: reverse("admin:workshops_workshop_changelist"), None),
    "add workshop": ("get", lambda w: reverse("admin:workshops_workshop_add"), None),
    "indicators": ("get", lambda w: reverse("admin:sozialraum_indicator_changelist"), None),
    "quarters": ("get", lambda w: reverse("admin:sozialraum_quarter_changelist"), None),
    "add quarter": ("get", lambda w: reverse("admin:sozialraum_quarter_add"), None),
    "add programme": ("get", lambda w: reverse("admin:sozialraum_programme_add"), None),
    "concept editions": ("get", lambda w: reverse("admin:sozialraum_conceptedition_changelist"), None),
    "add concept edition": ("get", lambda w: reverse("admin:sozialraum_conceptedition_add"), None),
    "cooperations": ("get", lambda w: reverse("admin:network_cooperation_changelist"), None),
    "add cooperation": ("get", lambda w: reverse("admin:network_cooperation_add"), None),
}

# fmt: off
MATRIX = {
    #                             anonymous  plain  no perms  Anbieter  Redaktion  Administration
    "overlap matrix":             (LOGIN,    403,   403,      403,      200,       200),
    "overlap duplicates":         (LOGIN,    403,   403,      403,      200,       200),
    "overlap cell":               (LOGIN,    403,   403,      403,      200,       200),
    "overlap mark":               (LOGIN,    403,   403,      403,      302,       302),
    "network page":               (LOGIN,    403,   403,      403,      200,       200),
    "network actors csv":         (LOGIN,    403,   403,      403,      200,       200),
    "network edges csv":          (LOGIN,    403,   403,      403,      200,       200),
    "concept draft":              (LOGIN,    403,   403,      403,      200,       200),
    "concept draft start":        (LOGIN,    403,   403,      403,      302,       302),
    "concept draft old address":  (LOGIN,    403,   403,      403,      302,       302),
    "concept publish form":       (LOGIN,    403,   403,      403,      200,       200),
    "concept publish":            (LOGIN,    403,   403,      403,      302,       302),
    "provider import":            (LOGIN,    LOGIN, 403,      403,      200,       200),
    "provider export":            (LOGIN,    LOGIN, 403,      403,      302,       302),
    "provider import template":   (LOGIN,    LOGIN, 403,      403,      200,       200),
    "measure export":             (LOGIN,    LOGIN, 403,      403,      200,       200),
    "workshop export":            (LOGIN,    LOGIN, 403,      403,      200,       200),
    "own provider history":       (LOGIN,    LOGIN, 403,      200,      200,       200),
    "own provider old version":   (LOGIN,    LOGIN, 403,      403,      200,       200),
    "own offer history":          (LOGIN,    LOGIN, 403,      200,      200,       200),
    "measure history":            (LOGIN,    LOGIN, 403,      403,      200,       200),
    "measure old version":        (LOGIN,    LOGIN, 403,      403,      200,       200),
    "admin index":                (LOGIN,    LOGIN, 200,      200,      200,       200),
    "users":                      (LOGIN,    LOGIN, 403,      403,      403,       200),
    "add user":                   (LOGIN,    LOGIN, 403,      403,      403,       200),
    "groups":                     (LOGIN,    LOGIN, 403,      403,      403,       200),
    "login attempts":             (LOGIN,    LOGIN, 403,      403,      403,       200),
    "provider accounts":          (LOGIN,    LOGIN, 403,      403,      403,       200),
    "providers":                  (LOGIN,    LOGIN, 403,      200,      200,       200),
    "add provider":               (LOGIN,    LOGIN, 403,      403,      200,       200),
    "own provider":               (LOGIN,    LOGIN, 403,      200,      200,       200),
    "offers":                     (LOGIN,    LOGIN, 403,      200,      200,       200),
    "add offer":                  (LOGIN,    LOGIN, 403,      200,      200,       200),
    "overlap reviews":            (LOGIN,    LOGIN, 403,      403,      200,       200),
    "add overlap review":         (LOGIN,    LOGIN, 403,      403,      200,       200),
    "measures":                   (LOGIN,    LOGIN, 403,      403,      200,       200),
    "add measure":                (LOGIN,    LOGIN, 403,      403,      200,       200),
    "workshops":                  (LOGIN,    LOGIN, 403,      403,      200,       200),
    "add workshop":               (LOGIN,    LOGIN, 403,      403,      200,       200),
    "indicators":                 (LOGIN,    LOGIN, 403,      403,      200,       200),
    "quarters":                   (LOGIN,    LOGIN, 403,      200,      200,       200),  # read only: the offer form picks from them
    "add quarter":                (LOGIN,    LOGIN, 403,      403,      403,       200),
    "add programme":              (LOGIN,    LOGIN, 403,      403,      403,       200),
    "concept editions":           (LOGIN,    LOGIN, 403,      403,      200,       200),
    "add concept edition":        (LOGIN,    LOGIN, 403,      403,      200,       200),
    "cooperations":               (LOGIN,    LOGIN, 403,      403,      200,       200),
    "add cooperation":            (LOGIN,    LOGIN, 403,      403,      200,       200),
}
# fmt: on

CASES = [
    pytest.param(view, role, expected, id=f"{view}-{role}")
    for view, row in MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
]


def test_the_matrix_covers_every_view_and_role():
    assert set(MATRIX) == set(VIEWS)
    assert all(len(row) == len(ROLES) for row in MATRIX.values())


def test_every_staff_page_outside_the_admin_is_in_the_matrix():
    """A new staff page gets a row here: its URL names must be among those the matrix tries."""
    from django.urls import get_resolver

    tried = {"overlaps:matrix", "overlaps:duplicates", "overlaps:cell", "overlaps:mark", "concept:draft",
             "concept:draft-pdf", "concept:publish", "network:network-detail", "network:actors-csv",
             "network:edges-csv"}
    public = {"concept:edition-list", "concept:current", "concept:edition-download"}
    resolver = get_resolver()
    found = {
        f"{namespace}:{name}"
        for namespace in ("overlaps", "concept", "network")
        for name in resolver.namespace_dict[namespace][1].reverse_dict
        if isinstance(name, str)
    }
    assert found - public == tried


@pytest.mark.parametrize(("view", "role", "expected"), CASES)
def test_permission_matrix(client, request, world, view, role, expected):
    method, url_of, data = VIEWS[view]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    url = url_of(world)

    response = getattr(client, method)(url, data or {})

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login") + "?next=")
    else:
        assert response.status_code == expected
        if expected == 302:  # a write that went through, not a way to the login
            assert not response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", ["anonymous", "plain_user", "staff_without_permissions", "provider_user"])
def test_refused_writes_leave_nothing_behind(client, request, world, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    for view in ("overlap mark", "concept publish"):
        _method, url_of, data = VIEWS[view]
        client.post(url_of(world), data)

    assert not OverlapReview.objects.exists()
    assert not ConceptEdition.objects.exists()


@pytest.mark.parametrize("role", ["editor", "administrator"])
def test_allowed_writes_are_made_in_the_users_name(client, request, world, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    for view in ("overlap mark", "concept publish"):
        _method, url_of, data = VIEWS[view]
        client.post(url_of(world), data)
    run_worker()  # publishing is a background job

    assert OverlapReview.objects.get().decided_by == user
    edition = ConceptEdition.objects.get()
    assert (edition.published_by, edition.presented_on) == (user, dt.date(2026, 3, 12))
