"""Writes for certification, zero-employment cases and home visits. Welfare posts are in
`jiuye.assistance.welfare`. Pages, the API, commands and tests all come through here."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.accounts.enums import Role
from jiuye.assistance.enums import (
    CaseCloseReason,
    CaseStatus,
    CertificationAction,
    CertificationStatus,
    VisitNeed,
)
from jiuye.assistance.models import (
    Certification,
    CertificationTransition,
    DifficultyCategory,
    FollowUpTask,
    HomeVisit,
    JobOffer,
    ZeroEmploymentCase,
)
from jiuye.assistance.rules import add_months, categories_for, rules_for
from jiuye.people.enums import WORKING_STATUSES
from jiuye.people.models import EmploymentSpell, Household, Person
from jiuye.people.selectors import current_on, working_age_on, zero_employment_households

S = CertificationStatus
A = CertificationAction

# The certification lifecycle, declared once: action -> (allowed from, to).
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    A.VERIFY: (frozenset({S.APPLIED}), S.VERIFIED),
    A.PUBLISH: (frozenset({S.VERIFIED}), S.ON_NOTICE),
    A.APPROVE: (frozenset({S.ON_NOTICE}), S.CERTIFIED),
    A.REJECT: (frozenset({S.APPLIED, S.VERIFIED, S.ON_NOTICE}), S.REJECTED),
    A.REVOKE: (frozenset({S.CERTIFIED}), S.REVOKED),
    A.EXPIRE: (frozenset({S.CERTIFIED}), S.EXPIRED),
}
# Done by the daily run (`expire_certifications`), never by hand.
AUTOMATIC_ACTIONS = frozenset({A.EXPIRE})
# Approval is the county's decision (city staff above it may too).
APPROVER_ROLES = frozenset({Role.COUNTY_OFFICER, Role.CITY_ADMIN})


def allowed_actions(certification: Certification, user) -> list[str]:
    actions = [
        a
        for a, (sources, _to) in TRANSITIONS.items()
        if certification.status in sources and a not in AUTOMATIC_ACTIONS
    ]
    if not can_approve(user):
        actions = [a for a in actions if a != A.APPROVE]
    return actions


def can_approve(user) -> bool:
    return user.is_superuser or (user.is_area_staff and user.role in APPROVER_ROLES)


def _log(certification, *, action, from_status, by, note=""):
    CertificationTransition.objects.create(
        certification=certification,
        from_status=from_status,
        to_status=certification.status,
        action=action,
        by=by,
        note=note[:300],
    )
    record_event(
        actor=by,
        action=f"certification.{action}",
        obj=certification,
        area_code=certification.region_id,
        changes={"status": [from_status or None, certification.status], "note": note},
    )


@transaction.atomic
def apply_for_certification(
    *,
    person: Person,
    category: DifficultyCategory,
    applied_on: datetime.date,
    by,
    by_person: bool = False,
    statement: str = "",
) -> Certification:
    """An application by the person (`by_person`) or by staff on their behalf."""
    if not categories_for(person.region_id).filter(pk=category.pk).exists():
        raise ValidationError({"category": _("This category does not apply in this province.")})
    # A certification whose period is over no longer blocks a new application, even when
    # the daily run has not marked it expired yet.
    expire_certifications(today=applied_on, person=person)
    if (
        Certification.objects.select_for_update()
        .filter(person=person, status__in=[S.APPLIED, S.VERIFIED, S.ON_NOTICE, S.CERTIFIED])
        .exists()
    ):
        raise ValidationError(
            _("%(name)s already has a certification in progress or in force.")
            % {"name": person.name}
        )
    try:
        with transaction.atomic():
            certification = Certification.objects.create(
                person=person,
                region_id=person.region_id,
                category=category,
                applied_on=applied_on,
                applied_by_person=by_person,
                statement=statement,
                created_by=by,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(name)s already has a certification in progress or in force.")
            % {"name": person.name}
        ) from exc
    _log(certification, action="apply", from_status="", by=by, note=statement)
    return certification


@transaction.atomic
def transition_certification(
    *,
    certification: Certification,
    action: str,
    by,
    on: datetime.date,
    note: str = "",
) -> Certification:
    """Move a certification along `TRANSITIONS`; each step is logged and audited."""
    certification = Certification.objects.select_for_update().get(pk=certification.pk)
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    sources, target = TRANSITIONS[action]
    if certification.status not in sources:
        raise ValidationError(
            _("A certification that is “%(status)s” cannot be changed this way.")
            % {"status": certification.get_status_display()}
        )
    if by is not None and not by.covers(certification.region_id):
        raise PermissionDenied(_("That area lies outside your own."))
    note = note.strip()
    fields = ["status"]
    if action == A.VERIFY:
        if not note:
            raise ValidationError({"note": _("Write down what the verification visit found.")})
        certification.visit_on, certification.visit_findings = on, note
        fields += ["visit_on", "visit_findings"]
    elif action == A.PUBLISH:
        days = rules_for(certification.region_id).notice_days
        certification.notice_start = on
        certification.notice_end = on + datetime.timedelta(days=days - 1)
        fields += ["notice_start", "notice_end"]
    elif action == A.APPROVE:
        if by is not None and not can_approve(by):
            raise PermissionDenied(_("Only the county may approve a certification."))
        if on <= certification.notice_end:
            raise ValidationError(
                _("The public notice runs until %(end)s; approve after it ends.")
                % {"end": certification.notice_end}
            )
        months = rules_for(certification.region_id).certification_months
        certification.certified_on = on
        certification.valid_until = add_months(on, months)
        fields += ["certified_on", "valid_until"]
    elif action == A.EXPIRE:
        if on <= certification.valid_until:
            raise ValidationError(
                _("The certification is valid until %(end)s.") % {"end": certification.valid_until}
            )
    elif action in (A.REJECT, A.REVOKE):
        if not note:
            raise ValidationError({"note": _("Give the reason.")})
        certification.closed_reason = note[:300]
        fields.append("closed_reason")
    from_status = certification.status
    certification.status = target
    certification.save(update_fields=fields)
    _log(certification, action=action, from_status=from_status, by=by, note=note)
    return certification


def expire_certifications(*, today: datetime.date, person: Person | None = None) -> int:
    """Mark expired the certifications whose period ended before `today` (daily, and for
    one person before a new application). Each is logged like any other step."""
    lapsed = Certification.objects.filter(status=S.CERTIFIED, valid_until__lt=today)
    if person is not None:
        lapsed = lapsed.filter(person=person)
    expired = 0
    for certification in lapsed.order_by("pk"):
        transition_certification(
            certification=certification,
            action=A.EXPIRE,
            by=None,
            on=today,
            note=_("Certified until %(end)s.") % {"end": certification.valid_until},
        )
        expired += 1
    return expired


# --- zero-employment households ---------------------------------------------------------


def detect_zero_employment_households(*, as_of: datetime.date, area_code: str = "") -> dict:
    """Open a case for each newly zero-employment household; clear the open cases whose
    household has a member in work again (recording who and since when); close, with the
    reason, those that dropped out of the definition otherwise. Idempotent for a day."""
    zero = dict(
        zero_employment_households(as_of=as_of, area_code=area_code).values_list("pk", "region_id")
    )
    open_cases = ZeroEmploymentCase.objects.filter(status=CaseStatus.OPEN)
    if area_code:
        open_cases = open_cases.filter(region__code__startswith=area_code)
    open_by_household = {c.household_id: c for c in open_cases}
    deadline_days: dict[str, int] = {}
    new_cases = []
    for household_id, region_code in zero.items():
        if household_id in open_by_household:
            continue
        if region_code not in deadline_days:
            deadline_days[region_code] = rules_for(region_code).case_deadline_days
        new_cases.append(
            ZeroEmploymentCase(
                household_id=household_id,
                region_id=region_code,
                opened_on=as_of,
                deadline=as_of + datetime.timedelta(days=deadline_days[region_code]),
            )
        )
    with transaction.atomic():
        ZeroEmploymentCase.objects.bulk_create(new_cases, ignore_conflicts=True)
    cleared = closed = 0
    for household_id, case in open_by_household.items():
        if household_id in zero:
            continue
        with transaction.atomic():
            # Cleared meanwhile by a member's new spell (`clear_case_for_new_spell`)?
            case = (
                ZeroEmploymentCase.objects.select_for_update()
                .filter(pk=case.pk, status=CaseStatus.OPEN)
                .first()
            )
            if case is None:
                continue
            spell = (
                EmploymentSpell.objects.filter(current_on(as_of), person__household_id=household_id)
                .filter(working_age_on(as_of, prefix="person__"), status__in=WORKING_STATUSES)
                .order_by("-start", "-id")
                .first()
            )
            if spell is not None:
                _clear_case(case, spell=spell, by=None)
                cleared += 1
                continue
            case.status = CaseStatus.CLOSED
            case.close_reason = CaseCloseReason.NOT_WORKING_AGE
            # No note and nobody: the pages say it was closed by the daily run.
            case.save(update_fields=["status", "close_reason"])
            closed += 1
            record_event(
                actor=None,
                action="zero_case.close",
                obj=case,
                area_code=case.region_id,
                changes={"reason": case.close_reason, "on": as_of},
            )
    return {"opened": len(new_cases), "cleared": cleared, "closed": closed}


def _clear_case(case: ZeroEmploymentCase, *, spell: EmploymentSpell, by) -> None:
    case.status = CaseStatus.CLEARED
    case.cleared_on = spell.start
    case.cleared_by_member_id = spell.person_id
    case.save(update_fields=["status", "cleared_on", "cleared_by_member"])
    record_event(
        actor=by,
        action="zero_case.clear",
        obj=case,
        area_code=case.region_id,
        changes={"member": spell.person_id, "on": spell.start},
    )


@transaction.atomic
def clear_case_for_new_spell(*, spell: EmploymentSpell, by=None) -> ZeroEmploymentCase | None:
    """Called by `people.services.record_employment_status` when a spell in work starts:
    the household's open case is cleared at once when the member is of working age and
    the spell has begun (a spell starting later is left to the daily run)."""
    person = spell.person
    if spell.status not in WORKING_STATUSES or person.household_id is None:
        return None
    if spell.start > datetime.date.today():
        return None
    if not Person.objects.filter(working_age_on(spell.start), pk=person.pk).exists():
        return None
    case = (
        ZeroEmploymentCase.objects.select_for_update(of=("self",))
        .select_related("household")  # the audit event names it
        .filter(household_id=person.household_id, status=CaseStatus.OPEN)
        .first()
    )
    if case is None:
        return None
    _clear_case(case, spell=spell, by=by)
    return case


@transaction.atomic
def close_case(*, case: ZeroEmploymentCase, reason: str, note: str, by) -> ZeroEmploymentCase:
    case = ZeroEmploymentCase.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("This case is no longer open."))
    if reason not in CaseCloseReason.values:
        raise ValidationError({"reason": _("Choose one of the allowed reasons.")})
    if not note.strip():
        raise ValidationError({"note": _("Add a note explaining the closure.")})
    case.status, case.close_reason, case.close_note, case.closed_by = (
        CaseStatus.CLOSED,
        reason,
        note.strip()[:300],
        by,
    )
    case.save(update_fields=["status", "close_reason", "close_note", "closed_by"])
    record_event(
        actor=by,
        action="zero_case.close",
        obj=case,
        area_code=case.region_id,
        changes={"reason": reason, "note": note},
    )
    return case


@transaction.atomic
def record_job_offer(
    *,
    case: ZeroEmploymentCase,
    offered_on: datetime.date,
    description: str,
    refused: bool,
    by,
    note: str = "",
) -> JobOffer:
    offer = JobOffer.objects.create(
        case=case,
        offered_on=offered_on,
        description=description,
        refused=refused,
        note=note,
        by=by,
    )
    record_event(
        actor=by,
        action="zero_case.offer",
        obj=case,
        area_code=case.region_id,
        changes={"offer": description, "refused": refused},
    )
    return offer


REFUSALS_TO_MARK = 3


@transaction.atomic
def mark_refused_offers(*, case: ZeroEmploymentCase, on: datetime.date, by) -> None:
    """Mark a household that refused three suitable job offers (as the rules allow)."""
    case = ZeroEmploymentCase.objects.select_for_update().get(pk=case.pk)
    refusals = case.offers.filter(refused=True).count()
    if refusals < REFUSALS_TO_MARK:
        raise ValidationError(
            _("The household has refused %(n)s suitable offers; three are needed.")
            % {"n": refusals}
        )
    case.refused_offers_on = on
    case.save(update_fields=["refused_offers_on"])
    record_event(actor=by, action="zero_case.refused_offers", obj=case, area_code=case.region_id)


# --- home visits -------------------------------------------------------------------------


@transaction.atomic
def record_visit(
    *,
    visited_on: datetime.date,
    visitors: str,
    by,
    household: Household | None = None,
    person: Person | None = None,
    needs: list[str] = (),
    findings: str = "",
    outcome: str = "",
    tasks: list[tuple[str, object, datetime.date]] = (),
) -> HomeVisit:
    """Log a visit to a household or a person, with follow-up tasks (description, owner,
    due date)."""
    if household is None and person is None:
        raise ValidationError(_("A visit is to a household or a person."))
    region_id = household.region_id if household is not None else person.region_id
    if by is not None and not by.covers(region_id):
        raise PermissionDenied(_("That area lies outside your own."))
    unknown = set(needs) - set(VisitNeed.values)
    if unknown:
        raise ValidationError({"needs": _("Unknown need.")})
    for _description, owner, _due_on in tasks:
        if not owner.covers(region_id):
            raise ValidationError(
                _("%(owner)s cannot own a task in an area outside their own.")
                % {"owner": owner.get_full_name() or owner.username}
            )
    visit = HomeVisit.objects.create(
        household=household,
        person=person,
        region_id=region_id,
        visited_on=visited_on,
        visitors=visitors.strip(),
        needs=sorted(set(needs)),
        findings=findings,
        outcome=outcome,
        recorded_by=by,
    )
    for description, owner, due_on in tasks:
        FollowUpTask.objects.create(
            visit=visit, description=description, owner=owner, due_on=due_on
        )
    record_event(
        actor=by,
        action="visit.record",
        obj=visit,
        area_code=region_id,
        changes={"needs": visit.needs, "tasks": len(tasks)},
    )
    return visit


@transaction.atomic
def complete_task(*, task: FollowUpTask, done_on: datetime.date, outcome: str, by):
    task = FollowUpTask.objects.select_for_update().get(pk=task.pk)
    if task.done_on is not None:
        raise ValidationError(_("This task is already done."))
    task.done_on, task.outcome = done_on, outcome[:300]
    task.save(update_fields=["done_on", "outcome"])
    record_event(actor=by, action="visit.task_done", obj=task.visit, area_code=task.visit.region_id)
    return task
