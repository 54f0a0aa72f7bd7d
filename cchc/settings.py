"""Settings for CCHC, read from the environment.

Every knob is an environment variable; a bad value stops the process with a message naming it.
SQLite is the default database; set ``DATABASE_URL`` (e.g. ``postgres://user@host/db``) for
PostgreSQL.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Lets the code write ModelAdmin[Plan], QuerySet[Node] … at run time, as the type stubs do.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false).")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from exc


def _env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


DEBUG = _env_bool("CCHC_DEBUG", False)

# -- Secret key (docs/security.md, "Headers, HTTPS and secrets") ---------------------------
# A key from the environment must be strong: a weak one is refused at start, naming the
# variable. Rotation: put the new key in CCHC_SECRET_KEY and the old one(s) in
# CCHC_SECRET_KEY_FALLBACKS (comma-separated) until the sessions and links signed with them
# have expired; the fallbacks are checked the same way.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 10  # a 50-character hex key (16 symbols) passes, "aaaa…b" does not


def _check_secret(name: str, value: str) -> str:
    """The key itself, or ImproperlyConfigured naming ``name`` when the key is weak."""
    how = (
        "Generate one with `python -c 'import secrets; print(secrets.token_urlsafe(50))'` "
        "(scripts/run writes one to var/.env for you)."
    )
    if value.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            f"{name} starts with 'django-insecure-': Django's example key is not a secret. {how}"
        )
    if len(value) < SECRET_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"{name} is too short ({len(value)} characters; at least "
            f"{SECRET_KEY_MIN_LENGTH}). {how}"
        )
    if len(set(value)) < SECRET_KEY_MIN_DISTINCT:
        raise ImproperlyConfigured(
            f"{name} has too few distinct characters ({len(set(value))}; at least "
            f"{SECRET_KEY_MIN_DISTINCT}). {how}"
        )
    return value


SECRET_KEY = os.environ.get("CCHC_SECRET_KEY", "")
if SECRET_KEY:
    _check_secret("CCHC_SECRET_KEY", SECRET_KEY)
elif DEBUG or os.environ.get("CCHC_ALLOW_EPHEMERAL_SECRET") == "1":
    # Development and tests: a random key per process, never a key written in the code.
    from django.core.management.utils import get_random_secret_key

    SECRET_KEY = get_random_secret_key()
else:
    raise ImproperlyConfigured(
        "CCHC_SECRET_KEY is not set. Generate one with "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` "
        "(scripts/run writes one to var/.env for you)."
    )
SECRET_KEY_FALLBACKS = [
    _check_secret(f"CCHC_SECRET_KEY_FALLBACKS (key {number})", key)
    for number, key in enumerate(_env_list("CCHC_SECRET_KEY_FALLBACKS", []), start=1)
]
# -- end of secret key ---------------------------------------------------------------------

ALLOWED_HOSTS = _env_list("CCHC_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = _env_list("CCHC_CSRF_TRUSTED_ORIGINS", [])

# -- Headers, HTTPS and secrets (docs/security.md) -----------------------------------------
# The defaults serve plain http://127.0.0.1:8000 (scripts/run); production behind TLS sets
# CCHC_SECURE_COOKIES=1, CCHC_SSL_REDIRECT=1, CCHC_HSTS_SECONDS=31536000 (+ the two HSTS
# booleans) and, behind a reverse proxy that sets X-Forwarded-Proto, CCHC_BEHIND_PROXY=1.
SECURE_HSTS_SECONDS = _env_int("CCHC_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("CCHC_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = _env_bool("CCHC_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = _env_bool("CCHC_SSL_REDIRECT", False)
if _env_bool("CCHC_BEHIND_PROXY", False):
    # Only behind a proxy that always sets (and never passes on) X-Forwarded-Proto: anyone
    # else could claim HTTPS with the header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it; forms carry the token
CSRF_FAILURE_VIEW = "cchc.core.views.csrf_failure"
# Content-Security-Policy (django-csp 4): no inline script or style anywhere; the page
# scripts are static files (cchc/static/cchc/). Django's admin and the API docs (Swagger UI
# from django-ninja's own static files) work under it as is; a view that ever needs more
# widens it for itself with csp_update, never here. img-src data: is Bootstrap's icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# Browser features the application never uses, switched off (cchc.core.middleware).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), fullscreen=(self)"
)
# -- end of headers, HTTPS and secrets -----------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "cchc.core",
    "cchc.plans",
    "cchc.agencies",
    "cchc.scheduling",
    "cchc.accounts",
    "cchc.reporting",
    "cchc.notifications",
    "cchc.indicators",
    "cchc.dashboards",
    "cchc.opendata",
    "cchc.dossiers",
    "cchc.servicequality",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files keep their long cache and need no policy.
    "csp.middleware.CSPMiddleware",
    "cchc.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cchc.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cchc.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cchc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cchc.notifications.context_processors.work_queues",
            ],
        },
    },
]

WSGI_APPLICATION = "cchc.wsgi.application"

DATA_DIR = Path(os.environ.get("CCHC_DATA_DIR", BASE_DIR / "var"))

_default_db = f"sqlite:///{DATA_DIR / 'cchc.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_db), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the progress and dashboard queries anew on each request and
    # costs more than it saves on them (progress of a 2,000-activity plan: 318 ms with, 263 ms
    # without, medians of 7 alternating in one run). Off for our
    # connections unless DATABASE_URL sets ``?options=…`` (behind PgBouncer, allow the
    # ``options`` startup parameter or use ``ALTER DATABASE … SET jit = off``).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while an import writes; the busy timeout queues writers.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file too, as production does: an in-memory shared-cache database answers
    # concurrent writers with "table is locked" instead of waiting for them.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"cchc-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts: passwords, login lockout (django-axes), two-factor login (django-otp), sessions,
# security log. See docs/security.md, "Accounts and login". ---------------------------------

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# axes refuses locked-out logins before the password is checked; then Django's model backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "cchc.accounts.backends.RoleBackend",
]
INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
MIDDLEWARE += [
    "cchc.accounts.middleware.SessionLimitsMiddleware",
    "cchc.accounts.middleware.DeniedLogMiddleware",
    # Last, as axes asks: turns a lockout into the product's locked-out page.
    "axes.middleware.AxesMiddleware",
]


def _env_positive(name: str, default: int) -> int:
    value = _env_int(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name}={value} must be 1 or more.")
    return value


# Login lockout: this many failures for one username (or from one client address) within the
# window refuse further attempts until the failures leave the window. A success clears the
# failures of that username only.
CCHC_LOGIN_MAX_FAILURES = _env_positive("CCHC_LOGIN_MAX_FAILURES", 5)
CCHC_LOGIN_MAX_FAILURES_PER_IP = _env_positive("CCHC_LOGIN_MAX_FAILURES_PER_IP", 30)
CCHC_LOGIN_LOCKOUT_MINUTES = _env_positive("CCHC_LOGIN_LOCKOUT_MINUTES", 15)
# Reverse proxies in front of the application that append the client's address to
# X-Forwarded-For (nginx: proxy_add_x_forwarded_for). 0: only REMOTE_ADDR is believed.
CCHC_TRUSTED_PROXY_COUNT = _env_int("CCHC_TRUSTED_PROXY_COUNT", 0)
if CCHC_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("CCHC_TRUSTED_PROXY_COUNT must be 0 or more.")


def client_address_settings(proxies: int) -> tuple[tuple[str, ...], int | None]:
    """django-ipware's header order and proxy count for ``proxies`` trusted proxies. Behind N
    proxies the client is the N-th address from the right of X-Forwarded-For (the last proxy
    is REMOTE_ADDR); whatever a client wrote further left is ignored."""
    if proxies == 0:
        return ("REMOTE_ADDR",), None
    return ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"), proxies - 1


AXES_IPWARE_META_PRECEDENCE_ORDER, AXES_IPWARE_PROXY_COUNT = client_address_settings(
    CCHC_TRUSTED_PROXY_COUNT
)
# Not strict: a header with more addresses (written by the client) still gives the trusted one.
IPWARE_STRICT = False
AXES_HANDLER = "cchc.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = "cchc.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = "cchc.accounts.lockout.cool_off"
AXES_USERNAME_CALLABLE = "cchc.accounts.lockout.username"
AXES_LOCKOUT_CALLABLE = "cchc.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Masked in the record of attempts (the password always is).
AXES_SENSITIVE_PARAMETERS = ["code", "csrfmiddlewaretoken"]
AXES_VERBOSE = False

# Two-factor login: the name the authenticator apps show.
OTP_TOTP_ISSUER = "CCHC"
# The admin never shows a user's authenticator key or its QR code: an administrator who could
# read it could log in as that user; resetting the devices (an admin action) is enough.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Sessions end after this many minutes without a request, and this many hours after login.
CCHC_SESSION_IDLE_MINUTES = _env_positive("CCHC_SESSION_IDLE_MINUTES", 30)
CCHC_SESSION_MAX_HOURS = _env_positive("CCHC_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = CCHC_SESSION_MAX_HOURS * 3600
# Password reset links work for this long (seconds).
PASSWORD_RESET_TIMEOUT = 2 * 3600

# --- end of accounts ---------------------------------------------------------------------------
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "plans:plan_list"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "cchc" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "cchc" / "static"]
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
WHITENOISE_USE_FINDERS = DEBUG

# Uploaded plan documents larger than this are refused before they are read.
CCHC_MAX_IMPORT_BYTES = _env_int("CCHC_MAX_IMPORT_BYTES", 20 * 1024 * 1024)
# What one plan document may ask of the readers (cchc/plans/readers/limits.py has the rest).
CCHC_IMPORT_MAX_ROWS = _env_int("CCHC_IMPORT_MAX_ROWS", 20_000)
CCHC_IMPORT_MAX_UNPACKED_MB = _env_int("CCHC_IMPORT_MAX_UNPACKED_MB", 50)
# The web import reads a file in a child process with these limits.
CCHC_IMPORT_TIMEOUT_SECONDS = _env_int("CCHC_IMPORT_TIMEOUT_SECONDS", 60)
CCHC_IMPORT_MEMORY_MB = _env_int("CCHC_IMPORT_MEMORY_MB", 1024)
# PDFs and scans (docs/readers.md): pages read from a PDF's text layer, pages read by OCR, the
# time OCR may take in all, and the confidence (0-100) under which an OCR cell is a warning.
CCHC_IMPORT_MAX_PDF_PAGES = _env_int("CCHC_IMPORT_MAX_PDF_PAGES", 100)
CCHC_IMPORT_MAX_OCR_PAGES = _env_int("CCHC_IMPORT_MAX_OCR_PAGES", 10)
CCHC_IMPORT_OCR_TIMEOUT_SECONDS = _env_int("CCHC_IMPORT_OCR_TIMEOUT_SECONDS", 120)
CCHC_IMPORT_OCR_MIN_CONFIDENCE = _env_int("CCHC_IMPORT_OCR_MIN_CONFIDENCE", 70)
CCHC_MAX_EVIDENCE_BYTES = _env_int("CCHC_MAX_EVIDENCE_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = CCHC_MAX_IMPORT_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded files and their directories are this process's user's alone (the SQLite file
# too: cchc.core.apps). scripts/run also sets umask 077.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# The address users reach the application at, for the links in e-mails.
CCHC_SITE_URL = os.environ.get("CCHC_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Mail (reminders): printed on the console unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("CCHC_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = _env_int("CCHC_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("CCHC_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CCHC_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("CCHC_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("CCHC_EMAIL_FROM", "cchc@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _env_bool("CCHC_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CCHC_LOG_LEVEL", "WARNING")},
    # The security log (logins, lockouts, two-factor, role changes, refusals), also stored.
    "loggers": {"cchc.security": {"level": os.environ.get("CCHC_SECURITY_LOG_LEVEL", "INFO")}},
}

# -- Production serving, background tasks, backups (docs/deployment.md) --------------------
# gunicorn (scripts/run, deploy/): workers (0: 2 × CPUs + 1), address, request time limit.
CCHC_WEB_WORKERS = _env_int("CCHC_WEB_WORKERS", 0)
CCHC_BIND = os.environ.get("CCHC_BIND", "127.0.0.1:8000")
CCHC_WEB_TIMEOUT = _env_positive("CCHC_WEB_TIMEOUT", 60)
# Background tasks (cchc.core.tasks, `cchc worker`): a task running longer is stopped and
# retried; a failed task is tried this many times in all, waiting longer each time.
CCHC_TASK_TIMEOUT_SECONDS = _env_positive("CCHC_TASK_TIMEOUT_SECONDS", 300)
CCHC_TASK_MAX_ATTEMPTS = _env_positive("CCHC_TASK_MAX_ATTEMPTS", 3)
CCHC_TASK_RETRY_SECONDS = _env_positive("CCHC_TASK_RETRY_SECONDS", 60)
# Run each task right after the transaction that queued it commits, in that process (tests,
# and installs without a worker). Off: `cchc worker` runs them.
CCHC_TASKS_RUN_ON_COMMIT = _env_bool("CCHC_TASKS_RUN_ON_COMMIT", False)
# Backups (`cchc backup`, `cchc restore`; cchc.core.backup): where, and how many are kept.
CCHC_BACKUP_DIR = Path(os.environ.get("CCHC_BACKUP_DIR", DATA_DIR / "backups"))
CCHC_BACKUP_KEEP = _env_positive("CCHC_BACKUP_KEEP", 14)
# Cached page fragments (the plan tree) are dropped after this many seconds even when no
# change made them stale (cchc.core.versions catches the changes; this bounds a missed one).
CCHC_PAGE_CACHE_SECONDS = _env_positive("CCHC_PAGE_CACHE_SECONDS", 600)
# A plan of more nodes than this is drawn with its areas and objectives closed, each loading
# what is beneath it when opened (cchc.plans.tree_html): the page stays bounded as plans grow.
CCHC_TREE_LAZY_NODES = _env_positive("CCHC_TREE_LAZY_NODES", 600)
# The health check answers on plain HTTP too (local checks by systemd or the proxy).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# -- end of production -----------------------------------------------------------------------
# Dashboards: how long (seconds) one process reuses a year's reporting periods (their rules
# and the calendar change rarely); 0 reads them on every page (docs/dashboards.md).
CCHC_DASHBOARDS_PERIODS_TTL = _env_int("CCHC_DASHBOARDS_PERIODS_TTL", 60)
# Dashboards: after a change, pages serve the figures last computed (with their "as of" time)
# while the background worker computes them again, for at most this many seconds after a page
# first found them stale; then a page computes them itself. 0: never serve stale figures
# (cchc.dashboards.store, docs/dashboards.md).
CCHC_DASHBOARDS_STALE_SECONDS = _env_int("CCHC_DASHBOARDS_STALE_SECONDS", 60)
# The periodic PAR report (cchc.documents, docs/official-reports.md): who issues it, where,
# who signs, who receives it, and the LibreOffice that turns it into PDF.
INSTALLED_APPS += ["cchc.documents"]
# Empty: the province's People's Committee as the agency registry names it on the issue day.
CCHC_ISSUING_BODY = os.environ.get("CCHC_ISSUING_BODY", "")
CCHC_ISSUING_PLACE = os.environ.get("CCHC_ISSUING_PLACE", "")
CCHC_SIGNER_TITLE = os.environ.get("CCHC_SIGNER_TITLE", "CHỦ TỊCH")
CCHC_SIGNER_NAME = os.environ.get("CCHC_SIGNER_NAME", "")
CCHC_REPORT_RECIPIENTS = [
    r.strip()
    for r in os.environ.get(
        "CCHC_REPORT_RECIPIENTS",
        "Bộ Nội vụ (b/c)|TT Tỉnh ủy, TT HĐND tỉnh (b/c)|Chủ tịch, các PCT UBND tỉnh"
        "|Các sở, cơ quan thuộc UBND tỉnh|UBND các xã, phường|Lưu: VT, NC",
    ).split("|")
    if r.strip()
]
CCHC_SOFFICE = os.environ.get("CCHC_SOFFICE", "soffice")
CCHC_PDF_TIMEOUT_SECONDS = _env_positive("CCHC_PDF_TIMEOUT_SECONDS", 120)
# Open data (docs/open-data.md): who publishes, under which licence.
CCHC_OPENDATA_PUBLISHER = os.environ.get("CCHC_OPENDATA_PUBLISHER", "Ủy ban nhân dân tỉnh")
CCHC_OPENDATA_LICENSE_ID = os.environ.get("CCHC_OPENDATA_LICENSE_ID", "CC-BY-4.0")
CCHC_OPENDATA_LICENSE_URL = os.environ.get(
    "CCHC_OPENDATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
# --- Dossier records (docs/dossiers.md) -----------------------------------------------------
# The province of this install: part of every dossier key ("24" = Bắc Giang).
CCHC_PROVINCE_CODE = os.environ.get("CCHC_PROVINCE_CODE", "24")
# Rows written per database round trip by the ingest.
CCHC_INGEST_CHUNK = _env_positive("CCHC_INGEST_CHUNK", 2_000)
