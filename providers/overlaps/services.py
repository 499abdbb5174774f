"""Writes of the overlap review: staff mark an overlap as deliberate, or open it again."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from providers.models import OverlapReview

from . import selectors

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
