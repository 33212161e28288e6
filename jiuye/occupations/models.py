from django.db import models
from django.utils.translation import gettext_lazy as _


class OccupationQuerySet(models.QuerySet):
    def inside(self, code: str) -> "OccupationQuerySet":
        """Every node whose code lies inside the group `code` (the group included)."""
        return self.filter(code__startswith=group_prefix(code))


class Occupation(models.Model):
    """A node of the 2022 occupation classification: major group (1) down to occupation (4).

    Codes look like `4-01-02-01`; a group's code ends in zeros (`4-01-00-00`), so an
    occupation lies inside a group when the group's non-zero prefix is its prefix. The
    published table is irregular: some occupations sit directly under a medium group
    (`1-01-00-01`), some minor groups are absent, and one code is both a minor group and
    its only occupation (`2-03-01-00`), so the key is (code, level) and the parent is the
    nearest node above that exists.
    """

    code = models.CharField(_("code"), max_length=10, db_index=True)
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    definition = models.TextField(_("definition"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    aliases = models.TextField(_("other names"), blank=True)

    objects = OccupationQuerySet.as_manager()

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["code", "level"]
        constraints = [
            models.UniqueConstraint(fields=["code", "level"], name="occupation_code_level_unique"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="occupation_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def alias_list(self) -> list[str]:
        return [a for a in self.aliases.split("、") if a and a != self.name]


def ancestor_codes(code: str) -> list[str]:
    """Codes of the groups above, nearest first: `4-01-02-01` -> `4-01-02-00`, `4-01-00-00`..."""
    parts = code.split("-")
    result = []
    for keep in range(len(parts) - 1, 0, -1):
        candidate = "-".join(parts[:keep] + ["0" * len(p) for p in parts[keep:]])
        if candidate != code and candidate not in result:
            result.append(candidate)
    return result


def group_prefix(code: str) -> str:
    """The prefix that every code inside this node starts with: `2-02-00-00` -> `2-02-`."""
    parts = code.split("-")
    while len(parts) > 1 and not parts[-1].strip("0"):
        parts.pop()
    return "-".join(parts) + ("-" if len(parts) < 4 else "")
