"""Configuration lookups: which rules apply to a region, and the priority weights."""

import datetime
from typing import NamedTuple

from jiuye.assistance.models import AssistanceRules, DifficultyCategory
from jiuye.people.enums import WORKING_AGE_MAX

# Every eligible pair scores at least BASE, so any placement beats leaving a place empty.
BASE = 1
YEARS_BEFORE_RETIREMENT = 5


class PriorityPoints(NamedTuple):
    """Priority points for welfare posts (documented in docs/assistance.md); an area sets
    its own in `AssistanceRules`, these are the defaults."""

    near_retirement: int = 40  # within five years of retirement age
    zero_employment_household: int = 30  # member of a household with an open case
    disabled: int = 20
    # Nearest home: by the length of the region-code prefix home and post share.
    same_village: int = 15
    same_township: int = 10
    same_county: int = 5

    def priority(self, *, near_retirement: bool, zero_household: bool, disabled: bool) -> int:
        return (
            self.near_retirement * bool(near_retirement)
            + self.zero_employment_household * bool(zero_household)
            + self.disabled * bool(disabled)
        )

    def distance(self, home_code: str, post_code: str) -> int:
        for digits, points in ((12, self.same_village), (9, self.same_township)):
            if len(post_code) >= digits and home_code[:digits] == post_code[:digits]:
                return points
        if len(post_code) >= 6 and home_code[:6] == post_code[:6]:
            return self.same_county
        return 0


DEFAULT_POINTS = PriorityPoints()


def retirement_age(sex: str) -> int:
    return WORKING_AGE_MAX[sex] + 1


def distance_points(home_code: str, post_code: str) -> int:
    return DEFAULT_POINTS.distance(home_code, post_code)


def rules_for(region_code: str) -> AssistanceRules:
    """The most specific rules row whose area code prefixes `region_code`."""
    rows = [r for r in AssistanceRules.objects.all() if region_code.startswith(r.area_code)]
    if not rows:
        return AssistanceRules(area_code="")
    return max(rows, key=lambda r: len(r.area_code))


def points_for(region_code: str) -> PriorityPoints:
    """The priority points of the most specific rules covering `region_code`."""
    r = rules_for(region_code)
    return PriorityPoints(
        r.points_near_retirement,
        r.points_zero_employment_household,
        r.points_disabled,
        r.points_same_village,
        r.points_same_township,
        r.points_same_county,
    )


def categories_for(region_code: str):
    """Default categories plus the province's own."""
    return DifficultyCategory.objects.filter(
        is_active=True, province_code__in=["", region_code[:2]]
    )


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")
