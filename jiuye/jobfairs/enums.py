from django.db import models
from django.utils.translation import gettext_lazy as _


class FairMode(models.TextChoices):
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("On site")


class FairTheme(models.TextChoices):
    GENERAL = "general", _("General recruitment")
    RETURNING_MIGRANTS = "returning_migrants", _("For returning migrant workers")
    GRADUATES = "graduates", _("For college graduates")
    PARTNER_CITY = "partner_city", _("Partner-city recruitment")
    POVERTY_ALLEVIATION = "poverty_alleviation", _("For people lifted out of poverty")
    DISABLED = "disabled", _("For people with disabilities")


class ParticipationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
