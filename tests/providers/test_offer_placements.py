"""The offer placements that the quarter profile reads: the database keeps them in step
with every kind of write to offers, their quarters and their target groups (the suite runs
on SQLite and on PostgreSQL, whose triggers differ)."""

import datetime

import pytest
from django.db import connection

from providers import placements
from providers.models import Offer, OfferPlacement
from providers.selectors import quarter_offer_groups
from sozialraum.models import Quarter, TargetGroup
from tests import factories

pytestmark = pytest.mark.django_db


def rows():
    """The placements as a set of (offer title, quarter slug, target group slug or None,
    title, active, paused_until)."""
    offers = dict(Offer.objects.values_list("pk", "title"))
    quarters = dict(Quarter.objects.values_list("pk", "slug"))
    groups = dict(TargetGroup.objects.values_list("pk", "slug"))
    return {
        (offers.get(p.offer_id), quarters.get(p.quarter_id), groups.get(p.target_group_id), p.title, p.active, p.paused_until)
        for p in OfferPlacement.objects.all()
    }


def expected():
    """The placements computed from the offers themselves."""
    result = set()
    for offer in Offer.objects.prefetch_related("quarters", "target_groups"):
        groups = [group.slug for group in offer.target_groups.all()] or [None]
        for quarter in offer.quarters.all():
            for group in groups:
                result.add((offer.title, quarter.slug, group, offer.title, offer.active, offer.paused_until))
    return result


@pytest.fixture
def world():
    north = factories.QuarterFactory(slug="nord")
    south = factories.QuarterFactory(slug="sued")
    seniors = factories.TargetGroupFactory(slug="senioren")
    families = factories.TargetGroupFactory(slug="familien")
    offer = factories.OfferFactory(title="Treff", quarters=[north], target_groups=[seniors])
    factories.OfferFactory(title="Fest", quarters=[north, south])
    return offer, north, south, seniors, families


def test_new_offers_are_placed_by_quarter_and_target_group(world):
    assert rows() == {
        ("Treff", "nord", "senioren", "Treff", True, None),
        ("Fest", "nord", None, "Fest", True, None),
        ("Fest", "sued", None, "Fest", True, None),
    }


def test_quarters_added_and_removed(world):
    offer, north, south, *_ = world
    offer.quarters.add(south)
    assert ("Treff", "sued", "senioren", "Treff", True, None) in rows()
    offer.quarters.remove(north)
    assert not {row for row in rows() if row[0] == "Treff" and row[1] == "nord"}
    assert rows() == expected()


def test_target_groups_added_removed_and_cleared(world):
    offer, north, _south, seniors, families = world
    offer.target_groups.add(families)
    assert {row[2] for row in rows() if row[0] == "Treff"} == {"senioren", "familien"}
    offer.target_groups.remove(seniors)
    assert {row[2] for row in rows() if row[0] == "Treff"} == {"familien"}
    offer.target_groups.clear()  # now an offer for everyone
    assert {row[2] for row in rows() if row[0] == "Treff"} == {None}
    offer.target_groups.set([seniors])
    assert rows() == expected()


def test_title_status_and_pause_are_copied_on_save_and_on_bulk_update(world):
    offer = world[0]
    offer.title = "Seniorentreff"
    offer.paused_until = datetime.date(2030, 1, 1)
    offer.save()
    assert rows() == expected()
    assert ("Seniorentreff", "nord", "senioren", "Seniorentreff", True, datetime.date(2030, 1, 1)) in rows()
    Offer.objects.filter(title="Fest").update(active=False)
    assert rows() == expected()
    assert {row[4] for row in rows() if row[0] == "Fest"} == {False}


def test_deleting_an_offer_a_quarter_or_a_target_group(world):
    offer, _north, south, seniors, _families = world
    seniors.delete()  # the offer is now for everyone
    assert {row[2] for row in rows() if row[0] == "Treff"} == {None}
    south.delete()
    offer.delete()
    assert rows() == expected() == {("Fest", "nord", None, "Fest", True, None)}


def test_quarter_profile_reads_the_placements_after_a_change(world):
    offer, north, _south, seniors, _families = world
    offer.target_groups.clear()
    offer.title = "Aaa-Treff"
    offer.save()
    [(group, count, shown)] = quarter_offer_groups(north)
    assert (group, count, [o.title for o in shown]) == (None, 2, ["Aaa-Treff", "Fest"])
    Offer.objects.filter(pk=offer.pk).update(paused_until=datetime.date(2999, 1, 1))
    [(group, count, shown)] = quarter_offer_groups(north)
    assert (count, [o.title for o in shown]) == (1, ["Fest"])


def test_a_quarter_without_offers_has_no_groups(world):
    assert quarter_offer_groups(factories.QuarterFactory(slug="leer")) == []


if connection.vendor == "sqlite":  # only SQLite drops triggers when it rebuilds a table

    def test_triggers_dropped_by_a_table_rebuild_come_back_with_the_placements(world):
        offer, _north, south, *_ = world
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER providers_placement_quarter_insert")
        offer.quarters.add(south)  # not placed: the trigger is gone
        assert rows() != expected()

        placements.ensure_sqlite_triggers(connection)

        assert rows() == expected()
        offer.quarters.remove(south)
        assert rows() == expected()
