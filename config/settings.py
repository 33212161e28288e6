"""Jiuye settings: one file, driven by the environment.

Defaults are safe for production: DEBUG is off, secrets must come from the environment
(or from the `.env` file that `make demo` writes for a local demo).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env", override=False)


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Set it in the environment (see README, Production)."
    )

# Keys for personal data: ID numbers are encrypted with JIUYE_ID_KEYS (comma-separated,
# newest first, for rotation) and looked up by an HMAC keyed with JIUYE_ID_HASH_KEY.
JIUYE_ID_KEYS = env_list("JIUYE_ID_KEYS")
JIUYE_ID_HASH_KEY = env("JIUYE_ID_HASH_KEY", "")
if not JIUYE_ID_KEYS or not JIUYE_ID_HASH_KEY:
    raise ImproperlyConfigured(
        "JIUYE_ID_KEYS and JIUYE_ID_HASH_KEY must be set (see README, Production)."
    )

# The city this installation serves (Hechi, Guangxi by default).
JIUYE_CITY_CODE = env("JIUYE_CITY_CODE", "4512")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "jiuye.geo",
    "jiuye.occupations",
    "jiuye.accounts",
    "jiuye.people",
    "jiuye.employers",
    "jiuye.vacancies",
    "jiuye.applications",
    "jiuye.jobfairs",
    "jiuye.assistance",
    "jiuye.stats",
    "jiuye.web",
    "jiuye.api",
    "jiuye.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each page area keeps its templates beside its views (jiuye/web/<area>/templates).
        "DIRS": sorted((BASE_DIR / "jiuye" / "web").glob("*/templates")),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jiuye.web.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite by default (embedded, WAL), PostgreSQL when DATABASE_URL says so.
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'jiuye.sqlite3'}")
_db = dj_database_url.parse(DATABASE_URL)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
elif _db["ENGINE"] == "django.db.backends.postgresql" and env_bool("JIUYE_DB_POOL", True):
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {"pool": {"min_size": 1, "max_size": int(env("JIUYE_DB_POOL_SIZE", "8"))}}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) serve the job board and the dashboard on PostgreSQL; SQLite
# builds them without the included columns, as intended, so its warning is not news.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: 5 failures per username and address lock for an hour.
AXES_FAILURE_LIMIT = int(env("JIUYE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Internationalisation: Simplified Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
# Every app and page area keeps its own catalogue (jiuye/<app>/locale, jiuye/web/<area>/locale).
LOCALE_PATHS = sorted(str(p) for p in (BASE_DIR / "jiuye").glob("**/locale"))
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = BASE_DIR / "var" / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Background work: django-tasks on the database; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": env("JIUYE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Security headers. HTTPS settings are on unless DEBUG or JIUYE_INSECURE_HTTP says otherwise.
_secure = not DEBUG and not env_bool("JIUYE_INSECURE_HTTP", False)
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_SSL_REDIRECT = _secure and env_bool("JIUYE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if _secure else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("JIUYE_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
