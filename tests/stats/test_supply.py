"""Supply and demand: the vacancy-to-seeker ratio per quarter, by area and occupation group,
and the occupations in shortest supply, on hand-built rows with known answers."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jiuye.applications.models import JobSeeker
from jiuye.stats.supply import quarters_of_year, shortages, supply_demand
from jiuye.vacancies.enums import VacancyStatus
from tests.stats import module_factories as m
from tests.stats.factories import D, person

pytestmark = pytest.mark.django_db
AS_OF = D(2026, 5, 15)


@pytest.fixture
def market(regions):
    town, far = regions["township"], regions["far_township"]
    # Live in both quarters: valid until the first day of the second.
    m.vacancy(town, D(2026, 3, 20), headcount=5, occupation="4-03-01-02", valid_until=D(2026, 4, 1))
    # Posted on the as-of date.
    posted_last = m.vacancy(far, AS_OF, headcount=3, occupation="6-01-02-00")
    # Only in the first quarter: valid until its last day.
    m.vacancy(
        town, D(2026, 1, 10), headcount=2, occupation="4-03-02-01", valid_until=D(2026, 3, 31)
    )
    m.vacancy(town, D(2026, 5, 16), headcount=50, occupation="4-03-01-02")  # after the date
    m.vacancy(town, None, headcount=40, status=VacancyStatus.DRAFT, occupation="4-03-01-02")
    m.vacancy(far, D(2026, 4, 2), headcount=30, occupation="6-01-02-00", duplicate_of=posted_last)
    # Registered in the second quarter, two codes in one medium group: counted once there.
    m.seeker(person(regions["village"]), occupations="4-03-01-01 4-03-02-00", created=D(2026, 4, 1))
    # Registered long ago, applied on the last evening: active, occupation not stated.
    old = m.seeker(person(far), created=D(2025, 6, 1))
    m.application(posted_last, old, AS_OF, hour=23)
    # Applied in the first quarter only.
    first = m.seeker(person(regions["village"]), occupations="6-01-01-00", created=D(2025, 1, 1))
    m.application(posted_last, first, D(2026, 2, 1))
    # Registered after the date.
    m.seeker(person(regions["village"]), occupations="6-01-01-00", created=D(2026, 5, 16))
    assert JobSeeker.objects.count() == 4
    return regions


def by_code(rows):
    return {r["code"]: (r["positions"], r["seekers"], r["ratio"]) for r in rows}


def test_quarters_are_cut_at_the_date():
    assert quarters_of_year(AS_OF) == [(D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 1), AS_OF)]
    assert quarters_of_year(D(2026, 12, 31))[-1] == (D(2026, 10, 1), D(2026, 12, 31))


def test_ratio_per_quarter_by_county(market):
    result = supply_demand(market["city"], AS_OF)
    first, second = result["quarters"]
    assert (first["positions"], first["seekers"], first["ratio"]) == (7, 1, 7.0)
    assert (second["positions"], second["seekers"], second["ratio"]) == (8, 2, 4.0)
    assert by_code(first["areas"])[market["county"]] == (7, 1, 7.0)
    assert by_code(first["areas"])[market["other_county"]] == (0, 0, None)
    assert by_code(second["areas"])[market["county"]] == (5, 1, 5.0)
    assert by_code(second["areas"])[market["other_county"]] == (3, 1, 3.0)


def test_ratio_by_occupation_group_and_shortages(market):
    current = supply_demand(market["city"], AS_OF)["current"]
    assert by_code(current["majors"]) == {"4": (5, 1, 5.0), "6": (3, 0, None), "": (0, 1, 0.0)}
    assert by_code(current["mediums"]) == {
        "4-03": (5, 1, 5.0),
        "6-01": (3, 0, None),
        "": (0, 1, 0.0),
    }
    assert [r["code"] for r in current["majors"]][-1] == ""  # "not stated" comes last
    ranked = shortages(current["mediums"])
    assert [r["code"] for r in ranked] == ["6-01", "4-03"]


def test_a_county_sees_only_its_own_market(market):
    county = supply_demand(market["county"], AS_OF)["current"]
    assert (county["positions"], county["seekers"], county["ratio"]) == (5, 1, 5.0)
    assert by_code(county["mediums"]) == {"4-03": (5, 1, 5.0)}


def test_shortages_rank_by_ratio_and_skip_groups_without_positions():
    rows = [
        {"code": "2-01", "positions": 4, "seekers": 2, "ratio": 2.0},
        {"code": "3-01", "positions": 9, "seekers": 1, "ratio": 9.0},
        {"code": "5-01", "positions": 0, "seekers": 3, "ratio": 0.0},
        {"code": "", "positions": 7, "seekers": 0, "ratio": None},
        {"code": "7-01", "positions": 1, "seekers": 0, "ratio": None},
    ]
    assert [r["code"] for r in shortages(rows)] == ["7-01", "3-01", "2-01"]


def test_dashboard_and_workbook_show_supply_and_demand(client, county_officer, market):
    client.force_login(county_officer)
    params = {"as_of": AS_OF.isoformat()}
    response = client.get(reverse("stats:dashboard"), params)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="stats-supply"' in content
    assert 'id="stats-shortages"' in content
    assert response.context["board"].supply["current"]["ratio"] == 5.0
    xlsx = client.get(reverse("stats:report_xlsx"), params)
    book = load_workbook(io.BytesIO(xlsx.content))
    assert "供求（按地区）" in book.sheetnames
    rows = list(book["供求（按地区）"].values)
    second_quarter = {row[2]: row[4:] for row in rows[1:] if row[0] == "2026-04-01"}
    assert second_quarter[market["county"]] == (5, 1, 5.0)
    shortest = list(book["紧缺职业排行"].values)
    assert shortest[1][1] == "4-03"


def test_written_summary_states_the_new_figures(market):
    from jiuye.stats.catalogue import Query
    from jiuye.stats.dashboard import build_dashboard
    from jiuye.stats.report import summary

    board = build_dashboard(Query(market["county"], AS_OF, D(2026, 1, 1)), trends=False)
    text = summary(board)
    assert "本季度在招岗位5个、求职者1人，求人倍率5。" in text["zh"]
    assert "举办招聘会0场，发布岗位7个，录用0人次。" in text["zh"]
    assert any("vacancy-to-seeker ratio of 5" in line for line in text["en"])


def test_a_village_has_no_child_areas_and_counts_its_own_market(market):
    village = supply_demand(market["village"], AS_OF)["current"]
    assert (village["positions"], village["seekers"], village["areas"]) == (0, 1, [])
    assert village["ratio"] == 0.0


def test_a_vacancy_registered_at_the_county_counts_for_it_but_no_township(market):
    m.vacancy(market["county"], AS_OF, headcount=10, occupation="4-03-01-02")
    county = supply_demand(market["county"], AS_OF)["current"]
    assert county["positions"] == 15
    assert sum(row["positions"] for row in county["areas"]) == 5
