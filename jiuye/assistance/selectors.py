"""Reads for assistance pages, the home-page panel and the public notice."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from jiuye.assistance.enums import CaseStatus, CertificationStatus, PlacementStatus, VisitNeed
from jiuye.assistance.models import (
    Certification,
    FollowUpTask,
    HomeVisit,
    Placement,
    ZeroEmploymentCase,
)


def mask_name(name: str) -> str:
    """韦丽华 -> 韦*华, 韦华 -> 韦*: what a public notice may show of a name."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def on_public_notice(*, today: datetime.date, area_code: str = "") -> QuerySet[Certification]:
    qs = Certification.objects.filter(
        status=CertificationStatus.ON_NOTICE, notice_start__lte=today, notice_end__gte=today
    ).select_related("person", "region", "category")
    if area_code:
        qs = qs.filter(region__code__startswith=area_code)
    return qs.order_by("region_id", "notice_start", "id")


def current_certification(person, *, today: datetime.date | None = None):
    """The person's certification in force or in progress, for the ledger's person page
    (None when there is none). A certified one past `valid_until` counts as expired."""
    today = today or datetime.date.today()
    open_statuses = [
        CertificationStatus.APPLIED,
        CertificationStatus.VERIFIED,
        CertificationStatus.ON_NOTICE,
        CertificationStatus.CERTIFIED,
    ]
    certification = (
        Certification.objects.filter(person=person, status__in=open_statuses)
        .select_related("category")
        .first()
    )
    if (
        certification is not None
        and certification.status == CertificationStatus.CERTIFIED
        and certification.valid_until < today
    ):
        return None
    return certification


def visits_to_household(household, *, user) -> QuerySet[HomeVisit]:
    """Visits to the household and to any of its members, newest first."""
    return (
        HomeVisit.objects.visible_to(user)
        .filter(Q(household=household) | Q(person__household=household))
        .select_related("recorded_by", "person")
        .prefetch_related("tasks__owner")
    )


def staff_covering(region_code: str):
    """Active staff whose area contains `region_code` (village up to city): who may own a
    follow-up task there."""
    from jiuye.accounts.enums import STAFF_ROLES
    from jiuye.accounts.models import User

    prefixes = {region_code[:n] for n in (2, 4, 6, 9, 12) if len(region_code) >= n}
    return (
        User.objects.filter(
            is_active=True, role__in=sorted(STAFF_ROLES), region_id__in=sorted(prefixes)
        )
        .select_related("region")
        .order_by("region_id", "username")
    )


def need_labels(visit) -> list[str]:
    labels = dict(VisitNeed.choices)
    return [labels.get(n, n) for n in visit.needs]


@dataclass(frozen=True)
class PersonAssistance:
    certification: object | None
    active_placement: object | None
    placements: int
    visits: list


def person_assistance(person, *, user, today: datetime.date | None = None) -> PersonAssistance:
    """The ledger's person page: the certification in progress or in force, the welfare
    placement and the latest visits (scoped to the viewer's area)."""
    certification = current_certification(person, today=today)
    if certification is not None and not user.covers(certification.region_id):
        certification = None
    placements = list(
        Placement.objects.visible_to(user)
        .filter(person=person)
        .select_related("post")
        .order_by("-start_date", "-id")
    )
    active = next((p for p in placements if p.status == PlacementStatus.ACTIVE), None)
    visits = list(
        HomeVisit.objects.visible_to(user)
        .filter(Q(person=person) | Q(household__isnull=False, household_id=person.household_id))
        .select_related("person")
        .order_by("-visited_on", "-id")[:5]
    )
    return PersonAssistance(
        certification, active, len(placements), [(v, need_labels(v)) for v in visits]
    )


@dataclass(frozen=True)
class HouseholdAssistance:
    case: object | None
    overdue: bool
    visits: list


def household_assistance(household, *, user, today=None) -> HouseholdAssistance:
    """The ledger's household page: the open zero-employment case and the visit history."""
    today = today or datetime.date.today()
    case = (
        ZeroEmploymentCase.objects.visible_to(user)
        .filter(household=household, status=CaseStatus.OPEN)
        .first()
    )
    visits = list(visits_to_household(household, user=user)[:5])
    return HouseholdAssistance(
        case,
        case is not None and case.deadline < today,
        [(v, need_labels(v)) for v in visits],
    )


def overdue_cases(*, today: datetime.date) -> QuerySet[ZeroEmploymentCase]:
    """Open zero-employment cases past their deadline (scope with `.visible_to(user)`)."""
    return ZeroEmploymentCase.objects.filter(status=CaseStatus.OPEN, deadline__lt=today)


@dataclass(frozen=True)
class HomePanel:
    open_cases: int
    overdue_cases: int
    on_notice: int
    awaiting_approval: int
    tasks_overdue: int


def home_panel(user, *, today: datetime.date | None = None) -> HomePanel | None:
    """Counts for a staff member's home page (township and county show overdue cases).
    Render with the template "assistance/_home_panel.html" (context name `assistance`)."""
    if not (user.is_superuser or user.is_area_staff):
        return None
    today = today or datetime.date.today()
    cases = ZeroEmploymentCase.objects.visible_to(user).filter(status=CaseStatus.OPEN)
    certifications = Certification.objects.visible_to(user)
    return HomePanel(
        open_cases=cases.count(),
        overdue_cases=cases.filter(deadline__lt=today).count(),
        on_notice=certifications.filter(status=CertificationStatus.ON_NOTICE).count(),
        awaiting_approval=certifications.filter(
            status=CertificationStatus.ON_NOTICE, notice_end__lt=today
        ).count(),
        tasks_overdue=FollowUpTask.objects.visible_to(user)
        .filter(done_on__isnull=True, due_on__lt=today)
        .count(),
    )


@dataclass(frozen=True)
class DueVisit:
    reason: str
    household: object | None
    person: object | None
    since: datetime.date
    case_id: int | None = None
    certification_id: int | None = None  # a verification visit, recorded on the certification


def due_for_visit(user, *, today: datetime.date, limit: int = 200) -> list[DueVisit]:
    """Who is due a visit: open zero-employment cases with no visit since they opened
    (newly zero-employment, oldest first), overdue follow-up tasks, applications waiting
    for their verification visit, and certified people never visited since."""
    from django.utils.translation import gettext as _

    due: list[DueVisit] = []
    visited_since_open = HomeVisit.objects.filter(
        household_id=OuterRef("household_id"), visited_on__gte=OuterRef("opened_on")
    )
    cases = (
        ZeroEmploymentCase.objects.visible_to(user)
        .filter(status=CaseStatus.OPEN)
        .exclude(Exists(visited_since_open))
        .select_related("household__region", "household__head")
        .order_by("opened_on", "id")[:limit]
    )
    for case in cases:
        due.append(
            DueVisit(
                _("Zero-employment, not yet visited"), case.household, None, case.opened_on, case.pk
            )
        )
    tasks = (
        FollowUpTask.objects.visible_to(user)
        .filter(done_on__isnull=True, due_on__lt=today)
        .select_related("visit__household__head", "visit__person")
        .order_by("due_on", "id")[:limit]
    )
    for task in tasks:
        due.append(
            DueVisit(
                _("Follow-up overdue: %(task)s") % {"task": task.description},
                task.visit.household,
                task.visit.person,
                task.due_on,
            )
        )
    applications = (
        Certification.objects.visible_to(user)
        .filter(status=CertificationStatus.APPLIED)
        .select_related("person")
        .order_by("applied_on", "id")[:limit]
    )
    for certification in applications:
        due.append(
            DueVisit(
                _("Applied for certification: verification visit due"),
                None,
                certification.person,
                certification.applied_on,
                certification_id=certification.pk,
            )
        )
    never_visited = (
        Certification.objects.visible_to(user)
        .filter(status=CertificationStatus.CERTIFIED)
        .exclude(Exists(HomeVisit.objects.filter(person_id=OuterRef("person_id"))))
        .exclude(
            Q(person__household__isnull=False)
            & Exists(HomeVisit.objects.filter(household_id=OuterRef("person__household_id")))
        )
        .select_related("person")
        .order_by("certified_on", "id")[:limit]
    )
    for certification in never_visited:
        due.append(
            DueVisit(
                _("Certified, never visited"),
                None,
                certification.person,
                certification.certified_on,
            )
        )
    return due
