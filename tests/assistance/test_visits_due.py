"""The "due a visit" list: newly zero-employment households, overdue follow-ups,
applications waiting for their verification visit, certified people never visited."""

import datetime

from jiuye.assistance.selectors import due_for_visit
from jiuye.assistance.services import (
    apply_for_certification,
    detect_zero_employment_households,
    record_visit,
)
from jiuye.people.enums import EmploymentStatus
from tests.assistance.factories import category, certified_person, status
from tests.factories import HouseholdFactory, PersonFactory

TODAY = datetime.date.today()


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def test_each_reason_brings_someone_onto_the_list_until_they_are_visited(
    regions, township_officer, county_officer, other_township_officer
):
    fresh = HouseholdFactory(region_id=regions["village"])
    status(PersonFactory(region_id=regions["village"], household=fresh), "unemployed", days_ago(90))
    visited = HouseholdFactory(region_id=regions["village"])
    visited_member = PersonFactory(region_id=regions["village"], household=visited)
    status(visited_member, EmploymentStatus.UNEMPLOYED, days_ago(90))
    detect_zero_employment_households(as_of=days_ago(30))
    record_visit(
        household=visited,
        visited_on=days_ago(20),
        visitors="蓝志强",
        tasks=[("推荐岗位", township_officer, days_ago(5))],
        by=township_officer,
    )
    applicant = PersonFactory(region_id=regions["village"])
    apply_for_certification(person=applicant, category=category(), applied_on=days_ago(3), by=None)
    certified = certified_person(county_officer, on=TODAY, region_id=regions["village"])

    due = due_for_visit(township_officer, today=TODAY)
    rows = [(d.household, d.person, d.since) for d in due]
    assert (fresh, None, days_ago(30)) in rows  # newly zero-employment, not visited
    assert (visited, None, days_ago(5)) in rows  # its follow-up is overdue
    assert (None, applicant, days_ago(3)) in rows  # verification visit due
    assert [d.certification_id for d in due if d.person == applicant] == [
        applicant.certifications.get().pk
    ]
    assert certified in [d.person for d in due]  # certified, never visited since
    assert visited not in [d.household for d in due if "Zero" in d.reason]

    record_visit(person=certified, visited_on=TODAY, visitors="韦海燕", by=township_officer)
    assert certified not in [d.person for d in due_for_visit(township_officer, today=TODAY)]
    assert due_for_visit(other_township_officer, today=TODAY) == []
