from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.geo.enums import RegionLevel


class RegionQuerySet(models.QuerySet):
    def within(self, area_code: str) -> "RegionQuerySet":
        """The area itself and everything below it."""
        return self.filter(code__startswith=area_code)

    def children_of(self, code: str) -> "RegionQuerySet":
        return self.filter(parent_id=code)


class Region(models.Model):
    """An administrative division. The code is the key and its prefix is its ancestry."""

    code = models.CharField(_("code"), max_length=12, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    is_made_up = models.BooleanField(
        _("made up for the demo"),
        default=False,
        help_text=_("Demo villages are invented under real townships and marked so."),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "code"], name="region_parent_code")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="region_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["Region"]:
        """From the province down to this region's parent, in one query."""
        from jiuye.geo.enums import CODE_LENGTHS

        codes = [self.code[:n] for n in sorted(CODE_LENGTHS.values()) if n < len(self.code)]
        return list(Region.objects.filter(code__in=codes).order_by("level"))

    @property
    def full_name(self) -> str:
        return "".join(r.name for r in self.ancestors() if r.name != "市辖区") + self.name
