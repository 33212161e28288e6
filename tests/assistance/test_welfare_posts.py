import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from openpyxl import load_workbook

from jiuye.accounts.models import AuditEvent
from jiuye.assistance.allocation import allocate_first_come, total_score
from jiuye.assistance.enums import PlacementEndReason, PlacementStatus, PostType
from jiuye.assistance.models import Placement
from jiuye.assistance.services import detect_zero_employment_households
from jiuye.assistance.welfare import (
    end_placement,
    load_candidates,
    open_posts,
    propose_allocation,
    record_month,
    start_placement,
    subsidy_roll_xlsx,
)
from jiuye.people.enums import EmploymentStatus, PersonGroup
from jiuye.people.models import GroupMembership
from jiuye.people.services import current_spell
from tests.assistance.factories import DAY, certified_person, poor_person, post, status, unemployed
from tests.factories import HouseholdFactory


def by_id(candidates):
    return {c.person_id: c for c in candidates}


def test_eligibility_follows_the_post_type_rules(regions, county_officer):
    poor = poor_person(region_id=regions["village"])
    certified = certified_person(county_officer, region_id=regions["village"])
    too_old = poor_person(region_id=regions["village"], birth=datetime.date(1960, 1, 1))
    in_work = poor_person(region_id=regions["village"])
    status(in_work, EmploymentStatus.EMPLOYED_IN_COUNTY, DAY - datetime.timedelta(days=5))
    found = by_id(load_candidates(area_code=regions["county"], as_of=DAY))
    assert found[poor.pk].post_types == {PostType.VILLAGE_TEMPORARY, PostType.VILLAGE_WELFARE}
    assert PostType.URBAN_WELFARE in found[certified.pk].post_types
    assert too_old.pk not in found
    assert in_work.pk not in found


def test_checking_many_people_reads_the_area_once_and_keeps_only_them(regions, monkeypatch):
    from jiuye.assistance import welfare

    people = [poor_person(region_id=regions["village"]) for _ in range(3)]
    monkeypatch.setattr(welfare, "MAX_IDS_IN_QUERY", 1)
    found = load_candidates(
        area_code=regions["county"], as_of=DAY, person_ids=[people[0].pk, people[2].pk]
    )
    assert sorted(c.person_id for c in found) == [people[0].pk, people[2].pk]


def test_priorities_add_up(regions):
    plain = poor_person(region_id=regions["village"])
    near_retirement = poor_person(region_id=regions["village"], birth=datetime.date(1969, 1, 1))
    disabled = poor_person(region_id=regions["village"])
    GroupMembership.objects.create(person=disabled, group=PersonGroup.DISABLED)
    household = HouseholdFactory(region_id=regions["village"])
    zero = poor_person(region_id=regions["village"], household=household)
    unemployed(zero)
    detect_zero_employment_households(as_of=DAY)
    found = by_id(load_candidates(area_code=regions["county"], as_of=DAY))
    assert [found[p.pk].priority for p in (plain, near_retirement, disabled, zero)] == [
        0,
        40,
        20,
        30,
    ]


def test_an_area_sets_its_own_priority_points(regions):
    from jiuye.assistance.models import AssistanceRules

    near_retirement = poor_person(region_id=regions["village"], birth=datetime.date(1968, 3, 1))
    disabled = poor_person(region_id=regions["village"])
    GroupMembership.objects.create(person=disabled, group=PersonGroup.DISABLED)
    p = post(regions["village"])
    best = propose_allocation(area_code=regions["county"], as_of=DAY)
    assert [(b.person_id, b.score) for b in best] == [(near_retirement.pk, 1 + 40 + 15)]
    AssistanceRules.objects.create(
        area_code=regions["county"], points_disabled=60, points_same_village=2
    )
    best = propose_allocation(area_code=regions["county"], as_of=DAY)
    assert [(b.post_id, b.person_id, b.score) for b in best] == [(p.pk, disabled.pk, 1 + 60 + 2)]
    placement = start_placement(post=p, person=disabled, start_date=DAY, by=None)
    assert placement.score == 63


def test_optimal_allocation_beats_first_come_on_a_known_case(regions):
    village_a, village_b = regions["village"], regions["other_village"]
    x = poor_person(region_id=village_a)
    y = poor_person(region_id=village_a)
    z = poor_person(region_id=village_b)
    p1 = post(village_a)
    p2 = post(village_b)
    candidates = load_candidates(area_code=regions["county"], as_of=DAY)
    posts = open_posts(area_code=regions["county"], as_of=DAY)
    best = propose_allocation(area_code=regions["county"], as_of=DAY)
    # Each village's post goes to someone living there: 16 + 16 points.
    assert total_score(best) == 32
    assert {(p.post_id, p.person_id) for p in best} in (
        {(p1.pk, x.pk), (p2.pk, z.pk)},
        {(p1.pk, y.pk), (p2.pk, z.pk)},
    )
    greedy = allocate_first_come(candidates, posts)
    assert total_score(greedy) == 27  # y is sent to the other village, z gets nothing


def test_priority_wins_over_registration_order(regions):
    early = poor_person(region_id=regions["village"])
    late = poor_person(region_id=regions["village"], birth=datetime.date(1968, 3, 1))
    p = post(regions["village"])
    best = propose_allocation(area_code=regions["county"], as_of=DAY)
    assert [(b.post_id, b.person_id, b.score) for b in best] == [(p.pk, late.pk, 56)]
    assert early.pk not in {b.person_id for b in best}


def test_placement_opens_a_welfare_spell_and_ending_it_closes_it(regions, township_officer):
    person = poor_person(region_id=regions["village"])
    unemployed(person)
    p = post(regions["village"])
    placement = start_placement(post=p, person=person, start_date=DAY, by=township_officer)
    spell = current_spell(person, DAY)
    assert (spell.status, spell.employer_name) == (EmploymentStatus.WELFARE_POST, p.host_unit)
    assert placement.term_end == datetime.date(2029, 6, 1)
    end = DAY + datetime.timedelta(days=100)
    end_placement(
        placement=placement, end_date=end, reason=PlacementEndReason.RESIGNED, by=township_officer
    )
    assert current_spell(person, end).status == EmploymentStatus.UNEMPLOYED
    assert AuditEvent.objects.filter(action__startswith="welfare.placement").count() == 2


def test_a_placement_ended_by_retirement_leaves_the_person_outside_the_labour_force(regions):
    person = poor_person(region_id=regions["village"], birth=datetime.date(1966, 9, 1))
    placement = start_placement(
        post=post(regions["village"]), person=person, start_date=DAY, by=None
    )
    retired = datetime.date(2026, 9, 1)
    end_placement(placement=placement, end_date=retired, reason=PlacementEndReason.RETIRED, by=None)
    assert current_spell(person, retired).status == EmploymentStatus.NOT_IN_LABOUR_FORCE


def test_term_is_three_years_or_until_retirement_when_that_is_later(regions):
    man_58 = poor_person(region_id=regions["village"], birth=datetime.date(1968, 3, 1))
    placement = start_placement(
        post=post(regions["village"]), person=man_58, start_date=DAY, by=None
    )
    assert placement.term_end == datetime.date(2029, 6, 1)  # retires 2028: three years is later
    man_56 = poor_person(region_id=regions["village"], birth=datetime.date(1970, 1, 1))
    placement = start_placement(
        post=post(regions["village"]), person=man_56, start_date=DAY, by=None
    )
    assert placement.term_end == datetime.date(2030, 1, 1)  # kept on until 60
    man_41 = poor_person(region_id=regions["village"], birth=datetime.date(1985, 1, 1))
    placement = start_placement(
        post=post(regions["village"]), person=man_41, start_date=DAY, by=None
    )
    assert placement.term_end == datetime.date(2029, 6, 1)


def test_one_active_placement_and_two_placements_at_most(regions):
    person = poor_person(region_id=regions["village"])
    first = start_placement(post=post(regions["village"]), person=person, start_date=DAY, by=None)
    with pytest.raises(ValidationError):
        start_placement(post=post(regions["village"]), person=person, start_date=DAY, by=None)
    end_placement(
        placement=first,
        end_date=DAY + datetime.timedelta(days=30),
        reason=PlacementEndReason.RESIGNED,
        by=None,
    )
    second = start_placement(
        post=post(regions["village"]),
        person=person,
        start_date=DAY + datetime.timedelta(days=40),
        by=None,
    )
    end_placement(
        placement=second,
        end_date=DAY + datetime.timedelta(days=70),
        reason=PlacementEndReason.RESIGNED,
        by=None,
    )
    with pytest.raises(ValidationError, match="not eligible"):
        start_placement(
            post=post(regions["village"]),
            person=person,
            start_date=DAY + datetime.timedelta(days=80),
            by=None,
        )


def test_database_refuses_two_active_placements_for_one_person(regions):
    from django.db import IntegrityError, transaction

    person = poor_person(region_id=regions["village"])
    first = start_placement(post=post(regions["village"]), person=person, start_date=DAY, by=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(
            post=post(regions["village"]),
            person=person,
            start_date=DAY,
            term_end=first.term_end,
        )


def test_a_full_post_refuses_another_placement(regions):
    p = post(regions["village"], places=1)
    start_placement(
        post=p, person=poor_person(region_id=regions["village"]), start_date=DAY, by=None
    )
    with pytest.raises(ValidationError, match="filled"):
        start_placement(
            post=p, person=poor_person(region_id=regions["village"]), start_date=DAY, by=None
        )


def test_monthly_records_are_unique_and_make_the_roll(regions, county_officer):
    p = post(regions["village"], places=2, host_unit="拉烈镇测试村委")
    people = [poor_person(region_id=regions["village"], name=n) for n in ("韦丽华", "蓝志强")]
    placements = [start_placement(post=p, person=x, start_date=DAY, by=None) for x in people]
    record_month(placement=placements[0], month=DAY, days_worked=22, by=county_officer)
    record_month(placement=placements[1], month=DAY, days_worked=11, by=county_officer)
    with pytest.raises(ValidationError, match="already"):
        record_month(placement=placements[0], month=DAY, days_worked=20, by=county_officer)
    with pytest.raises(ValidationError):
        record_month(
            placement=placements[0], month=datetime.date(2026, 1, 1), days_worked=5, by=None
        )
    content = subsidy_roll_xlsx(area_code=regions["county"], month=DAY, by=county_officer)
    import io

    book = load_workbook(io.BytesIO(content))
    summary = list(book.worksheets[0].iter_rows(values_only=True))
    assert summary[1] == ("拉烈镇测试村委", 2, 880 + 440)
    _summary, _by_area, roll, unit_sheet = book.worksheets
    roll_rows = list(roll.iter_rows(values_only=True))[1:]
    assert sorted((r[0], r[5], r[6]) for r in roll_rows) == [
        ("蓝志强", "拉烈镇测试村委", 440),
        ("韦丽华", "拉烈镇测试村委", 880),
    ]
    unit = list(unit_sheet.iter_rows(values_only=True))
    assert {row[0] for row in unit[2:4]} == {"韦丽华", "蓝志强"}
    assert all("*" in row[1] for row in unit[2:4])
    assert unit[-1][-1] == 880 + 440
    assert AuditEvent.objects.filter(action="welfare.roll_export").count() == 1


def test_a_roll_of_many_host_units_keeps_them_on_one_sheet(regions, monkeypatch):
    from jiuye.assistance import welfare

    monkeypatch.setattr(welfare, "ROLL_UNIT_SHEETS_MAX", 1)
    for unit in ("甲村村委", "乙村村委"):
        p = post(regions["village"], host_unit=unit)
        placement = start_placement(
            post=p, person=poor_person(region_id=regions["village"]), start_date=DAY, by=None
        )
        record_month(placement=placement, month=DAY, days_worked=22, by=None)
    import io

    book = load_workbook(io.BytesIO(subsidy_roll_xlsx(area_code="45", month=DAY, by=None)))
    assert len(book.worksheets) == 3  # summary, by area, the whole roll
    assert {r[5] for r in list(book.worksheets[2].iter_rows(values_only=True))[1:]} == {
        "甲村村委",
        "乙村村委",
    }


def test_command_allocates_and_dry_run_writes_nothing(regions, capsys):
    people = [poor_person(region_id=regions["village"]) for _ in range(3)]
    post(regions["village"], places=2)
    call_command("allocate_welfare_posts", area=regions["county"], dry_run=True, start=DAY)
    assert not Placement.objects.exists()
    call_command("allocate_welfare_posts", area=regions["county"], start=DAY)
    assert Placement.objects.filter(status=PlacementStatus.ACTIVE).count() == 2
    assert Placement.objects.filter(person__in=people).count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_officers_confirming_the_last_place_at_once(regions):
    from django.db import connections

    p = post(regions["village"], places=1)
    people = [poor_person(region_id=regions["village"]) for _ in range(2)]
    barrier = threading.Barrier(2)
    results = []

    def confirm(person):
        translation.activate("en")  # each thread has its own language
        try:
            barrier.wait()
            start_placement(post=p, person=person, start_date=DAY, by=None)
            results.append("placed")
        except ValidationError as exc:
            results.append(" ".join(exc.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(x,)) for x in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results)[1] == "placed"
    assert "already filled" in sorted(results)[0]
    assert Placement.objects.filter(post=p, status=PlacementStatus.ACTIVE).count() == 1


def run_at_once(*calls):
    """Run each call in its own thread (its own database connection), all released at the
    same moment; returns what each returned or the messages of its ValidationError."""
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        translation.activate("en")
        try:
            barrier.wait()
            results[index] = call()
        except ValidationError as exc:
            results[index] = " ".join(exc.messages)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_officers_placing_one_person_on_two_posts_at_once(regions):
    person = poor_person(region_id=regions["village"])
    posts = [post(regions["village"]), post(regions["village"])]
    results = run_at_once(
        *[
            lambda p=p: start_placement(post=p, person=person, start_date=DAY, by=None)
            for p in posts
        ]
    )
    placed = [r for r in results if isinstance(r, Placement)]
    refused = [r for r in results if isinstance(r, str)]
    assert len(placed) == 1 and len(refused) == 1
    assert "already has an active welfare placement" in refused[0]
    assert Placement.objects.filter(person=person, status=PlacementStatus.ACTIVE).count() == 1
    assert current_spell(person, DAY).status == EmploymentStatus.WELFARE_POST


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_officers_confirming_the_same_proposal_at_once(regions, township_officer):
    from jiuye.assistance.welfare import confirm_allocation

    for _ in range(3):
        poor_person(region_id=regions["village"])
        post(regions["village"])
    pairs = [
        (p.post_id, p.person_id) for p in propose_allocation(area_code=regions["county"], as_of=DAY)
    ]
    assert len(pairs) == 3

    def confirm():
        return confirm_allocation(pairs=pairs, start_date=DAY, by=township_officer)

    (placed_a, errors_a), (placed_b, errors_b) = run_at_once(confirm, confirm)
    assert len(placed_a) + len(placed_b) == 3
    assert len(errors_a) + len(errors_b) == 3
    assert all("already" in e for e in errors_a + errors_b)
    assert Placement.objects.filter(status=PlacementStatus.ACTIVE).count() == 3


def test_daily_run_ends_placements_at_the_end_of_their_term(regions):
    person = poor_person(region_id=regions["village"])
    placement = start_placement(
        post=post(regions["village"]), person=person, start_date=DAY, by=None
    )
    call_command("detect_zero_employment_households", as_of=placement.term_end)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE
    call_command(
        "detect_zero_employment_households", as_of=placement.term_end + datetime.timedelta(days=1)
    )
    placement.refresh_from_db()
    assert (placement.status, placement.end_date, placement.end_reason) == (
        PlacementStatus.ENDED,
        placement.term_end,
        PlacementEndReason.TERM_ENDED,
    )
    assert current_spell(person, placement.term_end).status == EmploymentStatus.UNEMPLOYED


def test_daily_run_ends_placements_when_their_post_closes(regions):
    person = poor_person(region_id=regions["village"])
    closes = DAY + datetime.timedelta(days=200)
    placement = start_placement(
        post=post(regions["village"], end_date=closes), person=person, start_date=DAY, by=None
    )
    call_command("detect_zero_employment_households", as_of=closes)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE
    call_command("detect_zero_employment_households", as_of=closes + datetime.timedelta(days=1))
    placement.refresh_from_db()
    assert (placement.status, placement.end_date, placement.end_reason) == (
        PlacementStatus.ENDED,
        closes,
        PlacementEndReason.POST_CLOSED,
    )
    assert current_spell(person, closes).status == EmploymentStatus.UNEMPLOYED
