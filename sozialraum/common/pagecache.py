"""A page cache for anonymous GET requests that is never stale.

Residents open the same pages thousands of times between two edits. ``PageCacheMiddleware``
keeps each rendered answer (pages, feeds, API, search results) in Django's cache, keyed by
scheme, host, path, query string and interface language, together with the *content
version* it was rendered at. Any write to the database bumps the content version
(``bump_content_version``), so the next anonymous request on every app instance renders
afresh; nothing has to know which page shows which record.

How writes are seen: every database connection gets an execute wrapper
(``install_write_watch``) that notices INSERT, UPDATE, DELETE and TRUNCATE statements on
tables other than bookkeeping ones (sessions, login attempts, second-factor devices; see
``PAGE_CACHE_IGNORED_TABLES``). That covers the admin, services, imports, ``update()`` and
``bulk_create``, history restores, raw SQL and management commands alike, and models that
are added later without them doing anything. The version is bumped when the statement runs
and again when the transaction commits (``transaction.on_commit``): a reader that cached
the old data between the first bump and the commit is outdated by the second.

Who is served from the cache: GET and HEAD requests without a session cookie (logged-in
users and anyone with a session always bypass it) and without other cookies than the CSRF
and language cookies. What is stored: 200 answers that set no cookie, do not say
``private``/``no-store``/``no-cache`` and carry no CSP nonce. A CSRF token in a stored page is
replaced by one for the current visitor on every hit.

Compression: a stored answer of at least ``MIN_COMPRESS_BYTES`` in a text format is also
kept gzip-compressed (once, when it is stored), and sent so to clients that accept gzip
(every browser): a page of 60 KB goes out as about 8 KB. Answers with a form token are never
compressed (BREACH: a secret next to text that a visitor controls).

Conditional GET: every stored answer has an ETag (of its content; the compressed variant
its own); a matching ``If-None-Match`` gets 304. ``Cache-Control`` is ``max-age=0, must-revalidate`` (browsers
and proxies may keep a copy but ask every time, so they are never stale either), ``public``
for answers without a form token, unless the view set its own.

Settings: ``PAGE_CACHE_ENABLED`` (default True), ``PAGE_CACHE_ALIAS`` (default
"default"), ``PAGE_CACHE_TIMEOUT`` (seconds, default 60: the age of pages that depend on the clock), ``PAGE_CACHE_MAX_BYTES``,
``PAGE_CACHE_SKIP_PATHS`` (path prefixes never cached, e.g. the admin),
``PAGE_CACHE_IGNORED_TABLES`` (table name prefixes whose writes do not count).
"""

import gzip
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.db import connection as default_connection
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
PAGE_KEY_PREFIX = "pagecache:page:"
DEFAULT_TIMEOUT = 60
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
DEFAULT_CACHE_CONTROL = "max-age=0, must-revalidate"

#: Tables whose writes are bookkeeping, not content (prefixes): also the job queue and the
#: jobs' progress and heartbeat, which a running job writes every few seconds.
DEFAULT_IGNORED_TABLES = (
    "django_session", "django_admin_log", "django_cache", "axes_", "otp_", "django_tasks_", "operations_",
)

#: Request cookies that do not make a page personal.
_NEUTRAL_COOKIES = {"CSRF_COOKIE_NAME", "LANGUAGE_COOKIE_NAME"}

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([\w.]+)"?',
    re.IGNORECASE,
)
# The login stamp (django.contrib.auth's update_last_login) is bookkeeping too.
_LAST_LOGIN = re.compile(r'^\s*UPDATE\s+"auth_user"\s+SET\s+"last_login"\s*=\s*%s\s+WHERE', re.IGNORECASE)
_CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken"\s+value=")([^"]*)(")')
_ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
#: Answers smaller than this are sent as they are (compression would gain too little).
MIN_COMPRESS_BYTES = 1024
_COMPRESSIBLE_TYPES = ("text/", "application/json", "application/ld+json", "application/geo+json",
                       "application/xml", "application/javascript")
_FORBIDDEN_CACHE_CONTROL = ("private", "no-store", "no-cache")
_HARMLESS_VARY = {"cookie", "accept-language", "accept-encoding"}


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


# --- The content version ------------------------------------------------------------------


def content_version():
    """The current content version (an integer that only grows). Whoever reads it may keep
    data of this version: the next write bumps it at once, even inside a transaction."""
    global _pages_touched
    _pages_touched = True
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _start_version(cache)
    return version


def known_content_version():
    """The content version, or None while the cache cannot be reached (logged): then
    whoever keeps data by version must check it another way."""
    try:
        return content_version()
    except Exception:
        logger.exception("Der Cache ist nicht erreichbar; die Inhaltsversion ist unbekannt.")
        return None


#: Values kept by ``kept_per_content_version``, by name: ((version, database), value).
_kept = {}


def kept_per_content_version(name, build):
    """``build()``, kept in the process while the content version stays the same (every
    write bumps it, on every app instance); built afresh each time while the cache cannot
    be reached. The value is shared: whoever gets it must not change it."""
    version = known_content_version()
    key = (version, default_connection.alias)
    entry = _kept.get(name)
    if version is not None and entry is not None and entry[0] == key:
        return entry[1]
    value = build()
    if version is not None:
        _kept[name] = (key, value)
    return value


def _start_version(cache):
    # A version that was lost (evicted, cache flushed) starts again from the clock, never
    # from a number an old entry may still carry.
    cache.add(VERSION_KEY, time.time_ns(), timeout=None)
    return cache.get(VERSION_KEY)


def bump_content_version():
    """Outdate every cached page (on every app instance sharing the cache)."""
    cache = _cache()
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet, or it was evicted
            _start_version(cache)
    except Exception:  # the cache is down: pages are not served from it either
        logger.exception("Die Inhaltsversion des Seiten-Caches konnte nicht erhöht werden.")


def content_changed(using="default"):
    """Call after a write the database does not see as a statement (e.g. a file on disk):
    bumps now and again when the current transaction commits."""
    bump_content_version()
    transaction.on_commit(bump_content_version, using=using)


def is_content_write(sql):
    """True for a statement that writes a table whose content pages may show."""
    match = _WRITE.match(sql)
    if match is None:
        return False
    table = match.group(1).lower()
    ignored = tuple(getattr(settings, "PAGE_CACHE_IGNORED_TABLES", DEFAULT_IGNORED_TABLES))
    if table.startswith(ignored):
        return False
    return not _LAST_LOGIN.match(sql)


# Set when this process has read or filled the page cache since its last bump: a write inside
# a transaction then bumps at once again (a test's transaction never commits), while a bulk
# load of thousands of rows bumps once at its first statement and once at its commit.
_pages_touched = False


def _watch_writes(execute, sql, params, many, context):
    global _pages_touched
    result = execute(sql, params, many, context)
    if not (isinstance(sql, str) and is_content_write(sql)):
        return result
    connection = context["connection"]
    if not connection.in_atomic_block:  # autocommit: the statement is committed now
        bump_content_version()
        return result
    first = not any(callback is bump_content_version for _, callback, _ in connection.run_on_commit)
    if first:
        connection.on_commit(bump_content_version)
    if first or _pages_touched:
        _pages_touched = False
        bump_content_version()
    return result


def install_write_watch(connection, **kwargs):
    """Watch the writes of a database connection (connected to ``connection_created``)."""
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def watch_all_connections():
    """Called once at start-up (AppConfig.ready): every connection, now and later."""
    from django.db import connections

    connection_created.connect(install_write_watch, dispatch_uid="pagecache-write-watch")
    for connection in connections.all(initialized_only=True):
        install_write_watch(connection)


# --- The middleware -----------------------------------------------------------------------


def _enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def is_anonymous_reader(request):
    """A GET/HEAD request that carries no session and no personal cookie."""
    if request.method not in ("GET", "HEAD"):
        return False
    neutral = {getattr(settings, name) for name in _NEUTRAL_COOKIES}
    if any(name not in neutral for name in request.COOKIES):
        return False
    skipped = tuple(getattr(settings, "PAGE_CACHE_SKIP_PATHS", ()))
    return not request.path.startswith(skipped) if skipped else True


def page_key(request):
    """Scheme, host, path, query string and interface language."""
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{PAGE_KEY_PREFIX}{language}:{hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()}"


def _storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "session", None) is not None and request.session.modified:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in _FORBIDDEN_CACHE_CONTROL):
        return False
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if not vary <= _HARMLESS_VARY:
        return False
    max_bytes = getattr(settings, "PAGE_CACHE_MAX_BYTES", DEFAULT_MAX_BYTES)
    return len(response.content) <= max_bytes


def _fresh(entry, version):
    """The entry is of the current content version and younger than PAGE_CACHE_TIMEOUT."""
    timeout = getattr(settings, "PAGE_CACHE_TIMEOUT", DEFAULT_TIMEOUT)
    return entry is not None and entry["version"] == version and entry["created"] + timeout >= time.time()


def _etag(content):
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


class _LocalPages:
    """The pages this process served last (at most ``size``), so that a hit asks the shared
    cache only for the content version, a few bytes, not for the page. An entry is used only
    while its version is the current one, and no longer than the shared cache keeps it."""

    def __init__(self, size=256):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        return self.entries.get(key)

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


_local = _LocalPages()


def forget_local_pages():
    """Empties this process's copy (the shared cache is cleared with ``cache.clear()``)."""
    _local.clear()


class PageCacheMiddleware:
    """Serves anonymous GET requests from the cache while the content version holds.

    Place it after ``CsrfViewMiddleware`` (a hit needs the visitor's CSRF token) and before
    the authentication middleware (a hit needs no session or user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _enabled():
            return self.get_response(request)
        if not is_anonymous_reader(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and "Cache-Control" not in response:
                # Personal pages: no shared cache on the way may keep them.
                patch_cache_control(response, private=True)
            return response
        try:
            key = page_key(request)
            cache = _cache()
            version = cache.get(VERSION_KEY)
            if version is None:
                version = _start_version(cache)
            entry = _local.get(key)
            if not _fresh(entry, version):
                entry = cache.get(key)
        except Exception:
            logger.exception("Der Seiten-Cache ist nicht erreichbar; die Seite wird ohne ihn erzeugt.")
            return self.get_response(request)
        global _pages_touched
        _pages_touched = True
        if _fresh(entry, version):
            _local.put(key, entry)
            return self._hit(request, entry)
        response = self.get_response(request)
        if request.method == "GET" and _storable(request, response):
            entry = self._store(cache, key, version, response)
            _local.put(key, entry)
            if entry["gzip"] is not None:
                return self._answer(request, entry)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response

    def _store(self, cache, key, version, response):
        content = response.content
        has_form_token = _CSRF_FIELD.search(content) is not None
        if "ETag" not in response:
            # Weak where each visitor gets their own form token: the rest is the same.
            response["ETag"] = ("W/" if has_form_token else "") + _etag(content)
        if "Cache-Control" not in response:
            patch_cache_control(response, max_age=0, must_revalidate=True, public=not has_form_token)
        compressed = None if has_form_token else _compressed(response, content)
        if compressed is not None:
            patch_vary_headers(response, ("Accept-Encoding",))
        entry = {
            "version": version,
            "created": time.time(),
            "status": response.status_code,
            "headers": list(response.items()),
            "content": content,
            "gzip": compressed,
            "csrf": has_form_token,
        }
        try:
            cache.set(key, entry, getattr(settings, "PAGE_CACHE_TIMEOUT", DEFAULT_TIMEOUT))
        except Exception:
            logger.exception("Eine Seite konnte nicht im Seiten-Cache abgelegt werden.")
        return entry

    def _hit(self, request, entry):
        response = self._answer(request, entry)
        response["X-Page-Cache"] = "hit"
        return response

    def _answer(self, request, entry):
        """The stored answer for this visitor: their own form token, compressed if they accept it."""
        content = entry["content"]
        if entry["csrf"]:
            token = get_token(request).encode()
            content = _CSRF_FIELD.sub(lambda match: match.group(1) + token + match.group(3), content)
        compressed = entry.get("gzip")
        use_gzip = compressed is not None and _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        response = HttpResponse(compressed if use_gzip else content, status=entry["status"])
        for header, value in entry["headers"]:
            response[header] = value
        if use_gzip:
            response["Content-Encoding"] = "gzip"
            response["ETag"] = _gzip_etag(response["ETag"])
        if "Content-Length" in response:
            response["Content-Length"] = str(len(response.content))
        return get_conditional_response(request, etag=response.get("ETag"), response=response)


def _compressed(response, content):
    """The answer gzip-compressed, or None where that does not pay or would not be right."""
    content_type = response.get("Content-Type", "").lower()
    if len(content) < MIN_COMPRESS_BYTES or response.has_header("Content-Encoding"):
        return None
    if not content_type.startswith(_COMPRESSIBLE_TYPES):
        return None
    compressed = gzip.compress(content, compresslevel=6, mtime=0)
    return compressed if len(compressed) < len(content) else None


def _gzip_etag(etag):
    """The compressed variant's own ETag (another representation, so another tag)."""
    return etag[:-1] + '-gzip"' if etag.endswith('"') else etag
