"""Reads over the ledger that several areas share: who is of working age, who is in work
as of a date, and which households have nobody in work.

Spells are half-open intervals [start, end): a spell is current on day D when
`start <= D` and (`end` is empty or `end > D`).
"""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from jiuye.lib.idnumbers import normalise_id_number
from jiuye.people.enums import WORKING_AGE_MAX, WORKING_AGE_MIN, WORKING_STATUSES, EmploymentStatus
from jiuye.people.models import EmploymentSpell, GroupMembership, Household, Person


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def current_on(day: datetime.date, prefix: str = "") -> Q:
    """Spells current on `day`; `prefix` is the path to the spell (e.g. "spells__")."""
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": day})
    )


def working_age_on(day: datetime.date, prefix: str = "") -> Q:
    """Aged 16 to 59 (men) or 16 to 54 (women) on `day`."""
    youngest = years_before(day, WORKING_AGE_MIN)
    q = Q()
    for sex, max_age in WORKING_AGE_MAX.items():
        oldest = years_before(day, max_age + 1)
        q |= Q(**{f"{prefix}sex": sex, f"{prefix}birth_date__gt": oldest})
    return q & Q(**{f"{prefix}birth_date__lte": youngest})


def spells_current_on(day: datetime.date) -> QuerySet[EmploymentSpell]:
    return EmploymentSpell.objects.filter(current_on(day))


def in_work_on(day: datetime.date) -> Exists:
    """For annotating or filtering people: has a working spell current on `day`."""
    return Exists(
        EmploymentSpell.objects.filter(
            current_on(day), person=OuterRef("pk"), status__in=WORKING_STATUSES
        )
    )


def people_in_work(day: datetime.date) -> QuerySet[Person]:
    return Person.objects.filter(in_work_on(day))


def zero_employment_households(*, as_of: datetime.date, area_code: str = "") -> QuerySet[Household]:
    """Households with at least one working-age member in the labour force and no
    working-age member in work on `as_of` (零就业家庭). A member whose current status is
    "outside the labour force" (a student, a carer, unable to work) does not make a
    household zero-employment; a member with no recorded status does (and gets a visit)."""
    members = Person.objects.filter(working_age_on(as_of), household=OuterRef("pk"))
    outside_labour_force = EmploymentSpell.objects.filter(
        current_on(as_of),
        person=OuterRef("pk"),
        status=EmploymentStatus.NOT_IN_LABOUR_FORCE,
    )
    in_labour_force = members.exclude(Exists(outside_labour_force))
    working = members.filter(in_work_on(as_of))
    households = Household.objects.filter(Exists(in_labour_force)).exclude(Exists(working))
    return households.filter(region__code__startswith=area_code) if area_code else households


def open_spell(field: str) -> Subquery:
    """For annotating people: a field of their open spell (their current status)."""
    return Subquery(
        EmploymentSpell.objects.filter(person=OuterRef("pk"), end__isnull=True).values(field)[:1]
    )


def filtered_people(user, data: dict) -> QuerySet[Person]:
    """The ledger's list as `user` may see it, filtered as the list page's form says
    (`q`, `area`, `group`, `status`, `age`, `household`): the page, its exports and the
    background export read the same rows."""
    people = Person.objects.visible_to(user)
    q = (data.get("q") or "").strip()
    if q:
        number = normalise_id_number(q)
        digits = "".join(ch for ch in number if ch.isdigit())
        if len(number) == 18:
            people = people.with_id_number(number)
        elif digits and digits == number and len(digits) >= 4:
            people = people.filter(phone__startswith=digits)
        else:
            people = people.filter(name__contains=q)
    if data.get("area"):
        people = people.filter(region__code__startswith=data["area"])
    # Semi-joins, not joins: no DISTINCT (which sorted every matching row, all columns).
    if data.get("group"):
        member = GroupMembership.objects.filter(
            person=OuterRef("pk"), group=data["group"], end__isnull=True
        )
        people = people.filter(Exists(member))
    status = data.get("status")
    open_spells = EmploymentSpell.objects.filter(person=OuterRef("pk"), end__isnull=True)
    if status == "none":
        people = people.exclude(Exists(open_spells))
    elif status:
        people = people.filter(Exists(open_spells.filter(status=status)))
    if data.get("age"):
        low, _sep, high = data["age"].partition("-")
        today = timezone.localdate()
        people = people.filter(birth_date__lte=years_before(today, int(low)))
        if high:
            people = people.filter(birth_date__gt=years_before(today, int(high) + 1))
    if data.get("household"):
        people = people.filter(household__number=data["household"].strip())
    return people
