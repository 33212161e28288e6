from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetStatus(models.TextChoices):
    EXCEEDED = "exceeded", _("Target met or exceeded")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    NO_DATA = "no_data", _("No data")
