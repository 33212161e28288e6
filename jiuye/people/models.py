import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.scoping import ScopedQuerySet
from jiuye.lib import crypto
from jiuye.people.enums import (
    CertificateKind,
    Education,
    EmploymentStatus,
    Ethnicity,
    PersonGroup,
    Relation,
    Sex,
    SkillLevel,
    SpellSource,
)


class PersonQuerySet(ScopedQuerySet):
    region_field = "region__code"

    def visible_to_non_staff(self, user):
        return self.filter(pk=user.person_id) if user.person_id else self.none()

    def with_id_number(self, id_number: str) -> "PersonQuerySet":
        """Find by a normalised ID number through its keyed hash."""
        return self.filter(id_number_hash=crypto.keyed_hash(id_number))


class Household(models.Model):
    number = models.CharField(_("household number"), max_length=32)
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("area"),
        db_index=False,  # household_region below
    )
    head = models.ForeignKey(
        "Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head of household"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        # Indexes are paid on every imported row (see docs/benchmarks-ledger.md): each one
        # here serves a query. Area scoping is `region_id LIKE '4512%'`, which on a
        # database whose collation is not C only a pattern-ops index serves; a unique
        # constraint (unlike `unique=True`) adds no pattern-ops twin that nothing queries.
        indexes = [
            models.Index(
                fields=["region"], name="household_region", opclasses=["varchar_pattern_ops"]
            )
        ]
        constraints = [models.UniqueConstraint(fields=["number"], name="household_number_unique")]

    def __str__(self) -> str:
        return self.number


class Person(models.Model):
    """A member of the labour force, known by their resident identity number.

    The number is stored encrypted (`id_number_encrypted`), found through a keyed hash
    (`id_number_hash`, unique) and shown masked (`id_number_masked`). Birth date and sex
    are derived from it when the person is created.
    """

    id_number_encrypted = models.BinaryField(_("ID number (encrypted)"))
    id_number_hash = models.BinaryField(max_length=32, unique=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=18)
    name = models.CharField(_("name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("household registration area"),
        db_index=False,  # person_region_prefix and person_region_name below
    )
    current_region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current address area"),
        db_index=False,  # nothing selects by it; regions are never deleted
    )
    education = models.CharField(
        _("education"), max_length=2, choices=Education.choices, blank=True
    )
    ethnicity = models.CharField(
        _("ethnicity"), max_length=2, choices=Ethnicity.choices, blank=True
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("household"),
    )
    relation = models.CharField(
        _("relation to head"), max_length=16, choices=Relation.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # Every index is paid on every imported row: each one serves a query (see
        # Household.Meta and docs/benchmarks-ledger.md). Scoping and the phone search are
        # prefix matches (`LIKE '4512%'`, `LIKE '138%'`): pattern-ops indexes.
        indexes = [
            models.Index(
                fields=["region"], name="person_region_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["region", "name"], name="person_region_name"),
            models.Index(
                fields=["phone"], name="person_phone_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(sex__in=["M", "F"]), name="person_sex_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def age_on(self, day: datetime.date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def reveal_id_number(self) -> str:
        """The full number. Callers must audit the reveal: see people.services."""
        return crypto.decrypt(self.id_number_encrypted)


class GroupMembership(models.Model):
    """A person belongs to a group (registered poor, disabled, ...) from `start` to `end`."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="groups")
    group = models.CharField(_("group"), max_length=32, choices=PersonGroup.choices)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    detail = models.CharField(
        _("detail"), max_length=50, blank=True, help_text=_("disability level, graduation year")
    )

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        indexes = [models.Index(fields=["group", "person"], name="groupmember_group_person")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "group"],
                condition=Q(end__isnull=True),
                name="groupmember_one_open_per_group",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="groupmember_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_group_display()}"


class Skill(models.Model):
    """An occupation the person can do, as a code of the 2022 classification."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="skills")
    occupation_code = models.CharField(_("occupation"), max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "occupation_code"], name="skill_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.occupation_code}"


class Certificate(models.Model):
    """A certificate the person holds: a skill level, a qualification, a permit."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("kind"), max_length=24, choices=CertificateKind.choices)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the certificate says, e.g. 电工")
    )
    occupation_code = models.CharField(_("occupation"), max_length=10, blank=True)
    level = models.CharField(_("level"), max_length=1, choices=SkillLevel.choices, blank=True)
    number = models.CharField(_("certificate number"), max_length=50, blank=True)
    issuer = models.CharField(_("issued by"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["person", "-issued_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(valid_until__gte=F("issued_on")),
                name="certificate_valid_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EmploymentSpell(models.Model):
    """A person's employment status over a half-open interval [start, end).

    Spells are never overwritten: a new status closes the open spell (its `end` becomes the
    new spell's `start`) and opens another. The database holds all of it, whoever writes: at
    most one open spell per person (a unique constraint), spells of a person never overlap
    (an exclusion constraint on PostgreSQL, since migration 0007 over each spell drawn as a
    box; a trigger on SQLite) and a written spell is never rewritten, only closed (a
    trigger); see migration 0004. `people.services.
    record_employment_status` also locks the person, so that concurrent writers queue
    instead of failing. "As of D" means `start <= D < end` (or no end).

    On SQLite, a migration that rebuilds this table (most `AlterField`s do) drops its
    triggers: write such a migration by hand, as 0005 is.
    """

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="spells",
        db_index=False,  # spell_person_start serves every lookup by person
    )
    status = models.CharField(_("status"), max_length=24, choices=EmploymentStatus.choices)
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place of work"),
    )
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spells",
        verbose_name=_("employer"),
    )
    employer_name = models.CharField(_("employer name"), max_length=200, blank=True)
    occupation_code = models.CharField(_("occupation"), max_length=10, blank=True)
    occupation_text = models.CharField(
        _("occupation as written"),
        max_length=100,
        blank=True,
        help_text=_("What the form or the imported file said, kept beside the code."),
    )
    monthly_income = models.PositiveIntegerField(_("monthly income (yuan)"), null=True, blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=24, choices=SpellSource.choices)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("employment spell")
        verbose_name_plural = _("employment spells")
        ordering = ["person", "start", "id"]
        indexes = [
            models.Index(fields=["person", "start"], name="spell_person_start"),
            models.Index(fields=["status", "start"], name="spell_status_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(end__isnull=True), name="spell_one_open_per_person"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="spell_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EmploymentStatus.values), name="spell_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_status_display()} {self.start}–{self.end or ''}"


class ImportJob(models.Model):
    """One ledger import from the upload page, run in the background; its counts are the
    progress the page polls."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    dry_run = models.BooleanField(_("dry run"), default=False)
    skip_invalid = models.BooleanField(_("write the valid rows, skip the others"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(
        null=True, blank=True, help_text="rows after the header, counted before the import"
    )
    new = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    written = models.BooleanField(_("written to the ledger"), default=False)
    problems = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ExportJob(models.Model):
    """A ledger list too long to send while the page waits (a gunicorn worker is given 30
    seconds), written in the background to a file that only the person who asked for it
    may download, for a day. ID numbers in it are masked: a file that waits on disk never
    holds full ones."""

    Status = ImportJob.Status
    KEPT_FOR = datetime.timedelta(days=1)

    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    format = models.CharField(_("format"), max_length=4)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportJob.Status.choices, default="queued"
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ledger export")
        verbose_name_plural = _("ledger exports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(format__in=["csv", "xlsx"]), name="exportjob_format_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_by_id} {self.format} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def expires_at(self) -> datetime.datetime | None:
        return self.finished_at + self.KEPT_FOR if self.finished_at else None
