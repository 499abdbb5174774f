"""Parallel offers: the same service type for the same target group in the same quarter at
two or more providers. The rule, the times they meet, deliberate marks with their history,
the staff pages, the admin notice, the command and the fixed query counts."""

import datetime as dt
import io
import json

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.management import call_command
from django.urls import reverse

from providers.models import OverlapReview
from providers.overlaps import selectors, services
from providers.overlaps.concurrency import concurrent_slots, describe_concurrency
from providers.overlaps.views import message_parallel_offers
from providers.schedules.parsing import Slot
from tests import factories
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

TUESDAY, WEDNESDAY = 1, 2


@pytest.fixture
def debt_counselling(db):
    return factories.ServiceTypeFactory(slug="schuldnerberatung", name="Schuldnerberatung")


@pytest.fixture
def sport(db):
    return factories.ServiceTypeFactory(slug="sportangebot", name="Sportangebot")


@pytest.fixture
def repair_cafe(db):
    return factories.ServiceTypeFactory(slug="repair-cafe", name="Repair-Café")


def offer(provider, quarters, target_groups, service_type=None, **kwargs):
    return factories.OfferFactory(
        provider=provider, quarters=quarters, target_groups=target_groups, service_type=service_type, **kwargs
    )


def slot(offer, weekday, opens, closes, ordinal=None):
    return factories.OpeningSlotFactory(
        offer=offer, weekday=weekday, opens=dt.time(*opens), closes=dt.time(*closes), ordinal=ordinal
    )


def keys(result):
    return [(p.quarter.slug, p.target_group.slug, p.service_type.slug) for p in result]


@pytest.fixture
def parallel(quarter, target_group, caritas, diakonie, debt_counselling):
    """Caritas and Diakonie both offer debt counselling for seniors in the quarter."""
    offer(caritas, [quarter], [target_group], debt_counselling, title="Schuldnerberatung", slug="schuldnerberatung")
    offer(diakonie, [quarter], [target_group], debt_counselling, title="Schulden-Sprechstunde", slug="sprechstunde")


# --- the rule ------------------------------------------------------------------------


def test_the_same_service_type_at_two_providers_is_parallel(parallel, quarter, target_group, caritas, diakonie):
    [item] = selectors.parallel_offers()

    assert (item.quarter, item.target_group, item.service_type.slug) == (quarter, target_group, "schuldnerberatung")
    assert item.providers == [caritas, diakonie]
    assert [o.title for o in item.offers] == ["Schuldnerberatung", "Schulden-Sprechstunde"]
    assert item.offer_count == 2
    assert (item.status, item.review) == ("open", None)


def test_different_service_types_are_not_parallel(
    quarter, target_group, caritas, diakonie, awo, debt_counselling, sport
):
    offer(caritas, [quarter], [target_group], debt_counselling)
    offer(diakonie, [quarter], [target_group], sport)
    offer(awo, [quarter], [target_group])  # no type

    assert selectors.parallel_offers() == []
    # The broad view still sees three providers in the cell.
    assert [p.slug for p in selectors.overlaps()[0].providers] == ["awo", "caritas", "diakonie"]


@pytest.mark.parametrize(
    "inactive",
    [
        {"active": False},  # ended
        {"paused_until": dt.date.today() + dt.timedelta(days=30)},  # paused
        {"active": False, "paused_until": dt.date.today() + dt.timedelta(days=30)},
    ],
    ids=["ended", "paused", "ended-and-paused"],
)
def test_ended_or_paused_offers_do_not_count(quarter, target_group, caritas, diakonie, debt_counselling, inactive):
    offer(caritas, [quarter], [target_group], debt_counselling)
    offer(diakonie, [quarter], [target_group], debt_counselling, **inactive)

    assert selectors.parallel_offers() == []
    assert selectors.overlap_matrix().parallel_count == 0
    assert selectors.overlaps() == []  # the broad view, too, counts only active offers


def test_a_pause_that_is_over_counts_again(quarter, target_group, caritas, diakonie, debt_counselling):
    offer(caritas, [quarter], [target_group], debt_counselling)
    offer(diakonie, [quarter], [target_group], debt_counselling, paused_until=dt.date.today() - dt.timedelta(days=1))

    assert len(selectors.parallel_offers()) == 1


def test_the_same_provider_twice_is_not_parallel(quarter, target_group, caritas, debt_counselling):
    offer(caritas, [quarter], [target_group], debt_counselling)
    offer(caritas, [quarter], [target_group], debt_counselling)

    assert selectors.parallel_offers() == []
    assert selectors.overlap_matrix().parallel_count == 0


def test_offers_without_service_type_are_never_parallel(quarter, target_group, caritas, diakonie):
    offer(caritas, [quarter], [target_group])
    offer(diakonie, [quarter], [target_group])

    assert selectors.parallel_offers() == []
    assert selectors.overlap_matrix().parallel_count == 0
    assert len(selectors.overlaps()) == 1


def test_other_quarter_or_group_is_not_parallel(
    quarter, other_quarter, target_group, other_target_group, caritas, diakonie, debt_counselling
):
    offer(caritas, [quarter], [target_group], debt_counselling)
    offer(diakonie, [other_quarter], [target_group], debt_counselling)
    offer(diakonie, [quarter], [other_target_group], debt_counselling)

    assert selectors.parallel_offers() == []


def test_an_offer_for_several_cells_counts_in_each(
    quarter, other_quarter, target_group, other_target_group, caritas, diakonie, awo, debt_counselling
):
    offer(caritas, [quarter, other_quarter], [target_group, other_target_group], debt_counselling)
    offer(diakonie, [quarter], [target_group], debt_counselling)
    offer(awo, [other_quarter], [other_target_group], debt_counselling)

    result = selectors.parallel_offers()

    assert keys(result) == [
        (quarter.slug, target_group.slug, "schuldnerberatung"),
        (other_quarter.slug, other_target_group.slug, "schuldnerberatung"),
    ]
    assert [[p.slug for p in item.providers] for item in result] == [["caritas", "diakonie"], ["awo", "caritas"]]
    assert keys(selectors.parallel_offers(quarter=other_quarter)) == keys(result)[1:]
    assert keys(selectors.parallel_offers(target_group=target_group)) == keys(result)[:1]


def test_the_matrix_lists_the_parallel_service_types_per_cell(
    quarter, other_quarter, target_group, caritas, diakonie, debt_counselling, sport, repair_cafe
):
    # The "Familien" example: debt counselling twice, sport and a repair café once each.
    offer(caritas, [quarter], [target_group], debt_counselling)
    offer(diakonie, [quarter], [target_group], debt_counselling)
    offer(diakonie, [quarter], [target_group], sport)
    offer(factories.ProviderFactory(), [quarter], [target_group], repair_cafe)
    offer(caritas, [other_quarter], [target_group], sport)
    offer(diakonie, [other_quarter], [target_group], repair_cafe)

    matrix = selectors.overlap_matrix()
    broad = selectors.overlap_matrix(rule=selectors.RULE_ALL)

    cells = {(c.quarter.slug, c.target_group.slug): c for row in matrix.rows for c in row.cells}
    flagged = cells[(quarter.slug, target_group.slug)]
    assert (flagged.state, flagged.provider_count) == ("overlap", 3)
    assert [(t.service_type.slug, t.provider_count, t.offer_count) for t in flagged.parallel] == [
        ("schuldnerberatung", 2, 2)
    ]
    assert cells[(other_quarter.slug, target_group.slug)].state == "single"  # complementary
    assert (matrix.rule, matrix.overlap_count, matrix.parallel_count) == ("parallel", 1, 1)
    assert (broad.rule, broad.overlap_count) == ("alle", 2)  # the broad rule flags both cells


# --- the times they meet -----------------------------------------------------------------


def test_concurrent_slots_find_the_common_window():
    windows = concurrent_slots(
        {
            "caritas": [Slot(TUESDAY, dt.time(14), dt.time(17)), Slot(WEDNESDAY, dt.time(9), dt.time(12))],
            "diakonie": [Slot(TUESDAY, dt.time(10), dt.time(16)), Slot(WEDNESDAY, dt.time(12), dt.time(14))],
        }
    )

    assert windows == [Slot(TUESDAY, dt.time(14), dt.time(16))]  # Wednesday only touches at 12:00
    assert describe_concurrency(windows) == "Di 14:00–16:00 Uhr"


def test_concurrent_slots_need_two_providers():
    same_provider = {"caritas": [Slot(TUESDAY, dt.time(9), dt.time(12)), Slot(TUESDAY, dt.time(10), dt.time(11))]}

    assert concurrent_slots(same_provider) == []
    assert describe_concurrency([]) == ""


def test_concurrent_windows_of_several_providers_are_joined():
    windows = concurrent_slots(
        {
            "a": [Slot(TUESDAY, dt.time(9), dt.time(11))],
            "b": [Slot(TUESDAY, dt.time(10), dt.time(13))],
            "c": [Slot(TUESDAY, dt.time(11), dt.time(12))],
        }
    )

    assert windows == [Slot(TUESDAY, dt.time(10), dt.time(12))]


def test_a_monthly_slot_meets_on_its_weekday():
    windows = concurrent_slots(
        {"a": [Slot(WEDNESDAY, dt.time(15), dt.time(17), ordinal=1)], "b": [Slot(WEDNESDAY, dt.time(16), dt.time(18))]}
    )

    assert windows == [Slot(WEDNESDAY, dt.time(16), dt.time(17))]


def test_parallel_offers_say_when_they_meet(quarter, target_group, caritas, diakonie, awo, debt_counselling, sport):
    first = offer(caritas, [quarter], [target_group], debt_counselling)
    second = offer(diakonie, [quarter], [target_group], debt_counselling)
    slot(first, TUESDAY, (14,), (17,))
    slot(second, TUESDAY, (10,), (16,))
    third = offer(caritas, [quarter], [target_group], sport)
    fourth = offer(awo, [quarter], [target_group], sport)
    slot(third, TUESDAY, (9,), (12,))
    slot(fourth, WEDNESDAY, (9,), (12,))

    by_type = {item.service_type.slug: item for item in selectors.parallel_offers()}

    assert (by_type["schuldnerberatung"].concurrent, by_type["schuldnerberatung"].concurrent_times) == (
        True,
        "Di 14:00–16:00 Uhr",
    )
    assert (by_type["sportangebot"].concurrent, by_type["sportangebot"].concurrent_times) == (False, "")


# --- deliberate marks and their history -----------------------------------------------------


def test_mark_a_parallel_offer_deliberate(parallel, quarter, target_group, caritas, diakonie, debt_counselling, editor):
    review = services.overlap_mark_deliberate(
        quarter=quarter,
        target_group=target_group,
        service_type=debt_counselling,
        reason=" Zielgruppen ergänzen sich ",
        user=editor,
    )

    assert (review.service_type, review.field_of_action, review.decision) == (debt_counselling, None, "deliberate")
    assert review.reason == "Zielgruppen ergänzen sich"
    assert review.provider_ids == ",".join(str(pk) for pk in sorted([caritas.pk, diakonie.pk]))
    [item] = selectors.parallel_offers()
    assert (item.status, item.review) == ("deliberate", review)
    assert selectors.overlap_matrix().rows[0].cells[0].state == "deliberate"
    # The mark is on the parallel offer, not on the broad cell.
    assert selectors.overlaps()[0].status == "open"


def test_a_broad_mark_does_not_cover_the_parallel_offer(parallel, quarter, target_group, debt_counselling, editor):
    services.overlap_mark_deliberate(quarter=quarter, target_group=target_group, reason="ergänzend", user=editor)

    assert selectors.overlaps()[0].status == "deliberate"
    assert selectors.parallel_offers()[0].status == "open"


def test_the_mark_lapses_when_a_provider_of_the_same_type_joins(
    parallel, quarter, target_group, awo, debt_counselling, sport, editor
):
    services.overlap_mark_deliberate(
        quarter=quarter, target_group=target_group, service_type=debt_counselling, reason="ergänzend", user=editor
    )
    offer(awo, [quarter], [target_group], sport)  # another type: the mark holds

    assert selectors.parallel_offers()[0].status == "deliberate"

    offer(awo, [quarter], [target_group], debt_counselling)

    [item] = selectors.parallel_offers()
    assert (item.status, item.review) == ("open", None)
    assert [
        r.reason
        for r in selectors.parallel_offer(
            quarter=quarter, target_group=target_group, service_type=debt_counselling
        ).history
    ] == ["ergänzend"]


def test_reopen_keeps_the_history(parallel, quarter, target_group, debt_counselling, editor):
    mark = {"quarter": quarter, "target_group": target_group, "service_type": debt_counselling, "user": editor}
    services.overlap_mark_deliberate(**mark, reason="ergänzend")
    services.overlap_reopen(**mark, reason="doch doppelt")

    item = selectors.parallel_offer(quarter=quarter, target_group=target_group, service_type=debt_counselling)

    assert item.status == "open"
    assert [(r.decision, r.reason) for r in item.history] == [("open", "doch doppelt"), ("deliberate", "ergänzend")]
    assert OverlapReview.objects.filter(service_type=debt_counselling).count() == 2


def test_marking_refuses_what_is_not_parallel(
    quarter, target_group, caritas, diakonie, debt_counselling, sport, editor
):
    offer(caritas, [quarter], [target_group], debt_counselling)
    offer(diakonie, [quarter], [target_group], sport)

    with pytest.raises(services.OverlapReviewError, match="kein Parallelangebot „Schuldnerberatung“"):
        services.overlap_mark_deliberate(
            quarter=quarter, target_group=target_group, service_type=debt_counselling, reason="x", user=editor
        )
    offer(factories.ProviderFactory(), [quarter], [target_group], sport)  # now sport is parallel, but open
    with pytest.raises(services.OverlapReviewError, match="nicht als gewollt"):
        services.overlap_reopen(quarter=quarter, target_group=target_group, service_type=sport, reason="x", user=editor)
    with pytest.raises(services.OverlapReviewError, match="alle Handlungsfelder"):
        services.overlap_mark_deliberate(
            quarter=quarter,
            target_group=target_group,
            service_type=sport,
            field_of_action=factories.FieldOfActionFactory(),
            reason="x",
            user=editor,
        )
    assert not OverlapReview.objects.exists()


def test_marking_twice_is_refused(parallel, quarter, target_group, debt_counselling, editor):
    mark = {"quarter": quarter, "target_group": target_group, "service_type": debt_counselling, "user": editor}
    services.overlap_mark_deliberate(**mark, reason="ergänzend")

    with pytest.raises(services.OverlapReviewError, match="bereits"):
        services.overlap_mark_deliberate(**mark, reason="noch einmal")


# --- the staff pages ----------------------------------------------------------------------


@pytest.fixture
def matrix_url():
    return reverse("overlaps:matrix")


@pytest.fixture
def cell_url(quarter, target_group):
    return reverse("overlaps:cell", kwargs={"quarter": quarter.slug, "target_group": target_group.slug})


@pytest.fixture
def mark_url(quarter, target_group):
    return reverse("overlaps:mark", kwargs={"quarter": quarter.slug, "target_group": target_group.slug})


@pytest.mark.parametrize("name", ["matrix_url", "cell_url"])
def test_pages_need_login_and_permission(client, plain_user, staff_without_permissions, name, request):
    url = request.getfixturevalue(name)

    assert client.get(url)["Location"].startswith(reverse("admin:login"))
    client.force_login(plain_user)
    assert client.get(url).status_code == 403
    client.force_login(staff_without_permissions)
    assert client.get(url).status_code == 403


def test_provider_accounts_cannot_mark(provider_client, mark_url, parallel):
    response = provider_client.post(
        mark_url, {"decision": "deliberate", "service_type": "schuldnerberatung", "reason": "x"}
    )

    assert response.status_code == 403
    assert not OverlapReview.objects.exists()


def test_the_matrix_shows_parallel_offers_by_default(
    editor_client,
    matrix_url,
    parallel,
    quarter,
    target_group,
    other_target_group,
    caritas,
    diakonie,
    sport,
    repair_cafe,
):
    offer(caritas, [quarter], [other_target_group], sport)
    offer(diakonie, [quarter], [other_target_group], repair_cafe)

    response = editor_client.get(matrix_url)

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["matrix"].rule == "parallel"
    assert '⚠ parallel</span><span class="visually-hidden">Parallelangebot</span>' in content  # short, full for readers
    assert "Schuldnerberatung (2)" in content
    assert "1 offenes Parallelangebot," in content
    assert f'href="{matrix_url}?regel=alle"' in content  # the switch to all overlaps


def test_the_matrix_switches_to_all_overlaps(
    editor_client, matrix_url, quarter, target_group, caritas, diakonie, sport, repair_cafe
):
    offer(caritas, [quarter], [target_group], sport)
    offer(diakonie, [quarter], [target_group], repair_cafe)

    parallel_page = editor_client.get(matrix_url)
    broad_page = editor_client.get(matrix_url, {"regel": "alle"})

    assert parallel_page.context["matrix"].overlap_count == 0
    assert broad_page.context["matrix"].overlap_count == 1
    assert '⚠ mehrere</span><span class="visually-hidden">Überschneidung</span>' in broad_page.content.decode()
    assert "?regel=alle" in broad_page.content.decode()  # its cells lead to the broad cell page


@pytest.mark.parametrize(
    "query", [{"regel": "irgendwas"}, {"regel": "parallel", "field_of_action": "gesundheit"}], ids=["rule", "field"]
)
def test_the_matrix_refuses_bad_rules(editor_client, matrix_url, query):
    factories.FieldOfActionFactory(slug="gesundheit")

    assert editor_client.get(matrix_url, query).status_code == 400


def test_the_cell_lists_parallel_offers_with_times_and_history(
    editor_client, cell_url, parallel, quarter, target_group, caritas, diakonie, awo, debt_counselling, sport
):
    for item in caritas.offers.all():
        slot(item, TUESDAY, (14,), (17,))
    for item in diakonie.offers.all():
        slot(item, TUESDAY, (10,), (16,))
    offer(awo, [quarter], [target_group], sport, title="Sport im Park")
    offer(awo, [quarter], [target_group], title="Ohne Leistungsart")
    colleague = factories.StaffUserFactory(username="sachbearbeiterin")
    services.overlap_mark_deliberate(
        quarter=quarter,
        target_group=target_group,
        service_type=debt_counselling,
        reason="Andere Zeiten",
        user=colleague,
    )

    response = editor_client.get(cell_url)

    content = response.content.decode()
    assert response.status_code == 200
    assert [item.service_type.slug for item in response.context["cell"].parallel] == ["schuldnerberatung"]
    assert 'id="leistungsart-schuldnerberatung"' in content
    assert "✓ gewolltes Parallelangebot" in content
    assert "zeitgleich: Di 14:00–16:00 Uhr" in content
    assert "Schulden-Sprechstunde" in content and "Sport im Park" in content
    assert "Andere Zeiten" in content and "sachbearbeiterin" in content
    assert "Parallelangebot wieder öffnen" in content
    assert "1 aktives Angebot hat keine Leistungsart" in content


def test_mark_and_reopen_a_parallel_offer_on_the_cell_page(
    editor_client, editor, cell_url, mark_url, parallel, debt_counselling
):
    data = {"decision": "deliberate", "service_type": "schuldnerberatung", "reason": "ergänzend"}

    response = editor_client.post(mark_url, data, follow=True)

    assert response.redirect_chain == [(f"{cell_url}#leistungsart-schuldnerberatung", 302)]
    assert "Das Parallelangebot „Schuldnerberatung“ ist als gewollt markiert." in response.content.decode()
    review = OverlapReview.objects.get()
    assert (review.service_type, review.decided_by, review.reason) == (debt_counselling, editor, "ergänzend")

    editor_client.post(mark_url, {**data, "decision": "open", "reason": "doch doppelt"})

    assert list(OverlapReview.objects.values_list("decision", flat=True)) == ["open", "deliberate"]


def test_marking_a_type_that_is_not_parallel_is_a_conflict(editor_client, mark_url, parallel, sport):
    response = editor_client.post(mark_url, {"decision": "deliberate", "service_type": "sportangebot", "reason": "x"})

    assert response.status_code == 409
    assert "kein Parallelangebot „Sportangebot“" in response.content.decode()
    assert not OverlapReview.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "deliberate", "service_type": "gibt-es-nicht", "reason": "x"},
        {"decision": "deliberate", "service_type": "schuldnerberatung", "reason": ""},
        {"decision": "deliberate", "service_type": "schuldnerberatung", "field_of_action": "gesundheit", "reason": "x"},
    ],
    ids=["unknown-type", "no-reason", "type-and-field"],
)
def test_marking_refuses_bad_input(editor_client, mark_url, parallel, data):
    factories.FieldOfActionFactory(slug="gesundheit")

    response = editor_client.post(mark_url, data)

    assert response.status_code == 400
    assert not OverlapReview.objects.exists()


def test_the_broad_cell_page_is_one_click_away(editor_client, cell_url, parallel):
    content = editor_client.get(cell_url, {"regel": "alle"}).content.decode()

    assert "⚠ offene Überschneidung" in content
    assert "Überschneidung wieder öffnen" not in content


# --- the admin notice ---------------------------------------------------------------------


def save_in_admin(client, obj):
    url = reverse(f"admin:providers_{obj._meta.model_name}_change", args=[obj.pk])
    response = client.post(url, admin_form_data(client.get(url)))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def overlap_messages(messages):
    return [(level, text) for level, text in messages if "Parallelangebot" in text or "Angebote für" in text]


def test_saving_an_offer_names_only_its_parallel_offers(
    editor_client, quarter, other_quarter, target_group, caritas, diakonie, awo, debt_counselling, sport, repair_cafe
):
    saved = offer(caritas, [quarter], [target_group], debt_counselling)
    offer(diakonie, [quarter], [target_group], debt_counselling)
    offer(awo, [quarter], [target_group], debt_counselling)
    offer(awo, [quarter], [target_group], sport)  # another type: not named
    offer(diakonie, [other_quarter], [target_group], repair_cafe)  # elsewhere: not named
    offer(caritas, [quarter], [target_group], sport)  # another offer of Caritas: parallel, but not saved now

    messages = overlap_messages(save_in_admin(editor_client, saved))

    assert len(messages) == 1
    level, text = messages[0]
    assert level == "warning"
    assert text.startswith(
        "Parallelangebot: Schuldnerberatung für Senioren in Südliche Innenstadt/Obere Mühle auch bei AWO und Diakonie."
    )
    assert "Sportangebot" not in text and "Repair-Café" not in text
    assert reverse("overlaps:matrix") in text


def test_no_notice_without_parallel_offers(
    editor_client, quarter, target_group, caritas, diakonie, debt_counselling, sport
):
    saved = offer(caritas, [quarter], [target_group], debt_counselling)
    offer(diakonie, [quarter], [target_group], sport)
    offer(diakonie, [quarter], [target_group], debt_counselling, active=False)

    assert overlap_messages(save_in_admin(editor_client, saved)) == []


def test_saving_a_provider_gives_one_notice_for_all_its_offers(
    editor_client,
    quarter,
    other_quarter,
    target_group,
    other_target_group,
    caritas,
    diakonie,
    awo,
    debt_counselling,
    sport,
):
    offer(caritas, [quarter, other_quarter], [target_group, other_target_group], debt_counselling)
    offer(caritas, [quarter], [target_group], sport)
    offer(diakonie, [quarter, other_quarter], [target_group], debt_counselling)
    offer(awo, [quarter], [target_group], sport)
    offer(awo, [other_quarter], [other_target_group])  # no type: never named

    messages = overlap_messages(save_in_admin(editor_client, caritas))

    assert len(messages) == 1
    text = messages[0][1]
    assert text.startswith("Parallelangebote: ")
    assert text.count(" auch bei ") == 3
    assert "Schuldnerberatung für Senioren in Südliche Innenstadt/Obere Mühle auch bei Diakonie" in text
    assert "Schuldnerberatung für Senioren in Obere Mühle auch bei Diakonie" in text
    assert "Sportangebot für Senioren in Südliche Innenstadt/Obere Mühle auch bei AWO" in text
    assert "Familien" not in text


def test_the_notice_says_which_parallel_offers_are_deliberate(
    editor_client, editor, parallel, quarter, target_group, caritas, debt_counselling
):
    services.overlap_mark_deliberate(
        quarter=quarter, target_group=target_group, service_type=debt_counselling, reason="ergänzend", user=editor
    )

    [(level, text)] = overlap_messages(save_in_admin(editor_client, caritas.offers.get()))

    assert level == "info"
    assert "auch bei Diakonie (als gewollt markiert)." in text


def test_many_parallel_offers_are_shortened(rf, quarter, caritas, debt_counselling):
    groups = factories.TargetGroupFactory.create_batch(7)
    saved = offer(caritas, [quarter], groups, debt_counselling)
    for index in range(5):
        offer(factories.ProviderFactory(name=f"Verein {index}"), [quarter], groups, debt_counselling)
    request = rf.post("/")
    request.user = factories.UserFactory()
    request.session = {}
    request._messages = FallbackStorage(request)

    message_parallel_offers(request, offers=[saved])

    [message] = list(request._messages)
    assert str(message).count("auch bei Verein 0, Verein 1, Verein 2 und 2 weitere") == 5
    assert str(message).endswith("; 2 weitere.")
    assert "<a " not in str(message)  # no link for someone who may not see the overlap pages


# --- the command --------------------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("overlaps", *args, stdout=out)
    return out.getvalue()


def test_json_lists_parallel_offers(parallel, quarter, target_group, caritas, diakonie, awo, sport, debt_counselling):
    for item in caritas.offers.all():
        slot(item, TUESDAY, (14,), (17,))
    for item in diakonie.offers.all():
        slot(item, TUESDAY, (10,), (16,))
    offer(awo, [quarter], [target_group], sport)

    data = json.loads(run("--format", "json"))

    assert set(data) == {"parallel", "overlaps", "gaps", "service_type_gaps"}
    assert data["parallel"] == [
        {
            "quarter": "suedliche-innenstadt",
            "target_group": "senioren",
            "service_type": "schuldnerberatung",
            "providers": ["caritas", "diakonie"],
            "offers": ["caritas/schuldnerberatung", "diakonie/sprechstunde"],
            "offer_count": 2,
            "status": "open",
            "concurrent": True,
            "concurrent_times": "Di 14:00–16:00 Uhr",
        }
    ]
    # The broad view keeps its key: three providers in the cell.
    assert [item["providers"] for item in data["overlaps"]] == [["awo", "caritas", "diakonie"]]


def test_json_shows_a_deliberate_parallel_offer(parallel, quarter, target_group, debt_counselling, editor):
    services.overlap_mark_deliberate(
        quarter=quarter, target_group=target_group, service_type=debt_counselling, reason="ergänzend", user=editor
    )

    assert json.loads(run("--format", "json"))["parallel"][0]["status"] == "deliberate"


def test_rule_alle_keeps_the_broad_output(parallel):
    assert set(json.loads(run("--format", "json", "--rule", "alle"))) == {"overlaps", "gaps"}
    assert "Überschneidungen (1)" in run("--rule", "alle")
    assert run("--format", "csv", "--by-field").startswith("kind,quarter,target_group,field_of_action,")


def test_text_and_csv_list_parallel_offers(parallel):
    text = run()
    rows = run("--format", "csv").splitlines()

    assert "Parallelangebote (1)" in text
    assert "Schuldnerberatung" in text and "Caritas, Diakonie" in text
    assert "1 Parallelangebote (1 offen, 0 gewollt)" in text.strip().splitlines()[-1]
    assert rows[0] == "kind,quarter,target_group,service_type,providers,offers,status,concurrent_times"
    assert rows[1] == "parallel,suedliche-innenstadt,senioren,schuldnerberatung,caritas diakonie,2,open,"


def test_by_field_needs_the_broad_rule(parallel):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--by-field") as excinfo:
        run("--rule", "parallel", "--by-field")
    assert excinfo.value.returncode == 2


# --- a fixed number of queries ------------------------------------------------------------------


def build_catalogue(size):
    """size quarters, target groups and service types; 3 × size providers with two typed
    offers each (with slots) spread over them; an indicator with demand in each quarter."""
    quarters = factories.QuarterFactory.create_batch(size)
    groups = factories.TargetGroupFactory.create_batch(size)
    types = factories.ServiceTypeFactory.create_batch(size)
    for index in range(size * 3):
        provider = factories.ProviderFactory()
        for n in range(2):
            item = offer(provider, quarters[index % size :][:2], groups[: 1 + index % size], types[(index + n) % size])
            slot(item, index % 5, (9 + n,), (12 + n,))
    indicator = factories.IndicatorFactory(target_group=groups[-1])
    for q in quarters:
        factories.IndicatorValueFactory(indicator=indicator, quarter=q)
    return quarters, groups, types


def mark_first_parallel(editor):
    first = selectors.parallel_offers()[0]
    services.overlap_mark_deliberate(
        quarter=first.quarter,
        target_group=first.target_group,
        service_type=first.service_type,
        reason="ergänzend",
        user=editor,
    )
    return first


@pytest.mark.parametrize("size", [3, 7])
def test_selectors_run_a_fixed_number_of_queries(size, django_assert_num_queries, editor):
    quarters, groups, types = build_catalogue(size)
    first = mark_first_parallel(editor)

    # placements (with the offers' names), providers, slots, quarters, target groups, service types, reviews
    with django_assert_num_queries(7):
        result = selectors.parallel_offers()
    assert len(result) >= size and result[0].status == "deliberate"
    # quarters, target groups, cells with the parallel cells, reviews, service types
    with django_assert_num_queries(5):
        matrix = selectors.overlap_matrix()
    assert matrix.parallel_count + matrix.parallel_deliberate_count == len(result)
    # offers with provider, type and field; slots; reviews
    with django_assert_num_queries(3):
        cell = selectors.parallel_cell(quarter=first.quarter, target_group=first.target_group)
    assert cell.parallel
    saved = [first.offers[0]]  # one provider's offer: the others are named
    # saved offers' cells, everyone's offers there, reviews, providers, quarters, target groups, service types
    with django_assert_num_queries(7):
        notices = selectors.parallel_offers_of(offers=saved)
    assert notices


@pytest.mark.parametrize("size", [3, 7])
def test_pages_run_a_fixed_number_of_queries(size, editor_client, editor, django_assert_num_queries):
    build_catalogue(size)
    first = mark_first_parallel(editor)
    cell_url = reverse("overlaps:cell", kwargs={"quarter": first.quarter.slug, "target_group": first.target_group.slug})

    # session, user, the user's permissions (2); matrix: quarters, target groups, cells with
    # the parallel cells, reviews, service types; gaps: quarters, target groups, occupied pairs, indicator
    # values; service type gaps: offered triples, indicator values, quarters, service types;
    # the user's groups (the admin's role check)
    with django_assert_num_queries(18):
        response = editor_client.get(reverse("overlaps:matrix"))
    assert len(response.context["matrix"].rows) == size
    # session, user, the user's permissions (2), quarter, target group; offers, slots, reviews;
    # the user's groups
    with django_assert_num_queries(10):
        response = editor_client.get(cell_url)
    assert response.context["cell"].parallel


@pytest.mark.parametrize("size", [3, 7])
def test_the_admin_notice_runs_a_fixed_number_of_queries(size, rf, editor, django_assert_num_queries):
    build_catalogue(size)
    saved = selectors.parallel_offers()[0].offers[0]
    request = rf.post("/")
    request.user = editor
    request.session = {}
    request._messages = FallbackStorage(request)

    # + the permission check for the link (the user's groups and permissions)
    with django_assert_num_queries(9):
        message_parallel_offers(request, offers=[saved])
    assert len(list(request._messages)) == 1
