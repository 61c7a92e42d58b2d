"""Settings shared by every run mode. See README.md, "Configuration"."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from jln_portal.env import env_bool, env_choice, env_int, env_int_list, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("JLN_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "jln_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_countries",
    "simple_history",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "accounts",
    "countries",
    "membership",
    "outbox",
    "eoi",
    "evaluation",
    "reports",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jln_portal.badinput.BadInputMiddleware",  # before sessions: a NUL in a cookie never reaches the database
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jln_portal.sessions.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "eoi.middleware.InputOwnerCookieMiddleware",  # whose typed input may be kept over a login
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "jln_portal.urls"
WSGI_APPLICATION = "jln_portal.wsgi.application"

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
                "jln_portal.context_processors.portal",
            ],
            "libraries": {"moments": "jln_portal.templatetags.moments"},
        },
    },
    {
        # Plain-text e-mail parts (outbox.services.mail_render): no HTML escaping,
        # so "Côte d'Ivoire" stays as typed.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False, "libraries": {"moments": "jln_portal.templatetags.moments"}},
    },
]

# Content-Security-Policy (django-csp) on every response: scripts, styles, fonts and images
# from the portal itself only — no inline script, no event-handler or style attribute, no
# CDN. A page that needs more says so with csp.decorators.csp_update (the outbox's mail
# preview: the mail's own inline styles).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Database: SQLite under var/ unless DATABASE_URL names PostgreSQL. ---
DATABASE_URL = env_url("DATABASE_URL", None, schemes=("postgres", "postgresql", "sqlite"))
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: the Celery broker and the shared cache when REDIS_URL is set. ---
REDIS_URL = env_url("REDIS_URL", None, schemes=("redis", "rediss"))
if REDIS_URL:
    # Fails soft (jln_portal/cache.py): while Redis is down pages answer without the cache.
    _redis_timeout = env_int("REDIS_CACHE_TIMEOUT_MS", 500, minimum=10) / 1000
    CACHES = {"default": {
        "BACKEND": "jln_portal.cache.FailSoftRedisCache", "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_timeout": _redis_timeout, "socket_connect_timeout": _redis_timeout},
    }}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Fragments of base.html that depend only on the code, the role and the language (the menu,
# the session warning's texts): kept in each process, as they are the same in every process.
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL  # embedded default: tasks run in-process
# `check --deploy` refuses SQLite and in-process tasks unless these say they are intended.
JLN_ALLOW_SQLITE = env_bool("JLN_ALLOW_SQLITE", False)
JLN_ALLOW_EAGER_TASKS = env_bool("JLN_ALLOW_EAGER_TASKS", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery closes Django's database connection around every task unless told to
# reuse it: a new PostgreSQL connection per mail sent would halve the rate.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 200, minimum=0)
# Tasks never wait in the broker longer than half of this (scheduling lives in the database).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=60)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Several portals (or a test's own worker) may share one Redis: each uses its own queue.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_BEAT_SCHEDULE = {
    "outbox-dispatch-due": {"task": "outbox.dispatch_due", "schedule": 30.0},
    "outbox-recover-stuck": {"task": "outbox.recover_stuck", "schedule": 60.0},
    "outbox-send-reminders": {"task": "outbox.send_reminders", "schedule": 3600.0},
    "reports-recover-stuck": {"task": "reports.recover_stuck", "schedule": 600.0},
    "reports-purge-old": {"task": "reports.purge_old", "schedule": 6 * 3600.0},
    "eoi-purge-stashed-input": {"task": "eoi.purge_stashed_input", "schedule": 3600.0},
    "privacy-apply-retention": {"task": "privacy.apply_retention", "schedule": 24 * 3600.0},
}
CELERY_TIMEZONE = "UTC"

# --- Outbox (outbox/sending.py; docs/architecture.md, "Outgoing mail") ---
# A send task is killed after OUTBOX_SEND_TIME_LIMIT seconds; a row still in
# "sending" after OUTBOX_STUCK_AFTER belongs to a dead worker and is recovered;
# a due row whose task the broker lost is queued again after OUTBOX_REQUEUE_AFTER.
OUTBOX_SEND_TIME_LIMIT = env_int("OUTBOX_SEND_TIME_LIMIT", 120, minimum=5)
OUTBOX_STUCK_AFTER = timedelta(seconds=env_int("OUTBOX_STUCK_AFTER_SECONDS", 300, minimum=10))
OUTBOX_REQUEUE_AFTER = timedelta(seconds=env_int("OUTBOX_REQUEUE_AFTER_SECONDS", 120, minimum=1))
OUTBOX_BATCH_WARNING = timedelta(days=env_int("OUTBOX_BATCH_WARNING_DAYS", 3, minimum=0))
# Reminders (eoi/reminders.py, evaluation/reminders.py): days before a call's
# deadline to remind countries with a draft or no EOI, and before a review
# deadline to remind facilitators with unfinished reviews. Links in mail sent
# by beat jobs (no request to take the address from) start with PORTAL_URL.
EOI_REMINDER_DAYS = env_int_list("EOI_REMINDER_DAYS", [7, 2], minimum=1)
REVIEW_REMINDER_DAYS = env_int_list("REVIEW_REMINDER_DAYS", [3, 1], minimum=1)
PORTAL_URL = env_url("PORTAL_URL", "http://localhost:8000", schemes=("http", "https")).rstrip("/")

# --- People ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.AuthenticationBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "landing"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_MAX_AGE = timedelta(days=env_int("INVITATION_MAX_AGE_DAYS", 14, minimum=1))
# A session ends after SESSION_COOKIE_AGE seconds *without a request* (not since login):
# a request renews it, at most once every SESSION_RENEW_AFTER seconds (jln_portal/sessions.py).
# A signed-in page warns SESSION_WARNING_BEFORE seconds ahead and offers to renew it
# (static/js/session_warning.js, accounts:keepalive).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8, minimum=300)
SESSION_RENEW_AFTER = 60
SESSION_WARNING_BEFORE = 5 * 60
# The privacy notice (/privacy/) says how long the personal data of teams that were not
# selected is kept: this many months after the call's feedback date.
JLN_DEFAULT_RETENTION_MONTHS = 24
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): per e-mail *and* IP address, so a whole ministry
# behind one address is not locked out by one person's typos on deadline day.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_CALLABLE = "accounts.throttling.normalised_username"
# How many reverse proxies stand in front of the portal, each appending the address it saw
# to X-Forwarded-For (0: none, the connection's address is the client's). The client's
# address is read from that header only when this says a proxy wrote it
# (accounts.throttling.client_ip; django-ipware is not used).
PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
# Password reset: at most this many requests per e-mail address, and per client address,
# per hour (accounts.views.PasswordResetView).
PASSWORD_RESET_LIMIT_PER_EMAIL = 3
PASSWORD_RESET_LIMIT_PER_CLIENT = 20
AXES_VERBOSE = False

# --- Languages and time ---
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr")
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Files ---
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
REPORTS_KEEP_DAYS = env_int("REPORTS_KEEP_DAYS", 30, minimum=1)  # generated files (reports app)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Mail ---
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "JLN portal <noreply@jln-portal.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where a country's answer to any mail goes (Reply-To): the network manager, not the no-reply sender.
NETWORK_MANAGER_EMAIL = env_str("NETWORK_MANAGER_EMAIL", "")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
COUNTRIES_FIRST = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))},
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},  # one line per rendering step otherwise
}
