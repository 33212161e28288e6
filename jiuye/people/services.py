"""Writes to the ledger. Pages, the API, imports, commands and tests all come through here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.lib import crypto
from jiuye.lib.idnumbers import (
    birth_date_of,
    mask_id_number,
    sex_of,
    validate_id_number,
)
from jiuye.people.enums import WORKING_STATUSES, EmploymentStatus, SpellSource
from jiuye.people.models import EmploymentSpell, GroupMembership, Household, Person


def identity_fields(id_number: str) -> dict:
    """The stored forms of a validated ID number, with what it tells of the person."""
    return {
        "id_number_encrypted": crypto.encrypt(id_number),
        "id_number_hash": crypto.keyed_hash(id_number),
        "id_number_masked": mask_id_number(id_number),
        "birth_date": birth_date_of(id_number),
        "sex": sex_of(id_number),
    }


@transaction.atomic
def create_person(*, id_number: str, name: str, region_code: str, by=None, **fields) -> Person:
    number = validate_id_number(id_number)
    if Person.objects.with_id_number(number).exists():
        raise ValidationError(
            {"id_number": _("A person with this ID number is already in the ledger.")}
        )
    person = Person.objects.create(
        name=name.strip(), region_id=region_code, **identity_fields(number), **fields
    )
    if by is not None:
        record_event(actor=by, action="person.create", obj=person, area_code=region_code)
    return person


def reveal_id_number(*, person: Person, by, request=None) -> str:
    """The full ID number, for a user allowed to see it; every reveal is audited."""
    if not by.can_reveal_id_numbers or not by.covers(person.region_id):
        raise PermissionError("not allowed to reveal ID numbers of this person")
    record_event(
        actor=by,
        action="person.reveal_id",
        obj=person,
        area_code=person.region_id,
        request=request,
    )
    return person.reveal_id_number()


@transaction.atomic
def record_employment_status(
    *,
    person: Person,
    status: EmploymentStatus | str,
    start: datetime.date,
    source: SpellSource | str,
    by=None,
    region_code: str | None = None,
    employer=None,
    employer_name: str = "",
    occupation_code: str = "",
    monthly_income: int | None = None,
) -> EmploymentSpell:
    """Close the person's open spell at `start` and open a new one from `start`.

    The person's row is locked so that two writers cannot both close the same spell; a
    start earlier than the open spell's start would rewrite history and is refused.
    """
    Person.objects.select_for_update().filter(pk=person.pk).first()
    current = EmploymentSpell.objects.filter(person=person, end__isnull=True).first()
    latest_start = (
        EmploymentSpell.objects.filter(person=person)
        .order_by("-start")
        .values_list("start", flat=True)
        .first()
    )
    if latest_start is not None and start < latest_start:
        raise ValidationError(
            {
                "start": _(
                    "The new status starts on %(start)s, before the latest status "
                    "(from %(latest)s). Record changes in date order."
                )
                % {"start": start, "latest": latest_start}
            }
        )
    if current is not None:
        current.end = start
        current.save(update_fields=["end"])
    spell = EmploymentSpell.objects.create(
        person=person,
        status=status,
        start=start,
        source=source,
        created_by=by,
        region_id=region_code,
        employer=employer,
        employer_name=employer_name or (employer.name if employer is not None else ""),
        occupation_code=occupation_code,
        monthly_income=monthly_income,
    )
    if by is not None:
        record_event(
            actor=by,
            action="person.status",
            obj=person,
            area_code=person.region_id,
            changes={
                "status": [current.status if current else None, str(status)],
                "start": str(start),
            },
        )
    if spell.status in WORKING_STATUSES and person.household_id is not None:
        # A member in work clears the household's zero-employment case at once.
        from jiuye.assistance.services import clear_case_for_new_spell

        clear_case_for_new_spell(spell=spell, by=by)
    return spell


def current_spell(person: Person, as_of: datetime.date | None = None) -> EmploymentSpell | None:
    day = as_of or datetime.date.today()
    return (
        EmploymentSpell.objects.filter(person=person, start__lte=day)
        .exclude(end__lte=day)
        .order_by("-start", "-id")
        .first()
    )


def _household_for(number: str, region_code: str) -> Household | None:
    if not number:
        return None
    household, _created = Household.objects.get_or_create(
        number=number, defaults={"region_id": region_code}
    )
    return household


@transaction.atomic
def add_person(
    *,
    id_number: str,
    name: str,
    region_code: str,
    by,
    phone: str = "",
    education: str = "",
    household_number: str = "",
    relation: str = "",
    groups: list[str] | None = None,
    group_details: dict[str, str] | None = None,
    ethnicity: str = "",
    current_region_code: str = "",
) -> Person:
    """A person entered on the form. The number is checked like an imported one (check
    digit, real birth date, known area; see people.importing.normalise). `group_details`
    holds a group's detail (the disability level, the graduation year) by group."""
    from jiuye.people.importing.normalise import parse_id_number

    number = parse_id_number(id_number)
    if Person.objects.with_id_number(number).exists():
        raise ValidationError(
            {"id_number": _("A person with this ID number is already in the ledger.")}
        )
    household = _household_for(household_number, region_code)
    person = Person.objects.create(
        name=name.strip(),
        region_id=region_code,
        phone=phone,
        education=education,
        household=household,
        relation=relation,
        ethnicity=ethnicity,
        current_region_id=current_region_code or None,
        **identity_fields(number),
    )
    if household is not None and relation == "head":
        household.head = person
        household.save(update_fields=["head", "updated_at"])
    details = group_details or {}
    GroupMembership.objects.bulk_create(
        [GroupMembership(person=person, group=g, detail=details.get(g, "")) for g in groups or []]
    )
    record_event(actor=by, action="person.create", obj=person, area_code=region_code)
    return person


@transaction.atomic
def update_person(
    *,
    person: Person,
    by,
    name: str,
    region_code: str,
    phone: str = "",
    education: str = "",
    household_number: str = "",
    relation: str = "",
    groups: list[str] | None = None,
    group_details: dict[str, str] | None = None,
    ethnicity: str = "",
    current_region_code: str = "",
    today: datetime.date | None = None,
) -> Person:
    """Edit a person; groups no longer ticked are closed (end today), not deleted."""
    from jiuye.accounts.audit import changed_fields

    Person.objects.select_for_update().filter(pk=person.pk).first()
    before = {
        "name": person.name,
        "region_id": person.region_id,
        "phone": person.phone,
        "education": person.education,
        "household": person.household.number if person.household_id else "",
        "relation": person.relation,
        "ethnicity": person.ethnicity,
        "current_region_id": person.current_region_id or "",
    }
    household = _household_for(household_number, region_code)
    person.name = name.strip()
    person.region_id = region_code
    person.phone = phone
    person.education = education
    person.household = household
    person.relation = relation
    person.ethnicity = ethnicity
    person.current_region_id = current_region_code or None
    person.save(
        update_fields=[
            "name",
            "region",
            "phone",
            "education",
            "household",
            "relation",
            "ethnicity",
            "current_region",
            "updated_at",
        ]
    )
    if household is not None and relation == "head" and household.head_id != person.pk:
        household.head = person
        household.save(update_fields=["head", "updated_at"])
    day = today or datetime.date.today()
    wanted = set(groups or [])
    open_groups = {m.group: m for m in person.groups.filter(end__isnull=True)}
    for group, membership in open_groups.items():
        if group not in wanted:
            membership.end = max(day, membership.start or day)
            membership.save(update_fields=["end"])
    details = group_details or {}
    for group, membership in open_groups.items():
        if group in wanted and group in details and details[group] != membership.detail:
            membership.detail = details[group]
            membership.save(update_fields=["detail"])
    GroupMembership.objects.bulk_create(
        [
            GroupMembership(person=person, group=g, start=day, detail=details.get(g, ""))
            for g in wanted - open_groups.keys()
        ]
    )
    after = {
        "name": person.name,
        "region_id": person.region_id,
        "phone": person.phone,
        "education": person.education,
        "household": household_number,
        "relation": person.relation,
        "ethnicity": person.ethnicity,
        "current_region_id": current_region_code,
    }
    changes = changed_fields(before, after)
    if wanted != set(open_groups):
        changes["groups"] = [sorted(open_groups), sorted(wanted)]
    record_event(
        actor=by, action="person.update", obj=person, area_code=region_code, changes=changes
    )
    return person
