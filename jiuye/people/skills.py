"""A person's skills (occupations of the 2022 classification) and certificates: the
services that write them and the lookups that name them."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.people.models import Certificate, Person, Skill

_OCCUPATION_CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")


def resolve_occupation(text: str) -> str:
    """The code of the occupation written as a code (`6-25-04-01`) or as the exact name or
    an alias of an occupation; '' when nothing matches."""
    from jiuye.occupations.models import Occupation

    words = "".join(str(text or "").split())
    if not words:
        return ""
    if _OCCUPATION_CODE.match(words):
        return words if Occupation.objects.filter(code=words).exists() else ""
    found = Occupation.objects.filter(level=4, name=words).values_list("code", flat=True).first()
    if found:
        return found
    for code, aliases in Occupation.objects.filter(level=4, aliases__contains=words).values_list(
        "code", "aliases"
    ):
        if words in aliases.split("、"):
            return code
    return ""


def occupation_names(codes) -> dict[str, str]:
    """{code: name} for the codes given, the most detailed node's name for each."""
    from jiuye.occupations.models import Occupation

    names = {}
    for code, name in (
        Occupation.objects.filter(code__in=set(codes)).order_by("level").values_list("code", "name")
    ):
        names[code] = name
    return names


@transaction.atomic
def add_skill(*, person: Person, occupation_code: str, by) -> Skill:
    """Record that the person can do an occupation; a skill already recorded stays as is."""
    skill, created = Skill.objects.get_or_create(person=person, occupation_code=occupation_code)
    if created:
        record_event(
            actor=by,
            action="person.skill_add",
            obj=person,
            area_code=person.region_id,
            changes={"occupation": occupation_code},
        )
    return skill


def remove_skill(*, skill: Skill, by) -> None:
    _remove(skill, by, "person.skill_remove", {"occupation": skill.occupation_code})


@transaction.atomic
def _remove(item: Skill | Certificate, by, action: str, changes: dict) -> None:
    person = item.person
    record_event(actor=by, action=action, obj=person, area_code=person.region_id, changes=changes)
    item.delete()


@transaction.atomic
def add_certificate(
    *,
    person: Person,
    by,
    kind: str,
    name: str,
    occupation_code: str = "",
    level: str = "",
    number: str = "",
    issuer: str = "",
    issued_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> Certificate:
    if issued_on and valid_until and valid_until < issued_on:
        raise ValidationError({"valid_until": _("A certificate cannot expire before its issue.")})
    certificate = Certificate.objects.create(
        person=person,
        kind=kind,
        name=name.strip(),
        occupation_code=occupation_code,
        level=level,
        number=number.strip(),
        issuer=issuer.strip(),
        issued_on=issued_on,
        valid_until=valid_until,
    )
    record_event(
        actor=by,
        action="person.certificate_add",
        obj=person,
        area_code=person.region_id,
        changes={"kind": kind, "name": certificate.name, "level": level},
    )
    return certificate


def remove_certificate(*, certificate: Certificate, by) -> None:
    changes = {"kind": certificate.kind, "name": certificate.name}
    _remove(certificate, by, "person.certificate_remove", changes)
