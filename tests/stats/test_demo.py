import random
from decimal import Decimal

import pytest

from jiuye.demo.steps import step_00_base, step_90_stats
from jiuye.stats.models import DirtySubject, Target

pytestmark = pytest.mark.django_db


def test_split_by_weight_adds_up_exactly():
    shares = step_90_stats.split_by_weight(65_000, step_90_stats.COUNTY_WEIGHTS)
    assert sum(shares.values()) == 65_000
    assert shares["451228"] > shares["451222"]  # Du'an is bigger than Tian'e


def test_demo_step_cascades_targets_that_add_up(regions):
    step_00_base.run(random.Random(1))
    summary = step_90_stats.run(random.Random(2))
    assert "targets" in summary
    # The step leaves the ledger tallies up to date: the queue is empty.
    assert "ledger tallies brought up to date" in summary
    assert not DirtySubject.objects.exists()
    city = Target.objects.get(indicator_code="new_rural_labour_jobs", region_id="4512")
    counties = Target.objects.filter(
        indicator_code="new_rural_labour_jobs", region__parent_id="4512"
    )
    assert counties.count() == 11
    assert sum(t.value for t in counties) == city.value
    duan = counties.get(region_id="451228")
    townships = Target.objects.filter(
        indicator_code="new_rural_labour_jobs", region__parent_id="451228"
    )
    assert sum((t.value for t in townships), Decimal(0)) == duan.value
    # Running it again changes nothing.
    step_90_stats.run(random.Random(2))
    assert Target.objects.get(pk=city.pk).value == city.value
