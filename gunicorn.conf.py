"""gunicorn configuration of the Sozialraum-Portal: ``gunicorn -c gunicorn.conf.py sozialraum.wsgi``.

Every long task (concept PDF, publishing, import, export) runs in the worker
(``manage.py jobs_worker``), so no request needs more than a few seconds: the 30 s timeout
stays as it is and ends a stuck request instead of letting it hold a worker.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# The application is imported once, in the master process, and each worker is a fork of
# it: a worker that starts afresh is ready at once instead of importing Django again.
preload_app = True
# A worker process starts afresh after this many requests (bounds slow memory growth). Cached
# pages are served at thousands of requests per second, so not too often.
max_requests = 10000
max_requests_jitter = 1000
# The reverse proxy on the same machine may set X-Forwarded-Proto (for HTTPS detection).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
errorlog = "-"
