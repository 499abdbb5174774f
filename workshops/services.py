"""Registrations for workshops: register, cancel, move up from the waiting list, delete old ones.

Each write locks the workshop's row, so two people cannot take the last place at once, and
sends its e-mails only after the transaction committed. A registration form carries a
one-time key: the same form sent twice (a double click) finds the first registration.
"""

import logging

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from . import emails
from .models import Registration, Workshop

logger = logging.getLogger(__name__)


class RegistrationError(Exception):
    """A registration that cannot be made (German message for the resident)."""


def registration_is_open(workshop, *, now=None):
    return workshop.registration_enabled and workshop.published and workshop.starts_at > (now or timezone.now())


def places_taken(workshop):
    """People with a confirmed place (1 query)."""
    return workshop.registrations.confirmed().aggregate(total=Sum("people"))["total"] or 0


def registration_create(*, workshop, submission_key, base_url, name="", email="", people=1, now=None):
    """Registers for ``workshop``: a place, or the waiting list once the places are taken.

    ``base_url`` ("https://host/") makes the links in the e-mail absolute.
    Returns ``(registration, created)``; ``created`` is False when this form was already sent.
    Raises :class:`RegistrationError` when registration is closed or the workshop is full.
    """
    now = now or timezone.now()
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        existing = Registration.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            if existing.workshop_id != workshop.pk:
                raise RegistrationError(_("Das Formular gehört zu einer anderen Veranstaltung. Bitte neu laden."))
            return existing, False
        if not registration_is_open(workshop, now=now):
            raise RegistrationError(_("Für diese Veranstaltung ist keine Anmeldung (mehr) möglich."))
        if workshop.registration_form == Workshop.RegistrationForm.NAMES:
            people = 1
        status = Registration.Status.CONFIRMED
        if workshop.capacity is not None and places_taken(workshop) + people > workshop.capacity:
            if not workshop.has_waiting_list:
                raise RegistrationError(
                    _("Leider sind nicht mehr genug Plätze frei. Bitte wenden Sie sich an die Ansprechperson.")
                )
            status = Registration.Status.WAITING
        registration = Registration(
            workshop=workshop,
            submission_key=submission_key,
            name=name.strip(),
            email=email.strip(),
            people=people,
            status=status,
            created_at=now,
        )
        registration.full_clean()
        registration.save()
        purged = registrations_purge(now=now)  # cleanup on write, besides the daily command
        transaction.on_commit(lambda: emails.send_registration_received(registration, base_url=base_url))
    logger.info(
        "Anmeldung %s zu %s (%s), %s alte gelöscht", registration.pk, workshop.slug, registration.status, purged
    )
    return registration, True


def registration_cancel(*, registration, base_url):
    """Removes ``registration``; if it held places, the waiting list moves up (by e-mail)."""
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=registration.workshop_id)
        registration.delete()
        promoted = waiting_list_promote(workshop=workshop, base_url=base_url)
    logger.info("Anmeldung zu %s entfernt, %s nachgerückt", workshop.slug, len(promoted))
    return promoted


def waiting_list_promote(*, workshop, base_url):
    """Gives free places to the waiting list in order of registration; stops at the first who
    does not fit, so nobody is overtaken. Call inside a transaction that locked ``workshop``."""
    if workshop.capacity is None:
        waiting = list(workshop.registrations.waiting())
    else:
        free = workshop.capacity - places_taken(workshop)
        waiting = []
        for registration in workshop.registrations.waiting():
            if registration.people > free:
                break
            waiting.append(registration)
            free -= registration.people
    now = timezone.now()
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        transaction.on_commit(
            lambda registration=registration: emails.send_registration_promoted(registration, base_url=base_url)
        )
    return waiting


def workshop_places_changed(*, workshop, base_url):
    """After staff changed the capacity: the waiting list moves up into new places."""
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        return waiting_list_promote(workshop=workshop, base_url=base_url)


def registrations_purge(*, now=None):
    """Deletes the registrations of workshops that ended more than the kept number of days ago."""
    deleted, _per_model = Registration.objects.expired(now).delete()
    return deleted
