"""Writes on providers and offers."""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from .models import Provider

logger = logging.getLogger(__name__)


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
