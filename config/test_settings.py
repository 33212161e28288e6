"""Settings for the test suite: the production file with test keys and fast hashing."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("JIUYE_ID_KEYS", "dGVzdC1pZC1rZXktMzItYnl0ZXMtbG9uZy0wMTIzNDU=")
os.environ.setdefault("JIUYE_ID_HASH_KEY", "test-only-hash-key")
os.environ.setdefault("JIUYE_DB_POOL", "0")
os.environ.setdefault("JIUYE_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
SECURE_SSL_REDIRECT = False
STATIC_ROOT = None  # served by the finders in tests; nothing is collected


class UnknownTemplateVariable(str):
    """Make a template that names a variable the context lacks fail the test that renders it,
    instead of printing nothing (`{% if %}` still treats a missing variable as false)."""

    def __mod__(self, name):
        raise NameError(f"unknown template variable {name!r}")


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = UnknownTemplateVariable("%s")  # noqa: F405
