"""Background jobs as staff see them.

The queue itself is django-tasks-db's table (``django_tasks_db.DBTaskResult``): what runs
when and in which worker. A :class:`Job` is the staff side of one such task: who started
it, what it is called in German, how far it is, its German message and its result (a file
on the default storage or a link). It also carries the worker's heartbeat, so a job whose
worker was killed is found and retried or failed (``jobs.recover_stale_jobs``) instead of
staying "läuft" forever.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def job_result_path(job, filename):
    return f"auftraege/{job.pk}/{filename}"


class JobQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])

    def for_user(self, user):
        return self.filter(user=user)


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        SUCCEEDED = "succeeded", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    FINISHED = (Status.SUCCEEDED, Status.FAILED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("Art"), max_length=100, help_text=_("Pfad der Aufgabe, z. B. „concept.publish“"))
    title = models.CharField(_("Bezeichnung"), max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gestartet von"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    key = models.CharField(
        _("Schlüssel gegen Doppelstarts"), max_length=200, unique=True, null=True, blank=True,
        help_text=_("Derselbe Schlüssel ergibt denselben Auftrag (z. B. ein doppelt abgeschicktes Formular)."),
    )
    params = models.JSONField(_("Angaben"), default=dict, blank=True)
    input = models.FileField(_("Eingabedatei"), upload_to=job_result_path, blank=True)
    task_id = models.UUIDField(_("Aufgabe in der Warteschlange"), null=True, blank=True, editable=False)
    status = models.CharField(_("Stand"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    progress_done = models.PositiveIntegerField(_("erledigt"), default=0)
    progress_total = models.PositiveIntegerField(_("insgesamt"), default=0)
    progress_text = models.CharField(_("gerade"), max_length=200, blank=True)
    message = models.TextField(_("Meldung"), blank=True)
    result = models.FileField(_("Ergebnis"), upload_to=job_result_path, blank=True)
    result_name = models.CharField(_("Dateiname des Ergebnisses"), max_length=200, blank=True)
    result_url = models.CharField(_("Adresse des Ergebnisses"), max_length=500, blank=True)
    return_url = models.CharField(
        _("danach zurück zu"), max_length=500, blank=True,
        help_text=_("Nach dem Erfolg führt die Statusseite einmal hierhin, mit der Meldung."),
    )
    returned = models.BooleanField(_("zurückgeführt"), default=False)
    created_at = models.DateTimeField(_("gestartet am"), auto_now_add=True)
    started_at = models.DateTimeField(_("begonnen am"), null=True, blank=True)
    finished_at = models.DateTimeField(_("beendet am"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("letztes Lebenszeichen"), null=True, blank=True)
    duration_seconds = models.FloatField(_("Dauer (Sekunden)"), null=True, blank=True)
    peak_memory_mb = models.PositiveIntegerField(_("Speicherspitze des Hintergrunddiensts (MB)"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("Hintergrundauftrag")
        verbose_name_plural = _("Hintergrundaufträge")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"]), models.Index(fields=["status", "heartbeat_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total")) | models.Q(progress_total=0),
                name="job_progress_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("operations:job-detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self):
        return self.status in self.FINISHED

    @property
    def percent(self):
        if not self.progress_total:
            return None
        return round(100 * self.progress_done / self.progress_total)
