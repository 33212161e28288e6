import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from stdnum.cn import ric

from jiuye.accounts.enums import Role
from jiuye.assistance.enums import CaseStatus, CertificationAction, CertificationStatus
from jiuye.assistance.models import (
    AllocationRun,
    Certification,
    HomeVisit,
    MonthlyRecord,
    Placement,
    ZeroEmploymentCase,
)
from jiuye.assistance.services import (
    apply_for_certification,
    detect_zero_employment_households,
    transition_certification,
)
from jiuye.assistance.welfare import start_placement
from jiuye.people.enums import EmploymentStatus
from tests.assistance.factories import category, poor_person, post, status
from tests.factories import HouseholdFactory, PersonFactory, UserFactory

TODAY = datetime.date.today()


def valid_id_number(sequence=[100]):  # noqa: B006 (a counter on purpose)
    """A number python-stdnum accepts: the area code must exist in the birth year (451228
    since 2002) and `calc_check_digit` takes all 18 characters."""
    sequence[0] += 2
    body = f"45122820030601{sequence[0]:03d}"
    return body + ric.calc_check_digit(body + "0")


@pytest.fixture
def seeker(regions):
    person = PersonFactory(region_id=regions["village"])
    return UserFactory(username="seeker", role=Role.JOB_SEEKER, person=person)


@pytest.fixture
def data(regions):
    """One of everything in the township of `township_officer`."""
    person = PersonFactory(region_id=regions["village"], name="韦丽华")
    certification = apply_for_certification(
        person=person, category=category(), applied_on=TODAY, by=None
    )
    household = HouseholdFactory(region_id=regions["village"])
    member = PersonFactory(region_id=regions["village"], household=household)
    status(member, EmploymentStatus.UNEMPLOYED, TODAY - datetime.timedelta(days=60))
    detect_zero_employment_households(as_of=TODAY - datetime.timedelta(days=40))
    case = ZeroEmploymentCase.objects.get()
    welfare_post = post(
        regions["village"], places=2, start_date=TODAY - datetime.timedelta(days=60)
    )
    placed = poor_person(region_id=regions["village"])
    placement = start_placement(
        post=welfare_post, person=placed, start_date=TODAY - datetime.timedelta(days=10), by=None
    )
    return {
        "certification": certification,
        "household": household,
        "case": case,
        "post": welfare_post,
        "placement": placement,
    }


def object_pages(data):
    return [
        reverse("assistance:certification", args=[data["certification"].pk]),
        reverse("assistance:case", args=[data["case"].pk]),
        reverse("assistance:household_visits", args=[data["household"].pk]),
        reverse("assistance:post", args=[data["post"].pk]),
        reverse("assistance:placement", args=[data["placement"].pk]),
        reverse("assistance:visit_new") + f"?household={data['household'].pk}",
    ]


LIST_PAGES = [
    "assistance:index",
    "assistance:certifications",
    "assistance:certification_new",
    "assistance:cases",
    "assistance:visits_due",
    "assistance:posts",
    "assistance:post_new",
    "assistance:allocation",
    "assistance:subsidy_roll",
]


def test_anonymous_user_is_sent_to_login(client, data):
    for url in [reverse(name) for name in LIST_PAGES] + object_pages(data):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_non_staff_user_gets_404_everywhere(client, data, seeker):
    client.force_login(seeker)
    for url in [reverse(name) for name in LIST_PAGES] + object_pages(data):
        assert client.get(url).status_code == 404, url


def test_officer_of_another_township_gets_404_for_objects(client, data, other_township_officer):
    client.force_login(other_township_officer)
    for url in object_pages(data):
        assert client.get(url).status_code == 404, url
    response = client.get(reverse("assistance:certifications"))
    assert "韦丽华" not in response.text
    assert not client.get(reverse("assistance:cases")).context["cases"]


def test_every_page_renders_for_the_township(client, data, township_officer):
    client.force_login(township_officer)
    for url in [reverse(name) for name in LIST_PAGES] + object_pages(data):
        assert client.get(url).status_code == 200, url


def test_public_notice_is_open_and_shows_masked_names_and_numbers(client, regions):
    person = PersonFactory(region_id=regions["village"], name="韦丽华")
    c = apply_for_certification(person=person, category=category(), applied_on=TODAY, by=None)
    c = transition_certification(
        certification=c, action=CertificationAction.VERIFY, by=None, on=TODAY, note="ok"
    )
    transition_certification(certification=c, action=CertificationAction.PUBLISH, by=None, on=TODAY)
    response = client.get(reverse("assistance:public_notice"))
    assert response.status_code == 200
    assert "韦*华" in response.text
    assert "韦丽华" not in response.text
    assert person.id_number_masked in response.text
    assert person.reveal_id_number() not in response.text


def test_staff_record_an_application_by_id_number(client, regions, township_officer):
    person = PersonFactory(region_id=regions["village"], id_number=valid_id_number())
    client.force_login(township_officer)
    url = reverse("assistance:certification_new")
    response = client.post(
        url, {"id_number": "123", "category": category().pk, "applied_on": TODAY}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"]
    response = client.post(
        url,
        {
            "id_number": person.reveal_id_number(),
            "category": category().pk,
            "applied_on": TODAY.isoformat(),
            "statement": "本人申请",
        },
    )
    certification = Certification.objects.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("assistance:certification", args=[certification.pk])


def test_staff_record_an_application_from_the_ledgers_person_page(
    client, regions, township_officer, other_township_officer
):
    person = PersonFactory(region_id=regions["village"])
    url = reverse("assistance:certification_new") + f"?person={person.pk}"
    client.force_login(township_officer)
    ledger = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert url in ledger
    form = client.get(url).context["form"]
    assert "id_number" not in form.fields
    response = client.post(
        url, {"category": category().pk, "applied_on": TODAY.isoformat(), "statement": "代申请"}
    )
    certification = Certification.objects.get(person=person)
    assert response["Location"] == reverse("assistance:certification", args=[certification.pk])
    assert (certification.applied_by_person, certification.created_by) == (False, township_officer)
    client.force_login(other_township_officer)
    assert client.get(url).status_code == 404
    assert client.get(reverse("assistance:certification_new") + "?person=x").status_code == 404


def test_person_outside_the_area_cannot_be_applied_for(client, regions, other_township_officer):
    person = PersonFactory(region_id=regions["village"], id_number=valid_id_number())
    client.force_login(other_township_officer)
    response = client.post(
        reverse("assistance:certification_new"),
        {
            "id_number": person.reveal_id_number(),
            "category": category().pk,
            "applied_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 200
    assert not Certification.objects.exists()


def test_township_cannot_approve_but_county_can(client, data, township_officer, county_officer):
    c = data["certification"]
    url = reverse("assistance:certification_act", args=[c.pk])
    client.force_login(township_officer)
    past = TODAY - datetime.timedelta(days=20)
    client.post(url, {"action": "verify", "on": past.isoformat(), "note": "属实"})
    client.post(url, {"action": "publish", "on": past.isoformat()})
    client.post(url, {"action": "approve", "on": TODAY.isoformat()})
    c.refresh_from_db()
    assert c.status == CertificationStatus.ON_NOTICE
    client.force_login(county_officer)
    client.post(url, {"action": "approve", "on": "not a date"})
    c.refresh_from_db()
    assert c.status == CertificationStatus.ON_NOTICE
    client.post(url, {"action": "approve", "on": TODAY.isoformat()})
    c.refresh_from_db()
    assert c.status == CertificationStatus.CERTIFIED


def test_overdue_list_and_case_closing(client, data, township_officer):
    client.force_login(township_officer)
    response = client.get(reverse("assistance:cases") + "?overdue=1")
    assert list(response.context["cases"]) == [data["case"]]
    url = reverse("assistance:case_close", args=[data["case"].pk])
    client.post(url, {"reason": "moved_away", "note": ""})
    data["case"].refresh_from_db()
    assert data["case"].status == CaseStatus.OPEN
    client.post(url, {"reason": "moved_away", "note": "全家迁往广东"})
    data["case"].refresh_from_db()
    assert data["case"].status == CaseStatus.CLOSED


def test_phone_visit_form_logs_a_visit_with_a_task(client, data, township_officer):
    client.force_login(township_officer)
    url = reverse("assistance:visit_new") + f"?household={data['household'].pk}"
    response = client.post(
        url, {"visited_on": TODAY.isoformat(), "visitors": "蓝志强", "task": "x"}
    )
    assert response.status_code == 200 and not HomeVisit.objects.exists()
    response = client.post(
        url,
        {
            "visited_on": TODAY.isoformat(),
            "visitors": "蓝志强",
            "needs": ["job", "training"],
            "findings": "夫妻二人均在家务农",
            "task": "推荐县城保安岗位",
            "task_due_on": (TODAY + datetime.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    visit = HomeVisit.objects.get()
    assert visit.needs == ["job", "training"]
    assert visit.tasks.get().owner == township_officer
    history = client.get(reverse("assistance:household_visits", args=[data["household"].pk]))
    assert "夫妻二人均在家务农" in history.text
    # Visited since the case opened: no longer due.
    due = client.get(reverse("assistance:visits_due")).context["due"]
    assert data["household"] not in [d.household for d in due]


def test_visit_tasks_can_be_given_to_another_officer_of_the_area(
    client, data, township_officer, village_cadre, other_township_officer
):
    client.force_login(township_officer)
    url = reverse("assistance:visit_new") + f"?household={data['household'].pk}"
    owners = client.get(url).context["form"].fields["task_owner"].queryset
    assert village_cadre in owners and township_officer in owners
    assert other_township_officer not in owners
    due = (TODAY + datetime.timedelta(days=7)).isoformat()
    visit_fields = {"visited_on": TODAY.isoformat(), "visitors": "蓝志强", "findings": "在家"}
    response = client.post(
        url,
        {**visit_fields, "task": "x", "task_due_on": due, "task_owner": other_township_officer.pk},
    )
    assert response.status_code == 200 and not HomeVisit.objects.exists()
    response = client.post(
        url,
        {
            **visit_fields,
            "task": "联系工业园招工",
            "task_due_on": due,
            "task_owner": village_cadre.pk,
            "task_2": "申请临时救助",
            "task_2_due_on": due,
        },
    )
    assert response.status_code == 302
    tasks = HomeVisit.objects.get().tasks.order_by("description")
    assert [(t.description, t.owner) for t in tasks] == [
        ("申请临时救助", township_officer),
        ("联系工业园招工", village_cadre),
    ]


def test_a_task_owner_must_cover_the_visited_area(
    regions, township_officer, other_township_officer
):
    from django.core.exceptions import ValidationError

    from jiuye.assistance.services import record_visit

    household = HouseholdFactory(region_id=regions["village"])
    with pytest.raises(ValidationError, match="outside"):
        record_visit(
            household=household,
            visited_on=TODAY,
            visitors="x",
            tasks=[("回访", other_township_officer, TODAY)],
            by=township_officer,
        )
    assert not HomeVisit.objects.exists()


def test_visit_form_needs_a_household_or_person(client, regions, township_officer):
    client.force_login(township_officer)
    assert client.get(reverse("assistance:visit_new")).status_code == 404
    assert client.get(reverse("assistance:visit_new") + "?household=x").status_code == 404


def test_allocation_page_proposes_and_confirms_in_the_background(
    client, data, regions, township_officer, django_capture_on_commit_callbacks
):
    waiting = poor_person(region_id=regions["village"])
    client.force_login(township_officer)
    response = client.get(reverse("assistance:allocation"))
    proposals = response.context["proposals"]
    assert [(p.post_id, p.person_id) for p in proposals] == [(data["post"].pk, waiting.pk)]
    assert client.post(reverse("assistance:allocation"), {}).status_code == 302
    assert not AllocationRun.objects.exists()
    assert response.context["proposal"] == f"{data['post'].pk}:{waiting.pk}"
    pair = {"proposal": response.context["proposal"]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assistance:allocation"), pair, HTTP_ACCEPT_LANGUAGE="en")
    run = AllocationRun.objects.get()
    assert response["Location"] == reverse("assistance:allocation_run", args=[run.pk])
    assert (run.status, run.done, run.placed, run.area_id) == (
        AllocationRun.Status.DONE,
        1,
        1,
        township_officer.area_code,
    )
    assert Placement.objects.filter(person=waiting, post=data["post"]).exists()
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "1 of 1 proposals checked, 1 people placed" in page.text
    assert "hx-trigger" not in page.text  # finished: the fragment stops polling
    # Confirming it again is refused with a reason, not a crash.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assistance:allocation"), pair, HTTP_ACCEPT_LANGUAGE="en")
    again = AllocationRun.objects.order_by("-id").first()
    assert (again.placed, len(again.errors)) == (0, 1)
    assert "already" in again.errors[0]
    assert Placement.objects.filter(person=waiting).count() == 1
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert partial.templates[0].name == "assistance/_allocation_run.html"
    listed = client.get(reverse("assistance:allocation")).context["runs"]
    assert list(listed) == [again, run]


def test_staff_leave_out_pairs_and_confirm_thousands_at_once(
    client, data, regions, township_officer, django_capture_on_commit_callbacks
):
    kept, dropped = (
        poor_person(region_id=regions["village"]),
        poor_person(region_id=regions["village"]),
    )
    other_post = post(regions["village"], places=1)
    client.force_login(township_officer)
    # More pairs than Django lets a request carry as separate fields (1,000).
    unknown = [f"{900000 + i}:{900000 + i}" for i in range(1500)]
    proposal = ",".join([f"{data['post'].pk}:{kept.pk}", f"{other_post.pk}:{dropped.pk}", *unknown])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("assistance:allocation"),
            {"proposal": proposal, "leave_out": [f"{other_post.pk}:{dropped.pk}"]},
        )
    assert response.status_code == 302
    run = AllocationRun.objects.get()
    assert (run.total, run.done, run.placed) == (1501, 1501, 1)
    assert len(run.errors) == 1000  # the first thousand reasons are kept
    assert Placement.objects.filter(person=kept).exists()
    assert not Placement.objects.filter(person=dropped).exists()


def test_an_allocation_run_of_another_township_is_not_found(
    client, data, regions, township_officer, other_township_officer
):
    from jiuye.assistance.allocation_runs import start_allocation_run

    run = start_allocation_run(
        area_code=township_officer.area_code, pairs=[], start_date=TODAY, by=township_officer
    )
    client.force_login(other_township_officer)
    assert client.get(reverse("assistance:allocation_run", args=[run.pk])).status_code == 404
    client.force_login(township_officer)
    assert client.get(reverse("assistance:allocation_run", args=[run.pk])).status_code == 200


def test_allocation_cannot_place_people_of_another_area(
    client, data, regions, other_township_officer, django_capture_on_commit_callbacks
):
    waiting = poor_person(region_id=regions["village"])
    client.force_login(other_township_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("assistance:allocation"),
            {"proposal": f"{data['post'].pk}:{waiting.pk}"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert not Placement.objects.filter(person=waiting).exists()
    assert "outside your area" in AllocationRun.objects.get().errors[0]


def test_month_record_and_roll(client, data, township_officer):
    client.force_login(township_officer)
    placement = data["placement"]
    url = reverse("assistance:placement_month", args=[placement.pk])
    client.post(url, {"month": "bad", "days_worked": 3})
    assert not MonthlyRecord.objects.exists()
    client.post(url, {"month": placement.start_date.strftime("%Y-%m"), "days_worked": 22})
    assert MonthlyRecord.objects.get().subsidy == data["post"].monthly_subsidy
    response = client.get(
        reverse("assistance:subsidy_roll") + f"?month={placement.start_date:%Y-%m}"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert list(book.worksheets[0].iter_rows(values_only=True))[-1][2] == 880


def test_a_host_unit_records_a_month_for_everyone_on_the_post(
    client, data, regions, township_officer, other_township_officer
):
    second = start_placement(
        post=data["post"],
        person=poor_person(region_id=regions["village"]),
        start_date=data["placement"].start_date,
        by=None,
    )
    month = data["placement"].start_date.replace(day=1)
    client.force_login(township_officer)
    url = reverse("assistance:post_month", args=[data["post"].pk])
    other = data["placement"]
    client.post(
        url,
        {"month": f"{month:%Y-%m}", f"days_{other.pk}": "22", f"days_{second.pk}": "11"},
    )
    recorded = dict(MonthlyRecord.objects.values_list("placement_id", "subsidy"))
    assert recorded == {other.pk: 880, second.pk: 440}
    response = client.post(
        url, {"month": f"{month:%Y-%m}", f"days_{other.pk}": "20"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert MonthlyRecord.objects.count() == 2  # a month is never recorded twice
    assert "already recorded" in " ".join(str(m) for m in response.wsgi_request._messages)
    client.force_login(other_township_officer)
    assert client.post(url, {"month": f"{month:%Y-%m}"}).status_code == 404


def test_roll_for_one_host_unit_or_one_area_inside_the_users_own(
    client, regions, township_officer, county_officer
):
    from jiuye.assistance.welfare import record_month

    month = TODAY.replace(day=1)
    placements = []
    for village, unit in ((regions["village"], "甲村村委"), (regions["other_village"], "乙村村委")):
        p = post(village, host_unit=unit, start_date=month - datetime.timedelta(days=60))
        placement = start_placement(
            post=p, person=poor_person(region_id=village), start_date=month, by=None
        )
        record_month(placement=placement, month=month, days_worked=22, by=None)
        placements.append(placement)
    url = reverse("assistance:subsidy_roll")
    client.force_login(county_officer)

    def sheets(**params):
        response = client.get(url, {"month": f"{month:%Y-%m}", **params})
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content))
        # The summary by host unit first, then the totals by area.
        return [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]

    whole = sheets(area=regions["county"])
    assert {row[0] for row in whole[0][1:-1]} == {"甲村村委", "乙村村委"}
    by_area = whole[1]
    assert [row[0] for row in by_area[1:-1]] == sorted(
        [regions["village"], regions["other_village"]]
    )
    assert by_area[-1][2:] == (2, 880 * 2)
    one_unit = sheets(host_unit="乙村村委")
    assert [row[0] for row in one_unit[0][1:-1]] == ["乙村村委"]
    one_village = sheets(area=regions["village"])
    assert [row[0] for row in one_village[0][1:-1]] == ["甲村村委"]
    client.force_login(township_officer)
    assert client.get(url, {"area": regions["county"]}).status_code == 404
    assert client.get(url, {"area": regions["other_township"]}).status_code == 404


def test_ending_a_placement_needs_a_reason(client, data, township_officer):
    client.force_login(township_officer)
    url = reverse("assistance:placement_end", args=[data["placement"].pk])
    client.post(url, {"end_date": TODAY.isoformat(), "reason": "bored"})
    data["placement"].refresh_from_db()
    assert data["placement"].status == "active"
    client.post(url, {"end_date": TODAY.isoformat(), "reason": "resigned"})
    data["placement"].refresh_from_db()
    assert data["placement"].status == "ended"


def test_pages_are_translated_to_chinese(client, data, township_officer):
    client.force_login(township_officer)
    response = client.get(reverse("assistance:index"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "就业援助" in response.text


def test_job_seeker_applies_for_themselves(client, seeker, township_officer):
    url = reverse("assistance:self_application")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(township_officer)
    assert client.get(url).status_code == 404  # staff use the staff form
    client.force_login(seeker)
    assert client.get(url).status_code == 200
    response = client.post(url, {"category": category().pk, "statement": ""})
    assert response.status_code == 200 and not Certification.objects.exists()
    response = client.post(url, {"category": category().pk, "statement": "腿脚不便，找工作难"})
    assert response.status_code == 302
    certification = Certification.objects.get()
    assert (certification.person, certification.applied_by_person) == (seeker.person, True)
    # A second application while one is open is refused with a message, not a crash.
    response = client.post(url, {"category": category().pk, "statement": "再次申请"})
    assert response.status_code == 200
    assert Certification.objects.count() == 1


def test_list_pages_do_not_query_per_row(
    client, data, regions, township_officer, django_assert_max_num_queries
):
    for _ in range(5):
        person = PersonFactory(region_id=regions["village"])
        apply_for_certification(person=person, category=category(), applied_on=TODAY, by=None)
        post(regions["village"], places=2)
    client.force_login(township_officer)
    for name in ("assistance:certifications", "assistance:cases", "assistance:posts"):
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200


def test_follow_up_task_is_marked_done_with_an_outcome(
    client, data, township_officer, other_township_officer
):
    from jiuye.assistance.services import record_visit

    visit = record_visit(
        household=data["household"],
        visited_on=TODAY,
        visitors="蓝志强",
        tasks=[("推荐保安岗位", township_officer, TODAY)],
        by=township_officer,
    )
    task = visit.tasks.get()
    url = reverse("assistance:task_done", args=[task.pk])
    client.force_login(other_township_officer)
    assert client.post(url, {"outcome": "x"}).status_code == 404
    client.force_login(township_officer)
    client.post(url, {"outcome": ""})
    task.refresh_from_db()
    assert task.done_on is None
    client.post(url, {"outcome": "已到岗"})
    task.refresh_from_db()
    assert (task.done_on, task.outcome) == (TODAY, "已到岗")


def test_county_creates_a_post_in_its_area_only(client, regions, county_officer):
    from jiuye.assistance.models import WelfarePost

    client.force_login(county_officer)
    url = reverse("assistance:post_new")
    assert client.get(url).status_code == 200
    fields = {
        "post_type": "village_welfare",
        "title": "保洁员",
        "host_unit": "测试村委",
        "monthly_subsidy": 880,
        "places": 3,
        "start_date": TODAY.isoformat(),
    }
    response = client.post(url, {**fields, "region_code": regions["far_township"]})
    assert response.status_code == 200 and not WelfarePost.objects.exists()
    response = client.post(url, {**fields, "region_code": "999999"})
    assert response.status_code == 200 and not WelfarePost.objects.exists()
    response = client.post(url, {**fields, "region_code": regions["village"]})
    post = WelfarePost.objects.get()
    assert response["Location"] == reverse("assistance:post", args=[post.pk])
    assert (post.region_id, post.places) == (regions["village"], 3)


def test_long_lists_are_paged_and_keep_their_filter(client, regions, township_officer, monkeypatch):
    from jiuye.web.assistance import views_certifications

    monkeypatch.setattr(views_certifications, "PAGE_SIZE", 2)
    for _ in range(3):
        apply_for_certification(
            person=PersonFactory(region_id=regions["village"]),
            category=category(),
            applied_on=TODAY,
            by=None,
        )
    client.force_login(township_officer)
    url = reverse("assistance:certifications")
    first = client.get(url, {"status": "applied"})
    assert len(first.context["certifications"]) == 2
    assert "?status=applied&amp;page=2" in first.text
    second = client.get(url, {"status": "applied", "page": 2})
    assert len(second.context["certifications"]) == 1
    assert client.get(url, {"page": "x"}).status_code == 200
