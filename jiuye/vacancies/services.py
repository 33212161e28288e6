"""Writes for vacancies. Every status change goes through `_move`, which checks the declared
lifecycle (`enums.VACANCY_TRANSITIONS`), saves with update_fields, logs a VacancyEvent and
audits."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.employers.models import Employer
from jiuye.vacancies import quality
from jiuye.vacancies.enums import CONFIRMATION_DAYS, VACANCY_TRANSITIONS, VacancyStatus
from jiuye.vacancies.models import Vacancy, VacancyEvent
from jiuye.vacancies.search_terms import sync_vacancy_terms

EDITABLE_FIELDS = (
    "title",
    "occupation_code",
    "description",
    "headcount",
    "wage_min",
    "wage_max",
    "region_id",
    "address",
    "education",
    "skills",
    "housing",
    "meals",
    "transport",
    "employment_type",
    "valid_until",
)


def can_manage(user, vacancy_or_employer) -> bool:
    """The employer's own users, and staff whose area covers the place of work."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if isinstance(vacancy_or_employer, Employer):
        employer_id, region = vacancy_or_employer.pk, vacancy_or_employer.region_id
    else:
        employer_id, region = vacancy_or_employer.employer_id, vacancy_or_employer.region_id
    if user.employer_id:
        return user.employer_id == employer_id
    return user.is_area_staff and user.covers(region)


def _require_manage(user, obj) -> None:
    if not can_manage(user, obj):
        raise PermissionDenied(_("You cannot manage this employer's vacancies."))


def suggest_occupation_code(title: str) -> str:
    """The job-title coder's suggestion, or "" while the coder is not installed."""
    try:
        from jiuye.occupations.coder import code_title
    except ImportError:
        return ""
    match = code_title(title)
    return match.code if match is not None else ""


def check_texts(vacancy: Vacancy) -> None:
    problems = quality.discrimination_problems(vacancy.title, vacancy.description, vacancy.skills)
    if problems:
        raise ValidationError([p.message for p in problems], code="discrimination")


def _refresh_search_fields(vacancy: Vacancy) -> None:
    occupation_name = ""
    if vacancy.occupation_code:
        from jiuye.occupations.models import Occupation

        occupation_name = (
            Occupation.objects.filter(code=vacancy.occupation_code)
            .order_by("-level")
            .values_list("name", flat=True)
            .first()
            or ""
        )
    vacancy.set_derived_fields(occupation_name=occupation_name)


@transaction.atomic
def create_vacancy(*, employer: Employer, by, title: str, **fields) -> Vacancy:
    """A new draft. Discriminatory texts are refused here already."""
    _require_manage(by, employer)
    fields.setdefault("region_id", employer.region_id)
    vacancy = Vacancy(employer=employer, title=title.strip(), created_by=by, **fields)
    if not vacancy.occupation_code:
        vacancy.occupation_code = suggest_occupation_code(vacancy.title)
    if vacancy.wage_max < vacancy.wage_min:
        raise ValidationError({"wage_max": _("The upper wage is below the lower one.")})
    check_texts(vacancy)
    _refresh_search_fields(vacancy)
    vacancy.save()
    sync_vacancy_terms(vacancy)
    VacancyEvent.objects.create(vacancy=vacancy, to_status=vacancy.status, by=by)
    record_event(actor=by, action="vacancy.create", obj=vacancy, area_code=vacancy.region_id)
    return vacancy


@transaction.atomic
def update_vacancy(*, vacancy: Vacancy, by, **fields) -> Vacancy:
    _require_manage(by, vacancy)
    if vacancy.status == VacancyStatus.CLOSED:
        raise ValidationError(_("A closed vacancy cannot be changed."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    before = {k: getattr(vacancy, k) for k in fields}
    for name, value in fields.items():
        setattr(vacancy, name, value)
    _require_manage(by, vacancy)  # the new place of work must lie in the user's area too
    if vacancy.wage_max < vacancy.wage_min:
        raise ValidationError({"wage_max": _("The upper wage is below the lower one.")})
    check_texts(vacancy)
    _refresh_search_fields(vacancy)
    vacancy.save(
        update_fields=[
            *fields,
            "county_code",
            "search_text",
            "pinyin_keys",
            "search_grams",
            "updated_at",
        ]
    )
    sync_vacancy_terms(vacancy)
    record_event(
        actor=by,
        action="vacancy.update",
        obj=vacancy,
        area_code=vacancy.region_id,
        changes={k: [before[k], v] for k, v in fields.items() if before[k] != v},
    )
    return vacancy


def _move(vacancy: Vacancy, to: str, *, by, note: str = "", **extra) -> Vacancy:
    old = vacancy.status
    if to not in VACANCY_TRANSITIONS[old]:
        raise ValidationError(
            _("A vacancy cannot go from %(old)s to %(new)s.")
            % {"old": VacancyStatus(old).label, "new": VacancyStatus(to).label}
        )
    vacancy.status = to
    for name, value in extra.items():
        setattr(vacancy, name, value)
    vacancy.save(update_fields=["status", *extra, "updated_at"])
    sync_vacancy_terms(vacancy)
    VacancyEvent.objects.create(vacancy=vacancy, from_status=old, to_status=to, by=by, note=note)
    record_event(
        actor=by,
        action="vacancy.status",
        obj=vacancy,
        area_code=vacancy.region_id,
        changes={"status": [old, to], "note": note},
    )
    return vacancy


def publish_vacancy(*, vacancy: Vacancy, by) -> Vacancy:
    """Draft to live (or to pending while the employer awaits verification), after the
    quality checks: discrimination refused, near-duplicates of a live vacancy flagged (the
    flag is kept, the publication refused)."""
    _require_manage(by, vacancy)
    with transaction.atomic():
        vacancy = Vacancy.objects.select_for_update().select_related("employer").get(pk=vacancy.pk)
        check_texts(vacancy)
        today = timezone.localdate()
        if vacancy.valid_until < today:
            raise ValidationError({"valid_until": _("The end date has passed.")})
        duplicate = quality.find_near_duplicate(vacancy)
        if duplicate is None:
            if not vacancy.employer.is_verified:
                return _move(vacancy, VacancyStatus.PENDING, by=by, duplicate_of=None)
            return _move(
                vacancy,
                VacancyStatus.LIVE,
                by=by,
                posted_on=today,
                confirmed_at=timezone.now(),
                duplicate_of=None,
            )
        vacancy.duplicate_of = duplicate
        vacancy.save(update_fields=["duplicate_of", "updated_at"])
        record_event(
            actor=by,
            action="vacancy.duplicate_flagged",
            obj=vacancy,
            area_code=vacancy.region_id,
            changes={"duplicate_of": duplicate.pk},
        )
    raise ValidationError(
        _(
            "This looks like a near-duplicate of your live vacancy “%(title)s” (no. "
            "%(pk)s); it was not published twice. Change that one instead."
        )
        % {"title": duplicate.title, "pk": duplicate.pk},
        code="duplicate",
    )


def publish_waiting_vacancies(*, employer: Employer, by) -> int:
    """Once the employer is verified, its waiting vacancies go live."""
    count = 0
    now = timezone.now()
    waiting = Vacancy.objects.select_for_update().filter(
        employer=employer, status=VacancyStatus.PENDING
    )
    for vacancy in waiting:
        _move(
            vacancy,
            VacancyStatus.LIVE,
            by=by,
            note="employer verified",
            posted_on=timezone.localdate(now),
            confirmed_at=now,
        )
        count += 1
    return count


@transaction.atomic
def confirm_vacancy(*, vacancy: Vacancy, by, valid_until: datetime.date | None = None) -> Vacancy:
    """The employer says the vacancy is still open: it stays public for 30 more days. An
    expired vacancy comes back to life if its end date (possibly moved) is still ahead."""
    _require_manage(by, vacancy)
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    now = timezone.now()
    if valid_until is not None:
        vacancy.valid_until = valid_until
    if vacancy.valid_until < timezone.localdate(now):
        raise ValidationError({"valid_until": _("Move the end date forward to confirm.")})
    if vacancy.status == VacancyStatus.EXPIRED:
        return _move(
            vacancy,
            VacancyStatus.LIVE,
            by=by,
            note="re-confirmed",
            confirmed_at=now,
            valid_until=vacancy.valid_until,
        )
    if vacancy.status != VacancyStatus.LIVE:
        raise ValidationError(_("Only live or expired vacancies can be confirmed."))
    vacancy.confirmed_at = now
    vacancy.save(update_fields=["confirmed_at", "valid_until", "updated_at"])
    sync_vacancy_terms(vacancy)
    record_event(actor=by, action="vacancy.confirm", obj=vacancy, area_code=vacancy.region_id)
    return vacancy


@transaction.atomic
def close_vacancy(*, vacancy: Vacancy, by, note: str = "") -> Vacancy:
    _require_manage(by, vacancy)
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    return _move(vacancy, VacancyStatus.CLOSED, by=by, note=note)


def expire_vacancies(*, now: datetime.datetime | None = None, batch_size: int = 500) -> int:
    """Live vacancies past their end date, or not confirmed for 30 days, become expired.
    Idempotent; rows locked with skip_locked so two runs never fight. Returns the count."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    stale = now - datetime.timedelta(days=CONFIRMATION_DAYS)
    total = 0
    while True:
        with transaction.atomic():
            batch = list(
                Vacancy.objects.select_for_update(skip_locked=True)
                .filter(status=VacancyStatus.LIVE)
                .filter(Q(valid_until__lt=today) | Q(confirmed_at__lt=stale))
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return total
            for vacancy in batch:
                note = "end date passed" if vacancy.valid_until < today else "not re-confirmed"
                _move(vacancy, VacancyStatus.EXPIRED, by=None, note=note)
            total += len(batch)
