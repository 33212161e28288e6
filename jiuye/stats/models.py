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
