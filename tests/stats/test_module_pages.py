"""Drill-downs of the platform and assistance indicators: the rows behind each figure,
scoped to the viewer, never outside their area."""

import pytest
from django.urls import reverse

from jiuye.assistance.enums import PostType
from tests.factories import EmployerFactory
from tests.stats import module_factories as m
from tests.stats.factories import D, person

pytestmark = pytest.mark.django_db
AS_OF = {"as_of": "2026-06-30"}


def get(client, user, code, **params):
    client.force_login(user)
    return client.get(reverse("stats:records", args=[code]), {**AS_OF, **params})


@pytest.fixture
def platform(regions):
    here = m.fair(regions["township"], D(2026, 3, 1), name="都安春季招聘会")
    there = m.fair(regions["far_township"], D(2026, 3, 1), name="南丹春季招聘会")
    m.booth(here, EmployerFactory(name="都安某食品公司"))
    m.booth(there, EmployerFactory(name="南丹某矿业公司"))
    job = m.vacancy(regions["township"], D(2026, 2, 1), headcount=4, title="都安普工岗位")
    far_job = m.vacancy(regions["far_township"], D(2026, 2, 1), headcount=9, title="南丹井下岗位")
    m.application(job, m.seeker(person(regions["village"], name="都安求职者")), D(2026, 3, 2))
    m.application(
        far_job, m.seeker(person(regions["far_township"], name="南丹求职者")), D(2026, 3, 2)
    )
    post = m.welfare_post(regions["village"], PostType.VILLAGE_WELFARE)
    far_post = m.welfare_post(f"{regions['far_township']}201", PostType.VILLAGE_WELFARE)
    m.placement(post, person(regions["village"], name="都安保洁员"), D(2026, 4, 1))
    m.placement(far_post, person(regions["far_township"], name="南丹保洁员"), D(2026, 4, 1))


@pytest.mark.parametrize(
    ("code", "mine", "theirs"),
    [
        ("job_fairs", "都安春季招聘会", "南丹春季招聘会"),
        ("fair_employers", "都安某食品公司", "南丹某矿业公司"),
        ("vacancies", "都安普工岗位", "南丹井下岗位"),
        ("positions_offered", "都安普工岗位", "南丹井下岗位"),
        ("welfare_posts_filled", "都安保洁员", "南丹保洁员"),
        ("applications", "都安求职者", "南丹求职者"),
        ("job_seekers_applied", "都安求职者", "南丹求职者"),
        ("welfare_posts_filled_village_welfare", "都安保洁员", "南丹保洁员"),
    ],
)
def test_drill_down_lists_the_rows_in_the_viewers_area(
    client, county_officer, platform, code, mine, theirs
):
    response = get(client, county_officer, code)
    assert response.status_code == 200
    content = response.content.decode()
    assert mine in content
    assert theirs not in content


def test_city_sees_both_counties(client, city_admin, platform):
    content = get(client, city_admin, "fair_employers").content.decode()
    assert "都安某食品公司" in content and "南丹某矿业公司" in content


def test_drill_down_of_another_county_is_404(client, county_officer, regions, platform):
    response = get(client, county_officer, "vacancies", area=regions["other_county"])
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(client, platform):
    response = client.get(reverse("stats:records", args=["vacancies"]), AS_OF)
    assert response.status_code == 302


def test_bad_dates_are_refused(client, county_officer, platform):
    assert get(client, county_officer, "hires", as_of="yesterday").status_code == 400


def test_dashboard_shows_the_new_figures(client, county_officer, platform):
    client.force_login(county_officer)
    response = client.get(reverse("stats:dashboard"), AS_OF)
    assert response.status_code == 200
    board = response.context["board"].report["indicators"]
    assert board["positions_offered"]["value"] == 4
    assert board["welfare_posts_filled"]["value"] == 1
    assert board["job_fairs"]["value"] == 1


def test_ledger_figures_lead_the_catalogue():
    from jiuye.stats.catalogue import catalogue

    modules = [i.module for i in catalogue()]
    assert modules[0] == "jiuye.stats"
    assert modules.index("jiuye.vacancies") > modules.index("jiuye.stats")


def test_printable_report_shows_supply_and_demand(client, county_officer, platform):
    client.force_login(county_officer)
    response = client.get(reverse("stats:report"), AS_OF)
    assert response.status_code == 200
    assert 'id="stats-shortages"' in response.content.decode()


def test_application_drill_down_shows_the_status_label(client, county_officer, platform):
    from django.utils import translation

    from jiuye.applications.enums import ApplicationStatus

    content = get(client, county_officer, "applications").content.decode()
    labels = set()
    for language in ("en", "zh-hans"):
        with translation.override(language):
            labels.add(str(ApplicationStatus.SUBMITTED.label))
    assert any(label in content for label in labels)
    assert "bound method" not in content
