"""Terugkeer settings: one module, every value read from the environment with a safe default.

Each variable is documented in README.md ("Configuratie"). The defaults are safe for production:
DEBUG is off, a secret key must be given, and the demo shortcut for two-factor is refused unless
DEBUG is on *and* the database is the embedded SQLite one.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from terugkeer.config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent  # the terugkeer package
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("TERUGKEER_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("TERUGKEER_DEBUG", False)

_DEV_SECRET = "insecure-development-key-only-for-make-run-and-tests"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when TERUGKEER_DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "simple_history",
    "django_htmx",
    "template_partials",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "oauth2_provider",
    "terugkeer.core",
    "terugkeer.accounts",
    "terugkeer.clients",
    "terugkeer.detention",
    "terugkeer.cases",
    "terugkeer.assessments",
    "terugkeer.mentoring",
    "terugkeer.interventions",
    "terugkeer.housing",
    "terugkeer.activities",
    "terugkeer.reports",
    "terugkeer.partners",
    "terugkeer.privacy",
    "terugkeer.synthetic",
    "terugkeer.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "terugkeer.accounts.middleware.TwoFactorRequiredMiddleware",
    "terugkeer.accounts.middleware.ActiveOrganisationMiddleware",
    "terugkeer.core.middleware.NoStoreMiddleware",
    # A shielded dossier read without a stated reason: to the page asking for one.
    "terugkeer.core.middleware.ReasonRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees a failed login after everything else ran.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "terugkeer.config.urls"
WSGI_APPLICATION = "terugkeer.config.wsgi.application"
ASGI_APPLICATION = "terugkeer.config.asgi.application"

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
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "terugkeer.accounts.context_processors.active_organisation",
                "terugkeer.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL selects the database; the embedded default is SQLite under var/.
EMBEDDED_DATABASE_URL = f"sqlite:///{VAR_DIR / 'terugkeer.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", EMBEDDED_DATABASE_URL),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
USES_EMBEDDED_DATABASE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if USES_EMBEDDED_DATABASE:
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication, two-factor, lockout ----------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

OTP_TOTP_ISSUER = "Terugkeer"
# The demo shortcut shows the current TOTP code on the verification page. It is honoured only
# with DEBUG on and the embedded database; anything else refuses to start.
TWO_FACTOR_DEMO_MODE = env_bool("TERUGKEER_TWO_FACTOR_DEMO", False)
if TWO_FACTOR_DEMO_MODE and not (DEBUG and USES_EMBEDDED_DATABASE):
    raise ImproperlyConfigured(
        "TERUGKEER_TWO_FACTOR_DEMO is only allowed with TERUGKEER_DEBUG on and the embedded SQLite "
        "database."
    )

AXES_FAILURE_LIMIT = env_int("TERUGKEER_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("TERUGKEER_LOGIN_COOLOFF_MINUTES", 30) / 60  # hours
# Locked per account, and per (account, client address), each after AXES_FAILURE_LIMIT failures.
# Never per address alone: behind a proxy or a shared office address that would lock out everyone.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
# Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or networks such
# as 10.0.0.0/24); empty: none.
TRUSTED_PROXIES = env_list("TERUGKEER_TRUSTED_PROXIES", [])
AXES_CLIENT_IP_CALLABLE = "terugkeer.accounts.client_ip.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions live in the database so app servers stay stateless; idle sessions expire.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("TERUGKEER_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers (production values when DEBUG is off) ---------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("TERUGKEER_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("TERUGKEER_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("TERUGKEER_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("TERUGKEER_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "nl"
# Dutch only until an English catalogue is complete (issue 12): the footer offers a language
# switch only when more than one language is listed here.
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("TERUGKEER_STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_MANIFEST = env_bool("TERUGKEER_STATIC_MANIFEST", not DEBUG)
# Without collected files (development, tests) WhiteNoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("TERUGKEER_MEDIA_ROOT", str(VAR_DIR / "media")))
# Documents on a trajectory (partners app): private storage outside the web root, served only
# through a view that checks access and writes the access log; the upload limit in bytes.
TERUGKEER_DOCUMENTS_ROOT = Path(env_str("TERUGKEER_DOCUMENTS_ROOT", str(VAR_DIR / "documents")))
DOCUMENT_MAX_BYTES = env_int("TERUGKEER_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)

# --- Notification import: limits per uploaded file (docs/import.md, "Limits") ---------------
IMPORT_MAX_BYTES = env_int("TERUGKEER_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("TERUGKEER_IMPORT_MAX_ROWS", 10_000)  # notifications
IMPORT_MAX_LINES = env_int("TERUGKEER_IMPORT_MAX_LINES", 20_000)  # empty and title lines too
IMPORT_MAX_COLUMNS = env_int("TERUGKEER_IMPORT_MAX_COLUMNS", 200)  # further right is ignored
IMPORT_MAX_CELL_CHARS = env_int("TERUGKEER_IMPORT_MAX_CELL_CHARS", 1_000)
IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES = env_int(
    "TERUGKEER_IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES", 60 * 1024 * 1024
)
IMPORT_MAX_XLSX_SHEET_BYTES = env_int("TERUGKEER_IMPORT_MAX_XLSX_SHEET_BYTES", 40 * 1024 * 1024)
IMPORT_MAX_XLSX_COMPRESSION_RATIO = env_int("TERUGKEER_IMPORT_MAX_XLSX_COMPRESSION_RATIO", 100)
IMPORT_MAX_XLSX_CELLS = env_int("TERUGKEER_IMPORT_MAX_XLSX_CELLS", 300_000)  # also shared strings

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Terugkeer <noreply@terugkeer.invalid>")

# --- Background tasks -----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- REST API (terugkeer.api, docs/api.md) ---------------------------------------------------
# Systems authenticate with OAuth2 client credentials (django-oauth-toolkit); people with their
# session. Only the token and revoke endpoints are mounted, under /api/v1/oauth/.
API_SCOPES = {
    "read:casework": "Lezen: cliënten, detenties, trajecten, metingen, mentorkoppelingen",
    "write:casework": "Wijzigen: trajecten",
    "read:intake": "Lezen: meldingen",
    "write:intake": "Aanleveren: meldingen",
    "read:reports": "Lezen: rapportages (geaggregeerd, kleine aantallen onderdrukt)",
}
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("TERUGKEER_API_TOKEN_SECONDS", 3600),
    "SCOPES": API_SCOPES,
    "DEFAULT_SCOPES": list(API_SCOPES),
    "OAUTH2_VALIDATOR_CLASS": "terugkeer.api.oauth.ApiClientValidator",
    "PKCE_REQUIRED": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
}
# DOT's application model, named: a migration points at this swappable model.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "terugkeer.api.authentication.ApiClientAuthentication",
        "terugkeer.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["terugkeer.api.permissions.ApiAccess"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "terugkeer.api.pagination.IdCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "terugkeer.api.schema.ApiAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["terugkeer.api.throttling.ApiClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": env_str("TERUGKEER_API_RATE", "1000/hour")},
    "EXCEPTION_HANDLER": "terugkeer.api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Terugkeer API",
    "DESCRIPTION": "REST API van Terugkeer (docs/api.md).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "OAUTH2_FLOWS": ["clientCredentials"],
    "OAUTH2_TOKEN_URL": "/api/v1/oauth/token/",
    "OAUTH2_SCOPES": API_SCOPES,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "terugkeer.api.schema.notifications_body_hook",
    ],
    "ENUM_NAME_OVERRIDES": {
        "TrajectoryStatusEnum": "terugkeer.cases.choices.TrajectoryStatus",
        "NotificationStatusEnum": "terugkeer.detention.choices.NotificationStatus",
        "NotificationSourceEnum": "terugkeer.detention.choices.NotificationSource",
        "TrajectorySourceEnum": "terugkeer.cases.choices.Source",
    },
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TERUGKEER_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

SILENCED_SYSTEM_CHECKS: list[str] = []
