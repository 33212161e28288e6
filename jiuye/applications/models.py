from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.scoping import ScopedQuerySet
from jiuye.applications.enums import ApplicationStatus, Availability, Channel
from jiuye.lib.transitions import StatusLabels


class JobSeekerQuerySet(ScopedQuerySet):
    region_field = "person__region__code"

    def visible_to_non_staff(self, user):
        return self.filter(person_id=user.person_id) if user.person_id else self.none()


class JobSeeker(models.Model):
    """A ledger person looking for work, with what they look for."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="seeker", verbose_name=_("person")
    )
    desired_occupations = models.CharField(
        _("desired occupations (codes)"),
        max_length=200,
        blank=True,
        help_text=_("2022 occupation codes, separated by spaces"),
    )
    desired_titles = models.CharField(_("desired jobs"), max_length=200, blank=True)
    desired_region_codes = models.CharField(_("desired areas (codes)"), max_length=200, blank=True)
    min_wage = models.PositiveIntegerField(_("lowest acceptable monthly wage"), default=0)
    availability = models.CharField(
        _("availability"), max_length=8, choices=Availability.choices, default=Availability.NOW
    )
    registered_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The person's household registration area, copied by database triggers (migration
    # 0003) on every write of the seeker and every move of the person, so that counting
    # seekers by area (supply and demand) reads no people row. Never set in code.
    area_code = models.CharField(max_length=12, default="", editable=False)

    objects = JobSeekerQuerySet.as_manager()

    class Meta:
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        # A township's supply and demand counts its seekers by `area_code LIKE '...%'`.
        indexes = [
            models.Index(
                fields=["area_code"], name="seeker_area_prefix", opclasses=["varchar_pattern_ops"]
            )
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def occupation_codes(self) -> list[str]:
        return self.desired_occupations.split()

    @property
    def region_codes(self) -> list[str]:
        return self.desired_region_codes.split()


class ApplicationQuerySet(ScopedQuerySet):
    """Staff see applications to vacancies in their area; employer users see those to their
    own vacancies; a seeker sees their own."""

    region_field = "vacancy__region__code"

    def visible_to_non_staff(self, user):
        if user.employer_id:
            return self.filter(vacancy__employer_id=user.employer_id)
        if user.person_id:
            return self.filter(seeker__person_id=user.person_id)
        return self.none()


class Application(models.Model):
    vacancy = models.ForeignKey(
        "vacancies.Vacancy",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("vacancy"),
    )
    seeker = models.ForeignKey(
        JobSeeker,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("job seeker"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    channel = models.CharField(
        _("made"), max_length=8, choices=Channel.choices, default=Channel.ONLINE
    )
    fair = models.ForeignKey(
        "jobfairs.JobFair",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("job fair"),
    )
    message = models.CharField(_("message to the employer"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status since"), auto_now_add=True)
    hired_at = models.DateTimeField(_("hired at"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["vacancy", "status"], name="application_vacancy_status"),
            models.Index(fields=["seeker", "created_at"], name="application_seeker_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "seeker"], name="application_one_per_seeker_and_vacancy"
            ),
            models.CheckConstraint(
                name="application_hired_has_hired_at",
                condition=~Q(status=ApplicationStatus.HIRED) | Q(hired_at__isnull=False),
            ),
            models.CheckConstraint(
                name="application_at_fair_names_fair",
                condition=~Q(channel=Channel.FAIR) | Q(fair__isnull=False),
            ),
            models.CheckConstraint(
                name="application_status_valid", condition=Q(status__in=ApplicationStatus.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker} → {self.vacancy}"


class ApplicationEvent(StatusLabels, models.Model):
    """One transition of an application: the complete log of its life."""

    status_choices = ApplicationStatus

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16)
    by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["application", "at"], name="appevent_application_at")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"
