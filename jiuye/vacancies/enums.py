from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for the employer's verification")
    LIVE = "live", _("Live")
    EXPIRED = "expired", _("Expired")
    CLOSED = "closed", _("Closed")


# A vacancy that was published: live now, or live before and expired or closed since. The
# platform's counts and supply and demand count these.
PUBLISHED_STATUSES = (VacancyStatus.LIVE, VacancyStatus.EXPIRED, VacancyStatus.CLOSED)

# The lifecycle, declared once: status -> statuses it may move to.
VACANCY_TRANSITIONS: dict[str, frozenset[str]] = {
    VacancyStatus.DRAFT: frozenset(
        {VacancyStatus.PENDING, VacancyStatus.LIVE, VacancyStatus.CLOSED}
    ),
    VacancyStatus.PENDING: frozenset(
        {VacancyStatus.LIVE, VacancyStatus.DRAFT, VacancyStatus.CLOSED}
    ),
    VacancyStatus.LIVE: frozenset({VacancyStatus.EXPIRED, VacancyStatus.CLOSED}),
    VacancyStatus.EXPIRED: frozenset({VacancyStatus.LIVE, VacancyStatus.CLOSED}),
    VacancyStatus.CLOSED: frozenset(),
}


class EmploymentType(models.TextChoices):
    """Values follow schema.org `employmentType`, so JSON-LD can use them as they are."""

    FULL_TIME = "FULL_TIME", _("Full time")
    PART_TIME = "PART_TIME", _("Part time")
    TEMPORARY = "TEMPORARY", _("Temporary")
    SEASONAL = "SEASONAL", _("Seasonal")
    INTERN = "INTERN", _("Internship")


# A vacancy must be re-confirmed by its employer this often to stay public; its employer's
# list flags it this many days before.
CONFIRMATION_DAYS = 30
CONFIRMATION_WARNING_DAYS = 7
