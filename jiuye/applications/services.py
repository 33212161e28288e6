"""Writes for job seekers and applications.

`transition_application` is the only code that changes an application's status: it checks
the declared state machine (`enums.APPLICATION_TRANSITIONS`) and who is acting, saves with
update_fields, writes an ApplicationEvent and audits. A hire writes the ledger through
`people.services.record_employment_status`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.accounts.enums import Role
from jiuye.accounts.models import User
from jiuye.applications.enums import (
    APPLICATION_TRANSITIONS,
    OPEN_STATUSES,
    ApplicationStatus,
    Channel,
    Side,
)
from jiuye.applications.models import Application, ApplicationEvent, JobSeeker
from jiuye.lib.idnumbers import InvalidIdNumber, validate_id_number
from jiuye.people.enums import EmploymentStatus, SpellSource
from jiuye.people.models import Person
from jiuye.people.services import create_person, record_employment_status
from jiuye.vacancies.models import Vacancy


@transaction.atomic
def register_seeker(
    *,
    id_number: str,
    name: str,
    region_code: str,
    by: User | None = None,
    phone: str = "",
    user_fields: dict | None = None,
    **profile,
) -> JobSeeker:
    """A job seeker, linked to the ledger person with this ID number, or to a new one.
    `by` is staff registering the seeker; None when seekers register themselves, in which
    case `user_fields` (username, password) creates their login."""
    try:
        number = validate_id_number(id_number)
    except InvalidIdNumber as exc:
        raise ValidationError(
            {"id_number": _("Not a valid ID number: %(reason)s") % {"reason": exc}}
        ) from exc
    if by is not None:
        by.require_covers(region_code)
    person = Person.objects.with_id_number(number).first()
    if person is None:
        person = create_person(
            id_number=number, name=name, region_code=region_code, by=by, phone=phone
        )
    elif person.name != name.strip():
        raise ValidationError({"name": _("The name does not match the ledger for this ID number.")})
    if JobSeeker.objects.filter(person=person).exists():
        raise ValidationError(
            {"id_number": _("This person is already registered as a job seeker.")}
        )
    if user_fields and User.objects.filter(person=person).exists():
        raise ValidationError({"id_number": _("This person already has a login.")})
    seeker = JobSeeker.objects.create(person=person, registered_by=by, **profile)
    if user_fields:
        if User.objects.filter(username__iexact=user_fields["username"]).exists():
            raise ValidationError({"username": _("This username is taken.")})
        user = User(
            username=user_fields["username"],
            role=Role.JOB_SEEKER,
            person=person,
            first_name=person.name,
            phone=phone,
        )
        user.set_password(user_fields["password"])
        user.save()
    record_event(actor=by, action="seeker.register", obj=seeker, area_code=person.region_id)
    return seeker


@transaction.atomic
def update_seeker_profile(*, seeker: JobSeeker, by: User, **fields) -> JobSeeker:
    if not (by.person_id == seeker.person_id or by.covers(seeker.person.region_id)):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(seeker, name, value)
    seeker.save(update_fields=list(fields))
    return seeker


@transaction.atomic
def apply(
    *,
    vacancy: Vacancy,
    seeker: JobSeeker,
    by: User,
    channel: Channel | str = Channel.ONLINE,
    message: str = "",
    fair=None,
) -> Application:
    """A seeker applies online, or staff record an application made in person. An
    application made at (or through) a job fair carries it: online during an online fair,
    or recorded by staff at an offline one (channel "fair")."""
    acting_for_self = by.person_id == seeker.person_id
    if not acting_for_self and not (
        by.is_superuser or (by.is_area_staff and by.covers(vacancy.region_id))
    ):
        raise PermissionDenied(_("You cannot apply on this person's behalf."))
    if acting_for_self and channel != Channel.ONLINE:
        raise PermissionDenied
    if not vacancy.is_public():
        raise ValidationError(_("This vacancy is not open for applications."))
    if channel == Channel.FAIR and fair is None:
        raise ValidationError(_("Name the job fair where the application was made."))
    if fair is not None and not fair.is_live():
        raise ValidationError(_("The job fair is not open now."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                vacancy=vacancy,
                seeker=seeker,
                channel=channel,
                message=message,
                created_by=by,
                fair=fair,
            )
    except IntegrityError as exc:
        raise ValidationError(_("You have already applied for this vacancy.")) from exc
    ApplicationEvent.objects.create(
        application=application, to_status=application.status, by=by, note=str(channel)
    )
    record_event(
        actor=by,
        action="application.submit",
        obj=application,
        area_code=vacancy.region_id,
        changes={"channel": str(channel), "fair": fair.pk if fair else None},
    )
    return application


def sides_of(user: User | None, application: Application) -> set[str]:
    """Which sides of the application a user may act for."""
    if user is None:
        return {Side.SYSTEM}
    vacancy = application.vacancy
    sides = set()
    if user.employer_id and user.employer_id == vacancy.employer_id:
        sides.add(Side.EMPLOYER)
    if user.person_id and user.person_id == application.seeker.person_id:
        sides.add(Side.SEEKER)
    if user.is_superuser or (user.is_area_staff and user.covers(vacancy.region_id)):
        sides |= {Side.EMPLOYER, Side.SEEKER}
    return sides


def targets_for(user: User, application: Application) -> list[str]:
    sides = sides_of(user, application)
    return [
        to
        for (frm, to), allowed in APPLICATION_TRANSITIONS.items()
        if frm == application.status and allowed & sides
    ]


def _employment_status_for(vacancy: Vacancy, person: Person) -> str:
    place, home = vacancy.region_id, person.region_id
    if place[:6] == home[:6]:
        return EmploymentStatus.EMPLOYED_IN_COUNTY
    if place[:2] == home[:2]:
        return EmploymentStatus.EMPLOYED_IN_PROVINCE
    return EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE


@transaction.atomic
def transition_application(
    *, application: Application, to: ApplicationStatus | str, by: User | None, note: str = ""
) -> Application:
    if str(to) not in ApplicationStatus.values:
        raise ValidationError(_("Unknown status."), code="unknown_status")
    application = (
        Application.objects.select_for_update()
        .select_related("vacancy", "vacancy__employer", "seeker", "seeker__person")
        .get(pk=application.pk)
    )
    old = application.status
    allowed = APPLICATION_TRANSITIONS.get((old, str(to)))
    if allowed is None:
        raise ValidationError(
            _("An application cannot go from “%(old)s” to “%(new)s”.")
            % {"old": ApplicationStatus(old).label, "new": ApplicationStatus(to).label},
            code="illegal_transition",
        )
    if not allowed & sides_of(by, application):
        raise PermissionDenied(_("You cannot make this change to the application."))
    now = timezone.now()
    application.status = to
    application.status_changed_at = now
    fields = ["status", "status_changed_at"]
    if to == ApplicationStatus.HIRED:
        application.hired_at = now
        fields.append("hired_at")
    application.save(update_fields=fields)
    ApplicationEvent.objects.create(
        application=application, from_status=old, to_status=to, by=by, note=note[:500]
    )
    vacancy = application.vacancy
    record_event(
        actor=by,
        action="application.status",
        obj=application,
        area_code=vacancy.region_id,
        changes={"status": [old, str(to)], "note": note},
    )
    if to == ApplicationStatus.HIRED:
        person = application.seeker.person
        record_employment_status(
            person=person,
            status=_employment_status_for(vacancy, person),
            start=timezone.localdate(now),
            source=SpellSource.HIRE,
            by=by,
            region_code=vacancy.region_id,
            employer=vacancy.employer,
            occupation_code=vacancy.occupation_code,
            monthly_income=(vacancy.wage_min + vacancy.wage_max) // 2,
        )
    return application


def expire_applications_of_closed_vacancies() -> int:
    """Open applications to vacancies that are closed or expired become expired."""
    count = 0
    stale = Application.objects.filter(
        status__in=[
            s for s in OPEN_STATUSES if (s, ApplicationStatus.EXPIRED) in APPLICATION_TRANSITIONS
        ],
        vacancy__status__in=["closed", "expired"],
    ).order_by("pk")
    for application in stale.iterator():
        transition_application(
            application=application, to=ApplicationStatus.EXPIRED, by=None, note="vacancy closed"
        )
        count += 1
    return count
