import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.scoping import ScopedQuerySet
from jiuye.employers.enums import EmployerStatus
from jiuye.lib.transitions import StatusLabels
from jiuye.people.enums import Education
from jiuye.vacancies.enums import (
    CONFIRMATION_DAYS,
    CONFIRMATION_WARNING_DAYS,
    EmploymentType,
    VacancyStatus,
)


class VacancyQuerySet(ScopedQuerySet):
    """Staff see the vacancies whose place of work lies in their area; employer users see
    their own employer's; the public sees `public()`."""

    region_field = "region__code"

    def visible_to_non_staff(self, user):
        return self.filter(employer_id=user.employer_id) if user.employer_id else self.none()

    def public(self, *, now: datetime.datetime | None = None) -> "VacancyQuerySet":
        """Live, not past its end date, confirmed within the last 30 days, verified employer."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        return self.filter(
            status=VacancyStatus.LIVE,
            valid_until__gte=today,
            confirmed_at__gte=now - datetime.timedelta(days=CONFIRMATION_DAYS),
            employer__status=EmployerStatus.VERIFIED,
        )


class Vacancy(models.Model):
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("employer"),
    )
    title = models.CharField(_("job title"), max_length=100)
    occupation_code = models.CharField(
        _("occupation (2022 classification)"), max_length=10, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    headcount = models.PositiveIntegerField(_("positions"), default=1)
    wage_min = models.PositiveIntegerField(_("monthly wage from (yuan)"))
    wage_max = models.PositiveIntegerField(_("monthly wage up to (yuan)"))
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("place of work")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    education = models.CharField(
        _("education required"), max_length=2, choices=Education.choices, blank=True
    )
    skills = models.CharField(_("skills required"), max_length=300, blank=True)
    housing = models.BooleanField(_("housing provided"), default=False)
    meals = models.BooleanField(_("meals provided"), default=False)
    transport = models.BooleanField(_("transport provided"), default=False)
    employment_type = models.CharField(
        _("employment type"),
        max_length=16,
        choices=EmploymentType.choices,
        default=EmploymentType.FULL_TIME,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT
    )
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"))
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("near-duplicate of"),
    )
    # Derived at save time by `set_derived_fields`: the county of the place of work (for the
    # board's area filter in posting order) and the normalised text and pinyin searched.
    county_code = models.CharField(max_length=6, blank=True, editable=False)
    search_text = models.CharField(max_length=500, blank=True, editable=False)
    pinyin_keys = models.CharField(max_length=300, blank=True, editable=False)
    search_grams = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [
            models.Index(fields=["employer", "status"], name="vacancy_employer_status"),
            models.Index(
                "county_code",
                F("posted_on").desc(),
                F("id").desc(),
                name="vacancy_live_county_posted",
                condition=Q(status="live"),
            ),
            models.Index(
                F("posted_on").desc(),
                F("id").desc(),
                name="vacancy_live_posted",
                condition=Q(status="live"),
            ),
            models.Index(fields=["status", "valid_until"], name="vacancy_status_valid"),
        ]
        constraints = [
            models.CheckConstraint(
                name="vacancy_wage_range_ordered", condition=Q(wage_max__gte=F("wage_min"))
            ),
            models.CheckConstraint(
                name="vacancy_headcount_positive", condition=Q(headcount__gte=1)
            ),
            models.CheckConstraint(
                name="vacancy_live_is_posted_and_confirmed",
                condition=~Q(status="live")
                | (Q(posted_on__isnull=False) & Q(confirmed_at__isnull=False)),
            ),
            models.CheckConstraint(
                name="vacancy_status_valid", condition=Q(status__in=VacancyStatus.values)
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def set_derived_fields(self, *, occupation_name: str = "") -> None:
        from jiuye.vacancies.search_text import vacancy_search_fields

        self.county_code = (self.region_id or "")[:6]
        fields = vacancy_search_fields(
            title=self.title,
            employer_name=self.employer.name,
            occupation_name=occupation_name,
            region_code=self.region_id or "",
        )
        self.search_text = fields["search_text"]
        self.pinyin_keys = fields["pinyin_keys"]
        self.search_grams = fields["search_grams"]

    def confirmation_due(self) -> datetime.datetime | None:
        if self.confirmed_at is None:
            return None
        return self.confirmed_at + datetime.timedelta(days=CONFIRMATION_DAYS)

    @property
    def confirmation_due_soon(self) -> bool:
        """Live and due for re-confirmation within a week (or already overdue, and so off
        the board): the employer's list flags it."""
        due = self.confirmation_due()
        soon = timezone.now() + datetime.timedelta(days=CONFIRMATION_WARNING_DAYS)
        return self.status == VacancyStatus.LIVE and due is not None and due <= soon

    def is_public(self, *, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == VacancyStatus.LIVE
            and self.valid_until >= timezone.localdate(now)
            and self.confirmed_at is not None
            and self.confirmed_at >= now - datetime.timedelta(days=CONFIRMATION_DAYS)
            and self.employer.status == EmployerStatus.VERIFIED
        )


class VacancyEvent(StatusLabels, models.Model):
    """One step in a vacancy's lifecycle: who moved it from which status to which, when."""

    status_choices = VacancyStatus

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["vacancy", "at"], name="vacancyevent_vacancy_at")]

    def __str__(self) -> str:
        return f"{self.vacancy_id}: {self.from_status} -> {self.to_status}"


# The vacancy's fields a posting copies for the board's filters (besides posted_on).
POSTING_FILTER_FIELDS = [
    "county_code",
    "occupation_code",
    "wage_max",
    "employment_type",
    "valid_until",
    "confirmed_at",
]


class VacancyTerm(models.Model):
    """One posting of the job board's term index: a live vacancy holds this term with this
    relevance rank (see `vacancies.search_terms`). It carries copies of the vacancy's board
    filters, so that on PostgreSQL the covering index (term, rank, posted_on, vacancy)
    answers a keyword search, in board order, without reading a vacancy row."""

    pk = models.CompositePrimaryKey("vacancy", "term")
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="terms", db_index=False
    )
    term = models.CharField(max_length=40)
    rank = models.PositiveSmallIntegerField()
    posted_on = models.DateField()
    # Copies of the vacancy's fields the board filters on, rewritten with the postings.
    county_code = models.CharField(max_length=6)
    occupation_code = models.CharField(max_length=10)
    wage_max = models.PositiveIntegerField()
    employment_type = models.CharField(max_length=16)
    valid_until = models.DateField()
    confirmed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(
                fields=["term", "-rank", "-posted_on", "-vacancy"],
                include=POSTING_FILTER_FIELDS,
                name="vacancyterm_board_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} {self.rank}: {self.vacancy_id}"
