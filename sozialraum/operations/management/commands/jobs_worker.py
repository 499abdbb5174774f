"""``manage.py jobs_worker``: the worker that runs the background jobs.

django-tasks-db's worker (``db_worker``) with two additions: a thread that gives a sign of
life for the running job every ``JOBS_HEARTBEAT_SECONDS`` and recovers the jobs of workers
that died (``recover_stale_jobs``), and the job id in every log line of the job. All options
of ``db_worker`` apply (``--batch``, ``--max-tasks``, ``--interval``, ``--queue-name``, …)
except ``--reload``. ``--batch`` runs the waiting jobs and ends, without the heartbeat thread
(for tests and cron).
"""

import logging
import threading

from django.conf import settings
from django.core.management.base import CommandError
from django.db import close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from sozialraum.operations.jobs import heartbeat, recover_stale_jobs

logger = logging.getLogger("sozialraum.operations.worker")


class Worker(db_worker.Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.current_jobs = set()
        self._stop = threading.Event()

    def _keep_alive(self):
        while not self._stop.wait(settings.JOBS_HEARTBEAT_SECONDS):
            try:
                close_old_connections()
                heartbeat(list(self.current_jobs))
                recover_stale_jobs()
            except Exception:  # the database may be away for a moment: try again next beat
                logger.exception("Lebenszeichen des Hintergrunddiensts fehlgeschlagen")
        connection.close()

    def run(self):
        recover_stale_jobs()
        if self.batch:  # runs what waits and ends: no sign of life needed (tests, cron)
            return super().run()
        beat = threading.Thread(target=self._keep_alive, name="jobs-heartbeat", daemon=True)
        beat.start()
        try:
            super().run()
        finally:
            self._stop.set()

    def run_task(self, db_task_result):
        args = (db_task_result.args_kwargs or {}).get("args") or [None]
        job_id = args[0]
        if job_id:
            self.current_jobs.add(job_id)
        try:
            super().run_task(db_task_result)
        finally:
            self.current_jobs.discard(job_id)


class Command(db_worker.Command):
    help = (
        "Führt die Hintergrundaufträge aus (Konzept-Entwurf und -Veröffentlichung, Import, Exporte). "
        "Läuft, bis es beendet wird; --batch: alle wartenden Aufträge, dann Ende."
    )

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, max_tasks,
               worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues geht nur zusammen mit --queue-name=*")
        worker = Worker(
            queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id, excluded_queue_names=excluded,
        )
        if not batch:
            worker.configure_signals()
        worker.run()
