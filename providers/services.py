"""Writes on the provider catalogue: provider self-service and its review, places of offers."""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from .models import Provider

logger = logging.getLogger(__name__)


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
    from sozialraum.common.geo import quarters_containing
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
