"""The staff pages: matrix, cell, marking; access control and query counts."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from providers.models import OverlapReview
from providers.overlaps import services
from tests import factories

pytestmark = pytest.mark.django_db


def offer(provider, quarters, target_groups, **kwargs):
    return factories.OfferFactory(provider=provider, quarters=quarters, target_groups=target_groups, **kwargs)


@pytest.fixture
def overlap(quarter, target_group, caritas, diakonie):
    offer(caritas, [quarter], [target_group], title="Seniorentreff")
    offer(diakonie, [quarter], [target_group], title="Mittagstisch")


@pytest.fixture
def matrix_url():
    return reverse("overlaps:matrix")


@pytest.fixture
def cell_url(quarter, target_group):
    return reverse("overlaps:cell", kwargs={"quarter": quarter.slug, "target_group": target_group.slug})


@pytest.fixture
def mark_url(quarter, target_group):
    return reverse("overlaps:mark", kwargs={"quarter": quarter.slug, "target_group": target_group.slug})


def staff_with(*codenames):
    user = factories.StaffUserFactory()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="providers", codename__in=codenames))
    return user


# --- access -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["matrix_url", "cell_url"])
def test_pages_send_anonymous_to_login(client, name, request):
    url = request.getfixturevalue(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_mark_sends_anonymous_to_login(client, mark_url, overlap):
    response = client.post(mark_url, {"decision": "deliberate", "reason": "x"})

    assert response.status_code == 302
    assert not OverlapReview.objects.exists()


@pytest.mark.parametrize("name", ["matrix_url", "cell_url"])
def test_pages_refuse_users_without_staff_status(client, plain_user, name, request):
    client.force_login(plain_user)

    assert client.get(request.getfixturevalue(name)).status_code == 403


@pytest.mark.parametrize("name", ["matrix_url", "cell_url"])
def test_pages_refuse_staff_without_view_permission(client, name, request):
    client.force_login(staff_with())

    assert client.get(request.getfixturevalue(name)).status_code == 403


def test_staff_with_view_permission_sees_the_matrix_but_cannot_mark(client, matrix_url, cell_url, mark_url, overlap):
    client.force_login(staff_with("view_overlapreview"))

    assert client.get(matrix_url).status_code == 200
    cell_page = client.get(cell_url, {"regel": "alle"})  # the overlap here is one of the broad rule
    assert cell_page.status_code == 200
    assert "Als gewollt markieren" not in cell_page.content.decode()
    assert client.post(mark_url, {"decision": "deliberate", "reason": "x"}).status_code == 403
    assert not OverlapReview.objects.exists()


def test_staff_with_add_permission_can_mark(client, cell_url, mark_url, overlap):
    client.force_login(staff_with("view_overlapreview", "add_overlapreview"))

    assert "Als gewollt markieren" in client.get(f"{cell_url}?regel=alle").content.decode()
    response = client.post(mark_url, {"decision": "deliberate", "reason": "ergänzend"})

    assert response.status_code == 302
    assert OverlapReview.objects.get().decision == "deliberate"


def test_mark_rejects_get(editor_client, mark_url, overlap):
    assert editor_client.get(mark_url).status_code == 405


def test_admin_index_links_to_the_matrix(editor_client, client, matrix_url):
    assert matrix_url in editor_client.get(reverse("admin:index")).content.decode()
    client.force_login(staff_with())
    assert matrix_url not in client.get(reverse("admin:index")).content.decode()


# --- the matrix ---------------------------------------------------------------------


def test_matrix_labels_cells_in_text(editor_client, matrix_url, overlap, quarter, other_target_group, caritas):
    offer(caritas, [factories.QuarterFactory(name="Hennen")], [other_target_group])

    response = editor_client.get(matrix_url, {"regel": "alle"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "admin/css/base.css" in content  # the admin's look
    assert '<th scope="col">Senioren</th>' in content
    assert '<th scope="row">Hennen</th>' in content
    assert '⚠ mehrere</span><span class="visually-hidden">Überschneidung</span>' in content
    assert "○ Lücke" in content
    assert "1 offene Überschneidung," in content
    matrix = response.context["matrix"]
    assert matrix.gap_count == 2


def test_matrix_shows_deliberate_cells(editor_client, matrix_url, overlap, quarter, target_group, editor):
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)

    content = editor_client.get(matrix_url, {"regel": "alle"}).content.decode()

    assert "✓ gewollt" in content
    assert "0 offene Überschneidungen" in content


def test_matrix_filters_by_field_of_action(editor_client, matrix_url, quarter, target_group, caritas, diakonie):
    health = factories.FieldOfActionFactory(name="Gesundheit", slug="gesundheit")
    factories.FieldOfActionFactory(name="Bildung", slug="bildung")
    offer(caritas, [quarter], [target_group], field_of_action=health)
    offer(diakonie, [quarter], [target_group], field_of_action=health)

    health_page = editor_client.get(matrix_url, {"field_of_action": "gesundheit"})
    education_page = editor_client.get(matrix_url, {"field_of_action": "bildung"})

    assert health_page.context["matrix"].overlap_count == 1
    assert "?field_of_action=gesundheit" in health_page.content.decode()
    assert education_page.context["matrix"].overlap_count == 0
    assert "– kein Angebot" in education_page.content.decode()


def test_matrix_refuses_an_unknown_field(editor_client, matrix_url):
    response = editor_client.get(matrix_url, {"field_of_action": "gibt-es-nicht"})

    assert response.status_code == 400
    assert "Dieses Handlungsfeld gibt es nicht." in response.content.decode()


def test_matrix_ranks_gaps_with_demand(editor_client, matrix_url, quarter, target_group):
    indicator = factories.IndicatorFactory(name="Anteil 65+", target_group=target_group)
    factories.IndicatorValueFactory(indicator=indicator, quarter=quarter, year=2025)

    response = editor_client.get(matrix_url)

    assert [(g.quarter, g.target_group) for g in response.context["ranked_gaps"]] == [(quarter, target_group)]
    assert "Anteil 65+" in response.content.decode()


def build_catalogue(size):
    quarters = factories.QuarterFactory.create_batch(size)
    groups = factories.TargetGroupFactory.create_batch(size)
    factories.FieldOfActionFactory.create_batch(size)
    for index in range(size * 3):
        offer(factories.ProviderFactory(), quarters[index % size :][:2], groups[: 1 + index % size])
    indicator = factories.IndicatorFactory(target_group=groups[-1])
    for q in quarters:
        factories.IndicatorValueFactory(indicator=indicator, quarter=q)
    return quarters, groups


@pytest.mark.parametrize("size", [2, 8])
def test_matrix_runs_a_fixed_number_of_queries(size, editor_client, matrix_url, django_assert_num_queries):
    build_catalogue(size)

    # The broad rule ("alle Überschneidungen"): session, user, the user's permissions, its
    # groups' permissions; matrix: quarters, target groups, cells, reviews; gaps: quarters,
    # target groups, occupied pairs, indicator values; service type gaps: offered triples,
    # indicator values (no offer has a type, so nothing is missing); the user's groups (role
    # check of the admin menu); fields of action for the filter
    with django_assert_num_queries(16):
        response = editor_client.get(matrix_url, {"regel": "alle"})
    assert len(response.context["matrix"].rows) == size


@pytest.mark.parametrize("size", [2, 8])
def test_cell_runs_a_fixed_number_of_queries(size, editor_client, django_assert_num_queries, editor):
    quarters, groups = build_catalogue(size)
    services.overlap_mark_deliberate(quarter=quarters[1], target_group=groups[0], reason="ergänzend", user=editor)
    url = reverse("overlaps:cell", kwargs={"quarter": quarters[1].slug, "target_group": groups[0].slug})

    # The broad cell page: session, user, the user's permissions, its groups' permissions,
    # quarter, target group, offers, reviews, the user's groups (role check of the admin menu)
    with django_assert_num_queries(9):
        response = editor_client.get(url, {"regel": "alle"})
    assert len(response.context["cell"].offers) >= 2


# --- the cell -----------------------------------------------------------------------


def test_cell_lists_providers_offers_and_history(editor_client, cell_url, overlap, quarter, target_group):
    colleague = factories.StaffUserFactory(username="sachbearbeiterin")
    services.overlap_mark_deliberate(
        quarter=quarter, target_group=target_group, reason="Zeiten ergänzen sich", user=colleague
    )

    content = editor_client.get(cell_url, {"regel": "alle"}).content.decode()

    assert "Caritas" in content and "Diakonie" in content
    assert "Seniorentreff" in content and "Mittagstisch" in content
    assert "✓ gewollte Überschneidung" in content
    assert "Zeiten ergänzen sich" in content
    assert "sachbearbeiterin" in content  # who decided
    assert "Überschneidung wieder öffnen" in content


def test_cell_shows_a_lapsed_mark_as_open(editor_client, cell_url, overlap, quarter, target_group, awo, editor):
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)
    offer(awo, [quarter], [target_group])

    content = editor_client.get(cell_url, {"regel": "alle"}).content.decode()

    assert "⚠ offene Überschneidung" in content
    assert "hinfällig" in content
    assert "Als gewollt markieren" in content


def test_cell_of_a_gap(editor_client, cell_url):
    content = editor_client.get(cell_url).content.decode()

    assert "Lücke: kein aktives Angebot" in content
    assert "Als gewollt markieren" not in content


def test_cell_404_for_unknown_quarter(editor_client, target_group):
    url = reverse("overlaps:cell", kwargs={"quarter": "nirgendwo", "target_group": target_group.slug})

    assert editor_client.get(url).status_code == 404


def test_cell_refuses_an_unknown_field(editor_client, cell_url):
    response = editor_client.get(cell_url, {"field_of_action": "gibt-es-nicht"})

    assert response.status_code == 400
    assert "Dieses Handlungsfeld gibt es nicht." in response.content.decode()


# --- marking ------------------------------------------------------------------------


def test_mark_deliberate_and_reopen(editor_client, cell_url, mark_url, overlap, editor):
    response = editor_client.post(mark_url, {"decision": "deliberate", "reason": "ergänzend"}, follow=True)

    assert response.redirect_chain == [(f"{cell_url}?regel=alle", 302)]
    assert "Die Überschneidung ist als gewollt markiert." in response.content.decode()
    review = OverlapReview.objects.get()
    assert (review.decided_by, review.reason, review.field_of_action) == (editor, "ergänzend", None)

    editor_client.post(mark_url, {"decision": "open", "reason": "doch doppelt"})

    assert list(OverlapReview.objects.values_list("decision", flat=True)) == ["open", "deliberate"]


def test_mark_a_field_cell(editor_client, mark_url, quarter, target_group, caritas, diakonie):
    health = factories.FieldOfActionFactory(slug="gesundheit")
    offer(caritas, [quarter], [target_group], field_of_action=health)
    offer(diakonie, [quarter], [target_group], field_of_action=health)

    response = editor_client.post(
        mark_url, {"decision": "deliberate", "reason": "ergänzend", "field_of_action": "gesundheit"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("?field_of_action=gesundheit")
    assert OverlapReview.objects.get().field_of_action == health


def test_mark_requires_a_reason(editor_client, mark_url, overlap):
    response = editor_client.post(mark_url, {"decision": "deliberate", "reason": ""})

    assert response.status_code == 400
    assert "Bitte eine Begründung angeben." in response.content.decode()
    assert not OverlapReview.objects.exists()


def test_mark_refuses_a_cell_without_overlap(editor_client, mark_url, quarter, target_group, caritas):
    offer(caritas, [quarter], [target_group])

    response = editor_client.post(mark_url, {"decision": "deliberate", "reason": "ergänzend"})

    assert response.status_code == 409
    assert "keine Überschneidung" in response.content.decode()
    assert not OverlapReview.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "vielleicht", "reason": "x"},
        {"decision": "deliberate", "reason": "x", "field_of_action": "gibt-es-nicht"},
    ],
)
def test_mark_refuses_bad_input(editor_client, mark_url, overlap, data):
    response = editor_client.post(mark_url, data)

    assert response.status_code == 400
    assert not OverlapReview.objects.exists()


def test_mark_404_for_unknown_target_group(editor_client, quarter):
    url = reverse("overlaps:mark", kwargs={"quarter": quarter.slug, "target_group": "niemand"})

    assert editor_client.post(url, {"decision": "deliberate", "reason": "x"}).status_code == 404
