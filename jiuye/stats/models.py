from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiuye.accounts.scoping import ScopedQuerySet


class TargetQuerySet(ScopedQuerySet):
    region_field = "region__code"


class Target(models.Model):
    """A yearly target for one indicator in one area.

    The level above sets the city's target; the city splits it among its counties and each
    county among its townships (`jiuye.stats.services.split_target`). For a count the
    children's targets add up to the parent's, or `split_note` says why they do not.
    """

    indicator_code = models.CharField(_("indicator"), max_length=64)
    year = models.PositiveSmallIntegerField(_("year"))
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    split_note = models.TextField(
        _("why the split does not add up"),
        blank=True,
        help_text=_("Required when the targets of the areas below do not add up to this one."),
    )
    set_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["year", "indicator_code", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_code", "year", "region"], name="target_one_per_area_year"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="target_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.region_id} {self.year}: {self.value}"


class DataVersion(models.Model):
    """A counter that database triggers raise on every write to the tables the indicators
    read (see migration 0002 and `jiuye.stats.freshness`). The figures computed for version
    V are served again only while the version is still V, so a cached figure is never stale.

    PostgreSQL writers raise one of sixteen shards picked at random (the version is their
    sum), so concurrent writers rarely wait on the same row."""

    shard = models.PositiveSmallIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return f"{self.shard}: {self.version}"


class DirtySubject(models.Model):
    """A person ("p") or household ("h") whose ledger facts may have changed, queued by
    database triggers on every write to people, spells, group memberships and households
    (migration 0006); "*" asks for a full rebuild (after a TRUNCATE). Drained by every
    read of the tallies (`jiuye.stats.tally.drain`)."""

    kind = models.CharField(max_length=1)
    ref_id = models.BigIntegerField()

    class Meta:
        verbose_name = _("queued statistics update")
        verbose_name_plural = _("queued statistics updates")

    def __str__(self) -> str:
        return f"{self.kind}{self.ref_id}"


class SubjectFacts(models.Model):
    """The facts (`jiuye.stats.facts`) last tallied for one person or household, as JSON:
    what to subtract from the tallies when the subject's rows change."""

    kind = models.CharField(max_length=1)
    ref_id = models.BigIntegerField()
    # The subject's area as its facts place it (a person's or household's facts all share
    # one area): a township's view reads its subjects' facts by it (`tally._query_facts`).
    region = models.CharField(max_length=12, default="")
    facts = models.TextField()

    class Meta:
        verbose_name = _("subject facts")
        verbose_name_plural = _("subject facts")
        constraints = [
            models.UniqueConstraint(fields=["kind", "ref_id"], name="subjectfacts_one_per_subject")
        ]
        indexes = [
            models.Index(
                fields=["kind", "region"],
                name="subjectfacts_by_area",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}{self.ref_id}"


class Tally(models.Model):
    """The change of a fact's count (`delta`) on the days of one bucket, in one township.

    `grain` is "y" (the bucket is 1 January of a year), "m" (the first of a month) or "d"
    (the day itself): every change is written at all three, so the value on day D is the
    sum of the years before D's year, the months of that year before D's month and the days
    of D's month up to D. `region` is the subject's area cut to `cut` digits: 6 (county)
    for the city view, 9 (township) for a county's, so a read covers about as many rows
    as the area has children. Township and village views sum their few thousand
    subjects' stored facts instead (`SubjectFacts.region`)."""

    code = models.CharField(max_length=8)
    period_year = models.PositiveSmallIntegerField()
    cut = models.PositiveSmallIntegerField(default=9)
    # `region` cut to the area that reads this cut: the city (4 digits) for county rows,
    # the county (6) for township rows. A county's view reads its own rows only.
    scope = models.CharField(max_length=6, default="")
    region = models.CharField(max_length=9)
    grain = models.CharField(max_length=1)
    bucket = models.DateField()
    delta = models.IntegerField()

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "period_year", "cut", "region", "grain", "bucket"],
                name="tally_one_per_bucket_cut",
            )
        ]
        # Covering on PostgreSQL: a read is an index-only range scan per fact and grain.
        indexes = [
            models.Index(
                fields=["cut", "scope", "code", "grain", "bucket"],
                include=["region", "period_year", "delta"],
                name="tally_read_by_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.region} {self.grain} {self.bucket}: {self.delta}"


class PlatformTally(models.Model):
    """Platform counts kept by area and day, fed like `Tally` from the queue: the
    vacancies posted and the positions offered ("vn", "vp"), the applications made and
    hired ("ap", "hi"), the job seekers active in a quarter ("sn"; "sM" and "sm" by the
    major and medium occupation group they want) and the people who applied in a year
    ("ja"). `region` is cut to `cut` digits: 6, 9 or 12.

    - `until`: for a vacancy the first day of the quarter of its `valid_until` (a vacancy
      is live in a quarter when posted by its last day and valid until its first day or
      later); for a job seeker the first day of the quarter they were active in; for an
      application, or a year's first application, 1 January of its year.
    - `bucket`: the day posted, made, hired, or first active, at the
      grain "d" (the day) and "m" (the first of its month): a range of days reads whole
      months at "m" and the days at either end at "d".
    - `dim`: the medium occupation group of the positions ("vp"), the group a seeker
      wants ("sM", "sm"), or "" (`jiuye.stats.platform_tally`)."""

    code = models.CharField(max_length=2)
    cut = models.PositiveSmallIntegerField()
    region = models.CharField(max_length=12)
    dim = models.CharField(max_length=16)
    until = models.DateField()
    grain = models.CharField(max_length=1)
    bucket = models.DateField()
    delta = models.BigIntegerField()

    class Meta:
        verbose_name = _("platform tally")
        verbose_name_plural = _("platform tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["cut", "code", "grain", "region", "dim", "until", "bucket"],
                name="platformtally_one_per_bucket",
            )
        ]
        indexes = [
            models.Index(
                fields=["cut", "grain", "bucket"],
                include=["code", "region", "dim", "until", "delta"],
                name="platformtally_by_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.region} {self.dim} {self.grain} {self.bucket}: {self.delta}"
