import datetime

from jiuye.assistance.enums import CertificationAction
from jiuye.assistance.services import (
    apply_for_certification,
    detect_zero_employment_households,
    transition_certification,
)
from jiuye.people.enums import EmploymentStatus
from tests.assistance.factories import category, status
from tests.factories import HouseholdFactory, PersonFactory

TODAY = datetime.date.today()


def test_notice_api_is_public_and_masked(client, regions):
    person = PersonFactory(region_id=regions["village"], name="韦丽华")
    c = apply_for_certification(person=person, category=category(), applied_on=TODAY, by=None)
    c = transition_certification(
        certification=c, action=CertificationAction.VERIFY, by=None, on=TODAY, note="ok"
    )
    transition_certification(certification=c, action=CertificationAction.PUBLISH, by=None, on=TODAY)
    rows = client.get("/api/v1/assistance/notice").json()
    assert [(r["name"], r["id_number"]) for r in rows] == [("韦*华", person.id_number_masked)]
    assert client.get("/api/v1/assistance/notice?area=451221").json() == []


def test_overdue_cases_api_needs_login_and_is_scoped(
    client, regions, township_officer, other_township_officer
):
    household = HouseholdFactory(region_id=regions["village"])
    member = PersonFactory(region_id=regions["village"], household=household)
    status(member, EmploymentStatus.UNEMPLOYED, TODAY - datetime.timedelta(days=90))
    detect_zero_employment_households(as_of=TODAY - datetime.timedelta(days=31))
    assert client.get("/api/v1/assistance/cases/overdue").status_code == 401
    client.force_login(township_officer)
    rows = client.get("/api/v1/assistance/cases/overdue").json()
    assert [r["household"] for r in rows] == [household.number]
    client.force_login(other_township_officer)
    assert client.get("/api/v1/assistance/cases/overdue").json() == []
