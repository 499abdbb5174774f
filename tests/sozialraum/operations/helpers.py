from django.core.management import call_command


def run_worker():
    """Run every waiting job through the real queue (django-tasks-db's table) and the real worker."""
    call_command("jobs_worker", batch=True, startup_delay=False, verbosity=0)
