"""Settings of the Sozialraum-Portal, read from the environment.

One module for every environment. Development (``DJANGO_DEBUG=1``) runs on a SQLite
file in the project and a dev-only secret key; production (``DJANGO_DEBUG`` unset or 0)
refuses to start without ``DJANGO_SECRET_KEY`` and switches on HTTPS-only cookies and HSTS.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY ist nicht gesetzt. Im Produktivbetrieb (DJANGO_DEBUG aus) "
            "startet das Portal nur mit einem eigenen geheimen Schlüssel."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The admin with the portal's two-step login (password, then the second factor).
    "sozialraum.portal.accounts.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "leaflet",
    "djgeojson",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "sozialraum",
    "sozialraum.operations",
    "providers",
    "measures",
    "workshops",
    "network",
    "sozialraum.portal.accounts",  # after django_otp: replaces its device admins
    "sozialraum.portal.public",  # legal pages, accessibility statement, barrier reports
    "sozialraum.portal",  # last: its post_migrate step needs every app's permissions
]

MIDDLEWARE = [
    # First: every log line of the request carries its id (X-Request-ID from the proxy, or a new one).
    "sozialraum.common.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sozialraum.middleware.GermanFirstLocaleMiddleware",
    "sozialraum.middleware.RejectControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Anonymous readers get cached pages (after CSRF: a hit needs the visitor's token;
    # before authentication: a hit needs no session or user).
    "sozialraum.common.pagecache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A session that still owes its second factor goes back to the code step.
    "sozialraum.portal.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sozialraum.urls"
WSGI_APPLICATION = "sozialraum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sozialraum.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite file in the project unless DATABASE_URL says otherwise
# (postgres://user:password@host:5432/name goes through psycopg).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (pages for anonymous readers, see sozialraum/common/pagecache.py): Redis through
# REDIS_URL (redis://host:6379/0) in production, shared by every worker and app instance.
# Without it a directory of files that all worker processes on this machine share.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "sozialraum.common.redis_cache.ReusingRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Page cache: PAGE_CACHE=0 switches it off; staff and account pages are never cached. Content
# changes show at once; PAGE_CACHE_TIMEOUT bounds the age of pages that depend on the clock.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", default=True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "60"))
PAGE_CACHE_SKIP_PATHS = ["/admin/", "/konto/", "/verwaltung/", "/i18n/", "/konzept/entwurf.pdf"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Common German words and the city's name, also with digits appended ("Sommer2026!").
    {"NAME": "sozialraum.common.passwords.GermanCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): five failures (wrong passwords and wrong codes of the second
# factor) lock the username from that client address for an hour; the same username from
# another address can still log in, so nobody elsewhere can lock a real user out.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]  # masked in the stored attempts
# The client address: REMOTE_ADDR, or behind DJANGO_TRUSTED_PROXY_COUNT reverse proxies the
# entry of X-Forwarded-For that the outermost trusted proxy added (0: the header is ignored).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "sozialraum.common.client_ip.client_ip_address"

# Second factor (django-otp, TOTP with recovery codes): required for these roles (and for
# superusers), optional for the others; whoever has set one up is always asked for it.
TWO_FACTOR_REQUIRED_ROLES = env_list("DJANGO_2FA_REQUIRED_ROLES", "Administration")
OTP_TOTP_ISSUER = os.environ.get("PORTAL_NAME", "Sozialraum-Portal")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Language and time: German first, English as second interface language.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates written out ("17 December 2026"), see sozialraum/formats/en/formats.py.
FORMAT_MODULE_PATH = ["sozialraum.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Media (published PDFs, documents, job results): the local folder MEDIA_ROOT, or with
# DJANGO_STORAGE=s3 an S3-compatible bucket through django-storages (pip install ".[s3]"),
# which several app instances share.
STORAGE_KIND = os.environ.get("DJANGO_STORAGE", "local").strip().lower()
if STORAGE_KIND not in {"local", "s3"}:
    raise ImproperlyConfigured("DJANGO_STORAGE ist „local“ oder „s3“.")
_default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if STORAGE_KIND == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("DJANGO_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "access_key": os.environ.get("DJANGO_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("DJANGO_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("DJANGO_S3_PREFIX", ""),
            "default_acl": None,  # private objects; downloads go through the portal
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Uploaded documents: what staff may attach to measures and workshops.
DOCUMENT_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "pptx", "txt", "csv", "png", "jpg", "jpeg"]
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

LOGIN_URL = "admin:login"

# Maps (django-leaflet). The tile server is a setting: MAP_TILES_URL empty shows no
# background; markers, boundaries and popups work without it.
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# Third-party tiles load only after the visitor clicks "Karte laden" (the tile server sees
# their address); a city that runs its own tile server sets MAP_TILES_OWN_SERVER=1.
MAP_TILES_OWN_SERVER = env_bool("MAP_TILES_OWN_SERVER", default=False)
MAP_TILES_ATTRIBUTION = os.environ.get(
    "MAP_TILES_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende',
)
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (51.3745, 7.6960),  # Iserlohn, Südliche Innenstadt
    "DEFAULT_ZOOM": 14,
    "MIN_ZOOM": 3,
    "MAX_ZOOM": 19,
    "TILES": [("OpenStreetMap", MAP_TILES_URL, {"attribution": MAP_TILES_ATTRIBUTION})]
    if MAP_TILES_URL
    else [],
    "RESET_VIEW": False,
}

# Content security policy (django-csp): everything from this site; map tiles from the
# configured tile server. Inline scripts only with the per-request nonce
# (django-leaflet's admin widget uses it: request.csp_nonce).
_tiles = urlsplit(MAP_TILES_URL)
_tile_origin = f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}" if _tiles.scheme else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"] + ([_tile_origin] if _tile_origin else []),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Security: Django's protections stay on; production adds HTTPS-only behaviour.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # DJANGO_LOG_FORMAT=json: one JSON object per line; every line carries request_id and job_id.
    "filters": {"context": {"()": "sozialraum.common.logs.ContextFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(job_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(job_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": "json" if os.environ.get("DJANGO_LOG_FORMAT", "").lower() == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # The jobs and their worker say what they do (start, end, retries) at INFO.
        "sozialraum.operations": {"level": os.environ.get("DJANGO_JOBS_LOG_LEVEL", "INFO")},
    },
}

# Background jobs (Django's Tasks API through django-tasks, queue in the database through
# django-tasks-db; worker: manage.py jobs_worker). A running job's worker gives a sign of life
# every JOBS_HEARTBEAT_SECONDS; after JOBS_STALE_SECONDS without one the job is taken as lost
# and runs again, JOBS_MAX_ATTEMPTS times in all, then fails with a message.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOBS_HEARTBEAT_SECONDS = float(os.environ.get("JOBS_HEARTBEAT_SECONDS", "10"))
JOBS_STALE_SECONDS = float(os.environ.get("JOBS_STALE_SECONDS", "60"))
JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "2"))
# /health/ answers 503 when the oldest job waiting for a worker is older than this (no worker runs).
HEALTH_QUEUE_MAX_WAIT_SECONDS = int(os.environ.get("HEALTH_QUEUE_MAX_WAIT_SECONDS", "600"))

# The programme this installation serves (title page, start page, iCal organiser).
PORTAL_CITY = os.environ.get("PORTAL_CITY", "Stadt Iserlohn")
# The federal state whose public holidays close offers (ISO 3166-2 code without "DE-", e.g. NW, BY).
PORTAL_STATE = os.environ.get("PORTAL_STATE", "NW")
PORTAL_NAME = os.environ.get("PORTAL_NAME", "Sozialraum-Portal")

# Barrier reports ("Barriere melden"): kept this many days, then deleted (on every new
# report and by `manage.py barrier_reports_delete_expired`); at most this many per hour
# from one client address (the rest get 429).
BARRIER_REPORT_RETENTION_DAYS = int(os.environ.get("BARRIER_REPORT_RETENTION_DAYS", "180"))
BARRIER_REPORT_RATE_LIMIT = int(os.environ.get("BARRIER_REPORT_RATE_LIMIT", "5"))
# E-mail (registration confirmations of workshops): in development printed to the console,
# in production sent over SMTP (EMAIL_HOST etc.) unless DJANGO_EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# Workshop registrations are deleted this many days after the workshop ended.
WORKSHOP_REGISTRATION_RETENTION_DAYS = int(os.environ.get("WORKSHOP_REGISTRATION_RETENTION_DAYS", "14"))
# Registrations per client address and hour (against bots; a family registering for several
# workshops stays far below it).
WORKSHOP_REGISTRATION_RATE_LIMIT = int(os.environ.get("WORKSHOP_REGISTRATION_RATE_LIMIT", "10"))
# The catalogue import checks tables up to this many rows in the request (100 rows: under a
# second); larger ones in a background job.
IMPORT_PREVIEW_INLINE_ROWS = int(os.environ.get("IMPORT_PREVIEW_INLINE_ROWS", "100"))
