import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from jiuye.accounts.models import AuditEvent
from jiuye.assistance.enums import CaseCloseReason, CaseStatus
from jiuye.assistance.models import AssistanceRules, ZeroEmploymentCase
from jiuye.assistance.selectors import home_panel, overdue_cases
from jiuye.assistance.services import (
    close_case,
    detect_zero_employment_households,
    mark_refused_offers,
    record_job_offer,
)
from jiuye.people.enums import EmploymentStatus
from tests.assistance.factories import DAY, status
from tests.factories import HouseholdFactory, PersonFactory


def zero_household(region_id, members=2):
    household = HouseholdFactory(region_id=region_id)
    people = [PersonFactory(region_id=region_id, household=household) for _ in range(members)]
    for person in people:
        status(person, EmploymentStatus.UNEMPLOYED, DAY - datetime.timedelta(days=90))
    return household, people


def test_detection_opens_one_case_per_new_household_with_the_deadline(regions):
    household, _ = zero_household(regions["village"])
    _working, members = zero_household(regions["village"])
    status(members[0], EmploymentStatus.EMPLOYED_IN_COUNTY, DAY - datetime.timedelta(days=10))
    assert detect_zero_employment_households(as_of=DAY) == {"opened": 1, "cleared": 0, "closed": 0}
    case = ZeroEmploymentCase.objects.get()
    assert (case.household, case.status, case.deadline) == (
        household,
        CaseStatus.OPEN,
        DAY + datetime.timedelta(days=30),
    )
    # The daily run is idempotent.
    assert detect_zero_employment_households(as_of=DAY)["opened"] == 0


def test_deadline_follows_the_most_specific_rules(regions):
    AssistanceRules.objects.create(area_code=regions["county"], case_deadline_days=15)
    zero_household(regions["village"])
    zero_household(regions["far_township"])
    detect_zero_employment_households(as_of=DAY)
    deadlines = {c.region_id[:6]: (c.deadline - DAY).days for c in ZeroEmploymentCase.objects.all()}
    assert deadlines == {regions["county"]: 15, regions["other_county"]: 30}


def test_case_clears_itself_when_a_member_starts_work(regions):
    household, members = zero_household(regions["village"])
    detect_zero_employment_households(as_of=DAY)
    started = DAY + datetime.timedelta(days=5)
    status(members[1], EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE, started)
    call_command("detect_zero_employment_households", as_of=started + datetime.timedelta(days=1))
    case = ZeroEmploymentCase.objects.get(household=household)
    assert (case.status, case.cleared_on, case.cleared_by_member) == (
        CaseStatus.CLEARED,
        started,
        members[1],
    )


def test_a_hire_clears_the_case_at_once_without_waiting_for_the_daily_run(regions):
    household, members = zero_household(regions["village"])
    detect_zero_employment_households(as_of=DAY)
    started = DAY + datetime.timedelta(days=3)
    status(members[0], EmploymentStatus.EMPLOYED_IN_COUNTY, started)
    case = ZeroEmploymentCase.objects.get(household=household)
    assert (case.status, case.cleared_on, case.cleared_by_member) == (
        CaseStatus.CLEARED,
        started,
        members[0],
    )
    assert AuditEvent.objects.filter(action="zero_case.clear", object_id=str(case.pk)).exists()


def test_work_of_a_member_past_working_age_does_not_clear_the_case(regions):
    household, _members = zero_household(regions["village"])
    grandfather = PersonFactory(
        region_id=regions["village"], household=household, birth=datetime.date(1950, 1, 1)
    )
    detect_zero_employment_households(as_of=DAY)
    status(grandfather, EmploymentStatus.EMPLOYED_IN_COUNTY, DAY + datetime.timedelta(days=3))
    assert ZeroEmploymentCase.objects.get(household=household).status == CaseStatus.OPEN
    detect_zero_employment_households(as_of=DAY + datetime.timedelta(days=4))
    assert ZeroEmploymentCase.objects.get(household=household).status == CaseStatus.OPEN


def test_a_job_starting_later_clears_the_case_on_the_day_it_starts(regions):
    household, members = zero_household(regions["village"])
    today = datetime.date.today()
    detect_zero_employment_households(as_of=today)
    starts = today + datetime.timedelta(days=7)
    status(members[0], EmploymentStatus.EMPLOYED_IN_COUNTY, starts)
    assert ZeroEmploymentCase.objects.get(household=household).status == CaseStatus.OPEN
    detect_zero_employment_households(as_of=starts)
    case = ZeroEmploymentCase.objects.get(household=household)
    assert (case.status, case.cleared_on) == (CaseStatus.CLEARED, starts)


def test_overdue_cases_are_flagged_for_the_area(regions, township_officer, other_township_officer):
    zero_household(regions["village"])
    detect_zero_employment_households(as_of=DAY)
    assert not overdue_cases(today=DAY + datetime.timedelta(days=30)).exists()
    late = DAY + datetime.timedelta(days=31)
    assert overdue_cases(today=late).count() == 1
    assert home_panel(township_officer, today=late).overdue_cases == 1
    assert home_panel(other_township_officer, today=late).overdue_cases == 0


def test_a_household_out_of_the_labour_force_is_closed_by_the_daily_run(
    client, regions, township_officer
):
    from django.urls import reverse

    household, members = zero_household(regions["village"], members=1)
    detect_zero_employment_households(as_of=DAY)
    status(members[0], EmploymentStatus.NOT_IN_LABOUR_FORCE, DAY + datetime.timedelta(days=3))
    result = detect_zero_employment_households(as_of=DAY + datetime.timedelta(days=4))
    case = ZeroEmploymentCase.objects.get(household=household)
    assert result["closed"] == 1
    assert (case.status, case.close_reason, case.closed_by) == (
        CaseStatus.CLOSED,
        CaseCloseReason.NOT_WORKING_AGE,
        None,
    )
    client.force_login(township_officer)
    page = client.get(reverse("assistance:case", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "closed by the daily run" in page.text


def test_closing_needs_an_allowed_reason_and_a_note(regions, township_officer):
    zero_household(regions["village"])
    detect_zero_employment_households(as_of=DAY)
    case = ZeroEmploymentCase.objects.get()
    with pytest.raises(ValidationError):
        close_case(case=case, reason="found_a_job", note="x", by=township_officer)
    with pytest.raises(ValidationError):
        close_case(case=case, reason=CaseCloseReason.MOVED_AWAY, note=" ", by=township_officer)
    close_case(case=case, reason=CaseCloseReason.MOVED_AWAY, note="迁往南宁", by=township_officer)
    case.refresh_from_db()
    assert (case.status, case.close_reason) == (CaseStatus.CLOSED, CaseCloseReason.MOVED_AWAY)


def test_household_is_marked_only_after_three_refused_offers(regions, township_officer):
    zero_household(regions["village"])
    detect_zero_employment_households(as_of=DAY)
    case = ZeroEmploymentCase.objects.get()
    record_job_offer(case=case, offered_on=DAY, description="保安", refused=True, by=None)
    record_job_offer(case=case, offered_on=DAY, description="保洁", refused=False, by=None)
    record_job_offer(case=case, offered_on=DAY, description="车间", refused=True, by=None)
    with pytest.raises(ValidationError, match="2"):
        mark_refused_offers(case=case, on=DAY, by=township_officer)
    record_job_offer(case=case, offered_on=DAY, description="快递", refused=True, by=None)
    mark_refused_offers(case=case, on=DAY, by=township_officer)
    case.refresh_from_db()
    assert case.refused_offers_on == DAY


def test_home_page_flags_overdue_cases_of_the_viewers_area_only(
    client, regions, township_officer, other_township_officer, county_officer, other_county_officer
):
    zero_household(regions["village"])
    detect_zero_employment_households(as_of=datetime.date.today() - datetime.timedelta(days=60))
    zero_household(regions["other_village"])
    detect_zero_employment_households(as_of=datetime.date.today())  # open, not yet overdue
    for officer, overdue in (
        (township_officer, 1),
        (county_officer, 1),
        (other_township_officer, 0),
        (other_county_officer, 0),
    ):
        client.force_login(officer)
        page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").text
        assert f"Overdue: {overdue}" in page, officer.username
        assert ("text-danger fw-bold" in page) == bool(overdue), officer.username
    client.force_login(county_officer)
    assert "Open zero-employment cases: 2" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").text
