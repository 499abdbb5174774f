"""Background jobs on Django's Tasks API (django-tasks with django-tasks-db's database queue).

An app defines a job as a module-level function that takes the :class:`Job` and decorates
it with :func:`job_task`; a view starts it with :func:`job_enqueue` and sends the user to
the job's status page. The worker (``manage.py jobs_worker``) runs it::

    @job_task
    def concept_draft(job):
        job.set_progress(0, 3, _("Daten sammeln"))
        ...
        job_store_result(job, pdf_bytes, "Entwurf.pdf")

A job either succeeds (``job_succeed``; a job may call it itself inside its own
transaction, so that its writes and its success commit together), or fails with a German
message (raise :class:`JobError`), or fails unexpectedly (the German message says so, the
traceback goes to the log and the queue's table).
"""

import functools
import logging
import resource
import sys
import time
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.common import logs

from .models import Job

logger = logging.getLogger(__name__)


class JobError(Exception):
    """A job failed for a reason the user can understand: the German message is shown."""


def job_task(func):
    """Make ``func(job)`` a task of the queue that runs under its job's bookkeeping."""
    from django_tasks import task

    @functools.wraps(func)
    def run(job_id):
        return _run_job(func, job_id)

    return task()(run)


def _run_job(func, job_id):
    claimed = Job.objects.filter(pk=job_id).exclude(status__in=Job.FINISHED).update(
        status=Job.Status.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now(),
        attempts=F("attempts") + 1, progress_text="",
    )
    if not claimed:
        logger.info("Auftrag %s ist schon beendet oder unbekannt: nichts zu tun", job_id)
        return None
    job = Job.objects.get(pk=job_id)
    token = logs.job_id.set(str(job.pk))
    started = time.monotonic()
    logger.info("Auftrag %s (%s) beginnt, Versuch %s", job.pk, job.kind, job.attempts)
    try:
        func(job)
    except JobError as error:
        job_fail(job, str(error), started=started)
        logger.info("Auftrag %s fehlgeschlagen: %s", job.pk, error)
    except Exception:
        logger.exception("Auftrag %s mit unerwartetem Fehler abgebrochen", job.pk)
        job_fail(job, _("Unerwarteter Fehler. Bitte später erneut versuchen; bleibt der Fehler, "
                        "die Administration informieren (Auftrag %(id)s).") % {"id": job.pk}, started=started)
        raise
    else:
        job.refresh_from_db()
        if not job.is_finished:
            job_succeed(job, started=started)
        else:
            _record_metrics(job, started)
        logger.info("Auftrag %s fertig nach %.1f s", job.pk, job.duration_seconds or 0)
    finally:
        logs.job_id.reset(token)
    return str(job.pk)


def _peak_memory_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024)


def _record_metrics(job, started):
    if started is None:
        return
    duration = round(time.monotonic() - started, 2)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = _peak_memory_mb()
    Job.objects.filter(pk=job.pk).update(duration_seconds=duration, peak_memory_mb=peak)
    job.duration_seconds = duration
    logger.info("Auftrag %s: %.1f s, CPU des Hintergrunddiensts bisher %.1f s, Speicherspitze %s MB",
                job.pk, duration, usage.ru_utime + usage.ru_stime, peak)


def job_enqueue(*, task, kind, title, user=None, params=None, key=None, input_data=None, input_name="",
                return_url=""):
    """Create the job and put its task in the queue; with ``key``, a second call gives the first job.

    The job row and the queue row commit together: the worker never sees a task without its job.
    """
    if key:
        existing = Job.objects.filter(key=key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            job = Job(kind=kind, title=title, user=user, params=params or {}, key=key or None,
                      return_url=return_url)
            if input_data is not None:
                job.input.save(input_name or "eingabe", ContentFile(input_data), save=False)
            job.save()
            result = task.enqueue(str(job.pk))
            job.task_id = result.id
            job.save(update_fields=["task_id"])
    except IntegrityError:
        if key and (existing := Job.objects.filter(key=key).first()):
            return existing  # a concurrent double click: the other request won
        raise
    logger.info("Auftrag %s (%s) eingereiht von %s", job.pk, kind, user)
    return job


def job_set_progress(job, done, total, text=""):
    """How far the job is; also the job's sign of life."""
    done = min(done, total) if total else done
    job.progress_done, job.progress_total, job.progress_text = done, total, str(text)[:200]
    Job.objects.filter(pk=job.pk).update(
        progress_done=job.progress_done, progress_total=total, progress_text=job.progress_text,
        heartbeat_at=timezone.now(),
    )


def job_store_result(job, content: bytes, filename: str):
    """Keep the job's result file on the default storage (for the download from any instance)."""
    job.result.save(filename, ContentFile(content), save=False)
    job.result_name = filename
    Job.objects.filter(pk=job.pk).update(result=job.result.name, result_name=filename)


def job_succeed(job, *, message="", result_url="", started=None):
    """Mark the job done. Inside the job's own transaction, its writes and this commit together."""
    job.status = Job.Status.SUCCEEDED
    job.finished_at = timezone.now()
    job.message = message or job.message
    job.result_url = result_url or job.result_url
    if job.progress_total:
        job.progress_done = job.progress_total
    job.save(update_fields=["status", "finished_at", "message", "result_url", "progress_done"])
    _record_metrics(job, started)


def job_fail(job, message, *, started=None):
    job.status = Job.Status.FAILED
    job.finished_at = timezone.now()
    job.message = message
    Job.objects.filter(pk=job.pk).update(status=job.status, finished_at=job.finished_at, message=message)
    _record_metrics(job, started)


def heartbeat(job_ids):
    """The worker's sign of life for the jobs it runs right now."""
    if job_ids:
        Job.objects.filter(pk__in=job_ids, status=Job.Status.RUNNING).update(heartbeat_at=timezone.now())


def recover_stale_jobs(*, now=None):
    """Jobs whose worker died (no sign of life for ``JOBS_STALE_SECONDS``): retry or fail.

    A job that has used up ``JOBS_MAX_ATTEMPTS`` fails with a German message; otherwise its
    task goes back into the queue and the next worker runs it again. Each job is taken by one
    caller only (the update is conditional), so several workers may call this at once.
    Returns the number of jobs recovered.
    """
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.JOBS_STALE_SECONDS)
    stale = Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=cutoff)
    recovered = 0
    for job in stale.only("pk", "attempts", "task_id"):
        with transaction.atomic():
            if job.attempts < settings.JOBS_MAX_ATTEMPTS:
                taken = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, heartbeat_at__lt=cutoff).update(
                    status=Job.Status.QUEUED, progress_text=_("Wird erneut versucht: der Hintergrunddienst "
                                                              "wurde während der Arbeit beendet."),
                )
                if taken:
                    DBTaskResult.objects.filter(pk=job.task_id).update(status="READY", started_at=None)
                    logger.warning("Auftrag %s: Hintergrunddienst verschwunden, erneut eingereiht", job.pk)
            else:
                taken = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, heartbeat_at__lt=cutoff).update(
                    status=Job.Status.FAILED, finished_at=now,
                    message=_("Der Hintergrunddienst wurde während der Arbeit beendet, auch beim erneuten "
                              "Versuch. Es wurde nichts gespeichert. Bitte den Auftrag neu starten; bleibt "
                              "der Fehler, die Administration informieren."),
                )
                if taken:
                    DBTaskResult.objects.filter(pk=job.task_id).update(
                        status="FAILED", finished_at=now, exception_class_path="builtins.SystemExit",
                        traceback="worker lost (no heartbeat)",
                    )
                    logger.error("Auftrag %s: Hintergrunddienst verschwunden, aufgegeben", job.pk)
            recovered += taken
    return recovered


def oldest_waiting_seconds(*, now=None):
    """Age of the oldest task that is ready to run and waits for a worker (None: the queue is empty)."""
    from django_tasks_db.models import DBTaskResult

    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    if oldest is None:
        return None
    return max(0, round(((now or timezone.now()) - oldest).total_seconds()))
