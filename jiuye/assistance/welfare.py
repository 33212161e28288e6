"""Public welfare posts: who is eligible, the optimal allocation of open places, and the
placement lifecycle (start, monthly record, end) with its limits."""

import datetime
import io
from collections import Counter
from collections.abc import Callable, Collection

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.assistance import rules
from jiuye.assistance.allocation import (
    Candidate,
    OpenPost,
    Proposal,
    allocate_optimal,
    pair_score,
)
from jiuye.assistance.enums import (
    CaseStatus,
    CertificationStatus,
    PlacementEndReason,
    PlacementStatus,
)
from jiuye.assistance.models import (
    Certification,
    MonthlyRecord,
    Placement,
    PostTypeRule,
    WelfarePost,
    ZeroEmploymentCase,
)
from jiuye.people.enums import (
    POVERTY_GROUPS,
    WORKING_STATUSES,
    EmploymentStatus,
    PersonGroup,
    SpellSource,
)
from jiuye.people.models import EmploymentSpell, GroupMembership, Person
from jiuye.people.selectors import current_on
from jiuye.people.services import current_spell, record_employment_status

MAX_PLACEMENTS_PER_PERSON = 2
MAX_IDS_IN_QUERY = 5000


def _open_group_members(groups, day, area_code, person_ids) -> set[int]:
    qs = (
        GroupMembership.objects.filter(
            group__in=list(groups), person__region__code__startswith=area_code
        )
        .filter(Q(start__isnull=True) | Q(start__lte=day))
        .filter(Q(end__isnull=True) | Q(end__gt=day))
    )
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    return set(qs.values_list("person_id", flat=True))


def candidate_facts(
    *, area_code: str, as_of: datetime.date, person_ids: Collection[int] | None = None
):
    """The people of the area who could take a post (not in work, no active placement,
    fewer than two placements so far, certified or in a poverty group), as rows
    (id, home code, sex, birth date, certified, poor, disabled, in a zero-employment
    household). A handful of simple set queries rather than one query with correlated
    subqueries: at city scale (420,000 people) this is several times faster.
    `person_ids` limits it to those people (a confirmation checks only the proposed); for
    more than `MAX_IDS_IN_QUERY` of them the whole area is read and filtered here (an IN
    list that long is slow, and SQLite caps the number of query parameters)."""
    wanted = None
    if person_ids is not None:
        person_ids = sorted(set(person_ids))
        if len(person_ids) > MAX_IDS_IN_QUERY:
            wanted, person_ids = set(person_ids), None

    def scoped(qs):
        qs = qs.filter(person__region__code__startswith=area_code)
        return qs.filter(person_id__in=person_ids) if person_ids is not None else qs

    certified = set(
        scoped(
            Certification.objects.filter(
                status=CertificationStatus.CERTIFIED, valid_until__gte=as_of
            )
        ).values_list("person_id", flat=True)
    )
    poor = _open_group_members(POVERTY_GROUPS, as_of, area_code, person_ids)
    disabled = _open_group_members({PersonGroup.DISABLED}, as_of, area_code, person_ids)
    in_work = set(
        scoped(
            EmploymentSpell.objects.filter(current_on(as_of), status__in=WORKING_STATUSES)
        ).values_list("person_id", flat=True)
    )
    placements = Counter(scoped(Placement.objects.all()).values_list("person_id", flat=True))
    active = set(
        scoped(Placement.objects.filter(status=PlacementStatus.ACTIVE)).values_list(
            "person_id", flat=True
        )
    )
    zero_households = set(
        ZeroEmploymentCase.objects.filter(
            status=CaseStatus.OPEN, region__code__startswith=area_code[:6]
        ).values_list("household_id", flat=True)
    )
    people = Person.objects.filter(region__code__startswith=area_code)
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    rows = people.values_list("pk", "region_id", "sex", "birth_date", "household_id")
    for pk, region, sex, birth, household in rows.iterator(chunk_size=50000):
        if wanted is not None and pk not in wanted:
            continue
        is_certified, is_poor = pk in certified, pk in poor
        if not (is_certified or is_poor) or pk in in_work or pk in active:
            continue
        if placements.get(pk, 0) >= MAX_PLACEMENTS_PER_PERSON:
            continue
        yield (
            pk,
            region,
            sex,
            birth,
            is_certified,
            is_poor,
            pk in disabled,
            household is not None and household in zero_households,
        )


def _age(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def near_retirement(sex: str, birth: datetime.date, day: datetime.date) -> bool:
    return _age(birth, day) >= rules.retirement_age(sex) - rules.YEARS_BEFORE_RETIREMENT


def eligible_types(type_rules, *, sex, birth_date, as_of, is_certified, is_poor) -> frozenset[str]:
    age = _age(birth_date, as_of)
    return frozenset(
        r.post_type
        for r in type_rules
        if r.min_age <= age <= r.max_age
        and ((r.accepts_certified and is_certified) or (r.accepts_poverty_groups and is_poor))
    )


def load_candidates(
    *,
    area_code: str,
    as_of: datetime.date,
    person_id: int | None = None,
    person_ids: Collection[int] | None = None,
    points: rules.PriorityPoints | None = None,
) -> list[Candidate]:
    """The eligible people of the area with their priority (`points`: the area's own by
    default), all of them or only `person_id` / `person_ids`."""
    points = points or rules.points_for(area_code)
    if person_id is not None:
        person_ids = [person_id]
    type_rules = list(PostTypeRule.objects.all())
    retirement = {sex: rules.retirement_age(sex) for sex in ("M", "F")}
    # Eligibility depends on (age, sex, certified, poor) only: computed once per key.
    cache: dict[tuple, tuple[frozenset[str], bool]] = {}
    key_day = (as_of.month, as_of.day)
    candidates = []
    for pk, region, sex, birth, certified, poor, disabled, zero in candidate_facts(
        area_code=area_code, as_of=as_of, person_ids=person_ids
    ):
        age = as_of.year - birth.year - (key_day < (birth.month, birth.day))
        key = (age, sex, certified, poor)
        if key not in cache:
            cache[key] = (
                eligible_types(
                    type_rules,
                    sex=sex,
                    birth_date=birth,
                    as_of=as_of,
                    is_certified=certified,
                    is_poor=poor,
                ),
                age >= retirement[sex] - rules.YEARS_BEFORE_RETIREMENT,
            )
        types, near = cache[key]
        if types:
            priority = points.priority(near_retirement=near, zero_household=zero, disabled=disabled)
            candidates.append(Candidate(pk, region, priority, types))
    return candidates


def open_posts(*, area_code: str, as_of: datetime.date) -> list[OpenPost]:
    digits = {r.post_type: r.catchment_digits for r in PostTypeRule.objects.all()}
    active = Count("placements", filter=Q(placements__status=PlacementStatus.ACTIVE))
    rows = (
        WelfarePost.objects.filter(region__code__startswith=area_code, start_date__lte=as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=as_of))
        .annotate(filled=active)
        .order_by("pk")
        .values_list("pk", "region_id", "post_type", "places", "filled")
    )
    return [
        OpenPost(pk, region, post_type, places - filled, digits.get(post_type, 9))
        for pk, region, post_type, places, filled in rows
        if places > filled
    ]


def propose_allocation(*, area_code: str, as_of: datetime.date) -> list[Proposal]:
    """The optimal assignment of the area's open places (nothing is written)."""
    points = rules.points_for(area_code)
    return allocate_optimal(
        load_candidates(area_code=area_code, as_of=as_of, points=points),
        open_posts(area_code=area_code, as_of=as_of),
        points,
    )


@transaction.atomic
def create_post(*, by, region_code: str, **fields) -> WelfarePost:
    """A new welfare post (audited)."""
    if by is not None and not by.covers(region_code):
        raise ValidationError(_("That area lies outside your own."))
    post = WelfarePost.objects.create(region_id=region_code, **fields)
    record_event(
        actor=by,
        action="welfare.post_create",
        obj=post,
        area_code=region_code,
        changes={"places": post.places, "monthly_subsidy": post.monthly_subsidy},
    )
    return post


def term_end_for(person: Person, start: datetime.date, term_months: int) -> datetime.date:
    """Three years (the type's term); for someone within five years of retirement, until
    retirement age if that is later."""
    end = rules.add_months(start, term_months)
    if near_retirement(person.sex, person.birth_date, start):
        retirement = (
            person.birth_date.replace(
                year=person.birth_date.year + rules.retirement_age(person.sex)
            )
            if not (person.birth_date.month == 2 and person.birth_date.day == 29)
            else (datetime.date(person.birth_date.year + rules.retirement_age(person.sex), 3, 1))
        )
        end = max(end, retirement)
    return end


def _not_eligible(person: Person) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s is not eligible for a welfare post: they must be certified or in a "
            "poverty group, not in work, without an active placement and with fewer "
            "than two placements so far."
        )
        % {"name": person.name}
    )


def _already_placed(person: Person) -> ValidationError:
    return ValidationError(
        _("%(name)s already has an active welfare placement.") % {"name": person.name}
    )


def check_eligible(
    *,
    person: Person,
    post: WelfarePost,
    as_of: datetime.date,
    candidate: Candidate | None = None,
    points: rules.PriorityPoints | None = None,
    rule: PostTypeRule | None = None,
) -> int:
    """The pair's score, or a ValidationError saying why the person cannot take the post.
    A caller that checked many people at once passes their `candidate` row (and the
    `points` it was scored with)."""
    if candidate is None:
        points = rules.points_for(post.region_id)
        candidate = next(
            iter(
                load_candidates(
                    area_code=person.region_id, as_of=as_of, person_id=person.pk, points=points
                )
            ),
            None,
        )
        if candidate is None:
            raise _not_eligible(person)
    rule = rule or PostTypeRule.objects.filter(post_type=post.post_type).first()
    digits = rule.catchment_digits if rule else 9
    score = pair_score(
        candidate,
        OpenPost(post.pk, post.region_id, post.post_type, 1, digits),
        points or rules.DEFAULT_POINTS,
    )
    if score is None:
        raise ValidationError(
            _("%(name)s is not eligible for this post (post type, age or home area).")
            % {"name": person.name}
        )
    return score


_UNCHECKED = object()


def start_placement(
    *,
    post: WelfarePost,
    person: Person,
    start_date: datetime.date,
    by,
    candidate=_UNCHECKED,
    points: rules.PriorityPoints | None = None,
) -> Placement:
    """Fill one place. The post row is locked, so two officers confirming at the same
    moment cannot overfill it: the second waits, then counts the first's placement.
    `candidate` is the person's row from a batch eligibility check (None: not eligible);
    without it the person is checked here."""
    with transaction.atomic():
        post = WelfarePost.objects.select_for_update().get(pk=post.pk)
        if by is not None and not by.covers(post.region_id):
            raise ValidationError(_("That area lies outside your own."))
        filled = post.placements.filter(status=PlacementStatus.ACTIVE).count()
        if filled >= post.places:
            raise ValidationError(
                _("All %(places)s places of “%(post)s” are already filled.")
                % {"places": post.places, "post": post.title}
            )
        if post.placements.filter(person=person, status=PlacementStatus.ACTIVE).exists():
            raise ValidationError(_("%(name)s already holds this post.") % {"name": person.name})
        if Placement.objects.filter(person=person, status=PlacementStatus.ACTIVE).exists():
            raise _already_placed(person)
        if candidate is None:
            raise _not_eligible(person)
        rule = PostTypeRule.objects.filter(post_type=post.post_type).first()
        try:
            score = check_eligible(
                person=person,
                post=post,
                as_of=start_date,
                candidate=None if candidate is _UNCHECKED else candidate,
                points=points,
                rule=rule,
            )
        except ValidationError:
            # Placed elsewhere by another officer a moment ago: say so, not "not eligible".
            if Placement.objects.filter(person=person, status=PlacementStatus.ACTIVE).exists():
                raise _already_placed(person) from None
            raise
        try:
            with transaction.atomic():
                placement = Placement.objects.create(
                    post=post,
                    person=person,
                    start_date=start_date,
                    term_end=term_end_for(person, start_date, rule.term_months if rule else 36),
                    score=score,
                    confirmed_by=by,
                )
        except IntegrityError as exc:  # placed on another post at this very moment
            raise _already_placed(person) from exc
        record_employment_status(
            person=person,
            status=EmploymentStatus.WELFARE_POST,
            start=start_date,
            source=SpellSource.WELFARE_POST,
            by=by,
            region_code=post.region_id,
            employer_name=post.host_unit,
            monthly_income=post.monthly_subsidy,
        )
        record_event(
            actor=by,
            action="welfare.placement_start",
            obj=placement,
            area_code=post.region_id,
            changes={"post": post.pk, "person": person.pk, "score": score},
        )
        return placement


def _common_prefix(codes) -> str:
    codes = sorted(codes)
    if not codes:
        return ""
    first, last = codes[0], codes[-1]
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def confirm_allocation(
    *,
    pairs: list[tuple[int, int]],
    start_date: datetime.date,
    by,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Placement], list[str]]:
    """Start a placement for each (post id, person id); each pair succeeds or fails alone
    (its own transaction). Eligibility is read once for all the people, then each
    placement re-checks the post's free places under its row lock. `progress(done,
    placed)` is called every 25 pairs."""
    placed, errors = [], []
    post_qs = WelfarePost.objects.all() if by is None else WelfarePost.objects.visible_to(by)
    people_qs = Person.objects.all() if by is None else Person.objects.visible_to(by)
    posts = post_qs.in_bulk([p for p, _ in pairs])
    people = people_qs.in_bulk([q for _, q in pairs])
    area = _common_prefix(p.region_id for p in people.values())
    points = rules.points_for(area)
    candidates = {
        c.person_id: c
        for c in load_candidates(
            area_code=area, as_of=start_date, person_ids=list(people), points=points
        )
    }
    for done, (post_id, person_id) in enumerate(pairs, start=1):
        post, person = posts.get(post_id), people.get(person_id)
        if post is None or person is None:
            errors.append(_("A proposed post or person is outside your area."))
        else:
            try:
                placement = start_placement(
                    post=post,
                    person=person,
                    start_date=start_date,
                    by=by,
                    candidate=candidates.get(person_id),
                    points=points,
                )
            except ValidationError as exc:
                errors.append(f"{person.name}: {' '.join(exc.messages)}")
            else:
                placed.append(placement)
                # Taken: a second pair for the same person must not reuse the row.
                candidates.pop(person_id, None)
        if progress is not None and (done % 25 == 0 or done == len(pairs)):
            progress(done, len(placed))
    return placed, errors


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@transaction.atomic
def record_month(
    *, placement: Placement, month: datetime.date, days_worked: int, by, note: str = ""
) -> MonthlyRecord:
    """Record a month of a placement; the subsidy is the post's monthly subsidy, pro rata
    to the days worked out of 22 working days."""
    month = _month_start(month)
    last = placement.end_date or placement.term_end
    if month < _month_start(placement.start_date) or month >= last:
        raise ValidationError(_("That month lies outside the placement."))
    if not 0 <= days_worked <= 31:
        raise ValidationError({"days_worked": _("Days worked must be between 0 and 31.")})
    subsidy = placement.post.monthly_subsidy * min(days_worked, 22) // 22
    try:
        with transaction.atomic():
            record = MonthlyRecord.objects.create(
                placement=placement,
                month=month,
                days_worked=days_worked,
                subsidy=subsidy,
                note=note,
                recorded_by=by,
            )
    except IntegrityError as exc:
        raise ValidationError(_("That month is already recorded.")) from exc
    record_event(
        actor=by,
        action="welfare.month",
        obj=placement,
        area_code=placement.post.region_id,
        changes={"month": month, "days": days_worked, "subsidy": subsidy},
    )
    return record


def record_post_month(
    *, post: WelfarePost, month: datetime.date, days_worked: dict[int, int], by
) -> tuple[list[MonthlyRecord], list[str]]:
    """One month for all of a post's placements at once (placement id -> days worked), as
    a host unit reports it; each placement is recorded or refused alone."""
    placements = post.placements.select_related("post", "person").in_bulk(list(days_worked))
    records, errors = [], []
    for placement_id, days in days_worked.items():
        placement = placements.get(placement_id)
        if placement is None:
            errors.append(_("That placement is not on this post."))
            continue
        try:
            records.append(record_month(placement=placement, month=month, days_worked=days, by=by))
        except ValidationError as exc:
            errors.append(f"{placement.person.name}: {' '.join(exc.messages)}")
    return records, errors


@transaction.atomic
def end_placement(*, placement: Placement, end_date: datetime.date, reason: str, by) -> Placement:
    placement = (
        Placement.objects.select_for_update().select_related("post", "person").get(pk=placement.pk)
    )
    if placement.status != PlacementStatus.ACTIVE:
        raise ValidationError(_("This placement has already ended."))
    if reason not in PlacementEndReason.values:
        raise ValidationError({"reason": _("Choose one of the allowed reasons.")})
    if end_date <= placement.start_date:
        raise ValidationError({"end_date": _("The end must come after the start.")})
    placement.status, placement.end_date, placement.end_reason = (
        PlacementStatus.ENDED,
        end_date,
        reason,
    )
    placement.save(update_fields=["status", "end_date", "end_reason"])
    spell = current_spell(placement.person, end_date - datetime.timedelta(days=1))
    if spell is not None and spell.status == EmploymentStatus.WELFARE_POST and spell.end is None:
        record_employment_status(
            person=placement.person,
            status=EmploymentStatus.NOT_IN_LABOUR_FORCE
            if reason == PlacementEndReason.RETIRED
            else EmploymentStatus.UNEMPLOYED,
            start=end_date,
            source=SpellSource.WELFARE_POST,
            by=by,
        )
    record_event(
        actor=by,
        action="welfare.placement_end",
        obj=placement,
        area_code=placement.post.region_id,
        changes={"reason": reason, "end_date": end_date},
    )
    return placement


def end_placements_past_term(*, today: datetime.date, by=None) -> int:
    """End the active placements whose term ended before `today` (reason "term ended")
    or whose post closed before it ("post closed"), on the earlier of the two days (run
    daily with the zero-employment detection)."""
    ended = 0
    due = (
        Placement.objects.filter(status=PlacementStatus.ACTIVE)
        .filter(Q(term_end__lt=today) | Q(post__end_date__lt=today))
        .select_related("post")
        .order_by("pk")
    )
    for placement in due:
        post_end = placement.post.end_date
        if post_end is not None and post_end < placement.term_end:
            end, reason = post_end, PlacementEndReason.POST_CLOSED
        else:
            end, reason = placement.term_end, PlacementEndReason.TERM_ENDED
        # A post that closed before the placement began ends it the day after it began.
        end = max(end, placement.start_date + datetime.timedelta(days=1))
        end_placement(placement=placement, end_date=end, reason=reason, by=by)
        ended += 1
    return ended


# A roll covering at most this many host units also gets one printable sheet per unit.
ROLL_UNIT_SHEETS_MAX = 50


def subsidy_roll_xlsx(
    *, area_code: str, month: datetime.date, by, host_unit: str = "", request=None
) -> bytes:
    """The month's subsidy roll for an area (or one host unit in it): a summary by host
    unit, totals by area, the whole roll on one sheet (host unit column, sorted by unit),
    and, for a roll of at most `ROLL_UNIT_SHEETS_MAX` units, one sheet per unit. Only
    recorded months are paid; names are shown, ID numbers masked. Audited. Written in
    openpyxl's write-only mode: a city's 34,000 rows take a few seconds."""
    from openpyxl import Workbook

    month = _month_start(month)
    records = MonthlyRecord.objects.filter(
        month=month, placement__post__region__code__startswith=area_code
    )
    if host_unit:
        records = records.filter(placement__post__host_unit=host_unit)
    # Plain tuples, not model instances: a city's roll is tens of thousands of rows.
    # (name, masked ID number, post, area name, days, unit, subsidy, area code)
    rows = records.order_by(
        "placement__post__host_unit", "placement__post_id", "placement__person__name"
    ).values_list(
        "placement__person__name",
        "placement__person__id_number_masked",
        "placement__post__title",
        "placement__post__region__name",
        "days_worked",
        "placement__post__host_unit",
        "subsidy",
        "placement__post__region_id",
    )
    by_unit: dict[str, list[tuple]] = {}
    by_area: dict[tuple[str, str], list[int]] = {}
    for r in rows.iterator(chunk_size=5000):
        by_unit.setdefault(r[5], []).append(r)
        by_area.setdefault((r[7], r[3]), []).append(r[6])
    people = sum(len(r) for r in by_unit.values())
    total = sum(sum(subsidies) for subsidies in by_area.values())

    book = Workbook(write_only=True)
    summary = book.create_sheet(_("Summary")[:31])
    summary.append([_("Host unit"), _("People"), _("Subsidy (yuan)")])
    for unit, unit_rows in by_unit.items():
        summary.append([unit, len(unit_rows), sum(r[6] for r in unit_rows)])
    summary.append([_("Total"), people, total])
    areas = book.create_sheet(_("By area")[:31])
    areas.append([_("Area code"), _("Area"), _("People"), _("Subsidy (yuan)")])
    for (code, name), subsidies in sorted(by_area.items()):
        areas.append([code, name, len(subsidies), sum(subsidies)])
    areas.append([_("Total"), "", people, total])
    headers = [_("Name"), _("ID number"), _("Post"), _("Area"), _("Days worked")]
    roll = book.create_sheet(_("Roll")[:31])
    roll.append([*headers, _("Host unit"), _("Subsidy (yuan)")])
    for unit_rows in by_unit.values():
        for r in unit_rows:
            roll.append(r[:7])
    if len(by_unit) <= ROLL_UNIT_SHEETS_MAX:
        for index, (unit, unit_rows) in enumerate(by_unit.items(), start=1):
            sheet = book.create_sheet(f"{index} {unit}"[:31].replace("/", " "))
            sheet.append([unit, f"{month:%Y-%m}"])
            sheet.append([*headers, _("Subsidy (yuan)")])
            for r in unit_rows:
                sheet.append([*r[:5], r[6]])
            sheet.append([_("Total"), "", "", "", "", sum(r[6] for r in unit_rows)])
    record_event(
        actor=by,
        action="welfare.roll_export",
        area_code=area_code,
        changes={"month": month, "host_unit": host_unit, "records": people, "total": total},
        request=request,
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
