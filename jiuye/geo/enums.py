from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    CITY = 2, _("City")
    COUNTY = 3, _("County")
    TOWNSHIP = 4, _("Township")
    VILLAGE = 5, _("Village")


# Length of the division code at each level: the code's prefix is its ancestry.
CODE_LENGTHS = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.CITY: 4,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWNSHIP: 9,
    RegionLevel.VILLAGE: 12,
}
LEVEL_BY_LENGTH = {length: level for level, length in CODE_LENGTHS.items()}


def level_of_code(code: str) -> RegionLevel | None:
    return LEVEL_BY_LENGTH.get(len(code)) if code.isdigit() else None


def parent_code_of(code: str) -> str | None:
    lengths = sorted(CODE_LENGTHS.values())
    index = lengths.index(len(code)) if len(code) in lengths else 0
    return code[: lengths[index - 1]] if index > 0 else None
