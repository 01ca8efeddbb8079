"""Django settings, configured by environment variables (see README, "Configuration").

Embedded defaults run everything on one machine: SQLite under ``var/``, local
files, a cache table in the database. The same code runs on PostgreSQL (``DATABASE_URL``)
and Redis (``REDIS_URL``).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from observatory.conf import (
    env_bool,
    env_list,
    new_master_key,
    new_secret_key,
    private_dir,
    secret_from_env_or_file,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("OBSERVATORY_DATA_DIR", BASE_DIR / "data"))
VAR_DIR = private_dir(Path(os.environ.get("OBSERVATORY_VAR_DIR", BASE_DIR / "var")))

DEBUG = env_bool("OBSERVATORY_DEBUG", False)
# Plain HTTP is allowed only for local development and tests; production always runs behind TLS.
HTTPS = env_bool("OBSERVATORY_HTTPS", not DEBUG)

SECRET_KEY = secret_from_env_or_file(
    env="OBSERVATORY_SECRET_KEY", path=VAR_DIR / "secret_key", generate=new_secret_key, what="Django secret key"
)
# The master key wraps the per-organisation data keys that encrypt case identities.
MASTER_KEY_FILE = VAR_DIR / "master.key"
MASTER_KEY = secret_from_env_or_file(
    env="OBSERVATORY_MASTER_KEY", path=MASTER_KEY_FILE, generate=new_master_key, what="data-encryption master key"
)

# The audit key keys the hash chain of the audit trail (observatory/audit/chain.py): kept outside the
# database, so that write access to the database is not enough to rewrite the trail unnoticed.
AUDIT_KEY = secret_from_env_or_file(
    env="OBSERVATORY_AUDIT_KEY", path=VAR_DIR / "audit.key", generate=new_master_key, what="audit-trail key"
)
# Signed checkpoints of the trail's head: the Ed25519 key that signs them (made on first use) and the
# folder they are written to. Copy checkpoints off the machine; see docs/audit.md.
AUDIT_SIGNING_KEY_FILE = Path(os.environ.get("OBSERVATORY_AUDIT_SIGNING_KEY_FILE", VAR_DIR / "audit-signing.key"))
AUDIT_CHECKPOINT_DIR = Path(os.environ.get("OBSERVATORY_AUDIT_CHECKPOINT_DIR", VAR_DIR / "checkpoints"))
AUDIT_CHECKPOINT_EMAIL = env_list("OBSERVATORY_AUDIT_CHECKPOINT_EMAIL", [])

# Backups (observatory/backups): the key that encrypts them, made by `observatory backup key`, and
# where `backup create` writes. Keep the key apart from the backups; see docs/backups.md.
BACKUP_KEY_FILE = Path(os.environ.get("OBSERVATORY_BACKUP_KEY_FILE", VAR_DIR / "backup.key"))
BACKUP_DIR = Path(os.environ.get("OBSERVATORY_BACKUP_DIR", VAR_DIR / "backups"))

ALLOWED_HOSTS = env_list("OBSERVATORY_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("OBSERVATORY_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "observatory.core",
    "observatory.audit",
    "observatory.jobs",
    "observatory.countries",
    "observatory.accounts",
    "observatory.indicators",
    "observatory.events",
    "observatory.public",
    "observatory.impact",
    "observatory.cases",
    "observatory.dedup",
    "observatory.network",
    "observatory.advocacy",
    "observatory.laws",
    "observatory.scorecard",
    "observatory.reviews",
    "observatory.reports",
    "observatory.search",
    "observatory.backups",
    # Newer apps last: where two catalogues translate the same text, the earlier app wins, so a new
    # app never changes the words of the pages that were there before it.
    "observatory.partners",
    "observatory.rights",
    "observatory.meetings",
    "observatory.training",
    "observatory.figures",
    "observatory.stories",
    "django_tasks_db",
    # The API docs page (/api/v1/docs) uses the Swagger UI files django-ninja ships, served from this
    # site: the security policy allows no CDN.
    "ninja",
]

MIDDLEWARE = [
    "observatory.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "observatory.api.errors.ApiBodyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "observatory.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "observatory.urls"
WSGI_APPLICATION = "observatory.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "observatory.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'observatory.sqlite3'}"),
        conn_max_age=int(os.environ.get("OBSERVATORY_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of failing,
        # and the audit chain always extends the true last entry.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache that every worker and app server shares: rate limits, pages and charts must not differ
# between processes. Redis when REDIS_URL is set; otherwise a table in the database (created by
# `observatory setup`), which needs nothing else installed.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
elif os.environ.get("OBSERVATORY_CACHE") == "memory":
    # One process only (the test suite, where each test starts with an empty cache): never for a server.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "observatory"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "observatory_cache",
                          "OPTIONS": {"MAX_ENTRIES": 50000, "CULL_FREQUENCY": 4}}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "observatory.accounts.backends.PolicyBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "public:work"  # a worker lands on their work, not the public home page
LOGOUT_REDIRECT_URL = "public:home"

# Login throttling: five failures for one username from one address lock it for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("OBSERVATORY_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "observatory.accounts.lockout.lockout_response"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Drug Policy Observatory"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "observatory" / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Collected static files (hashed names, compressed) in production; served from the apps in development and tests.
COLLECTED_STATIC = env_bool("OBSERVATORY_COLLECTED_STATIC", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if COLLECTED_STATIC
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if os.environ.get("OBSERVATORY_S3_BUCKET"):
    # Files kept through Django's storage (images of stories, exports kept for download) go to an
    # S3-compatible bucket (django-storages; install the `s3` extra). Case attachments are not among
    # them: they are encrypted in the database. See docs/deploy.md.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["OBSERVATORY_S3_BUCKET"],
            "endpoint_url": os.environ.get("OBSERVATORY_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("OBSERVATORY_S3_REGION") or None,
            "location": os.environ.get("OBSERVATORY_S3_PREFIX", "media"),
            "default_acl": None,  # the bucket's policy decides; objects are never public by default
            "querystring_auth": True,
            "file_overwrite": False,
            "server_side_encryption": "AES256",
        },
    }
WHITENOISE_USE_FINDERS = not COLLECTED_STATIC

# Content Security Policy: no inline scripts, no third-party origins (a closed deployment has no internet).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("OBSERVATORY_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("OBSERVATORY_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Logs never carry request bodies or query strings: case identities must not reach a log file.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Exceptions are logged by kind and frames, never their message (observatory/core/logging.py).
    "formatters": {
        "plain": {"()": "observatory.core.logging.PlainFormatter", "format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "observatory.core.logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler",
                             "formatter": "json" if os.environ.get("OBSERVATORY_LOG_FORMAT") == "json" else "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OBSERVATORY_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
    },
}

NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_CLASS = "observatory.core.apitools.BoundedPageNumberPagination"

# Rate limits count on the shared cache, keyed on the client address seen by the outermost of this many
# trusted reverse proxies (0: the address of the connection itself).
TRUSTED_PROXIES = int(os.environ.get("OBSERVATORY_TRUSTED_PROXIES", "0"))
RATELIMIT_USE_CACHE = "default"
# (attempts, seconds). Sign-in per client address (axes also locks an account after
# OBSERVATORY_LOGIN_FAILURE_LIMIT failures); API: failed tokens per address, and requests per token.
SIGN_IN_RATE = (20, 15 * 60)
API_TOKEN_FAILURE_RATE = (20, 10 * 60)
API_TOKEN_RATE = (1200, 10 * 60)

# Prometheus metrics at /metrics, only with "Authorization: Bearer <token>"; unset: /metrics is a 404.
METRICS_TOKEN = os.environ.get("OBSERVATORY_METRICS_TOKEN", "")

# Public pages are cached whole per data version (observatory/core/pagecache.py); 0 turns that off.
PAGE_CACHE = env_bool("OBSERVATORY_PAGE_CACHE", True)

# Email: printed to the console on the embedded default; set OBSERVATORY_EMAIL_HOST for SMTP.
_EMAIL_HOST = os.environ.get("OBSERVATORY_EMAIL_HOST", "")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _EMAIL_HOST,
                "port": int(os.environ.get("OBSERVATORY_EMAIL_PORT", "587")),
                "username": os.environ.get("OBSERVATORY_EMAIL_USER", ""),
                "password": os.environ.get("OBSERVATORY_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("OBSERVATORY_EMAIL_TLS", True),
                "timeout": 30,
            },
        }
        if _EMAIL_HOST
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("OBSERVATORY_EMAIL_FROM", "observatory@localhost")
# The address people reach the site at, for links in e-mails (a participant's private link).
SITE_URL = os.environ.get("OBSERVATORY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background tasks (django.tasks): queued in the database and run by `observatory worker`.
# OBSERVATORY_TASKS=immediate runs each task at once inside the request (tests, or a machine
# that runs no worker). See docs/jobs.md.
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("OBSERVATORY_TASKS", "db") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}
# After an import, rebuild country pages and briefs in the background (jobs.services.derived_refresh).
DERIVED_REFRESH = env_bool("OBSERVATORY_DERIVED_REFRESH", True)
# Uploads over 2.5 MB are spooled here (private), not to /tmp; `observatory worker` removes stale ones.
FILE_UPLOAD_TEMP_DIR = str(private_dir(VAR_DIR / "tmp" / "uploads"))
