"""The indicators the labour-force ledger (jiuye.people) supports.

Conventions shared by every definition here (see docs/indicators.md):

- A person belongs to the area of their household registration (`Person.region`), wherever
  they work; a household to its own `Household.region`.
- Employment spells are half-open: a spell is current on day D when start <= D < end.
  Group memberships likewise (`end` is the first day outside the group; either end may be
  empty).
- "In work" is a status in `WORKING_STATUSES`; "working away from home" a status in
  `AWAY_STATUSES` (elsewhere in the province or outside it).
- A period runs from `period_start` to `as_of`, both included.
- "Started work in the period": the person has a working spell that starts in the period and
  does not directly continue an earlier working spell (a change of job, or from a job to
  running a business, is not a new job). A person counts once however often they start.
"""

import bisect
import datetime
from dataclasses import replace

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Length
from django.utils.translation import gettext_lazy as _

from jiuye.people.enums import (
    AWAY_STATUSES,
    POVERTY_GROUPS,
    WORKING_STATUSES,
    EmploymentStatus,
    PersonGroup,
)
from jiuye.people.models import EmploymentSpell, GroupMembership, Person
from jiuye.people.selectors import (
    current_on,
    in_work_on,
    working_age_on,
    zero_employment_households,
)
from jiuye.stats import facts, tally
from jiuye.stats.catalogue import (
    AS_OF,
    PERIOD,
    RATE,
    AreaFigures,
    ChangeIndicator,
    CountIndicator,
    Figure,
    Query,
    RateIndicator,
    child_length,
    percent,
    register,
)

VILLAGE_CODE_LENGTH = 12
PEOPLE = _("people")
HOUSEHOLDS = _("households")


def group_current_on(day: datetime.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}start__isnull": True}) | Q(**{f"{prefix}start__lte": day})) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": day})
    )


def group_during(start: datetime.date, end: datetime.date) -> Q:
    """Memberships that apply on at least one day of [start, end]."""
    return (Q(start__isnull=True) | Q(start__lte=end)) & (Q(end__isnull=True) | Q(end__gt=start))


def started_work_spells(start: datetime.date, end: datetime.date) -> QuerySet[EmploymentSpell]:
    """Working spells starting in [start, end] that do not continue a working spell."""
    continues = EmploymentSpell.objects.filter(
        person=OuterRef("person"), end=OuterRef("start"), status__in=WORKING_STATUSES
    )
    return EmploymentSpell.objects.filter(
        status__in=WORKING_STATUSES, start__gte=start, start__lte=end
    ).exclude(Exists(continues))


def people_who_started_work(q: Query) -> QuerySet[Person]:
    spells = started_work_spells(q.period_start, q.as_of).filter(person=OuterRef("pk"))
    return Person.objects.filter(Exists(spells))


def rural_labourer_during(q: Query) -> Q:
    """Registered in a village, or a rural labourer (group) at some time in the period."""
    farmer = GroupMembership.objects.filter(
        group_during(q.period_start, q.as_of), person=OuterRef("pk"), group=PersonGroup.FARMER
    )
    return Q(_registration_length=VILLAGE_CODE_LENGTH) | Q(Exists(farmer))


def first_start_in_period(q: Query) -> Subquery:
    """The start of the person's first new job in the period (the day they first count)."""
    spells = started_work_spells(q.period_start, q.as_of).filter(person=OuterRef("pk"))
    return Subquery(spells.order_by("start").values("start")[:1])


def count_by_day(dates: list[datetime.date], days: list[datetime.date]) -> list[int]:
    """How many of `dates` fall on or before each of `days`."""
    ordered = sorted(dates)
    return [bisect.bisect_right(ordered, day) for day in days]


class Tallied:
    """An indicator answered from the ledger tallies (`jiuye.stats.tally`) whenever they
    apply (an as-of figure; a period figure for the year to date), else from the records.
    `tally` names the fact counted (`jiuye.stats.facts`), `tally_parts` a rate's
    (numerator, denominator). `evaluate_direct` always reads the records: the tests pin
    both paths equal."""

    tally: str = ""
    tally_parts: tuple[str, str] = ("", "")
    live = True

    def uses_tallies(self, q: Query) -> bool:
        return tally.applies(self.timing, q.area_code, q.as_of, q.period_start)

    def evaluate(self, q: Query) -> AreaFigures:
        if not self.uses_tallies(q):
            return self.evaluate_direct(q)
        return self.tallied(q, [q.as_of])[q.as_of]

    def evaluate_direct(self, q: Query) -> AreaFigures:
        return super().evaluate(q)

    def values_on(self, q: Query, days: list[datetime.date]) -> list | None:
        if not all(self.uses_tallies(replace(q, as_of=day)) for day in days):
            return self.direct_values_on(q, days)
        figures = self.tallied(q, days)
        return [figures[day].total.value for day in days]

    def direct_values_on(self, q: Query, days: list[datetime.date]) -> list | None:
        return None

    def tallied(self, q: Query, days: list[datetime.date]) -> dict[datetime.date, AreaFigures]:
        area, length = q.area_code, child_length(q.area_code)
        codes = list(self.tally_parts) if self.kind == RATE else [self.tally]
        counted = tally.values(codes, area, days, length)
        result = {}
        for day in days:
            if self.kind == RATE:
                num, den = (counted[(code, day)] for code in codes)
                children = {
                    code: Figure(percent(num.get(code, 0), n), num.get(code, 0), n)
                    for code, n in den.items()
                    if len(code) > len(area)
                }
                num_total, den_total = sum(num.values()), sum(den.values())
                total = Figure(percent(num_total, den_total), num_total, den_total)
                assigned = sum(c.denominator for c in children.values())
            else:
                groups = counted[(codes[0], day)]
                children = {code: Figure(n) for code, n in groups.items() if len(code) > len(area)}
                den_total = sum(groups.values())
                total, assigned = Figure(den_total), sum(c.value for c in children.values())
            result[day] = AreaFigures(total, children, den_total - assigned if length else 0)
        return result


@register
class NewRuralLabourJobs(Tallied, CountIndicator):
    tally = facts.NEW_RURAL
    code = "new_rural_labour_jobs"
    label = _("New jobs for rural labourers")
    unit = PEOPLE
    timing = PERIOD
    description = _(
        "Rural labourers (registered in a village, or in the rural labourer group at some "
        "time in the period) who started work in the period, each counted once."
    )

    def rows(self, q: Query) -> QuerySet:
        return (
            people_who_started_work(q)
            .annotate(_registration_length=Length("region_id"))
            .filter(rural_labourer_during(q))
        )

    def direct_values_on(self, q: Query, days: list[datetime.date]) -> list[int]:
        # A person counts from the later of their first new job and (unless registered in
        # a village) the first day they are a rural labourer within the period.
        farmer = GroupMembership.objects.filter(
            group_during(q.period_start, q.as_of), person=OuterRef("pk"), group=PersonGroup.FARMER
        ).annotate(_from=Coalesce("start", Value(q.period_start)))
        rows = self.records(q).annotate(
            _first=first_start_in_period(q),
            _farmer_from=Subquery(farmer.order_by("_from").values("_from")[:1]),
        )
        dates = []
        for length, first, farmer_from in rows.values_list(
            "_registration_length", "_first", "_farmer_from"
        ):
            if length == VILLAGE_CODE_LENGTH or farmer_from is None:
                dates.append(first)
            else:
                dates.append(max(first, max(farmer_from, q.period_start)))
        return count_by_day(dates, days)


@register
class NewUrbanJobs(Tallied, CountIndicator):
    tally = facts.NEW_URBAN
    code = "new_urban_jobs"
    label = _("New urban jobs")
    unit = PEOPLE
    timing = PERIOD
    description = _(
        "People with an urban household registration (not in a village) who started work in "
        "the period, each counted once."
    )

    def rows(self, q: Query) -> QuerySet:
        return (
            people_who_started_work(q)
            .annotate(_registration_length=Length("region_id"))
            .filter(_registration_length__lt=VILLAGE_CODE_LENGTH)
        )

    def direct_values_on(self, q: Query, days: list[datetime.date]) -> list[int]:
        firsts = self.records(q).annotate(_first=first_start_in_period(q))
        return count_by_day(list(firsts.values_list("_first", flat=True)), days)


def poverty_labour_force(day: datetime.date) -> QuerySet[Person]:
    poor = GroupMembership.objects.filter(
        group_current_on(day), person=OuterRef("pk"), group__in=POVERTY_GROUPS
    )
    outside = EmploymentSpell.objects.filter(
        current_on(day), person=OuterRef("pk"), status=EmploymentStatus.NOT_IN_LABOUR_FORCE
    )
    return Person.objects.filter(Exists(poor), working_age_on(day)).exclude(Exists(outside))


@register
class PovertyLabourEmploymentRate(Tallied, RateIndicator):
    tally_parts = (facts.POOR_EMPLOYED, facts.POOR_FORCE)
    code = "poverty_labour_employment_rate"
    label = _("Employment rate of poor labour")
    timing = AS_OF
    description = _(
        "Of people registered poor, lifted out of poverty or monitored for relapse on the "
        "date, of working age and in the labour force (no current status 'outside the labour "
        "force'), the share in work or in business on the date."
    )

    def denominator_rows(self, q: Query) -> QuerySet:
        return poverty_labour_force(q.as_of)

    def numerator_rows(self, q: Query) -> QuerySet:
        return poverty_labour_force(q.as_of).filter(in_work_on(q.as_of))


@register
class PovertyLabourForce(Tallied, CountIndicator):
    tally = facts.POOR_FORCE
    code = "poverty_labour_force"
    label = _("Poor labour force")
    unit = PEOPLE
    targetable = False
    description = _("The denominator of the employment rate of poor labour.")

    def rows(self, q: Query) -> QuerySet:
        return poverty_labour_force(q.as_of)


@register
class PovertyLabourEmployed(Tallied, CountIndicator):
    tally = facts.POOR_EMPLOYED
    code = "poverty_labour_employed"
    label = _("Poor labour in work")
    unit = PEOPLE
    description = _("The numerator of the employment rate of poor labour.")

    def rows(self, q: Query) -> QuerySet:
        return poverty_labour_force(q.as_of).filter(in_work_on(q.as_of))


def working_away_on(day: datetime.date) -> Exists:
    return Exists(
        EmploymentSpell.objects.filter(
            current_on(day), person=OuterRef("pk"), status__in=AWAY_STATUSES
        )
    )


@register
class MigrantWorkers(Tallied, CountIndicator):
    tally = facts.MIGRANTS
    code = "migrant_workers"
    label = _("Migrant workers")
    unit = PEOPLE
    description = _(
        "People working away from their home county (elsewhere in the province or outside "
        "it) on the date."
    )

    def rows(self, q: Query) -> QuerySet:
        return Person.objects.filter(working_away_on(q.as_of))

    def direct_values_on(self, q: Query, days: list[datetime.date]) -> list[int]:
        # Every away spell of the area's people that touches the days, read once.
        first, last = min(days), max(days)
        spells = EmploymentSpell.objects.filter(
            Q(end__isnull=True) | Q(end__gt=first),
            start__lte=last,
            status__in=AWAY_STATUSES,
            person__in=Person.objects.in_area(q.area_code).values("pk"),
        ).values_list("person_id", "start", "end")
        away: list[set] = [set() for _ in days]
        for person_id, start, end in spells.iterator(chunk_size=20_000):
            for index, day in enumerate(days):
                if start <= day and (end is None or end > day):
                    away[index].add(person_id)
        return [len(people) for people in away]


@register
class MigrantWorkersVsLastYear(ChangeIndicator):
    code = "migrant_workers_vs_last_year"
    label = _("Migrant workers, change on a year earlier")
    unit = PEOPLE
    targetable = False
    description = _(
        "Migrant workers on the date minus migrant workers on the same day a year earlier; "
        "the people behind it are today's migrant workers."
    )
    of = MigrantWorkers()


def worked_away_in_year(year: int) -> Exists:
    first, next_first = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    return Exists(
        EmploymentSpell.objects.filter(
            Q(end__isnull=True) | Q(end__gt=first),
            person=OuterRef("pk"),
            status__in=AWAY_STATUSES,
            start__lt=next_first,
        )
    )


@register
class MigrantReturnToWorkRate(Tallied, RateIndicator):
    tally_parts = (facts.RETURN_NUMERATOR, facts.RETURN_DENOMINATOR)
    code = "migrant_return_to_work_rate"
    label = _("Return-to-work rate of migrant workers")
    description = _(
        "Of people who worked away from their home county at any time in the previous "
        "calendar year, the share in work (anywhere) on the date."
    )

    def denominator_rows(self, q: Query) -> QuerySet:
        return Person.objects.filter(worked_away_in_year(q.as_of.year - 1))

    def numerator_rows(self, q: Query) -> QuerySet:
        return self.denominator_rows(q).filter(in_work_on(q.as_of))


@register
class ZeroEmploymentHouseholds(Tallied, CountIndicator):
    tally = facts.ZERO_HOUSEHOLDS
    code = "zero_employment_households"
    label = _("Zero-employment households")
    unit = HOUSEHOLDS
    targetable = False
    subject = "household"
    description = _(
        "Households with a working-age member in the labour force and no working-age member "
        "in work on the date."
    )

    def rows(self, q: Query) -> QuerySet:
        return zero_employment_households(as_of=q.as_of)
