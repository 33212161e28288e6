"""The statistics pages: anonymous, wrong role, other area (404), bad input, happy path;
viewers never see figures or names outside their area; the pages agree with the command."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from jiuye.accounts.enums import Role
from jiuye.stats.models import Target
from jiuye.stats.services import set_city_target
from tests.factories import PersonFactory, UserFactory
from tests.stats.factories import AWAY, WORK, D, person, spell

pytestmark = pytest.mark.django_db
AS_OF = {"as_of": "2026-06-30"}


@pytest.fixture
def ledger(regions):
    here = person(regions["village"], name="本乡张三")
    spell(here, WORK, D(2026, 3, 1))
    near = person(regions["other_village"], name="本乡李四")
    spell(near, AWAY, D(2026, 2, 1))
    far = person(f"{regions['far_township']}201", name="南丹王五")
    spell(far, WORK, D(2026, 4, 1))
    return {"here": here, "near": near, "far": far}


def get(client, user, name, args=(), **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def test_anonymous_is_sent_to_login(client, regions):
    response = client.get(reverse("stats:dashboard"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_job_seeker_gets_404(client, regions):
    seeker = UserFactory(role=Role.JOB_SEEKER, person=PersonFactory())
    assert get(client, seeker, "stats:dashboard").status_code == 404


def test_county_officer_cannot_open_another_county(client, county_officer, regions):
    response = get(client, county_officer, "stats:dashboard", area=regions["other_county"])
    assert response.status_code == 404
    response = get(client, county_officer, "stats:dashboard", area="4512")
    assert response.status_code == 404


def test_bad_dates_are_refused(client, county_officer):
    response = get(
        client, county_officer, "stats:dashboard", as_of="2026-01-01", period_start="2026-02-01"
    )
    assert response.status_code == 400
    assert get(client, county_officer, "stats:dashboard", as_of="yesterday").status_code == 400


def test_city_dashboard_shows_counties_and_links_to_people(client, city_admin, ledger, regions):
    response = get(client, city_admin, "stats:dashboard", **AS_OF)
    assert response.status_code == 200
    board = response.context["board"]
    jobs = board.report["indicators"]["new_rural_labour_jobs"]
    assert jobs["value"] == 3
    assert {c["code"]: c["value"] for c in jobs["children"]}[regions["county"]] == 2
    content = response.content.decode()
    assert "都安瑶族自治县" in content
    assert reverse("stats:records", args=["new_rural_labour_jobs"]) in content
    assert 'data-chart="chart-0"' in content
    assert "<script>" not in content.replace("<script src", "")


def test_county_dashboard_never_shows_other_counties(client, county_officer, ledger):
    response = get(client, county_officer, "stats:dashboard", **AS_OF)
    content = response.content.decode()
    board = response.context["board"]
    assert board.report["indicators"]["new_rural_labour_jobs"]["value"] == 2
    assert "南丹" not in content
    assert "南丹王五" not in content


def test_htmx_filter_returns_the_fragment(client, county_officer, regions, ledger):
    client.force_login(county_officer)
    response = client.get(
        reverse("stats:dashboard"),
        {"area": regions["township"], **AS_OF},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert response.context["board"].report["area"]["code"] == regions["township"]


def test_drill_down_lists_people_with_masked_ids(client, county_officer, ledger):
    response = get(client, county_officer, "stats:records", args=["new_rural_labour_jobs"], **AS_OF)
    assert response.status_code == 200
    content = response.content.decode()
    assert "本乡张三" in content
    assert ledger["here"].id_number_masked in content
    assert ledger["here"].reveal_id_number() not in content
    assert "南丹王五" not in content


def test_drill_down_outside_the_area_is_404(client, township_officer, regions, ledger):
    response = get(
        client,
        township_officer,
        "stats:records",
        args=["new_rural_labour_jobs"],
        area=regions["county"],
        **AS_OF,
    )
    assert response.status_code == 404
    unknown = get(client, township_officer, "stats:records", args=["no_such_code"])
    assert unknown.status_code == 404


def test_drill_down_of_a_rate_lists_its_denominator(client, county_officer, regions):
    from tests.stats.factories import POOR, UNEMPLOYED, group

    poor = person(regions["township"], name="帮扶对象")
    group(poor, POOR)
    spell(poor, UNEMPLOYED, D(2025, 1, 1))
    url = "stats:records"
    numerator = get(client, county_officer, url, args=["poverty_labour_employment_rate"], **AS_OF)
    assert "帮扶对象" not in numerator.content.decode()
    denominator = get(
        client,
        county_officer,
        url,
        args=["poverty_labour_employment_rate"],
        part="denominator",
        **AS_OF,
    )
    assert "帮扶对象" in denominator.content.decode()


def test_command_json_matches_the_dashboard(client, city_admin, ledger):
    out = io.StringIO()
    call_command("compute_indicators", "--area", "4512", "--as-of", "2026-06-30", stdout=out)
    from_command = json.loads(out.getvalue())
    response = get(client, city_admin, "stats:dashboard", **AS_OF)
    page = json.loads(json.dumps(response.context["board"].report, default=str))
    assert page == from_command


def test_xlsx_has_a_sheet_per_table_and_definitions(client, city_admin, ledger):
    set_city_target(
        indicator_code="new_rural_labour_jobs",
        year=2026,
        region_code="4512",
        value=100,
        by=city_admin,
    )
    response = get(client, city_admin, "stats:report_xlsx", **AS_OF)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert (
        len(book.sheetnames) == 8
    )  # summary, by area, targets, trend, 3 supply-demand, definitions
    definitions = book[book.sheetnames[-1]]
    codes = [row[0].value for row in definitions.iter_rows(min_row=2)]
    assert "new_rural_labour_jobs" in codes


def test_printable_report_states_figures_in_both_languages(client, city_admin, ledger):
    set_city_target(
        indicator_code="new_rural_labour_jobs",
        year=2026,
        region_code="4512",
        value=2,
        by=city_admin,
    )
    response = get(client, city_admin, "stats:report", **AS_OF)
    content = response.content.decode()
    assert "新增农村劳动力转移就业3人" in content
    assert "超额完成任务" in content
    assert "3 rural labourers moved into work, exceeding the yearly target of 2" in content


def test_targets_page_splits_the_city_target(client, city_admin, regions):
    set_city_target(
        indicator_code="new_rural_labour_jobs",
        year=2026,
        region_code="4512",
        value=100,
        by=city_admin,
    )
    client.force_login(city_admin)
    url = reverse("stats:targets")
    data = {
        "indicator_code": "new_rural_labour_jobs",
        "year": 2026,
        f"share_{regions['county']}": "60",
        f"share_{regions['other_county']}": "30",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert not Target.objects.filter(region_id=regions["county"]).exists()
    data["reason"] = "10 kept for the city"
    response = client.post(url, data)
    assert response.status_code == 302
    assert Target.objects.get(region_id=regions["county"]).value == 60
    page = client.get(url)
    assert "10 kept for the city" in page.content.decode()


def test_township_cannot_split_its_county(client, township_officer, regions):
    client.force_login(township_officer)
    response = client.post(reverse("stats:targets") + f"?area={regions['county']}", {})
    assert response.status_code == 404


def test_dashboard_speaks_chinese(client, county_officer, ledger):
    client.force_login(county_officer)
    response = client.get(reverse("stats:dashboard"), AS_OF, headers={"Accept-Language": "zh-hans"})
    content = response.content.decode()
    assert "农村劳动力新增转移就业" in content
    assert "各地区全部指标" in content


def test_report_names_the_lagging_areas(client, city_admin, ledger, regions):
    from decimal import Decimal

    from jiuye.stats.services import split_target

    set_city_target(
        indicator_code="new_rural_labour_jobs",
        year=2026,
        region_code="4512",
        value=100,
        by=city_admin,
    )
    split_target(
        indicator_code="new_rural_labour_jobs",
        year=2026,
        parent_code="4512",
        shares={regions["county"]: Decimal(60), regions["other_county"]: Decimal(40)},
        by=city_admin,
    )
    content = get(client, city_admin, "stats:report", **AS_OF).content.decode()
    assert "进度滞后的地区：南丹县、都安瑶族自治县。" in content
    assert "Behind schedule on New jobs for rural labourers: 南丹县, 都安瑶族自治县." in content


def test_village_cadre_sees_the_village_without_child_charts(client, village_cadre, ledger):
    response = get(client, village_cadre, "stats:dashboard", **AS_OF)
    assert response.status_code == 200
    board = response.context["board"]
    assert board.report["indicators"]["new_rural_labour_jobs"]["value"] == 1
    assert board.report["indicators"]["new_rural_labour_jobs"]["children"] == []
    assert "本乡李四" not in response.content.decode()


def test_household_drill_down_lists_household_numbers(client, county_officer, regions):
    from tests.factories import HouseholdFactory
    from tests.stats.factories import UNEMPLOYED

    household = HouseholdFactory(region_id=regions["township"], number="H-ZERO-1")
    spell(person(regions["township"], household=household), UNEMPLOYED, D(2025, 1, 1))
    elsewhere = HouseholdFactory(region_id=regions["far_township"], number="H-FAR-1")
    person(regions["far_township"], household=elsewhere)
    response = get(
        client, county_officer, "stats:records", args=["zero_employment_households"], **AS_OF
    )
    content = response.content.decode()
    assert "H-ZERO-1" in content
    assert "H-FAR-1" not in content
