"""The database itself keeps employment histories honest, whoever writes to it: spells of
one person never overlap and a spell, once written, is never rewritten (only closed)."""

import datetime

import psycopg
import pytest
from django.db import IntegrityError, OperationalError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiuye.people.models import EmploymentSpell
from jiuye.people.services import record_employment_status
from tests.factories import PersonFactory
from tests.people.test_concurrency import _in_threads

D = datetime.date


def _spell(person, start, end=None, status="unemployed"):
    return EmploymentSpell.objects.create(
        person=person, status=status, start=start, end=end, source="form"
    )


def test_an_overlapping_spell_is_refused_by_the_database(regions):
    person = PersonFactory(region_id=regions["village"])
    _spell(person, D(2024, 1, 1), D(2024, 7, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        _spell(person, D(2024, 6, 1), D(2024, 9, 1), status="flexible")
    with pytest.raises(IntegrityError), transaction.atomic():
        _spell(person, D(2023, 6, 1), status="flexible")  # open, over the later one
    _spell(person, D(2024, 7, 1), status="flexible")  # meets the end: half-open, allowed
    other = PersonFactory(region_id=regions["village"])
    _spell(other, D(2024, 3, 1), D(2024, 5, 1))  # another person's history is separate
    assert EmploymentSpell.objects.filter(person=person).count() == 2


_SPELLS = st.lists(
    st.tuples(
        st.integers(0, 1),  # which person
        st.integers(0, 40),  # first day
        st.one_of(st.none(), st.integers(0, 12)),  # length in days; None: still open
    ),
    max_size=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spells=_SPELLS)
def test_the_database_refuses_exactly_the_spells_that_overlap(regions, spells):
    # Half-open [start, end): spells that meet do not overlap; an empty one (start = end)
    # overlaps nothing; an open one runs on for ever. Whatever the database's encoding of
    # that rule (PostgreSQL: an exclusion constraint, migration 0007; SQLite: a trigger),
    # it must accept and refuse exactly what the rule says.
    people = [PersonFactory(region_id=regions["village"]) for _ in range(2)]
    accepted: list[tuple[int, int, float]] = []
    origin = D(2024, 1, 1)
    for who, first, length in spells:
        end = float("inf") if length is None else first + length
        expected = not any(
            who == other and first < other_end and other_first < end and first < end
            for other, other_first, other_end in accepted
            if other_first < other_end
        )
        try:
            with transaction.atomic():
                _spell(
                    people[who],
                    origin + datetime.timedelta(days=first),
                    None if length is None else origin + datetime.timedelta(days=first + length),
                )
        except IntegrityError:
            written = False
        else:
            written = True
        assert written == expected, (who, first, length, accepted)
        if written:
            accepted.append((who, first, end))


def test_a_written_spell_is_never_rewritten(regions):
    person = PersonFactory(region_id=regions["village"])
    closed = _spell(person, D(2024, 1, 1), D(2024, 7, 1))
    for field, value in (("status", "flexible"), ("start", D(2024, 2, 1)), ("end", D(2024, 8, 1))):
        with pytest.raises(IntegrityError), transaction.atomic():
            EmploymentSpell.objects.filter(pk=closed.pk).update(**{field: value})
    closed.refresh_from_db()
    assert (closed.status, closed.start, closed.end) == ("unemployed", D(2024, 1, 1), D(2024, 7, 1))


def test_an_open_spell_may_be_closed_and_an_uncoded_one_coded(regions):
    person = PersonFactory(region_id=regions["village"])
    spell = _spell(person, D(2024, 1, 1), status="employed_outside")
    EmploymentSpell.objects.filter(pk=spell.pk).update(occupation_code="6-25-04-01")
    EmploymentSpell.objects.filter(pk=spell.pk).update(end=D(2024, 5, 1))
    spell.refresh_from_db()
    assert (spell.occupation_code, spell.end) == ("6-25-04-01", D(2024, 5, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        EmploymentSpell.objects.filter(pk=spell.pk).update(occupation_code="6-25-04-02")


def test_two_statuses_on_one_day_leave_an_empty_spell_and_no_overlap(regions):
    person = PersonFactory(region_id=regions["village"])
    day = D(2025, 3, 1)
    record_employment_status(person=person, status="unemployed", start=day, source="form")
    record_employment_status(person=person, status="flexible", start=day, source="form")
    spells = list(EmploymentSpell.objects.filter(person=person).order_by("id"))
    assert [(s.status, s.start, s.end) for s in spells] == [
        ("unemployed", day, day),
        ("flexible", day, None),
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_that_skip_the_service_still_cannot_overlap(regions):
    """Two connections insert overlapping closed spells at the same moment, without the
    service's row lock: the exclusion constraint lets exactly one in. When both rows reach the
    index before either check, each waits for the other and PostgreSQL breaks the deadlock by
    aborting one: a refusal all the same (the service's row lock avoids both outcomes)."""
    person = PersonFactory(region_id=regions["village"])
    periods = [(D(2024, 1, 1), D(2024, 6, 1)), (D(2024, 3, 1), D(2024, 9, 1))]
    errors = _in_threads(lambda i: _spell(person, *periods[i]), 2)
    assert len(errors) == 1
    refused = errors[0]
    assert isinstance(refused, IntegrityError) or (
        isinstance(refused, OperationalError)
        and isinstance(refused.__cause__, psycopg.errors.DeadlockDetected)
    ), repr(refused)
    assert EmploymentSpell.objects.filter(person=person).count() == 1
