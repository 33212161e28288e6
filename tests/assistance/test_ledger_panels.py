"""What the ledger's person and household pages show of assistance."""

import datetime

from django.urls import reverse

from jiuye.assistance.enums import VisitNeed
from jiuye.assistance.services import detect_zero_employment_households, record_visit
from jiuye.assistance.welfare import start_placement
from jiuye.people.enums import EmploymentStatus
from tests.assistance.factories import certified_person, post, status
from tests.factories import HouseholdFactory, PersonFactory

TODAY = datetime.date.today()


def test_person_page_shows_the_certification_and_the_welfare_post(
    client, regions, township_officer, county_officer
):
    person = certified_person(county_officer, on=TODAY, region_id=regions["village"])
    welfare_post = post(regions["village"], title="护林员", host_unit="测试村民委员会")
    placement = start_placement(
        post=welfare_post, person=person, start_date=TODAY, by=township_officer
    )
    client.force_login(township_officer)
    with_translation = client.get(
        reverse("people:detail", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    page = with_translation.content.decode()
    certification = person.certifications.get()
    assert reverse("assistance:certification", args=[certification.pk]) in page
    assert "Certified" in page
    assert certification.valid_until.strftime("%Y-%m-%d") in page
    assert reverse("assistance:placement", args=[placement.pk]) in page
    assert "护林员" in page
    # The ledger's employment history names the spell "public welfare post".
    assert "<strong>Public welfare post</strong>" in page
    assert "1 placement so far" in page


def test_person_page_says_not_certified_and_offers_a_visit(client, regions, township_officer):
    person = PersonFactory(region_id=regions["village"])
    client.force_login(township_officer)
    page = client.get(reverse("people:detail", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Not certified" in text
    assert f"{reverse('assistance:visit_new')}?person={person.pk}" in text


def test_household_page_shows_the_case_and_the_visit_history(client, regions, township_officer):
    household = HouseholdFactory(region_id=regions["village"])
    member = PersonFactory(region_id=regions["village"], household=household, name="蓝志强")
    status(member, EmploymentStatus.UNEMPLOYED, TODAY - datetime.timedelta(days=90))
    detect_zero_employment_households(as_of=TODAY - datetime.timedelta(days=40))
    record_visit(
        household=household,
        visited_on=TODAY - datetime.timedelta(days=20),
        visitors="覃秀英",
        needs=[VisitNeed.TRAINING],
        findings="想学电工",
        outcome="推荐电工培训班",
        by=township_officer,
    )
    record_visit(
        person=member,
        visited_on=TODAY - datetime.timedelta(days=5),
        visitors="韦海燕",
        findings="电话回访",
        by=township_officer,
    )
    client.force_login(township_officer)
    text = client.get(
        reverse("people:household", args=[household.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Overdue" in text
    assert "推荐电工培训班" in text and "Needs training" in text
    assert "韦海燕" in text  # a visit to a member belongs to the household's history
    history = client.get(reverse("assistance:household_visits", args=[household.pk]))
    assert [v.visitors for v, _needs in history.context["visits"]] == ["韦海燕", "覃秀英"]


def test_ledger_pages_show_no_assistance_panel_to_the_other_township(
    client, regions, other_township_officer
):
    person = PersonFactory(region_id=regions["village"])
    client.force_login(other_township_officer)
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404
