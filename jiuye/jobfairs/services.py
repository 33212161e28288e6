"""Writes for job fairs: create, employer sign-up and approval, seeker pre-registration,
check-in at the entrance. Applications made at a fair go through
`applications.services.apply(..., fair=fair)`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.jobfairs.enums import ParticipationStatus
from jiuye.jobfairs.models import FairEmployer, FairRegistration, JobFair


def _require_staff_for(user, region_code: str) -> None:
    if not (user.is_superuser or (user.is_area_staff and user.covers(region_code))):
        raise PermissionDenied(_("Only bureau staff of the fair's area can do this."))


@transaction.atomic
def create_fair(
    *, by, name: str, mode: str, starts_at, ends_at, region_code: str, **fields
) -> JobFair:
    _require_staff_for(by, region_code)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The fair must end after it starts.")})
    fair = JobFair.objects.create(
        name=name,
        mode=mode,
        starts_at=starts_at,
        ends_at=ends_at,
        region_id=region_code,
        created_by=by,
        **fields,
    )
    record_event(actor=by, action="jobfair.create", obj=fair, area_code=region_code)
    return fair


@transaction.atomic
def sign_up_employer(*, fair: JobFair, employer, by, booth: str = "", vacancies=()) -> FairEmployer:
    """An employer (its user, or staff on its behalf) signs up with the vacancies it brings."""
    if not (
        by.employer_id == employer.pk
        or by.is_superuser
        or (by.is_area_staff and by.covers(fair.region_id))
    ):
        raise PermissionDenied
    if fair.ends_at <= timezone.now():
        raise ValidationError(_("This fair is over."))
    if any(v.employer_id != employer.pk for v in vacancies):
        raise ValidationError(_("Only the employer's own vacancies can be brought."))
    try:
        with transaction.atomic():
            participation = FairEmployer.objects.create(fair=fair, employer=employer, booth=booth)
    except IntegrityError as exc:
        raise ValidationError(_("This employer has already signed up for the fair.")) from exc
    participation.vacancies.set(vacancies)
    record_event(actor=by, action="jobfair.sign_up", obj=participation, area_code=fair.region_id)
    return participation


@transaction.atomic
def decide_participation(*, participation: FairEmployer, by, approve: bool) -> FairEmployer:
    _require_staff_for(by, participation.fair.region_id)
    old = participation.status
    participation.status = ParticipationStatus.APPROVED if approve else ParticipationStatus.REJECTED
    participation.decided_by = by
    try:
        with transaction.atomic():
            participation.save(update_fields=["status", "decided_by"])
    except IntegrityError as exc:
        raise ValidationError(_("That booth is already taken.")) from exc
    record_event(
        actor=by,
        action="jobfair.decide",
        obj=participation,
        area_code=participation.fair.region_id,
        changes={"status": [old, participation.status]},
    )
    return participation


def preregister(*, fair: JobFair, seeker, by) -> FairRegistration:
    if not (by.person_id == seeker.person_id or by.is_superuser or by.is_area_staff):
        raise PermissionDenied
    if fair.ends_at <= timezone.now():
        raise ValidationError(_("This fair is over."))
    registration, _created = FairRegistration.objects.get_or_create(fair=fair, seeker=seeker)
    return registration


@transaction.atomic
def check_in(*, fair: JobFair, code: str, by) -> FairRegistration:
    """Staff scan (or type) a registration's code at the entrance. Checking in twice is
    harmless: the first time is kept."""
    _require_staff_for(by, fair.region_id)
    code = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    registration = (
        FairRegistration.objects.select_for_update()
        .select_related("seeker__person")
        .filter(fair=fair, code=code)
        .first()
    )
    if registration is None:
        raise ValidationError(_("No registration for this fair has that code."))
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = by
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
        record_event(
            actor=by, action="jobfair.check_in", obj=registration, area_code=fair.region_id
        )
    return registration
