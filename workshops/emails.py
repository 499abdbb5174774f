"""E-mails to people who registered for a workshop, through Django's mail settings.

Sent after the registration was stored; a mail server that fails is logged and does not
undo the registration (the confirmation page shows the same facts).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def _send(registration, *, base_url, subject, template):
    if not registration.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "workshop": registration.workshop,
            "site_url": base_url.rstrip("/"),
            "PORTAL_NAME": settings.PORTAL_NAME,
            "retention_days": settings.WORKSHOP_REGISTRATION_RETENTION_DAYS,
        }
        body = render_to_string(template, context)
    try:
        send_mail(subject, body, None, [registration.email])
    except OSError:  # SMTP errors are OSErrors (smtplib.SMTPException, ConnectionRefusedError)
        logger.exception("E-Mail zur Anmeldung %s konnte nicht gesendet werden", registration.pk)
        return False
    return True


def send_registration_received(registration, *, base_url):
    if registration.status == registration.Status.WAITING:
        subject = f"Warteliste: {registration.workshop.title}"
    else:
        subject = f"Anmeldung bestätigt: {registration.workshop.title}"
    return _send(registration, base_url=base_url, subject=subject, template="workshops/email/registration_received.txt")


def send_registration_promoted(registration, *, base_url):
    return _send(
        registration,
        base_url=base_url,
        subject=f"Sie sind nachgerückt: {registration.workshop.title}",
        template="workshops/email/registration_promoted.txt",
    )
