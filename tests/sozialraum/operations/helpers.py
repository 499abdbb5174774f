from unittest import mock

from django.core.management import call_command


def run_worker():
    """Run every waiting job through the real queue (django-tasks-db's table) and the real worker.

    In the test's transaction the worker must keep the connection: its check for stale
    connections would close it (on PostgreSQL), since the test runs inside a transaction.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("jobs_worker", batch=True, startup_delay=False, verbosity=0)
