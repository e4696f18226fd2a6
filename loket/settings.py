"""Loket settings: one file, driven by the environment (see docs/deploy.md).

SQLite (WAL, IMMEDIATE transactions) is the embedded default; set DATABASE_URL for
PostgreSQL. Nothing here reads the database or another app at import time.
"""

import importlib.util
import os
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-dev-key-change-me-" + "x" * 40)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
# Where the public can reach this office: printed in QR codes and letters.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

# django-ninja is not an installed app: as one, it would be imported (with pydantic,
# about 20 MB) by every worker at start. Its templates and static files (the API
# docs' Swagger UI, served from our own static files, not a CDN: CSP) are found from
# its folder, without importing it; the API itself loads lazily (loket/api_urls.py).
NINJA_DIR = Path(importlib.util.find_spec("ninja").submodule_search_locations[0])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Recovery codes: single-use codes shown once after enrolment.
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "loket.core",
    "loket.accounts",
    "loket.apiclients",
    "loket.standards",
    "loket.permits",
    "loket.notify",
    "loket.complaints",
    "loket.surveys",
    "loket.reports",
    "loket.audit",
    "loket.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Any error under /api/ leaves in the API's JSON error shape (after everything else).
    "loket.lib.api_errors.ApiErrorShapeMiddleware",
    "loket.lib.csp.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "loket.lib.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # PostgreSQL cannot store U+0000: such requests get a 400, not a DataError 500.
    "loket.lib.no_nul.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "loket.audit.middleware.AuditAddressMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Officers reach nothing but the second-factor pages until their session is
    # OTP-verified; one gate for HTML views and the API alike.
    "loket.accounts.middleware.OfficerTwoFactorMiddleware",
    # Answers to signed-in users and file downloads: Cache-Control: no-store.
    "loket.accounts.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes turns a locked-out login into its lockout page; it must be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "loket.urls"
WSGI_APPLICATION = "loket.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "loket" / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "loket.accounts.context.officer",
                "loket.core.identity.office_identity",
            ],
        },
    },
]

_sqlite_path = os.environ.get("SQLITE_PATH", str(VAR_DIR / "loket.sqlite3"))
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and envbool(
        "DATABASE_PREPARED_STATEMENTS", "true"
    ):
        # Server-side parameters, and a statement the connection has run twice is
        # prepared: the busiest pages (tracking, verification: a four-table join) stop
        # paying for planning on every request (measured in docs/bench.md). Behind a
        # pooler in transaction mode without prepared-statement support (PgBouncer
        # before 1.21), set DATABASE_PREPARED_STATEMENTS=false.
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=2
        )
else:
    # The embedded default needs its folder; nothing else is created at import.
    Path(_sqlite_path).parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _sqlite_path,
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue
                # instead of failing with "database is locked" on upgrade.
                "transaction_mode": "IMMEDIATE",
                # Seconds a writer waits for the lock before "database is locked".
                "timeout": envint("SQLITE_BUSY_TIMEOUT", 20),
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "TEST": {"NAME": os.environ.get("SQLITE_TEST_PATH") or None},
            # Keep each worker's connection between requests, as on PostgreSQL: opening
            # one costs its PRAGMAs and Django's SQL functions, and closing the last one
            # checkpoints the WAL; per request that was most of a public page's time
            # (docs/bench.md, "The platform floor").
            "CONN_MAX_AGE": int(os.environ.get("SQLITE_CONN_MAX_AGE", 600)),
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes watches every login (the page, the admin, the test client with a request)
# and refuses a username+address pair after AXES_FAILURE_LIMIT failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # An address that failed RATE_LOGIN_FAILURES times (any usernames) is refused.
    "loket.accounts.backends.AddressLimitBackend",
    # Applicants type their NIK; their account is named by its keyed hash.
    "loket.accounts.backends.NikBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failures are kept in the database: one count for every web process and server.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "loket.accounts.lockout.locked_out"
# The same client address as the rate limits (honours TRUSTED_PROXY_HEADER).
AXES_CLIENT_IP_CALLABLE = "loket.lib.ratelimit.client_address"
# Failed logins are counted (and stored, and logged) under the account name, never a NIK.
AXES_USERNAME_CALLABLE = "loket.accounts.backends.axes_username"
# Second factor (TOTP) for officers: the name authenticator apps show.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Loket")
# Setting up (or again) an authenticator needs a code an administrator issued
# (`manage.py issue_enrolment_code`, or the officers' admin action), valid this long.
OTP_ENROLMENT_HOURS = envint("OTP_ENROLMENT_HOURS", 24)
OTP_RECOVERY_CODES = envint("OTP_RECOVERY_CODES", 10)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "loket" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# The project's own CSS: loket/ is no app, so the app finder never looks there.
STATICFILES_DIRS = [BASE_DIR / "loket" / "static", NINJA_DIR / "static"]
# Uploaded documents and signed permits live outside any web root and are served
# only through views that check who is asking.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# Where they are kept (docs/deploy.md, "Private files"): PRIVATE_STORAGE=local, the
# folder PRIVATE_MEDIA_ROOT (written to a .part file, fsynced, renamed into place), or
# PRIVATE_STORAGE=s3, a private S3-compatible bucket (MinIO, Ceph RGW, a cloud bucket).
PRIVATE_STORAGE = os.environ.get("PRIVATE_STORAGE", "local").strip().lower() or "local"
if PRIVATE_STORAGE == "local":
    # No location here: the storage reads PRIVATE_MEDIA_ROOT when it is used.
    _private_storage = {"BACKEND": "loket.core.storage.PrivateFileSystemStorage"}
elif PRIVATE_STORAGE == "s3":
    if not os.environ.get("PRIVATE_S3_BUCKET"):
        raise ImproperlyConfigured("PRIVATE_STORAGE=s3 needs PRIVATE_S3_BUCKET")
    if bool(os.environ.get("PRIVATE_S3_ACCESS_KEY_ID")) != bool(
        os.environ.get("PRIVATE_S3_SECRET_ACCESS_KEY")
    ):
        raise ImproperlyConfigured(
            "set both PRIVATE_S3_ACCESS_KEY_ID and PRIVATE_S3_SECRET_ACCESS_KEY, or neither "
            "(then boto3 finds credentials itself: AWS_* variables, an instance role)"
        )
    _s3 = {
        "bucket_name": os.environ["PRIVATE_S3_BUCKET"],
        "location": os.environ.get("PRIVATE_S3_PREFIX", "").strip("/"),
        # Empty for buckets that refuse ACLs (AWS "bucket owner enforced"): still private.
        "default_acl": os.environ.get("PRIVATE_S3_DEFAULT_ACL", "private") or None,
        # Loket's views serve every file after checking who asks; no URL is ever handed
        # out, and an unsigned one to a private object gets nothing.
        "querystring_auth": False,
        # Never replace a stored file: a name already taken (never expected, the names
        # are random) is saved under another.
        "file_overwrite": False,
    }
    _s3.update(
        (option, os.environ[variable])
        for option, variable in [
            ("endpoint_url", "PRIVATE_S3_ENDPOINT_URL"),
            ("region_name", "PRIVATE_S3_REGION"),
            ("access_key", "PRIVATE_S3_ACCESS_KEY_ID"),
            ("secret_key", "PRIVATE_S3_SECRET_ACCESS_KEY"),
            ("addressing_style", "PRIVATE_S3_ADDRESSING_STYLE"),
        ]
        if os.environ.get(variable)
    )
    _private_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3}
else:
    raise ImproperlyConfigured(f"PRIVATE_STORAGE is local or s3, not {PRIVATE_STORAGE!r}")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": _private_storage,
}

UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
APPLICATION_MAX_BYTES = envint("APPLICATION_MAX_BYTES", 40 * 1024 * 1024)
# The check-your-answers page carries the chosen documents back as base64 form fields
# (loket/permits/carried.py): 4/3 of the largest filing, plus the answers.
DATA_UPLOAD_MAX_MEMORY_SIZE = APPLICATION_MAX_BYTES * 4 // 3 + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Electronic signatures (docs/issuance.md, docs/deploy.md "Signing"). Every signer has a
# personal certificate (SigningCertificate); their secret is typed at signing, never here.
# SIGNATURE_BACKEND: "local" (per-officer PKCS#12 files in SIGNING_KEY_DIR) or "bsre".
SIGNATURE_BACKEND = os.environ.get("SIGNATURE_BACKEND", "local")
SIGNING_TRUST_ROOTS = envlist("SIGNING_TRUST_ROOTS", str(VAR_DIR / "pki" / "ca.pem"))
# The demo CA and timestamp authority (`manage.py make_demo_pki`), beside the trust root.
SIGNING_DEMO_CA_DIR = os.environ.get(
    "SIGNING_DEMO_CA_DIR",
    str(Path(SIGNING_TRUST_ROOTS[0]).parent) if SIGNING_TRUST_ROOTS else str(VAR_DIR / "pki"),
)
SIGNING_KEY_DIR = os.environ.get("SIGNING_KEY_DIR", "")  # default: SIGNING_DEMO_CA_DIR/officers
# RFC 3161 timestamp authority; empty: the demo TSA in-process (never for real permits).
SIGNING_TSA_URL = os.environ.get("SIGNING_TSA_URL", "")
SIGNING_TSA_USER = os.environ.get("SIGNING_TSA_USER", "")
SIGNING_TSA_PASSWORD = os.environ.get("SIGNING_TSA_PASSWORD", "")
# Revocation data embedded in each permit: local CRL files, and/or fetched (CRL/OCSP)
# from the certificates' distribution points.
SIGNING_CRLS = envlist("SIGNING_CRLS", "")
SIGNING_FETCH_REVOCATION = envbool("SIGNING_FETCH_REVOCATION", "false")
# The certificate authority named on the permit's note.
SIGNING_AUTHORITY = os.environ.get(
    "SIGNING_AUTHORITY", "Loket DEMO CA (bukan untuk izin sungguhan)"
)
# BSrE Esign Client API v2 (SIGNATURE_BACKEND=bsre).
BSRE_BASE_URL = os.environ.get("BSRE_BASE_URL", "")
BSRE_USERNAME = os.environ.get("BSRE_USERNAME", "")
BSRE_PASSWORD = os.environ.get("BSRE_PASSWORD", "")
BSRE_TIMEOUT = float(os.environ.get("BSRE_TIMEOUT", "60"))
BSRE_VISIBLE = envbool("BSRE_VISIBLE", "true")
# An officer's certificate that ends within this many days is flagged.
SIGNING_EXPIRY_WARNING_DAYS = envint("SIGNING_EXPIRY_WARNING_DAYS", 30)

# NIK and phone numbers are encrypted at rest (loket/lib/crypto_fields.py): Fernet keys,
# comma-separated, the first encrypts and all decrypt (rotation: docs/privacy.md), and a
# separate key for the hashes that find a NIK or phone again. Unset, both derive from
# SECRET_KEY: for the demo only; with DEBUG off the server refuses to start on them
# (loket.E002), so production sets both explicitly, independent of SECRET_KEY.
FIELD_ENCRYPTION_KEYS = envlist("FIELD_ENCRYPTION_KEYS", os.environ.get("FIELD_ENCRYPTION_KEY", ""))
FIELD_HASH_KEY = os.environ.get("FIELD_HASH_KEY", "")
# The audit trail's hash chain is an HMAC under this key (loket/audit/chain.py), kept
# outside the database so whoever can write the database cannot recompute the chain.
# The default is for development only: with DEBUG off the server refuses it (loket.E003).
AUDIT_KEY = os.environ.get("AUDIT_KEY", "insecure-dev-audit-key-change-me-" + "x" * 20)
# Signed heads of the chain are appended here by a periodic job (default
# VAR_DIR/audit-anchor.jsonl); put it on storage the database's writers cannot rewrite.
AUDIT_ANCHOR_PATH = os.environ.get("AUDIT_ANCHOR_PATH", "")
AUDIT_ANCHOR_EVERY_SECONDS = envint("AUDIT_ANCHOR_EVERY_SECONDS", 300)

# Backups are encrypted under the operator's key (loket/ops/sealed.py): 32 random bytes,
# base64, in BACKUP_KEY or in the file BACKUP_KEY_FILE; a restore needs the same key.
BACKUP_KEY = os.environ.get("BACKUP_KEY", "")
BACKUP_KEY_FILE = os.environ.get("BACKUP_KEY_FILE", "")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "loket@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Operators who get an email when a periodic job starts failing (loket.core.jobs):
# "Name <address>" or plain addresses, comma-separated.
ADMINS = [parseaddr(entry) for entry in envlist("ADMINS")]
SMS_BACKEND = os.environ.get("SMS_BACKEND", "loket.notify.gateways.ConsoleSMS")
# FileSMS writes here; HttpSMS posts SMS_HTTP_TEMPLATE ({to}, {text}, {key}) to the URL.
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", str(VAR_DIR / "sms.jsonl"))
SMS_HTTP_URL = os.environ.get("SMS_HTTP_URL", "")
SMS_HTTP_TOKEN = os.environ.get("SMS_HTTP_TOKEN", "")
SMS_HTTP_USER = os.environ.get("SMS_HTTP_USER", "")
SMS_HTTP_PASSWORD = os.environ.get("SMS_HTTP_PASSWORD", "")
SMS_HTTP_TEMPLATE = os.environ.get(
    "SMS_HTTP_TEMPLATE", '{"to": "{to}", "text": "{text}", "idempotency_key": "{key}"}'
)
SMS_HTTP_TIMEOUT = envint("SMS_HTTP_TIMEOUT", 10)
# The header that carries the idempotency key, for gateways that dedupe on it (empty:
# the key goes only in the body, as the template places it).
SMS_HTTP_IDEMPOTENCY_HEADER = os.environ.get("SMS_HTTP_IDEMPOTENCY_HEADER", "Idempotency-Key")
# Outbox delivery (SMS and email): attempts before "failed", first retry delay
# (doubling each time), and how long a worker owns a message it is sending.
SMS_MAX_ATTEMPTS = envint("SMS_MAX_ATTEMPTS", 5)
SMS_RETRY_SECONDS = envint("SMS_RETRY_SECONDS", 60)
SMS_LEASE_SECONDS = envint("SMS_LEASE_SECONDS", 120)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
# Officers' sessions end after this much inactivity (applicants keep SESSION_COOKIE_AGE);
# every request saves the session, so the clock restarts at each one.
OFFICER_SESSION_IDLE_SECONDS = envint("OFFICER_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# HTTPS: off by default so the dev server and the test client speak plain HTTP; a
# deployment turns them on (`make check-deploy` fails on any one left off).
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false")
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "false")
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", "false")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "false")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
# Behind a TLS-terminating proxy, e.g. "HTTP_X_FORWARDED_PROTO,https"; only set it when
# the proxy always overwrites that header.
SECURE_PROXY_SSL_HEADER = tuple(envlist("SECURE_PROXY_SSL_HEADER")) or None
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

# Content-Security-Policy: no inline script or style anywhere (QR codes and charts are
# data: images); WeasyPrint's PDF templates keep their <style> since they are never
# served as HTML.
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
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Per-address limits of the public forms and lookups (loket/lib/ratelimit.py): requests
# allowed per window. Behind a reverse proxy REMOTE_ADDR is the proxy: name the header
# it sets (e.g. "HTTP_X_REAL_IP") in TRUSTED_PROXY_HEADER.
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "")
RATE_TRACK = envint("RATE_TRACK", 30)  # /lacak/ and its API, per 10 minutes
RATE_VERIFY = envint("RATE_VERIFY", 60)  # /v/<code> and its API, per 10 minutes
RATE_VERIFY_CHECK = envint("RATE_VERIFY_CHECK", 10)  # PDF upload checks, per 10 minutes
RATE_SURVEY = envint("RATE_SURVEY", 20)  # survey submissions, per hour
RATE_SURVEY_KIOSK = envint("RATE_SURVEY_KIOSK", 120)  # from the counter kiosk, per hour
RATE_REGISTER = envint("RATE_REGISTER", 10)  # applicant registrations, per hour
RATE_OTP = envint("RATE_OTP", 30)  # second-factor code attempts, per 10 minutes
# Failed sign-ins from one address across all usernames (password spraying), per 15 min.
RATE_LOGIN_FAILURES = envint("RATE_LOGIN_FAILURES", 20)
# A registered kiosk's responses are held for review (not counted in the IKM) when
# SURVEY_BURST_COUNT come within SURVEY_BURST_MINUTES, or one repeats an answer given
# there within SURVEY_DUPLICATE_MINUTES (loket/surveys/actions.py).
SURVEY_BURST_COUNT = envint("SURVEY_BURST_COUNT", 10)
SURVEY_BURST_MINUTES = envint("SURVEY_BURST_MINUTES", 5)
SURVEY_DUPLICATE_MINUTES = envint("SURVEY_DUPLICATE_MINUTES", 30)
COMPLAINTS_RATE_FILE = envint("COMPLAINTS_RATE_FILE", 5)  # complaints filed, per hour
COMPLAINTS_RATE_TRACK = envint("COMPLAINTS_RATE_TRACK", 30)  # complaint lookups, per 10 min
# The complaint mailbox (loket/complaints/mail_intake.py): IMAP, and/or a folder of .eml
# files a mail relay drops. With either set, `schedule_jobs` (run by `make run`) starts
# reading it every COMPLAINTS_MAIL_EVERY_SECONDS in the worker.
COMPLAINTS_IMAP_HOST = os.environ.get("COMPLAINTS_IMAP_HOST", "")
COMPLAINTS_IMAP_PORT = envint("COMPLAINTS_IMAP_PORT", 993)
COMPLAINTS_IMAP_SSL = envbool("COMPLAINTS_IMAP_SSL", "true")
COMPLAINTS_IMAP_USER = os.environ.get("COMPLAINTS_IMAP_USER", "")
COMPLAINTS_IMAP_PASSWORD = os.environ.get("COMPLAINTS_IMAP_PASSWORD", "")
COMPLAINTS_IMAP_FOLDER = os.environ.get("COMPLAINTS_IMAP_FOLDER", "INBOX")
# A message that cannot be read is flagged $Quarantined in the mailbox and, when this
# folder is set, moved there (it must exist).
COMPLAINTS_IMAP_QUARANTINE_FOLDER = os.environ.get("COMPLAINTS_IMAP_QUARANTINE_FOLDER", "")
COMPLAINTS_MAIL_DIR = os.environ.get("COMPLAINTS_MAIL_DIR", "")
COMPLAINTS_MAIL_EVERY_SECONDS = envint("COMPLAINTS_MAIL_EVERY_SECONDS", 300)
COMPLAINTS_OFFICE = os.environ.get("COMPLAINTS_OFFICE", "")
# The rate-limit counters (loket/lib/ratelimit.py) live in the cache, which must be one
# store for every web process and server: by default a table of the database (made by
# `migrate`, loket/accounts/apps.py). On PostgreSQL prefer Redis, whose increment is
# atomic: CACHE_BACKEND=django.core.cache.backends.redis.RedisCache,
# CACHE_LOCATION=redis://127.0.0.1:6379/1 (docs/deploy.md).
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "loket_cache"),
    }
}

# API clients (loket.apiclients): how long a bearer token lives, and the default
# per-client request limit per hour (each client may have its own).
API_TOKEN_SECONDS = envint("API_TOKEN_SECONDS", 3600)
API_CLIENT_RATE = envint("API_CLIENT_RATE", 600)
RATE_API_TOKEN = envint("RATE_API_TOKEN", 30)  # token requests per address, per 10 minutes
# Who Open311's discovery document names as the contact (default: DEFAULT_FROM_EMAIL).
OPEN311_CONTACT = os.environ.get("OPEN311_CONTACT", "")
# What every page shows and almost never changes (the office's identity in header and
# footer, rendered once per language), kept in each worker's own memory: a change
# made in the admin shows at once in the worker that saved it and within
# IDENTITY_CACHE_SECONDS in the others (docs/bench.md, "Public pages").
IDENTITY_CACHE_SECONDS = envint("IDENTITY_CACHE_SECONDS", 60)
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "loket-fragments",
    "TIMEOUT": IDENTITY_CACHE_SECONDS,
}
if CACHES["default"]["BACKEND"].endswith(".DatabaseCache"):
    # Culling a full table would delete live counters: keep it roomy.
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 100_000)}
