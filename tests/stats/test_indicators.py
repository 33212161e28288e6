"""Each indicator on hand-built data with known answers, edge cases included: spells that
start or end on the as-of date, people registered in one area and working in another,
group memberships that end."""

import pytest

from jiuye.stats.catalogue import Query, catalogue, get
from jiuye.stats.selectors import area_report, month_ends
from tests.factories import HouseholdFactory
from tests.stats.factories import (
    AWAY,
    FARMER,
    OUTSIDE,
    POOR,
    UNEMPLOYED,
    WORK,
    D,
    group,
    person,
    spell,
)

AS_OF = D(2026, 6, 30)
pytestmark = pytest.mark.django_db


YEAR_START = D(2026, 1, 1)


def q(area, as_of=AS_OF, start=YEAR_START):
    return Query(area, as_of, start)


def value(code, area, **kwargs):
    return get(code).evaluate(q(area, **kwargs)).total.value


@pytest.fixture
def new_jobs(regions):
    village, township = regions["village"], regions["township"]
    people = {}
    people["entered"] = person(village)
    spell(people["entered"], UNEMPLOYED, D(2025, 1, 1), D(2026, 3, 1))
    spell(people["entered"], WORK, D(2026, 3, 1))
    people["changed_job"] = person(village)
    spell(people["changed_job"], WORK, D(2025, 5, 1), D(2026, 2, 1))
    spell(people["changed_job"], AWAY, D(2026, 2, 1))
    people["starts_on_as_of"] = person(village)
    spell(people["starts_on_as_of"], WORK, AS_OF)
    people["starts_after"] = person(village)
    spell(people["starts_after"], WORK, D(2026, 7, 1))
    people["farmer_group_ended"] = person(township)
    group(people["farmer_group_ended"], FARMER, D(2020, 1, 1), D(2026, 1, 1))
    spell(people["farmer_group_ended"], WORK, D(2026, 4, 1))
    people["urban_farmer"] = person(regions["other_township"])
    group(people["urban_farmer"], FARMER, D(2020, 1, 1))
    spell(people["urban_farmer"], WORK, D(2026, 5, 1))
    people["other_county"] = person(f"{regions['far_township']}201")
    spell(people["other_county"], WORK, D(2026, 2, 1))
    people["twice"] = person(village)
    spell(people["twice"], WORK, D(2026, 1, 10), D(2026, 2, 10))
    spell(people["twice"], UNEMPLOYED, D(2026, 2, 10), D(2026, 4, 1))
    spell(people["twice"], WORK, D(2026, 4, 1))
    people["on_period_start"] = person(regions["other_village"])
    spell(people["on_period_start"], UNEMPLOYED, D(2025, 9, 1), D(2026, 1, 1))
    spell(people["on_period_start"], WORK, D(2026, 1, 1))
    people["before_period"] = person(village)
    spell(people["before_period"], WORK, D(2025, 12, 31))
    return people


def test_new_rural_labour_jobs_counts_people_who_entered_work_in_the_period(regions, new_jobs):
    rows = get("new_rural_labour_jobs").records(q(regions["county"]))
    expected = {"entered", "starts_on_as_of", "urban_farmer", "twice", "on_period_start"}
    assert set(rows.values_list("pk", flat=True)) == {new_jobs[k].pk for k in expected}
    assert value("new_rural_labour_jobs", regions["county"]) == 5
    assert value("new_rural_labour_jobs", regions["city"]) == 6


def test_new_rural_labour_jobs_by_township_adds_up(regions, new_jobs):
    figures = get("new_rural_labour_jobs").evaluate(q(regions["county"]))
    children = {code: f.value for code, f in figures.children.items()}
    assert children == {regions["township"]: 4, regions["other_township"]: 1}
    assert figures.total.value == sum(children.values()) + figures.unassigned


def test_new_urban_jobs_counts_people_registered_outside_villages(regions, new_jobs):
    rows = get("new_urban_jobs").records(q(regions["county"]))
    assert set(rows) == {new_jobs["farmer_group_ended"], new_jobs["urban_farmer"]}


def test_year_on_year_compares_the_same_period_a_year_earlier(regions, new_jobs):
    report = area_report(q(regions["county"]), codes=["new_rural_labour_jobs"])
    entry = report["indicators"]["new_rural_labour_jobs"]
    # Last year (2025-01-01 to 2025-06-30) only "changed_job" started work (1 May 2025).
    assert entry["year_on_year"] == {"last_year": 1, "change": 4, "change_percent": 400.0}


@pytest.fixture
def poor_labour(regions):
    township = regions["township"]
    people = {}
    people["working"] = person(township)
    group(people["working"], POOR, D(2019, 1, 1))
    spell(people["working"], WORK, D(2025, 1, 1))
    people["unemployed"] = person(township)
    group(people["unemployed"], POOR)
    spell(people["unemployed"], UNEMPLOYED, D(2025, 1, 1))
    people["no_status"] = person(regions["other_township"])
    group(people["no_status"], POOR)
    people["outside_labour_force"] = person(township)
    group(people["outside_labour_force"], POOR)
    spell(people["outside_labour_force"], OUTSIDE, D(2025, 1, 1))
    people["group_ends_on_as_of"] = person(township)
    group(people["group_ends_on_as_of"], POOR, D(2019, 1, 1), AS_OF)
    spell(people["group_ends_on_as_of"], WORK, D(2025, 1, 1))
    people["job_ends_on_as_of"] = person(township)
    group(people["job_ends_on_as_of"], "lifted", D(2020, 1, 1))
    spell(people["job_ends_on_as_of"], WORK, D(2025, 1, 1), AS_OF)
    people["too_old"] = person(township, birth=D(1970, 1, 1), sex="F")
    group(people["too_old"], POOR)
    spell(people["too_old"], WORK, D(2025, 1, 1))
    people["job_starts_on_as_of"] = person(township)
    group(people["job_starts_on_as_of"], "monitored", D(2024, 1, 1))
    spell(people["job_starts_on_as_of"], WORK, AS_OF)
    return people


def test_poverty_labour_employment_rate_on_the_date(regions, poor_labour):
    indicator = get("poverty_labour_employment_rate")
    total = indicator.evaluate(q(regions["county"])).total
    assert (total.numerator, total.denominator, total.value) == (2, 5, 40.0)
    numerator = indicator.records(q(regions["county"]))
    assert set(numerator) == {poor_labour["working"], poor_labour["job_starts_on_as_of"]}
    denominator = indicator.records(q(regions["county"]), part="denominator")
    assert set(denominator) == {
        poor_labour[k]
        for k in ("working", "unemployed", "no_status", "job_ends_on_as_of", "job_starts_on_as_of")
    }
    assert value("poverty_labour_force", regions["county"]) == 5
    assert value("poverty_labour_employed", regions["county"]) == 2


def test_poverty_labour_rate_by_township_carries_its_counts(regions, poor_labour):
    children = get("poverty_labour_employment_rate").evaluate(q(regions["county"])).children
    assert children[regions["township"]].as_dict() == {
        "value": 50.0,
        "numerator": 2,
        "denominator": 4,
    }
    assert children[regions["other_township"]].as_dict() == {
        "value": 0.0,
        "numerator": 0,
        "denominator": 1,
    }


def test_rate_of_an_empty_area_is_unknown_not_zero(regions):
    assert value("poverty_labour_employment_rate", regions["county"]) is None


def test_migrant_workers_are_counted_where_they_are_registered(regions):
    away = person(regions["village"])
    spell(away, AWAY, D(2025, 1, 1))
    back_on_as_of = person(regions["village"])
    spell(back_on_as_of, AWAY, D(2025, 1, 1), AS_OF)
    leaves_on_as_of = person(regions["township"])
    spell(leaves_on_as_of, AWAY, AS_OF)
    at_home = person(regions["township"])
    spell(at_home, WORK, D(2025, 1, 1))
    in_shenzhen = person(regions["township"])
    spell(in_shenzhen, AWAY, D(2026, 3, 1), region="440303")
    from_nandan = person(regions["far_township"])
    spell(from_nandan, "employed_province", D(2026, 2, 1), region=regions["township"])

    rows = get("migrant_workers").records(q(regions["county"]))
    assert set(rows) == {away, leaves_on_as_of, in_shenzhen}
    assert value("migrant_workers", regions["city"]) == 4
    # A year earlier "away" and "back_on_as_of" were away.
    assert value("migrant_workers_vs_last_year", regions["county"]) == 1
    assert value("migrant_workers_vs_last_year", regions["other_county"]) == 1


def test_migrant_return_to_work_rate_looks_at_last_calendar_year(regions):
    back_at_work = person(regions["township"])
    spell(back_at_work, AWAY, D(2025, 3, 1), D(2025, 12, 1))
    spell(back_at_work, UNEMPLOYED, D(2025, 12, 1), D(2026, 3, 1))
    spell(back_at_work, WORK, D(2026, 3, 1))
    left_before_the_year = person(regions["township"])
    spell(left_before_the_year, AWAY, D(2024, 1, 1), D(2025, 1, 1))
    spell(left_before_the_year, UNEMPLOYED, D(2025, 1, 1))
    new_year_eve = person(regions["township"])
    spell(new_year_eve, AWAY, D(2025, 12, 31), D(2026, 1, 10))
    spell(new_year_eve, UNEMPLOYED, D(2026, 1, 10))
    still_away = person(regions["other_township"])
    spell(still_away, AWAY, D(2024, 6, 1))

    indicator = get("migrant_return_to_work_rate")
    total = indicator.evaluate(q(regions["county"])).total
    assert (total.numerator, total.denominator, total.value) == (2, 3, 66.67)
    assert set(indicator.records(q(regions["county"]))) == {back_at_work, still_away}


def test_zero_employment_households_by_township(regions):
    first = HouseholdFactory(region_id=regions["township"])
    spell(person(regions["township"], household=first), UNEMPLOYED, D(2025, 1, 1))
    working = HouseholdFactory(region_id=regions["township"])
    spell(person(regions["township"], household=working), WORK, D(2025, 1, 1))
    spell(person(regions["township"], household=working), UNEMPLOYED, D(2025, 1, 1))
    second = HouseholdFactory(region_id=regions["other_township"])
    person(regions["other_township"], household=second)

    figures = get("zero_employment_households").evaluate(q(regions["county"]))
    assert figures.total.value == 2
    assert {c: f.value for c, f in figures.children.items()} == {
        regions["township"]: 1,
        regions["other_township"]: 1,
    }
    assert set(get("zero_employment_households").records(q(regions["county"]))) == {
        first,
        second,
    }


def test_city_roll_up_adds_up_with_people_registered_at_county_level(regions, new_jobs):
    registered_at_county = person(regions["county"])
    spell(registered_at_county, WORK, D(2026, 3, 1))
    figures = get("new_urban_jobs").evaluate(q(regions["county"]))
    assert figures.unassigned == 1
    assert figures.total.value == 3
    city = get("new_urban_jobs").evaluate(q(regions["city"]))
    assert city.total.value == sum(f.value for f in city.children.values()) + city.unassigned
    assert city.children[regions["county"]].value == 3


def test_village_area_has_no_children(regions, new_jobs):
    figures = get("new_rural_labour_jobs").evaluate(q(regions["village"]))
    assert figures.total.value == 3  # entered, starts_on_as_of, twice
    assert figures.children == {}
    assert figures.unassigned == 0


def test_catalogue_codes_are_unique_and_documented():
    codes = [i.code for i in catalogue()]
    assert len(codes) == len(set(codes))
    assert {"new_rural_labour_jobs", "poverty_labour_employment_rate", "migrant_workers"} <= set(
        codes
    )
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "indicators.md").read_text()
    for indicator in catalogue():
        assert indicator.version >= 1
        assert f"`{indicator.code}`" in doc


def test_month_ends_cut_at_the_as_of_date():
    assert month_ends(D(2026, 1, 1), D(2026, 3, 15)) == [
        D(2026, 1, 31),
        D(2026, 2, 28),
        D(2026, 3, 15),
    ]


TREND_DAYS = [D(2026, 1, 1), D(2026, 1, 9), D(2026, 1, 10), D(2026, 2, 28), D(2026, 3, 1)]
TREND_DAYS += [D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 1), D(2026, 6, 29), AS_OF]


@pytest.mark.parametrize("code", ["new_rural_labour_jobs", "new_urban_jobs", "migrant_workers"])
@pytest.mark.parametrize("area", ["city", "county", "village"])
def test_one_pass_trend_equals_day_by_day(regions, new_jobs, code, area):
    late_farmer = person(regions["township"])
    spell(late_farmer, WORK, D(2026, 2, 1))
    group(late_farmer, FARMER, D(2026, 4, 15))
    returner = person(regions["village"])
    spell(returner, AWAY, D(2025, 1, 1), D(2026, 3, 1))
    spell(returner, UNEMPLOYED, D(2026, 3, 1), D(2026, 5, 1))
    spell(returner, AWAY, D(2026, 5, 1))
    indicator = get(code)
    query = q(regions[area])
    one_pass = indicator.values_on(query, TREND_DAYS)
    day_by_day = [indicator.evaluate(q(regions[area], as_of=d)).total.value for d in TREND_DAYS]
    assert one_pass == day_by_day
    assert any(one_pass) or (area, code) == ("village", "new_urban_jobs")
