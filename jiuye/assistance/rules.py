"""Configuration lookups: which rules apply to a region, and the priority weights."""

import datetime

from jiuye.assistance.models import AssistanceRules, DifficultyCategory
from jiuye.people.enums import WORKING_AGE_MAX

# Priority points for welfare posts (documented in docs/assistance.md). Every eligible pair
# scores at least BASE, so any placement beats leaving a place empty.
BASE = 1
NEAR_RETIREMENT = 40  # within five years of retirement age
ZERO_EMPLOYMENT_HOUSEHOLD = 30  # member of a household with an open zero-employment case
DISABLED = 20
# Nearest home: points by the length of the region-code prefix the home shares with the post.
DISTANCE_POINTS = {12: 15, 9: 10, 6: 5}
YEARS_BEFORE_RETIREMENT = 5


def retirement_age(sex: str) -> int:
    return WORKING_AGE_MAX[sex] + 1


def distance_points(home_code: str, post_code: str) -> int:
    for digits in (12, 9, 6):
        if len(post_code) >= digits and home_code[:digits] == post_code[:digits]:
            return DISTANCE_POINTS[digits]
    return 0


def rules_for(region_code: str) -> AssistanceRules:
    """The most specific rules row whose area code prefixes `region_code`."""
    rows = [r for r in AssistanceRules.objects.all() if region_code.startswith(r.area_code)]
    if not rows:
        return AssistanceRules(area_code="")
    return max(rows, key=lambda r: len(r.area_code))


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
