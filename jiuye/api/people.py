"""The ledger over the API: search people (masked) and read one person's history,
groups, skills and certificates.

Session-authenticated like the pages; scoped by `visible_to`, so a person outside the
caller's area is a 404. Full ID numbers never leave through the API."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from jiuye.people.models import EmploymentSpell, Person
from jiuye.web.people.nav import may_use_ledger
from jiuye.web.people.views import filtered_people

router = Router(tags=["people"])
MAX_RESULTS = 100


class PersonOut(Schema):
    id: int
    name: str
    id_number_masked: str
    sex: str
    birth_date: datetime.date
    region_code: str
    household_number: str | None
    current_status: str | None


class SpellOut(Schema):
    status: str
    region_code: str | None
    employer_name: str
    occupation_code: str
    occupation_text: str
    monthly_income: int | None
    start: datetime.date
    end: datetime.date | None
    source: str


class GroupOut(Schema):
    group: str
    detail: str
    start: datetime.date | None


class CertificateOut(Schema):
    kind: str
    name: str
    occupation_code: str
    level: str
    issued_on: datetime.date | None
    valid_until: datetime.date | None


class PersonDetailOut(PersonOut):
    ethnicity: str
    education: str
    spells: list[SpellOut]
    groups: list[str]
    group_details: list[GroupOut]
    skills: list[str]
    certificates: list[CertificateOut]


def _staff(request):
    if not may_use_ledger(request.user):
        raise Http404


def _out(person) -> dict:
    return {
        "id": person.pk,
        "name": person.name,
        "id_number_masked": person.id_number_masked,
        "sex": person.sex,
        "birth_date": person.birth_date,
        "region_code": person.region_id,
        "household_number": person.household.number if person.household else None,
        "current_status": getattr(person, "current_status", None),
    }


@router.get("/", response=list[PersonOut])
def search_people(
    request,
    q: str = "",
    area: str = "",
    group: str = "",
    status: str = "",
    household: str = "",
):
    """Up to 100 people of the caller's area, by name, ID number (exact) or phone."""
    _staff(request)
    data = {"q": q, "area": area, "group": group, "status": status, "household": household}
    people = filtered_people(request.user, data).select_related("household")
    return [_out(p) for p in people.order_by("region_id", "name", "pk")[:MAX_RESULTS]]


@router.get("/{person_id}", response=PersonDetailOut)
def get_person(request, person_id: int):
    _staff(request)
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("household"), pk=person_id
    )
    spells = list(EmploymentSpell.objects.filter(person=person).order_by("start", "id"))
    current = next((s for s in spells if s.end is None), None)
    person.current_status = current.status if current else None
    groups = list(
        person.groups.filter(end__isnull=True).order_by("group").values("group", "detail", "start")
    )
    return {
        **_out(person),
        "spells": [
            {
                "status": s.status,
                "region_code": s.region_id,
                "employer_name": s.employer_name,
                "occupation_code": s.occupation_code,
                "occupation_text": s.occupation_text,
                "monthly_income": s.monthly_income,
                "start": s.start,
                "end": s.end,
                "source": s.source,
            }
            for s in spells
        ],
        "groups": [g["group"] for g in groups],
        "group_details": groups,
        "ethnicity": person.ethnicity,
        "education": person.education,
        "skills": list(
            person.skills.order_by("occupation_code").values_list("occupation_code", flat=True)
        ),
        "certificates": list(
            person.certificates.order_by("-issued_on", "id").values(
                "kind", "name", "occupation_code", "level", "issued_on", "valid_until"
            )
        ),
    }
