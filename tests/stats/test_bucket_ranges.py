"""The tally reads fetch one index range per disjoint range of buckets: the merged ranges
cover exactly the buckets the days need, each once (a bucket in two ranges would be
counted twice by the UNION ALL)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from jiuye.stats import platform_tally, tally

DAYS = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 12, 31))
FIRST = datetime.date(2019, 1, 1)
LAST = datetime.date(2031, 12, 31)


def _buckets(ranges) -> list[tuple[str, datetime.date]]:
    """Every (grain, bucket) a list of (grain, first or None, last) ranges covers, with
    repeats (buckets are the first of a year, of a month, or any day)."""
    covered = []
    for grain, low, high in ranges:
        day = low or FIRST
        while day <= min(high, LAST):
            if grain == "d" or (grain == "m" and day.day == 1) or (day.day == 1 == day.month):
                covered.append((grain, day))
            day += datetime.timedelta(days=1)
    return covered


@given(st.lists(DAYS, min_size=1, max_size=6))
def test_ledger_ranges_cover_what_every_day_needs_once(days):
    merged = _buckets(tally._merged_ranges(days))
    wanted = {b for day in days for b in _buckets(tally._day_ranges(day))}
    assert len(merged) == len(set(merged))  # each bucket once
    assert set(merged) == wanted


@given(st.lists(st.tuples(st.one_of(st.none(), DAYS), DAYS), min_size=1, max_size=6))
def test_platform_ranges_cover_what_every_period_needs_once(periods):
    parts = [part for start, end in periods for part in platform_tally.day_parts(start, end)]
    merged = _buckets(tally.merged_ranges(parts))
    assert len(merged) == len(set(merged))
    assert set(merged) == set(_buckets(parts))


@given(st.one_of(st.none(), DAYS), DAYS)
def test_a_period_reads_each_day_once(start, end):
    """Month rows for the whole months, day rows for the rest: each day of the period
    under exactly one bucket."""
    days = []
    for grain, low, high in platform_tally.day_parts(start, end):
        day = low or FIRST
        while day <= high:
            if grain == "d":
                days.append(day)
            elif day.day == 1:  # a month row stands for its days
                following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
                days.extend(day + datetime.timedelta(n) for n in range((following - day).days))
            day += datetime.timedelta(days=1)
    first = start or FIRST
    expected = [first + datetime.timedelta(n) for n in range(max((end - first).days + 1, 0))]
    assert sorted(days) == expected
