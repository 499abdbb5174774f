"""Writes on the provider catalogue: the staff's review of overlaps, provider self-service."""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .models import OverlapReview, Provider

logger = logging.getLogger(__name__)


class OverlapReviewError(Exception):
    """A review that does not fit the cell's current state (message in German)."""


def _create_review(*, cell, decision, reason, user):
    review = OverlapReview(
        quarter=cell.quarter,
        target_group=cell.target_group,
        field_of_action=cell.field_of_action,
        provider_ids=cell.provider_ids,
        decision=decision,
        reason=reason.strip(),
        decided_by=user,
    )
    review.full_clean()
    review.save()
    logger.info(
        "Overlap %s × %s (field %s) marked %s by %s",
        cell.quarter.slug,
        cell.target_group.slug,
        cell.field_of_action.slug if cell.field_of_action else "-",
        decision,
        user,
    )
    return review


@transaction.atomic
def overlap_mark_deliberate(*, quarter, target_group, field_of_action=None, reason: str, user) -> OverlapReview:
    """Mark a current overlap as deliberate (complementary offers), for its current providers."""
    cell = selectors.overlap_cell(quarter=quarter, target_group=target_group, field_of_action=field_of_action)
    if not cell.is_overlap:
        raise OverlapReviewError(
            _("In %(quarter)s gibt es für %(target_group)s keine Überschneidung, die man markieren könnte.")
            % {"quarter": quarter.name, "target_group": target_group.name}
        )
    if cell.review is not None:
        raise OverlapReviewError(_("Diese Überschneidung ist bereits als gewollt markiert."))
    return _create_review(cell=cell, decision=OverlapReview.Decision.DELIBERATE, reason=reason, user=user)


@transaction.atomic
def overlap_reopen(*, quarter, target_group, field_of_action=None, reason: str, user) -> OverlapReview:
    """Withdraw a deliberate mark: the overlap counts as open again."""
    cell = selectors.overlap_cell(quarter=quarter, target_group=target_group, field_of_action=field_of_action)
    if not cell.is_overlap:
        raise OverlapReviewError(
            _("In %(quarter)s gibt es für %(target_group)s keine Überschneidung, die man wieder öffnen könnte.")
            % {"quarter": quarter.name, "target_group": target_group.name}
        )
    if cell.review is None:
        raise OverlapReviewError(_("Diese Überschneidung ist nicht als gewollt markiert; sie ist schon offen."))
    return _create_review(cell=cell, decision=OverlapReview.Decision.OPEN, reason=reason, user=user)


# --- Provider self-service and its review by the Redaktion -------------------------------


def provider_record_self_service_change(*, provider: Provider, user) -> Provider:
    """Marks ``provider`` as changed by the provider itself ("Prüfung offen").

    Called after a provider account saved its entry or one of its offers. The flag shows the
    Redaktion which entries to look at; it stays until :func:`provider_confirm_review`.
    Bumps the version so that an editor who opened the entry before cannot overwrite the flag.
    """
    with transaction.atomic():
        locked = Provider.objects.select_for_update().get(pk=provider.pk)
        if not locked.needs_review:
            locked.needs_review = True
            locked.version += 1
            locked._history_user = user
            locked.save(update_fields=["needs_review", "version", "updated_at"])
            logger.info("Provider %s changed by its provider account %s", locked.pk, user.pk)
    provider.needs_review, provider.version = locked.needs_review, locked.version
    return provider


def provider_confirm_review(*, provider: Provider, user, today: dt.date | None = None) -> Provider:
    """The Redaktion confirms the entry: "zuletzt geprüft am" becomes today, the flag goes."""
    with transaction.atomic():
        locked = Provider.objects.select_for_update().get(pk=provider.pk)
        locked.needs_review = False
        locked.last_verified = today or timezone.localdate()
        locked.version += 1
        locked._history_user = user
        locked.save(update_fields=["needs_review", "last_verified", "version", "updated_at"])
        logger.info("Provider %s confirmed by %s", locked.pk, user.pk)
    provider.needs_review, provider.last_verified, provider.version = (
        locked.needs_review,
        locked.last_verified,
        locked.version,
    )
    return provider


# --- Quarters from locations ----------------------------------------------------------


@transaction.atomic
def offers_add_quarters_from_location(*, offers) -> int:
    """Adds to each offer the quarter whose boundary holds its place: the offer's own
    location, or else its provider's. Quarters already set stay. Returns how many offers
    gained a quarter. Boundaries are read once; no query per boundary test."""
    from sozialraum.geo import quarters_containing
    from sozialraum.models import Quarter

    quarters = [quarter for quarter in Quarter.objects.exclude(boundary=None) if quarter.boundary]
    changed = 0
    for offer in offers.select_related("provider").prefetch_related("quarters"):
        found = quarters_containing(offer.location or offer.provider.location, quarters)
        missing = [quarter for quarter in found if quarter not in offer.quarters.all()]
        if missing:
            offer.quarters.add(*missing)
            changed += 1
    return changed
