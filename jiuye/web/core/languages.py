"""The names in settings.LANGUAGES, marked here so that this area's catalogue translates them:
the settings module lies outside every catalogue."""

from django.utils.translation import gettext_noop

LANGUAGE_NAMES = [gettext_noop("Simplified Chinese"), gettext_noop("English")]
