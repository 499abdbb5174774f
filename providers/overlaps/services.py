"""Writes of the overlap review: staff mark an overlap or a parallel offer as deliberate,
or open it again. Reviews are only ever added (the history keeps every decision)."""

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
        service_type=cell.service_type,
        provider_ids=cell.provider_ids,
        decision=decision,
        reason=reason.strip(),
        decided_by=user,
    )
    review.full_clean()
    review.save()
    logger.info(
        "Overlap %s × %s (field %s, service type %s) marked %s by %s",
        cell.quarter.slug,
        cell.target_group.slug,
        cell.field_of_action.slug if cell.field_of_action else "-",
        cell.service_type.slug if cell.service_type else "-",
        decision,
        user,
    )
    return review


def _nothing_to_decide(*, quarter, target_group, service_type, reopening):
    names = {"quarter": quarter.name, "target_group": target_group.name}
    if service_type is not None:
        names["service_type"] = service_type.name
        if reopening:
            message = _(
                "In %(quarter)s gibt es für %(target_group)s kein Parallelangebot „%(service_type)s“, "
                "das man wieder öffnen könnte."
            )
        else:
            message = _(
                "In %(quarter)s gibt es für %(target_group)s kein Parallelangebot „%(service_type)s“, "
                "das man markieren könnte."
            )
    elif reopening:
        message = _("In %(quarter)s gibt es für %(target_group)s keine Überschneidung, die man wieder öffnen könnte.")
    else:
        message = _("In %(quarter)s gibt es für %(target_group)s keine Überschneidung, die man markieren könnte.")
    return OverlapReviewError(message % names)


def _current_cell(*, quarter, target_group, field_of_action, service_type, reopening):
    """The cell as it is now: a parallel offer (with ``service_type``) or a cell of the broad
    view. Raises when there is nothing to decide on."""
    if service_type is not None:
        if field_of_action is not None:
            raise OverlapReviewError(_("Ein Parallelangebot gilt für alle Handlungsfelder; bitte keines angeben."))
        cell = selectors.parallel_offer(quarter=quarter, target_group=target_group, service_type=service_type)
        if cell is None:
            raise _nothing_to_decide(
                quarter=quarter, target_group=target_group, service_type=service_type, reopening=reopening
            )
        return cell
    cell = selectors.overlap_cell(quarter=quarter, target_group=target_group, field_of_action=field_of_action)
    if not cell.is_overlap:
        raise _nothing_to_decide(quarter=quarter, target_group=target_group, service_type=None, reopening=reopening)
    return cell


@transaction.atomic
def overlap_mark_deliberate(
    *, quarter, target_group, field_of_action=None, service_type=None, reason: str, user
) -> OverlapReview:
    """Mark a current overlap as deliberate (complementary offers), for its current providers.

    With ``service_type`` the parallel offer of that type in the cell; without, the cell of
    the broad view (narrowed to ``field_of_action`` if given).
    """
    cell = _current_cell(
        quarter=quarter,
        target_group=target_group,
        field_of_action=field_of_action,
        service_type=service_type,
        reopening=False,
    )
    if cell.review is not None:
        raise OverlapReviewError(
            _("Dieses Parallelangebot ist bereits als gewollt markiert.")
            if service_type is not None
            else _("Diese Überschneidung ist bereits als gewollt markiert.")
        )
    return _create_review(cell=cell, decision=OverlapReview.Decision.DELIBERATE, reason=reason, user=user)


@transaction.atomic
def overlap_reopen(
    *, quarter, target_group, field_of_action=None, service_type=None, reason: str, user
) -> OverlapReview:
    """Withdraw a deliberate mark: the overlap (or parallel offer) counts as open again."""
    cell = _current_cell(
        quarter=quarter,
        target_group=target_group,
        field_of_action=field_of_action,
        service_type=service_type,
        reopening=True,
    )
    if cell.review is None:
        raise OverlapReviewError(
            _("Dieses Parallelangebot ist nicht als gewollt markiert; es ist schon offen.")
            if service_type is not None
            else _("Diese Überschneidung ist nicht als gewollt markiert; sie ist schon offen.")
        )
    return _create_review(cell=cell, decision=OverlapReview.Decision.OPEN, reason=reason, user=user)
