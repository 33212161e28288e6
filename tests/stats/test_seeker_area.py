"""Supply and demand counts job seekers by the area copied onto the seeker row by triggers
(applications migration 0003): the copy follows every write of the seeker and every move of
the person, on both databases, and the counts equal those read through the people table."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiuye.applications.models import Application, JobSeeker
from jiuye.people.models import Person
from jiuye.stats.catalogue import Query
from jiuye.stats.dashboard import current_dashboard
from jiuye.stats.supply import active_seekers, quarters_of_year, supply_demand
from tests.stats import module_factories as m
from tests.stats.factories import D, person

pytestmark = pytest.mark.django_db
AS_OF = D(2026, 5, 15)


def areas_of_seekers() -> dict[int, str]:
    return dict(JobSeeker.objects.values_list("pk", "area_code"))


def test_new_seeker_takes_the_persons_area(regions):
    made = m.seeker(person(regions["village"]))
    assert areas_of_seekers() == {made.pk: regions["village"]}


def test_a_move_of_the_person_moves_the_seeker(regions):
    who = person(regions["village"])
    made = m.seeker(who)
    who.region_id = regions["far_township"]
    who.save(update_fields=["region"])
    assert areas_of_seekers()[made.pk] == regions["far_township"]
    Person.objects.filter(pk=who.pk).update(region_id=regions["other_village"])
    assert areas_of_seekers()[made.pk] == regions["other_village"]


def test_a_stale_seeker_object_saved_keeps_the_true_area(regions):
    who = person(regions["village"])
    made = m.seeker(who)
    stale = JobSeeker.objects.get(pk=made.pk)
    Person.objects.filter(pk=who.pk).update(region_id=regions["far_township"])
    stale.desired_occupations = "4-03-01-01"
    stale.save()  # every column written, the area from before the move among them
    assert areas_of_seekers()[made.pk] == regions["far_township"]
    JobSeeker.objects.filter(pk=made.pk).update(area_code="451228")  # a bulk write too
    assert areas_of_seekers()[made.pk] == regions["far_township"]


def test_a_seeker_given_to_another_person_takes_their_area(regions):
    made = m.seeker(person(regions["village"]))
    other = person(regions["far_township"])
    JobSeeker.objects.filter(pk=made.pk).update(person=other)
    assert areas_of_seekers()[made.pk] == regions["far_township"]


def test_a_move_is_counted_in_the_new_county_by_the_very_next_dashboard_read(regions):
    q = Query(regions["city"], AS_OF, D(2026, 1, 1))
    who = person(regions["village"])
    m.seeker(who, created=D(2026, 4, 2))

    def seekers_by_county():
        areas = current_dashboard(q).supply["current"]["areas"]
        return {r["code"]: r["seekers"] for r in areas if r["seekers"]}

    assert seekers_by_county() == {regions["county"]: 1}
    who.region_id = regions["far_township"]
    who.save(update_fields=["region"])
    assert seekers_by_county() == {regions["other_county"]: 1}


def direct_seekers(area_code: str, start: datetime.date, end: datetime.date) -> dict:
    """{(desired occupations, county): seekers} read through the people table, in Python."""
    tz = datetime.timezone(datetime.timedelta(hours=8))  # Asia/Shanghai: the dates' zone

    def day(moment):
        return moment.astimezone(tz).date()

    applied = {a.seeker_id for a in Application.objects.all() if start <= day(a.created_at) <= end}
    counts: dict = {}
    for seeker in JobSeeker.objects.select_related("person"):
        region = seeker.person.region_id
        active = start <= day(seeker.created_at) <= end or seeker.pk in applied
        if active and region.startswith(area_code):
            key = (seeker.desired_occupations, region[:6])
            counts[key] = counts.get(key, 0) + 1
    return counts


def fast_seekers(area_code: str, start: datetime.date, end: datetime.date) -> dict:
    counts: dict = {}
    for seeker in active_seekers(area_code, start, end):
        key = (seeker.desired_occupations, seeker.area_code[:6])
        counts[key] = counts.get(key, 0) + 1
    return counts


PLACES = ("village", "other_village", "far_township", "township")
seeker_strategy = st.fixed_dictionaries(
    {
        "where": st.sampled_from(PLACES),
        "moved_to": st.none() | st.sampled_from(PLACES),
        "created": st.integers(min_value=0, max_value=200),
        "applied": st.lists(st.integers(min_value=0, max_value=200), max_size=2),
        "occupations": st.sampled_from(["", "4-03-01-01", "4-03-01-01 6-01-02-00"]),
    }
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seekers=st.lists(seeker_strategy, min_size=1, max_size=6))
def test_seekers_by_copied_area_equal_those_read_through_people(regions, seekers):
    base = D(2026, 1, 1)
    with transaction.atomic():
        # One application per seeker and vacancy (a database constraint): one vacancy each.
        vacancies = [m.vacancy(regions["township"], base, headcount=1) for _ in range(2)]
        for spec in seekers:
            who = person(regions[spec["where"]])
            made = m.seeker(
                who,
                occupations=spec["occupations"],
                created=base + datetime.timedelta(days=spec["created"]),
            )
            for vacancy, offset in zip(vacancies, spec["applied"], strict=False):
                m.application(vacancy, made, base + datetime.timedelta(days=offset))
            if spec["moved_to"]:
                Person.objects.filter(pk=who.pk).update(region_id=regions[spec["moved_to"]])
        for start, end in quarters_of_year(D(2026, 7, 20)):
            for area in (regions["city"], regions["county"], regions["far_township"]):
                assert fast_seekers(area, start, end) == direct_seekers(area, start, end)
        total = supply_demand(regions["city"], D(2026, 7, 20))["current"]["seekers"]
        assert total == sum(direct_seekers(regions["city"], D(2026, 7, 1), D(2026, 7, 20)).values())
        transaction.set_rollback(True)
