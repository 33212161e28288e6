"""Employment assistance: certification of people with employment difficulties,
zero-employment household cases, home visits and public welfare posts.

Statuses change only through `jiuye.assistance.services`; every change writes a log row
and an audit event. The invariants that matter are database constraints.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.scoping import ScopedQuerySet
from jiuye.assistance.enums import (
    OPEN_CERTIFICATION_STATUSES,
    CaseCloseReason,
    CaseStatus,
    CertificationStatus,
    PlacementEndReason,
    PlacementStatus,
    PostType,
)
from jiuye.people.models import ImportJob


class AssistanceRules(models.Model):
    """Numbers a province (or a city, a county) sets for itself. The most specific
    `area_code` prefix that covers a region wins; the row with an empty code is the default."""

    area_code = models.CharField(_("area code"), max_length=12, unique=True, blank=True)
    notice_days = models.PositiveSmallIntegerField(_("public notice days"), default=5)
    certification_months = models.PositiveSmallIntegerField(
        _("certification valid for (months)"), default=24
    )
    case_deadline_days = models.PositiveSmallIntegerField(
        _("days to get a zero-employment household into work"), default=30
    )
    # Welfare-post priority points (see jiuye.assistance.rules.PriorityPoints).
    points_near_retirement = models.PositiveSmallIntegerField(
        _("points: within five years of retirement"), default=40
    )
    points_zero_employment_household = models.PositiveSmallIntegerField(
        _("points: member of a zero-employment household"), default=30
    )
    points_disabled = models.PositiveSmallIntegerField(_("points: disabled"), default=20)
    points_same_village = models.PositiveSmallIntegerField(
        _("points: lives in the post's village"), default=15
    )
    points_same_township = models.PositiveSmallIntegerField(
        _("points: lives in the post's township"), default=10
    )
    points_same_county = models.PositiveSmallIntegerField(
        _("points: lives in the post's county"), default=5
    )

    class Meta:
        verbose_name = _("assistance rules")
        verbose_name_plural = _("assistance rules")

    def __str__(self) -> str:
        return self.area_code or "*"


class DifficultyCategory(models.Model):
    """A ground for certifying employment difficulty. Defaults (province "") come from a
    data migration; a province adds its own with its two-digit code."""

    province_code = models.CharField(_("province"), max_length=2, blank=True)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("difficulty category")
        verbose_name_plural = _("difficulty categories")
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "code"], name="difficulty_category_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CertificationQuerySet(ScopedQuerySet):
    region_field = "region__code"


class Certification(models.Model):
    """就业困难人员认定: application -> verification visit -> public notice -> county
    approval -> certified until `valid_until`; rejected or revoked with a reason."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="certifications"
    )
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    category = models.ForeignKey(
        DifficultyCategory, on_delete=models.PROTECT, verbose_name=_("category")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CertificationStatus.choices,
        default=CertificationStatus.APPLIED,
    )
    applied_on = models.DateField(_("applied on"))
    applied_by_person = models.BooleanField(_("applied by the person"), default=False)
    statement = models.TextField(_("statement"), blank=True)
    visit_on = models.DateField(_("verification visit on"), null=True, blank=True)
    visit_findings = models.TextField(_("visit findings"), blank=True)
    notice_start = models.DateField(_("notice from"), null=True, blank=True)
    notice_end = models.DateField(_("notice until"), null=True, blank=True)
    certified_on = models.DateField(_("certified on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    closed_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("difficulty certification")
        verbose_name_plural = _("difficulty certifications")
        ordering = ["-applied_on", "-id"]
        indexes = [models.Index(fields=["status", "region"], name="cert_status_region")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=[s.value for s in OPEN_CERTIFICATION_STATUSES]),
                name="cert_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status=CertificationStatus.CERTIFIED)
                | Q(certified_on__isnull=False, valid_until__isnull=False),
                name="cert_certified_has_dates",
            ),
            models.CheckConstraint(
                condition=~Q(status=CertificationStatus.ON_NOTICE)
                | Q(notice_start__isnull=False, notice_end__gte=F("notice_start")),
                name="cert_notice_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.category}"


class CertificationTransition(models.Model):
    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    action = models.CharField(max_length=16)
    by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.to_status}"

    @property
    def status_label(self) -> str:
        return CertificationStatus(self.to_status).label


class CaseQuerySet(ScopedQuerySet):
    region_field = "region__code"


class ZeroEmploymentCase(models.Model):
    """A household found with nobody in work, and the deadline to get a member a job."""

    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="zero_employment_cases"
    )
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_on = models.DateField(_("detected on"))
    deadline = models.DateField(_("deadline"))
    cleared_on = models.DateField(_("cleared on"), null=True, blank=True)
    cleared_by_member = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member in work"),
    )
    close_reason = models.CharField(
        _("reason"), max_length=20, choices=CaseCloseReason.choices, blank=True
    )
    close_note = models.CharField(_("note"), max_length=300, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    refused_offers_on = models.DateField(
        _("marked as refusing three suitable offers on"), null=True, blank=True
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("zero-employment household case")
        verbose_name_plural = _("zero-employment household cases")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"], name="zcase_status_deadline")]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status=CaseStatus.OPEN),
                name="zcase_one_open_per_household",
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLEARED) | Q(cleared_on__isnull=False),
                name="zcase_cleared_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLOSED) | ~Q(close_reason=""),
                name="zcase_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.opened_on}"


class JobOffer(models.Model):
    """A suitable job offered to a zero-employment household, and whether it was refused."""

    case = models.ForeignKey(ZeroEmploymentCase, on_delete=models.CASCADE, related_name="offers")
    offered_on = models.DateField(_("offered on"))
    description = models.CharField(_("job offered"), max_length=200)
    refused = models.BooleanField(_("refused"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["offered_on", "id"]

    def __str__(self) -> str:
        return self.description


class VisitQuerySet(ScopedQuerySet):
    region_field = "region__code"


class HomeVisit(models.Model):
    household = models.ForeignKey(
        "people.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("household"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("person"),
    )
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    visited_on = models.DateField(_("visited on"))
    visitors = models.CharField(_("visitors"), max_length=200)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("home visit")
        verbose_name_plural = _("home visits")
        ordering = ["-visited_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(household__isnull=False) | Q(person__isnull=False),
                name="visit_has_household_or_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.household or self.person}"


class FollowUpQuerySet(ScopedQuerySet):
    region_field = "visit__region__code"


class FollowUpTask(models.Model):
    visit = models.ForeignKey(HomeVisit, on_delete=models.CASCADE, related_name="tasks")
    description = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description


class PostTypeRule(models.Model):
    """Eligibility for one post type: who may hold it, age limits, term. Configuration
    loaded by a data migration; staff change it in the admin."""

    post_type = models.CharField(
        _("post type"), max_length=20, choices=PostType.choices, unique=True
    )
    accepts_certified = models.BooleanField(
        _("certified people with employment difficulties"), default=True
    )
    accepts_poverty_groups = models.BooleanField(
        _("poor or lifted-out-of-poverty labourers"), default=False
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=16)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), default=59)
    catchment_digits = models.PositiveSmallIntegerField(
        _("catchment (region code digits shared with the post)"),
        default=9,
        help_text=_("9: same township, 6: same county"),
    )
    term_months = models.PositiveSmallIntegerField(_("term (months)"), default=36)

    class Meta:
        verbose_name = _("post type rule")
        verbose_name_plural = _("post type rules")

    def __str__(self) -> str:
        return self.get_post_type_display()


class PostQuerySet(ScopedQuerySet):
    region_field = "region__code"


class WelfarePost(models.Model):
    post_type = models.CharField(_("post type"), max_length=20, choices=PostType.choices)
    title = models.CharField(_("post"), max_length=100)
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    host_unit = models.CharField(_("host unit"), max_length=100)
    duties = models.CharField(_("duties"), max_length=300, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=100, blank=True)
    monthly_subsidy = models.PositiveIntegerField(_("monthly subsidy (yuan)"))
    places = models.PositiveSmallIntegerField(_("places"))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("public welfare post")
        verbose_name_plural = _("public welfare posts")
        ordering = ["region", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="post_places_positive"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="post_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.host_unit})"


class PlacementQuerySet(ScopedQuerySet):
    region_field = "post__region__code"


class Placement(models.Model):
    post = models.ForeignKey(WelfarePost, on_delete=models.PROTECT, related_name="placements")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="welfare_placements"
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=PlacementStatus.choices,
        default=PlacementStatus.ACTIVE,
    )
    start_date = models.DateField(_("from"))
    term_end = models.DateField(_("term ends"))
    end_date = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=16, choices=PlacementEndReason.choices, blank=True
    )
    score = models.PositiveIntegerField(_("priority score"), default=0)
    confirmed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("welfare post placement")
        verbose_name_plural = _("welfare post placements")
        ordering = ["post", "start_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status=PlacementStatus.ACTIVE),
                name="placement_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status=PlacementStatus.ACTIVE)
                | Q(end_date__isnull=False) & ~Q(end_reason=""),
                name="placement_ended_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(term_end__gt=F("start_date")), name="placement_term_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.post}"


class MonthlyRecord(models.Model):
    """One month of a placement: days worked and the subsidy due; never twice a month."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="months")
    month = models.DateField(_("month"))
    days_worked = models.PositiveSmallIntegerField(_("days worked"))
    subsidy = models.PositiveIntegerField(_("subsidy (yuan)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "month"], name="monthly_record_unique"),
            models.CheckConstraint(
                condition=Q(days_worked__lte=31), name="monthly_record_days_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.month:%Y-%m}"


class AllocationRunQuerySet(ScopedQuerySet):
    region_field = "area__code"


class AllocationRun(models.Model):
    """A confirmed allocation, placed in the background (a county's thousands of places
    take minutes); its counts are the progress the page polls."""

    # A background job's states, the same as the ledger import's.
    Status = ImportJob.Status

    area = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    start_date = models.DateField(_("placements start on"))
    pairs = models.JSONField(default=list)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("checked"), default=0)
    placed = models.PositiveIntegerField(_("placed"), default=0)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = AllocationRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.area_id} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def total(self) -> int:
        return len(self.pairs)
