"""``/health/`` for load balancers and monitoring: database, cache, storage, job queue.

Answers 200 when all four work, 503 otherwise, with a small JSON body that names each check
and its state ("ok" or "fehler") and the age of the oldest waiting job; nothing else (no host
names, versions, paths or error texts; those go to the log).
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .jobs import oldest_waiting_seconds

logger = logging.getLogger(__name__)

OK, FAILED = "ok", "fehler"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    value = cache.get(key)
    cache.delete(key)
    # A dummy cache (no cache configured) stores nothing and is healthy as it is.
    if value != "1" and "DummyCache" not in type(cache).__name__:
        raise RuntimeError("cache did not keep a value")


def _storage():
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as stored:
            if stored.read() != b"ok":
                raise RuntimeError("storage returned other bytes")
    finally:
        default_storage.delete(name)


@never_cache
@require_GET
def health(request):
    checks = {}
    for name, check in (("database", _database), ("cache", _cache), ("storage", _storage)):
        try:
            check()
        except Exception:
            logger.exception("Gesundheitsprüfung %s fehlgeschlagen", name)
            checks[name] = FAILED
        else:
            checks[name] = OK
    waiting = None
    if checks["database"] == OK:
        try:
            waiting = oldest_waiting_seconds()
        except Exception:
            logger.exception("Gesundheitsprüfung der Warteschlange fehlgeschlagen")
            checks["queue"] = FAILED
        else:
            stalled = waiting is not None and waiting > settings.HEALTH_QUEUE_MAX_WAIT_SECONDS
            checks["queue"] = FAILED if stalled else OK
    else:
        checks["queue"] = FAILED
    healthy = all(state == OK for state in checks.values())
    body = {"status": OK if healthy else FAILED, "checks": checks, "queue_oldest_waiting_seconds": waiting}
    return JsonResponse(body, status=200 if healthy else 503)
