"""Settings read from the environment by small typed helpers that fail loudly.

Defaults give a zero-setup demo: SQLite in var/, DEBUG on, console e-mail.
Production sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and DEBUG=0.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import redis
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
# In a source checkout (editable install) var/ sits at the repository root.
PROJECT_DIR = Path(os.environ.get("NASTAVNIK_HOME", str(BASE_DIR.parent.parent)))
VAR_DIR = Path(os.environ.get("NASTAVNIK_VAR", str(PROJECT_DIR / "var")))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-demo-key-only-for-local-development-0123456789abcdef"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "nastavnik.common.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "django_filters",
    "axes",
    "csp",
    "nastavnik.common",
    "nastavnik.reminders",
    "nastavnik.orgs",
    "nastavnik.people",
    "nastavnik.programmes",
    "nastavnik.bases",
    "nastavnik.imports",
    "nastavnik.matching",
    "nastavnik.pairs",
    "nastavnik.diary",
    "nastavnik.district",
    "nastavnik.surveys",
    "nastavnik.documents",
    "nastavnik.practices",
    "nastavnik.projects",
    "nastavnik.communities",
    "nastavnik.courses",
    "nastavnik.workshops",
    "nastavnik.monitoring",
    "nastavnik.privacy",
    "nastavnik.api",
    "nastavnik.demo",
    "nastavnik.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "nastavnik.common.middleware.OverflowGuardMiddleware",
    "nastavnik.common.middleware.StorageErrorMiddleware",
    "nastavnik.documents.middleware.TemplateErrorMiddleware",
    "nastavnik.common.sessions.IdleSessionMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes turns a refused login into the lockout page; its documentation asks for the last place.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nastavnik.urls"
WSGI_APPLICATION = "nastavnik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nastavnik.site.context_processors.navigation",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    # Health checks: a connection kept across requests is tested first, so a restarted server costs no error.
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Server-side parameters, and a query a connection has run a few times is prepared: PostgreSQL
        # then plans it once per connection. Planning, not running, was most of the database's time
        # on the pages every user opens (the navigation's pair-role query: 8 ms to plan, 0.8 ms to run).
        DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 3}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "nastavnik.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id first (see common.passwords); PBKDF2 stays to read the hashes made before.
PASSWORD_HASHERS = [
    "nastavnik.common.passwords.NastavnikArgon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "nastavnik.common.passwords.ProductNameValidator"},
]
# Axes checks the lockout before the ordinary password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# WhiteNoise serves straight from the app folders unless collectstatic was run for production.
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", DEBUG)

# Uploads: imports are spreadsheets; anything larger is refused with a Russian message.
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
# A people import with more rows than this is saved by the huey worker, with progress on the page.
IMPORT_INLINE_MAX_ROWS = envint("IMPORT_INLINE_MAX_ROWS", 2000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Attachments (meeting log, roadmap evidence, best practices): size limit and allowed types.
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
ATTACHMENT_EXTENSIONS = envlist(
    "ATTACHMENT_EXTENSIONS",
    ["pdf", "docx", "doc", "xlsx", "xls", "pptx", "odt", "ods", "odp", "txt", "jpg", "jpeg", "png", "gif", "zip"],
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "nastavnik@localhost")
EMAIL_FILE_PATH = str(VAR_DIR / "mail")

SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# Health probes (systemd, a balancer) call the app directly over http on loopback.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Login security (see «Безопасность» in the README) ---
# Sessions end after SESSION_IDLE_HOURS without a request: a request pushes the expiry forward, saving
# the session at most every SESSION_REFRESH_SECONDS (core/sessions.py) rather than on every request.
# A password change ends the account's other sessions (Django's session auth hash).
SESSION_COOKIE_AGE = envint("SESSION_IDLE_HOURS", 8) * 3600
SESSION_REFRESH_SECONDS = 300

# Lockout (django-axes): counted per account AND address, so a whole school behind one NAT address
# is not locked out by one pupil guessing a teacher's password. Even the right password is refused
# while locked; attempts during a lockout do not extend it. A successful login clears the count.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "nastavnik.common.lockouts.lockout_response"
# The client address: REMOTE_ADDR, or the address the nearest proxy appended to X-Forwarded-For
# when TRUST_X_FORWARDED_FOR is on (only behind a proxy that sets it, else clients could forge it).
TRUST_X_FORWARDED_FOR = envbool("TRUST_X_FORWARDED_FOR", False)
AXES_CLIENT_IP_CALLABLE = "nastavnik.common.lockouts.client_ip"

# Content-Security-Policy (django-csp): everything is vendored, so only our own origin. Scripts are
# files only (no inline code or on*= handlers); style-src also allows inline styles because many
# templates still carry style="" attributes and <style> blocks (styles cannot run code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# One machine, one process: the cache lives in the process (LocMem). Several processes (gunicorn
# workers) must share it, so REDIS_URL puts the cache — and the job queue below — in Redis. Short
# socket time-outs: with Redis down a request fails at once (503) instead of hanging.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT_SECONDS = envint("REDIS_TIMEOUT_SECONDS", 3)
CACHES: dict[str, dict[str, object]] = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    }

# After a change, a district's or region's dashboard page shows its last result and the huey worker
# recomputes it: the worker must share the cache (Redis). With the in-process cache (one machine, the
# worker a separate process) the worker's result would never reach the pages: they recompute.
DASHBOARD_REFRESH_IN_BACKGROUND = envbool("DASHBOARD_REFRESH_IN_BACKGROUND", bool(REDIS_URL))

PAGE_SIZE = envint("PAGE_SIZE", 25)
# The REST API (/api/v1/): requests per minute for one key; more answer 429.
API_RATE_PER_MINUTE = envint("API_RATE_PER_MINUTE", 120)

# Surveys: personal links in e-mails are built from SITE_URL; reminders at most every N days.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SURVEY_REMINDER_DAYS = envint("SURVEY_REMINDER_DAYS", 3)
# Years a person's data is kept after every membership ended (152-ФЗ); 0 keeps it until erased by hand.
PERSONAL_DATA_RETENTION_YEARS = envint("PERSONAL_DATA_RETENTION_YEARS", 3)

# Background jobs (huey): long documents — a district or region report, the region's indicator
# table — are made by a worker (`nastavnik run_huey`, started by `make demo`). The queue is kept in
# Redis when REDIS_URL is set (several machines or processes), else in a SQLite file in var/ (one
# machine). HUEY_IMMEDIATE=1 runs them inside the request instead (the default under pytest). A
# report on at most REPORT_INLINE_MAX_ORGS organisations is always made at once; a job still
# running after REPORT_JOB_TIMEOUT_MINUTES is reported as failed (its worker was stopped).
# `nastavnik cleanup-jobs` (cron) deletes finished jobs and their files after REPORT_JOB_KEEP_DAYS.
HUEY: dict[str, object] = {
    "name": os.environ.get("HUEY_NAME", "nastavnik"),
    "immediate": envbool("HUEY_IMMEDIATE", bool(os.environ.get("PYTEST_VERSION"))),
    "results": False,
    "utc": True,
    "consumer": {"workers": envint("HUEY_WORKERS", 1), "worker_type": "thread", "max_delay": 1.0},
}
if REDIS_URL:
    HUEY["huey_class"] = "huey.RedisHuey"
    HUEY["connection"] = {
        "connection_pool": redis.ConnectionPool.from_url(
            REDIS_URL,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS + 2,  # above the worker's 1 s blocking read
        )
    }
else:
    HUEY_FILE = Path(os.environ.get("HUEY_FILE", str(VAR_DIR / "huey.sqlite3")))
    HUEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    HUEY["huey_class"] = "huey.SqliteHuey"
    HUEY["filename"] = str(HUEY_FILE)
INSTALLED_APPS += ["huey.contrib.djhuey"]
REPORT_INLINE_MAX_ORGS = envint("REPORT_INLINE_MAX_ORGS", 1)
REPORT_JOB_TIMEOUT_MINUTES = envint("REPORT_JOB_TIMEOUT_MINUTES", 30)
REPORT_JOBS_PER_USER = envint("REPORT_JOBS_PER_USER", 3)
REPORT_JOB_KEEP_DAYS = envint("REPORT_JOB_KEEP_DAYS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
