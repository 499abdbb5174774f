"""The queue's own table (django-tasks-db's ``DBTaskResult``) stays out of the admin: it holds
task arguments and tracebacks; staff follow their jobs on the status pages, operators read the log."""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
