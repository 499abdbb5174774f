"""Request ids and job ids in log lines (for ``DJANGO_LOG_FORMAT=json`` and the text format alike).

``RequestIdMiddleware`` takes the ``X-Request-ID`` of the reverse proxy when it looks like an id
(letters, digits, ``-``, ``_``, ``.``; at most 64), or makes a new one, keeps it for the log
lines of the request and answers with it. ``ContextFilter`` adds ``request_id`` and ``job_id``
(set by the job runner through :data:`job_id`) to every record.
"""

import contextvars
import logging
import re
import uuid

request_id = contextvars.ContextVar("request_id", default=None)
job_id = contextvars.ContextVar("job_id", default=None)

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class ContextFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get() or "-"
        record.job_id = job_id.get() or "-"
        return True


class RequestIdMiddleware:
    header = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(self.header, "")
        rid = given if _VALID_ID.match(given) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response[self.header] = rid
        return response
