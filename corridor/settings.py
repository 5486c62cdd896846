"""Settings for the Tech Corridor Portal, read entirely from the environment.

Every variable is documented in ``.env.example`` and the README, and parsed
strictly by ``corridor.env``. With nothing set, the portal runs on a local SQLite
file with tasks in-process, so the demo needs nothing but Python. PostgreSQL is
the database of record and of the tests.
"""

import datetime
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from corridor.env import env
from corridor.env import env_bool
from corridor.env import env_client_ip_header
from corridor.env import env_database
from corridor.env import env_int_between
from corridor.env import env_proxy_ssl_header
from corridor.env import env_rate
from corridor.env import env_weekday

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "corridor.apps.CorridorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "corridor.caching",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_htmx",
    "axes",
    "csp",
    "corridor.web",
    "corridor.accounts",
    "corridor.portal",
    "corridor.digests",
    "corridor.webhooks",
    "corridor.demo",
    "corridor.results",
    "interventions",
    "coalitions",
    "usecases",
    "import_export",
    "corridor.insight",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corridor.errors.DatabaseUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corridor.web.language.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "corridor.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "corridor.wsgi.application"

# On PostgreSQL, statements are prepared on a connection after
# DATABASE_PREPARE_THRESHOLD runs (0: never) and plans are not JIT-compiled
# unless DATABASE_JIT is true (why: ``corridor.env.env_database``).
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.int("CONN_MAX_AGE", default=60),
        prepare_threshold=env.int("DATABASE_PREPARE_THRESHOLD", default=5),
        jit=env_bool("DATABASE_JIT", False),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:dashboard"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "corridor.accounts.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Security. Production (DEBUG off) is locked down by default; each setting can
# be overridden from the environment. `manage.py check --deploy` passes.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The header a TLS-terminating proxy sets, e.g. "X-Forwarded-Proto" (value https).
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header(
    "SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto" if not DEBUG else ""
)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
# The language cookie is sent over https only in production, like the session's.
LANGUAGE_COOKIE_SECURE = env_bool("LANGUAGE_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
# The client's address (corridor.security.client_ip): the rate limits, the login
# lockout and the token audit all count by it. TRUSTED_PROXY_COUNT is how many
# proxies stand in front of the portal, each appending to CLIENT_IP_HEADER the
# address it saw; the client is the address the outermost one saw. 0: no proxy,
# REMOTE_ADDR is the client and the header is ignored (the client writes it).
TRUSTED_PROXY_COUNT = env_int_between("TRUSTED_PROXY_COUNT", 0, 0, 10)
CLIENT_IP_HEADER = env_client_ip_header(
    "CLIENT_IP_HEADER", "X-Forwarded-For", trusted_proxies=TRUSTED_PROXY_COUNT
)
# A form refused for its CSRF token gets the portal's page (JSON under /api/).
CSRF_FAILURE_VIEW = "corridor.errors.csrf_failure"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Content-Security-Policy (django-csp 4): no inline or foreign scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Login brute force: django-axes locks a username+IP pair after 5 failures for
# 15 minutes. Attempts live in the database, shared by every web worker.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "corridor.security.client_ip.client_ip"
# The lockout page (registration/locked_out.html), 429 with Retry-After: the
# cool-off restarts with every attempt during a lockout, so it ends a full
# cool-off after the attempt being answered.
AXES_LOCKOUT_CALLABLE = "corridor.security.throttling.locked_out"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# Internationalisation: Dutch first, English second.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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
# Uploads live outside the static root and are served only through views that
# check visibility.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or BASE_DIR / "media")
MEDIA_URL = "/media-not-served/"

# Email: EMAIL_URL such as smtp://user:pass@host:25 or consolemail://.
# filemail:///var/mail writes one file per message under ./var/mail beside
# manage.py (django-environ reads the path without its leading slash;
# filemail:////var/mail is the absolute /var/mail).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
if EMAIL_CONFIG.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = str(BASE_DIR / EMAIL_CONFIG["EMAIL_FILE_PATH"])
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Tech Corridor <corridor@localhost>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# Celery: unset broker means tasks run in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A task taken by a worker that died is handed out again after this long.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": 2,
}

# Digests and notifications (corridor.digests). The weekly digest goes out on
# DIGEST_WEEKDAY at DIGEST_HOUR:00 (TIME_ZONE) for the week that ended at 00:00
# that day; the daily one every day at DIGEST_HOUR:00 for the day before.
CORRIDOR_DIGEST_WEEKDAY = env_weekday("DIGEST_WEEKDAY", "monday")
CORRIDOR_DIGEST_HOUR = env_int_between("DIGEST_HOUR", 7, 0, 23)
# A failed email is tried again after 2, 4, 8, 16 and 32 minutes: 6 tries in about an hour.
CORRIDOR_MAIL_MAX_ATTEMPTS = env_int_between("MAIL_MAX_ATTEMPTS", 6, 1, 20)
CORRIDOR_MAIL_RETRY_SECONDS = env_int_between("MAIL_RETRY_SECONDS", 120, 1, 86400)
# A send claimed longer ago than this, and not finished, was interrupted.
CORRIDOR_SEND_LEASE_SECONDS = env_int_between("MAIL_SEND_LEASE_SECONDS", 900, 10, 86400)
CORRIDOR_OUTBOX_SWEEP_SECONDS = env_int_between("OUTBOX_SWEEP_SECONDS", 60, 5, 3600)

# One beat process runs this schedule. Each entry expires before its next run,
# so a late one is dropped rather than stacked.
CELERY_BEAT_SCHEDULE = {
    "weekly-digest": {
        "task": "digests.send_periodic_digest",
        "schedule": crontab(
            minute=0,
            hour=CORRIDOR_DIGEST_HOUR,
            day_of_week=(CORRIDOR_DIGEST_WEEKDAY + 1) % 7,  # crontab: 0 is Sunday
        ),
        "args": ("weekly",),
        "options": {"expires": 6 * 24 * 60 * 60},
    },
    "daily-digest": {
        "task": "digests.send_periodic_digest",
        "schedule": crontab(minute=0, hour=CORRIDOR_DIGEST_HOUR),
        "args": ("daily",),
        "options": {"expires": 23 * 60 * 60},
    },
    "outbox-sweep": {
        "task": "digests.sweep_outbox",
        "schedule": float(CORRIDOR_OUTBOX_SWEEP_SECONDS),
        "options": {"expires": CORRIDOR_OUTBOX_SWEEP_SECONDS * 0.9},
    },
    "webhooks-sweep": {
        "task": "webhooks.sweep",
        "schedule": float(CORRIDOR_OUTBOX_SWEEP_SECONDS),
        "options": {"expires": CORRIDOR_OUTBOX_SWEEP_SECONDS * 0.9},
    },
    "webhooks-overdue-milestones": {
        "task": "webhooks.publish_overdue_milestones",
        "schedule": crontab(minute=15, hour=0),
        "options": {"expires": 23 * 60 * 60},
    },
    "open-data-nightly": {
        "task": "insight.build_open_data",
        "schedule": crontab(minute=30, hour=3),
        "options": {"expires": 23 * 60 * 60},
    },
}

# The cache holds the rate limits' counters (corridor.security.throttling) and
# the kept results of corridor.caching (pages and parts the public and the
# Board share, keyed by the data version). Production: CACHE_URL=redis://host:6379/1,
# so every gunicorn worker counts the same requests and reads one copy.
# Default: local memory (one process each: the demo and the tests).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Redis down: a cache miss, not an error (the cache holds nothing that
    # cannot be recomputed), and fast: the throttles then let requests through.
    CACHES["default"]["BACKEND"] = "corridor.security.cache.FailSoftRedisCache"
    CACHES["default"].setdefault("OPTIONS", {})
    CACHES["default"]["OPTIONS"].setdefault("socket_connect_timeout", 0.5)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 0.5)


# Rate limits, as requests/second|minute|hour|day. Over the limit: 429 with
# Retry-After. Per user for API callers with a token or session, per client IP
# for anonymous ones and for the login forms (portal and admin, one count);
# use case creation (API and form) per user; password reset emails per address.
THROTTLE_RATES = {
    "user": env_rate("THROTTLE_USER_RATE", "3000/hour"),
    "anon": env_rate("THROTTLE_ANON_RATE", "600/hour"),
    "use_case_create": env_rate("THROTTLE_USE_CASE_CREATE_RATE", "30/hour"),
    "login": env_rate("THROTTLE_LOGIN_RATE", "20/minute"),
    "password_reset": env_rate("THROTTLE_PASSWORD_RESET_RATE", "3/hour"),
}

# The API's viewsets set these themselves (corridor.api.viewsets); the defaults
# here cover the rest (API root, schema views).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "corridor.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["corridor.api.filters.CorridorFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "corridor.api.schema.CorridorAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "corridor.api.pagination.CorridorPagination",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "corridor.api.negotiation.CorridorContentNegotiation",
    "PAGE_SIZE": 25,
    "EXCEPTION_HANDLER": "corridor.api.exceptions.corridor_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "corridor.security.throttling.UserRateThrottle",
        "corridor.security.throttling.AnonRateThrottle",
        "corridor.security.throttling.ActionRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": THROTTLE_RATES,
}

# The licence the API's schema names (``info.license``): that of the corridor's
# published data.
API_LICENSE_NAME = env.str("API_LICENSE_NAME", default="CC BY 4.0")
API_LICENSE_URL = env.str("API_LICENSE_URL", default="https://creativecommons.org/licenses/by/4.0/")

SPECTACULAR_SETTINGS = {
    "TITLE": "Tech Corridor Portal API",
    "DESCRIPTION": "The Tech Corridor between the Amsterdam metropolitan region and Brainport.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Component descriptions come from the product's own serializers only.
    "GET_LIB_DOC_EXCLUDES": "corridor.api.schema.doc_excludes",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "corridor.api.schema.describe_parameters",
        "corridor.api.schema.type_nullable_choices",
        "corridor.api.schema.require_visible_text",
        "corridor.api.contract.describe_tags",
        "corridor.api.contract.add_servers_and_license",
        "corridor.api.contract.add_error_examples",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ActionLineStatusEnum": "interventions.models.ActionLine.Status",
        "ActionLineKindEnum": "interventions.models.ActionLine.Kind",
        "OrganisationKindEnum": "coalitions.models.Organisation.Kind",
        "CoalitionStatusEnum": "coalitions.models.Coalition.Status",
        "CapabilityEnum": "coalitions.models.Capability",
        "UseCaseStatusEnum": "usecases.models.UseCaseStatus",
        "SectorEnum": "usecases.models.Sector",
        "WebhookEventTypeEnum": "corridor.webhooks.models.EventType",
    },
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

# Admin exports quote formula-like text through corridor.csvsafe (the rule every
# CSV follows). The library's own escaping stays off: it drops a single leading
# "=" (so "==1+1" still runs) and ignores "+", "-", "@", tab and carriage return.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Password hashing is fast in tests (see conftest.py), strong everywhere else.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Board weights default for the four selection criteria live in the database
# (usecases.CriterionWeights); the review window flags waiting use cases.
CORRIDOR_REVIEW_WAIT_DAYS = env.int("CORRIDOR_REVIEW_WAIT_DAYS", default=14)
# How many assessments a use case needs before the Board selects it without
# recording an override; the last of them sends the webhook event
# ``use_case.assessments_completed``.
CORRIDOR_REVIEW_ASSESSMENTS_REQUIRED = env_int_between(
    "CORRIDOR_REVIEW_ASSESSMENTS_REQUIRED", 2, 1, 20
)

# Who publishes the positioning dossier and the open data: the title page's
# letterhead, the documents' author and the DCAT record's publisher. The logo is
# a static file path (SVG or PNG).
CORRIDOR_PUBLISHER_NAME = env.str("CORRIDOR_PUBLISHER_NAME", default="Amsterdam Economic Board")
CORRIDOR_PUBLISHER_LOGO = env.str("CORRIDOR_PUBLISHER_LOGO", default="corridor/board-logo.png")
CORRIDOR_PUBLISHER_ADDRESS = env.str(
    "CORRIDOR_PUBLISHER_ADDRESS", default="Jodenbreestraat 25, 1011 NH Amsterdam"
)
CORRIDOR_PUBLISHER_EMAIL = env.str("CORRIDOR_PUBLISHER_EMAIL", default="info@amecboard.com")
CORRIDOR_PUBLISHER_WEBSITE = env.str(
    "CORRIDOR_PUBLISHER_WEBSITE", default="https://amsterdameconomicboard.com"
)
# The open data's licence, stated in datapackage.json, the DCAT record and the page.
CORRIDOR_OPEN_DATA_LICENCE_ID = env.str("CORRIDOR_OPEN_DATA_LICENCE_ID", default="CC-BY-4.0")
CORRIDOR_OPEN_DATA_LICENCE_TITLE = env.str(
    "CORRIDOR_OPEN_DATA_LICENCE_TITLE", default="Creative Commons Attribution 4.0 International"
)
CORRIDOR_OPEN_DATA_LICENCE_URL = env.str(
    "CORRIDOR_OPEN_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"
)

# Where the portal is reached: the links in webhook payloads start here.
PORTAL_URL = env.str("PORTAL_URL", default="http://localhost:8000")

# Webhooks (corridor.webhooks): receivers on private, loopback or link-local
# addresses are refused unless this allows them (tests, a private deployment).
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", False)
# Plain http:// receivers only where DEBUG is on or this allows them.
WEBHOOKS_ALLOW_HTTP = env_bool("WEBHOOKS_ALLOW_HTTP", DEBUG)
WEBHOOKS_TIMEOUT_SECONDS = env_int_between("WEBHOOKS_TIMEOUT_SECONDS", 5, 1, 30)
# The seconds before each retry (Standard Webhooks' schedule, about a day in all).
WEBHOOKS_RETRY_SCHEDULE = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600]
# An endpoint failing this long is disabled and its owner emailed.
WEBHOOKS_DISABLE_AFTER_SECONDS = env_int_between(
    "WEBHOOKS_DISABLE_AFTER_SECONDS", 24 * 3600, 60, 7 * 24 * 3600
)
# A rotated secret keeps signing this long beside the new one.
WEBHOOKS_ROTATION_OVERLAP_SECONDS = 24 * 3600
