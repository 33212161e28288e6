"""The platform and assistance indicators on hand-built rows with known answers, at the
edges of the period (first and last day, local midnight), per child area and a year
earlier."""

import pytest

from jiuye.applications.enums import ApplicationStatus
from jiuye.assistance.enums import CertificationStatus, PostType
from jiuye.jobfairs.enums import ParticipationStatus
from jiuye.stats.catalogue import Query, get
from jiuye.stats.selectors import area_report
from jiuye.vacancies.enums import VacancyStatus
from tests.factories import EmployerFactory
from tests.stats import module_factories as m
from tests.stats.factories import AWAY, UNEMPLOYED, WORK, D, group, person, spell

pytestmark = pytest.mark.django_db
START, END = D(2026, 1, 1), D(2026, 6, 30)


def query(area):
    return Query(area, END, START)


def value(code, area):
    return get(code).evaluate(query(area)).total.value


def test_job_fairs_count_by_local_start_day_and_fair_area(regions):
    town, far = regions["township"], regions["far_township"]
    m.fair(town, START, hour=0)  # 00:00 in Hechi is still 31 December in UTC
    m.fair(town, END, hour=23)  # the last evening of the period
    m.fair(town, D(2025, 12, 31), hour=23)  # before the period
    m.fair(town, D(2026, 7, 1), hour=0)  # after it
    m.fair(far, D(2026, 3, 1))
    city = get("job_fairs").evaluate(query(regions["city"]))
    assert city.total.value == 3
    assert city.children == {regions["county"]: m_fig(2), regions["other_county"]: m_fig(1)}
    assert value("job_fairs", regions["county"]) == 2
    assert value("job_fairs", regions["other_township"]) == 0


def m_fig(n):
    from jiuye.stats.catalogue import Figure

    return Figure(n)


def test_fair_employers_are_approved_participations_at_fairs_in_the_period(regions):
    town = regions["township"]
    spring, summer = m.fair(town, D(2026, 2, 1)), m.fair(town, D(2026, 6, 30))
    company = EmployerFactory()
    m.booth(spring, company)
    m.booth(summer, company)  # the same employer at a second fair counts again
    m.booth(spring, status=ParticipationStatus.PENDING)
    m.booth(spring, status=ParticipationStatus.REJECTED)
    m.booth(m.fair(town, D(2025, 6, 1)))
    assert value("fair_employers", regions["county"]) == 2
    assert value("fair_employers", regions["other_county"]) == 0
    assert get("fair_employers").records(query(town)).count() == 2


def test_vacancies_and_positions_count_posted_vacancies_once(regions):
    town, far = regions["township"], regions["far_township"]
    m.vacancy(town, START, headcount=3)
    m.vacancy(town, END, headcount=2, status=VacancyStatus.CLOSED)  # posted, closed since
    m.vacancy(town, D(2026, 3, 1), headcount=4, status=VacancyStatus.EXPIRED)
    original = m.vacancy(far, D(2026, 3, 1), headcount=10)
    m.vacancy(far, D(2026, 3, 2), headcount=10, duplicate_of=original)
    m.vacancy(town, None, headcount=7, status=VacancyStatus.DRAFT)
    m.vacancy(town, D(2025, 12, 31), headcount=5)
    m.vacancy(town, D(2026, 7, 1), headcount=6)
    assert value("vacancies", regions["county"]) == 3
    assert value("positions_offered", regions["county"]) == 9
    city = get("positions_offered").evaluate(query(regions["city"]))
    assert city.total.value == 19
    assert city.children[regions["other_county"]].value == 10
    assert value("positions_offered", regions["other_township"]) == 0
    report = area_report(query(regions["county"]), codes=["positions_offered"])
    entry = report["indicators"]["positions_offered"]
    assert entry["year_on_year"] == {"last_year": 0, "change": 9, "change_percent": None}


def test_applications_hires_and_people_who_applied(regions):
    town, far = regions["township"], regions["far_township"]
    job = m.vacancy(town, D(2025, 12, 1))
    far_job = m.vacancy(far, D(2025, 12, 1))
    # Registered far away, applying in the county: counted as a person where registered.
    anna = m.seeker(person(far))
    bo = m.seeker(person(regions["village"]))
    m.application(job, anna, START, hour=0)
    m.application(far_job, anna, D(2026, 2, 1), status=ApplicationStatus.HIRED, hired_on=END)
    m.application(
        job, bo, D(2025, 12, 31), hour=23, status=ApplicationStatus.HIRED, hired_on=D(2025, 12, 31)
    )
    m.application(far_job, bo, D(2026, 7, 1), hour=0)
    assert value("applications", regions["county"]) == 1
    assert value("applications", regions["other_county"]) == 1
    assert value("applications", regions["city"]) == 2
    assert value("hires", regions["other_county"]) == 1
    assert value("hires", regions["county"]) == 0
    assert value("job_seekers_applied", regions["county"]) == 0
    assert value("job_seekers_applied", regions["other_county"]) == 1
    assert list(get("job_seekers_applied").records(query(regions["city"]))) == [anna.person]
    last_year = Query(regions["county"], D(2025, 12, 31), D(2025, 1, 1))
    assert get("hires").evaluate(last_year).total.value == 1


def test_difficulty_people_employed_needs_a_valid_certification_on_the_start_day(regions):
    village = regions["village"]

    def certified(cert_on, valid_until, start, status=CertificationStatus.CERTIFIED):
        who = person(village)
        spell(who, UNEMPLOYED, D(2025, 1, 1), start)
        spell(who, WORK, start)
        m.certification(who, cert_on, valid_until, status=status)
        return who

    counted = certified(D(2025, 6, 1), D(2026, 6, 1), START)
    certified(D(2025, 6, 1), D(2026, 6, 1), END)  # certification expired before the start
    certified(D(2026, 6, 30), D(2027, 6, 30), END, status=CertificationStatus.REVOKED)
    on_the_day = certified(D(2026, 6, 30), D(2027, 6, 30), END)
    certified(D(2025, 6, 1), D(2027, 6, 1), D(2026, 7, 1))  # starts after the period
    later = certified(D(2026, 3, 2), D(2027, 1, 1), D(2026, 3, 1))  # certified a day late
    # Certified when the job started, the certification lapsed since: still counted, or the
    # daily run that marks lapsed certifications expired would rewrite past figures.
    lapsed = certified(D(2025, 6, 1), D(2026, 6, 1), START, status=CertificationStatus.EXPIRED)
    # A change of job is not a new job.
    mover = person(village)
    spell(mover, WORK, D(2025, 1, 1), D(2026, 2, 1))
    spell(mover, AWAY, D(2026, 2, 1))
    m.certification(mover, D(2025, 1, 1), D(2027, 1, 1))
    rows = get("difficulty_people_employed").records(query(regions["county"]))
    assert set(rows) == {counted, on_the_day, lapsed}
    assert later not in rows
    assert value("difficulty_people_employed", regions["other_county"]) == 0


def test_welfare_placements_by_type_and_of_people_with_disabilities(regions):
    village, far = regions["village"], regions["far_township"]
    village_post = m.welfare_post(village)
    urban_post = m.welfare_post(regions["township"], PostType.URBAN_WELFARE)
    disabled = person(far)  # registered elsewhere: the post's area counts
    group(disabled, "disabled", D(2020, 1, 1))
    m.placement(village_post, disabled, START)
    m.placement(urban_post, person(village), END, ended=END)
    m.placement(village_post, person(village), D(2025, 12, 31))
    m.placement(village_post, person(village), D(2026, 7, 1))
    became_disabled = person(village)
    group(became_disabled, "disabled", D(2026, 5, 2))  # after the placement started
    m.placement(urban_post, became_disabled, D(2026, 5, 1))
    county = regions["county"]
    assert value("welfare_posts_filled", county) == 3
    assert value("welfare_posts_filled_village_welfare", county) == 1
    assert value("welfare_posts_filled_urban_welfare", county) == 2
    assert value("welfare_posts_filled_village_temporary", county) == 0
    assert value("welfare_posts_disabled", county) == 1
    assert value("welfare_posts_filled", regions["other_county"]) == 0


def test_households_cleared_and_visited_count_each_household_once(regions):
    village = regions["village"]
    home, other = m.household(village), m.household(regions["far_township"])
    m.case(home, D(2025, 11, 1), cleared_on=START)
    m.case(home, D(2026, 2, 1), cleared_on=END)  # cleared twice: one household
    m.case(other, D(2025, 11, 1), cleared_on=D(2025, 12, 31))
    m.case(other, D(2026, 6, 1))  # still open
    m.visit(home, START)
    m.visit(home, END)
    m.visit(other, D(2026, 7, 1))
    city = regions["city"]
    assert value("zero_employment_households_cleared", city) == 1
    assert value("zero_employment_households_cleared", regions["other_county"]) == 0
    assert value("households_visited", city) == 1
    assert value("households_visited", regions["county"]) == 1
    assert value("households_visited", regions["other_county"]) == 0
