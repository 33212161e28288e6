import secrets

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.scoping import ScopedQuerySet
from jiuye.jobfairs.enums import FairMode, FairTheme, ParticipationStatus


class JobFairQuerySet(ScopedQuerySet):
    def visible_to_non_staff(self, user):
        return self.all()  # fairs are public

    def live_online(self, now=None):
        now = now or timezone.now()
        return self.filter(mode=FairMode.ONLINE, starts_at__lte=now, ends_at__gt=now)


class JobFair(models.Model):
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(
        _("theme"), max_length=24, choices=FairTheme.choices, default=FairTheme.GENERAL
    )
    mode = models.CharField(_("mode"), max_length=8, choices=FairMode.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    organiser = models.CharField(_("organiser"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = JobFairQuerySet.as_manager()

    class Meta:
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")
        indexes = [models.Index(fields=["region", "starts_at"], name="jobfair_region_starts")]
        constraints = [
            models.CheckConstraint(
                name="jobfair_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))
            ),
            models.CheckConstraint(
                name="jobfair_offline_has_venue",
                condition=Q(mode=FairMode.ONLINE) | ~Q(venue=""),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at

    @property
    def is_online(self) -> bool:
        return self.mode == FairMode.ONLINE


class FairEmployer(models.Model):
    """An employer's booth at a fair, with the vacancies it brings; staff approve it."""

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="participants")
    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.PROTECT, related_name="fairs"
    )
    booth = models.CharField(_("booth"), max_length=20, blank=True)
    vacancies = models.ManyToManyField("vacancies.Vacancy", related_name="fairs", blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fair employer")
        verbose_name_plural = _("fair employers")
        constraints = [
            models.UniqueConstraint(fields=["fair", "employer"], name="fairemployer_once_per_fair"),
            models.UniqueConstraint(
                fields=["fair", "booth"],
                condition=~Q(booth="") & Q(status=ParticipationStatus.APPROVED),
                name="fairemployer_booth_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fair}: {self.employer}"


def _new_code() -> str:
    return secrets.token_hex(5).upper()


class FairRegistration(models.Model):
    """A seeker's pre-registration; at offline fairs its code (shown as a QR code) is
    scanned at the entrance."""

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="registrations")
    seeker = models.ForeignKey(
        "applications.JobSeeker", on_delete=models.PROTECT, related_name="fair_registrations"
    )
    code = models.CharField(_("check-in code"), max_length=12, unique=True, default=_new_code)
    registered_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fair registration")
        verbose_name_plural = _("fair registrations")
        constraints = [
            models.UniqueConstraint(fields=["fair", "seeker"], name="fairregistration_once"),
            models.CheckConstraint(
                name="fairregistration_checkin_has_time",
                condition=Q(checked_in_by__isnull=True) | Q(checked_in_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fair}: {self.seeker} ({self.code})"
