"""Writes of the barrier feedback: store a report, keep the rate limit, delete expired reports."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sozialraum.common.spam import rate_limit_hit

from . import defaults
from .models import AccessibilityStatement, BarrierReport, InfoPage


class TooManyReports(Exception):
    """The client address sent more reports in the last hour than the rate limit allows."""


def barrier_report_rate_check(*, client_address):
    """Counts a report from ``client_address``; raises :class:`TooManyReports` past the limit."""
    if rate_limit_hit("barrier-report", client_address=client_address, limit=settings.BARRIER_REPORT_RATE_LIMIT):
        raise TooManyReports


def barrier_reports_delete_expired(*, now=None):
    """Deletes the reports older than the retention period; returns how many."""
    deleted, _per_model = BarrierReport.objects.expired(now=now).delete()
    return deleted


def barrier_report_create(*, message, page="", email="", now=None):
    """Stores a report (after ``full_clean``) and deletes expired ones in the same transaction."""
    report = BarrierReport(message=message.strip(), page=page.strip(), email=email.strip())
    report.full_clean()
    with transaction.atomic():
        barrier_reports_delete_expired(now=now or timezone.now())
        report.save()
    return report


def _rewrite_default(record, fields):
    """Puts default ``fields`` into a never-edited ``record``; True when it changed."""
    if not _untouched(record) or all(getattr(record, name) == value for name, value in fields.items()):
        return False
    for name, value in fields.items():
        setattr(record, name, value)
    record._change_reason = defaults.DEFAULT_REASON
    record.full_clean()
    record.save()
    return True


def _untouched(record):
    """True while every history entry of ``record`` is a default text (staff never edited it)."""
    return not record.history.exclude(history_change_reason=defaults.DEFAULT_REASON).exists()


@transaction.atomic
def public_pages_adopt_programme(*, programme, today=None):
    """Fills the default pages that staff never edited with the programme's city and contact.

    The migration writes the defaults before a programme may exist (a fresh install, the
    demo); this brings them up to date once it does. Edited pages stay as they are.
    Returns the number of pages rewritten.
    """
    if programme is None:
        return 0
    c = defaults.context(
        city=programme.city,
        contact=programme.contact,
        portal_name=settings.PORTAL_NAME,
        state=settings.PORTAL_STATE,
        retention_days=settings.BARRIER_REPORT_RETENTION_DAYS,
        registration_retention_days=getattr(settings, "WORKSHOP_REGISTRATION_RETENTION_DAYS", 14),
        tiles_url=settings.MAP_TILES_URL,
        tiles_own_server=settings.MAP_TILES_OWN_SERVER,
        today=today or timezone.localdate(),
    )
    texts = defaults.info_pages(c)
    rewritten = sum(_rewrite_default(page, texts[page.kind]) for page in InfoPage.objects.filter(kind__in=texts))
    statement = AccessibilityStatement.objects.order_by("pk").first()
    if statement is not None:
        rewritten += _rewrite_default(statement, defaults.accessibility_statement(c))
    return rewritten
