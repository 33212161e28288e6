"""Writes for employers: registration (by the employer itself or by staff) and verification."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.accounts.enums import Role
from jiuye.accounts.models import User
from jiuye.employers.credit_codes import InvalidCreditCode, check_credit_code
from jiuye.employers.enums import EmployerStatus
from jiuye.employers.models import Employer


def clean_credit_code(value: str) -> tuple[str | None, bool]:
    """The compact code (or None when blank) and whether its check digit failed."""
    if not (value or "").strip():
        return None, False
    try:
        checked = check_credit_code(value)
    except InvalidCreditCode as exc:
        raise ValidationError(
            {
                "credit_code": _("Not a valid unified social credit code: %(reason)s")
                % {"reason": exc}
            }
        ) from exc
    if Employer.objects.filter(credit_code=checked.code).exists():
        raise ValidationError(
            {"credit_code": _("An employer with this credit code is already registered.")}
        )
    return checked.code, checked.check_digit_failed


@transaction.atomic
def register_employer(
    *,
    name: str,
    region_code: str,
    credit_code: str = "",
    by: User | None = None,
    user_fields: dict | None = None,
    request=None,
    **fields,
) -> Employer:
    """Register an employer, unverified. `by` is the staff member registering it on its
    behalf, or None when the employer registers itself through the public page, in which
    case `user_fields` (username, password, ...) creates its first employer login."""
    if by is not None:
        by.require_covers(region_code)
    code, check_failed = clean_credit_code(credit_code)
    employer = Employer.objects.create(
        name=name.strip(),
        region_id=region_code,
        credit_code=code,
        credit_code_check_failed=check_failed,
        self_registered=by is None,
        status=EmployerStatus.PENDING,
        **fields,
    )
    if user_fields:
        create_employer_user(employer=employer, **user_fields)
    record_event(
        actor=by,
        action="employer.register",
        obj=employer,
        area_code=region_code,
        changes={"self_registered": by is None, "credit_code_check_failed": check_failed},
        request=request,
    )
    return employer


def create_employer_user(
    *, employer: Employer, username: str, password: str, first_name: str = "", phone: str = ""
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    user = User(
        username=username,
        role=Role.EMPLOYER,
        employer=employer,
        first_name=first_name,
        phone=phone,
    )
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def verify_employer(
    *, employer: Employer, by: User, approve: bool = True, request=None
) -> Employer:
    """Bureau staff covering the employer's area verify (or reject) it. Verifying publishes
    the vacancies that were waiting for it."""
    if not by.is_superuser and not (by.is_area_staff and by.covers(employer.region_id)):
        raise PermissionDenied(_("Only bureau staff of the employer's area can verify it."))
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    old = employer.status
    if approve:
        employer.status = EmployerStatus.VERIFIED
        employer.verified_at = timezone.now()
        employer.verified_by = by
    else:
        employer.status = EmployerStatus.REJECTED
        employer.verified_at = None
        employer.verified_by = by
    employer.save(update_fields=["status", "verified_at", "verified_by"])
    record_event(
        actor=by,
        action="employer.verify" if approve else "employer.reject",
        obj=employer,
        area_code=employer.region_id,
        changes={"status": [old, employer.status]},
        request=request,
    )
    from jiuye.vacancies.search_terms import rebuild_vacancy_terms
    from jiuye.vacancies.services import publish_waiting_vacancies

    if approve:
        publish_waiting_vacancies(employer=employer, by=by)
    # A rejected employer's live vacancies leave the board's keyword postings (and come
    # back if it is verified again).
    rebuild_vacancy_terms(employer.vacancies.filter(status="live").select_related("employer"))
    return employer
