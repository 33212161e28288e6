"""The phone-first visit form in a real browser (phone-sized viewport)."""

import datetime

import pytest

from jiuye.assistance.models import HomeVisit
from jiuye.people.enums import EmploymentStatus
from tests.assistance.factories import status
from tests.browser_support import login
from tests.factories import HouseholdFactory, PersonFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_village_cadre_logs_a_visit_on_a_phone(page, live_server, regions, village_cadre):
    from jiuye.assistance.services import detect_zero_employment_households

    household = HouseholdFactory(region_id=regions["village"])
    member = PersonFactory(region_id=regions["village"], household=household)
    status(member, EmploymentStatus.UNEMPLOYED, datetime.date.today() - datetime.timedelta(days=9))
    detect_zero_employment_households(as_of=datetime.date.today())

    login(page, live_server, "village")
    page.goto(f"{live_server.url}/assistance/visits/due/")
    page.click(f"text={household.number}")
    page.fill("#id_visitors", "覃秀英")
    page.check("input[name=needs][value=job]")
    page.fill("#id_findings", "户主在家务农，想去县城务工")
    page.fill("#id_task", "推荐县城工业园岗位")
    page.fill("#id_task_due_on", (datetime.date.today() + datetime.timedelta(days=7)).isoformat())
    save = page.locator("button[type=submit].btn-lg")
    box = save.bounding_box()
    assert box["width"] > 300  # full width on a phone
    save.click()
    page.wait_for_url(f"**/assistance/households/{household.pk}/visits/")
    assert "户主在家务农" in page.content()
    visit = HomeVisit.objects.get()
    assert visit.needs == ["job"]
    assert visit.tasks.get().description == "推荐县城工业园岗位"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_township_confirms_a_proposal_leaving_one_pair_out(
    page, live_server, regions, township_officer
):
    from jiuye.assistance.models import Placement
    from tests.assistance.factories import poor_person, post

    kept = poor_person(region_id=regions["village"], name="韦丽华")
    left_out = poor_person(region_id=regions["other_village"], name="蓝志强")
    post(regions["village"], title="保洁员", start_date=datetime.date.today())
    post(regions["other_village"], title="护林员", start_date=datetime.date.today())

    login(page, live_server, "township")
    page.goto(f"{live_server.url}/assistance/allocation/")
    assert "韦丽华" in page.content() and "蓝志强" in page.content()
    page.check("input[name=leave_out][aria-label$='蓝志强']")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url("**/assistance/allocation/runs/*/")
    page.wait_for_selector("#allocation-run .badge.text-bg-success")
    assert "1 people placed" in page.content()
    assert Placement.objects.filter(person=kept).exists()
    assert not Placement.objects.filter(person=left_out).exists()
