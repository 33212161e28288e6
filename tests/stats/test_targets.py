"""Targets: set for the city from above, split downward, progress for the time of year."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jiuye.accounts.models import AuditEvent
from jiuye.stats.catalogue import get
from jiuye.stats.enums import TargetStatus
from jiuye.stats.models import Target
from jiuye.stats.progress import area_progress, expected_by, status_of, year_fraction
from jiuye.stats.services import set_city_target, split_target
from tests.stats.factories import WORK, D, person, spell

pytestmark = pytest.mark.django_db
CODE = "new_rural_labour_jobs"


@pytest.fixture
def city_target(city_admin):
    return set_city_target(
        indicator_code=CODE, year=2026, region_code="4512", value=1200, by=city_admin
    )


def nandan_and_duan(regions, duan, nandan):
    return {regions["county"]: Decimal(duan), regions["other_county"]: Decimal(nandan)}


def test_city_target_is_recorded_and_audited(city_target, city_admin):
    assert city_target.value == 1200
    event = AuditEvent.objects.get(action="stats.target_set")
    assert event.actor == city_admin
    assert event.area_code == "4512"


def test_county_officer_cannot_set_the_city_target(regions, county_officer):
    with pytest.raises(PermissionDenied):
        set_city_target(
            indicator_code=CODE, year=2026, region_code="4512", value=10, by=county_officer
        )


def test_untargeted_indicator_is_refused(regions, city_admin):
    with pytest.raises(ValidationError):
        set_city_target(
            indicator_code="zero_employment_households",
            year=2026,
            region_code="4512",
            value=0,
            by=city_admin,
        )


def test_split_must_add_up(regions, city_target, city_admin):
    with pytest.raises(ValidationError):
        split_target(
            indicator_code=CODE,
            year=2026,
            parent_code="4512",
            shares=nandan_and_duan(regions, 700, 400),
            by=city_admin,
        )
    assert not Target.objects.filter(region_id=regions["county"]).exists()


def test_split_that_does_not_add_up_needs_a_reason(regions, city_target, city_admin):
    split_target(
        indicator_code=CODE,
        year=2026,
        parent_code="4512",
        shares=nandan_and_duan(regions, 700, 400),
        by=city_admin,
        reason="100 kept back for the city's own job fairs",
    )
    city_target.refresh_from_db()
    assert city_target.split_note.startswith("100 kept back")
    assert AuditEvent.objects.filter(action="stats.target_split").count() == 1


def test_split_that_adds_up_clears_the_note(regions, city_target, city_admin):
    split_target(
        indicator_code=CODE,
        year=2026,
        parent_code="4512",
        shares=nandan_and_duan(regions, 800, 400),
        by=city_admin,
        reason="ignored",
    )
    city_target.refresh_from_db()
    assert city_target.split_note == ""
    assert Target.objects.get(region_id=regions["county"]).value == 800


def test_split_only_among_direct_children(regions, city_target, city_admin):
    with pytest.raises(ValidationError):
        split_target(
            indicator_code=CODE,
            year=2026,
            parent_code="4512",
            shares={regions["township"]: Decimal(1200)},
            by=city_admin,
        )


def test_county_cannot_split_the_city_target(regions, city_target, county_officer):
    with pytest.raises(PermissionDenied):
        split_target(
            indicator_code=CODE,
            year=2026,
            parent_code="4512",
            shares=nandan_and_duan(regions, 800, 400),
            by=county_officer,
        )


def test_split_without_a_parent_target_is_refused(regions, county_officer):
    with pytest.raises(ValidationError):
        split_target(
            indicator_code=CODE,
            year=2026,
            parent_code=regions["county"],
            shares={regions["township"]: Decimal(5)},
            by=county_officer,
        )


def test_rate_targets_are_not_summed_but_capped(regions, city_admin):
    set_city_target(
        indicator_code="poverty_labour_employment_rate",
        year=2026,
        region_code="4512",
        value=90,
        by=city_admin,
    )
    split_target(
        indicator_code="poverty_labour_employment_rate",
        year=2026,
        parent_code="4512",
        shares=nandan_and_duan(regions, 92, 90),
        by=city_admin,
    )
    with pytest.raises(ValidationError):
        split_target(
            indicator_code="poverty_labour_employment_rate",
            year=2026,
            parent_code="4512",
            shares=nandan_and_duan(regions, 120, 90),
            by=city_admin,
        )


def test_expected_progress_grows_through_the_year():
    assert year_fraction(D(2026, 12, 31)) == 1
    assert year_fraction(D(2026, 1, 1)) == pytest.approx(1 / 365)
    assert expected_by(get(CODE), Decimal(365), D(2026, 7, 1)) == 182
    assert expected_by(get("poverty_labour_employment_rate"), Decimal(90), D(2026, 1, 5)) == 90


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        (None, TargetStatus.NO_DATA),
        (100, TargetStatus.EXCEEDED),
        (120, TargetStatus.EXCEEDED),
        (50, TargetStatus.ON_TRACK),
        (49, TargetStatus.BEHIND),
    ],
)
def test_status_against_target_and_expected(actual, status):
    assert status_of(actual, 100, 50) == status


def test_area_progress_flags_lagging_counties(regions, city_target, city_admin):
    split_target(
        indicator_code=CODE,
        year=2026,
        parent_code="4512",
        shares=nandan_and_duan(regions, 4, 1196),
        by=city_admin,
    )
    for _ in range(3):
        spell(person(regions["village"]), WORK, D(2026, 3, 1))
    progress = area_progress("4512", D(2026, 6, 30))[CODE]
    assert progress["area"].actual == 3
    assert progress["area"].status == TargetStatus.BEHIND
    by_county = {p.region_code: p for p in progress["children"]}
    assert by_county[regions["county"]].status == TargetStatus.ON_TRACK  # 3 >= 4 x 181/365
    assert by_county[regions["other_county"]].actual == 0
    assert [p.region_code for p in progress["lagging"]] == [regions["other_county"]]
