"""Assistance endpoints: the public notice and the overdue zero-employment cases."""

import datetime

from ninja import Router, Schema

from jiuye.assistance.models import ZeroEmploymentCase
from jiuye.assistance.selectors import mask_name, on_public_notice, overdue_cases

router = Router(tags=["assistance"])


class NoticeRow(Schema):
    name: str
    id_number: str
    category: str
    area: str
    notice_start: datetime.date
    notice_end: datetime.date


class CaseRow(Schema):
    id: int
    household: str
    area_code: str
    opened_on: datetime.date
    deadline: datetime.date


@router.get("/notice", auth=None, response=list[NoticeRow])
def public_notice(request, area: str = ""):
    """Certifications on public notice today: masked names and ID numbers only."""
    rows = on_public_notice(today=datetime.date.today(), area_code=area if area.isdigit() else "")
    return [
        NoticeRow(
            name=mask_name(c.person.name),
            id_number=c.person.id_number_masked,
            category=c.category.name,
            area=c.region.name,
            notice_start=c.notice_start,
            notice_end=c.notice_end,
        )
        for c in rows
    ]


@router.get("/cases/overdue", response=list[CaseRow])
def cases_overdue(request):
    """Open zero-employment cases past their deadline in the user's area."""
    cases = (
        overdue_cases(today=datetime.date.today())
        .filter(pk__in=ZeroEmploymentCase.objects.visible_to(request.user).values("pk"))
        .select_related("household")
        .order_by("deadline", "id")[:500]
    )
    return [
        CaseRow(
            id=c.pk,
            household=c.household.number,
            area_code=c.region_id,
            opened_on=c.opened_on,
            deadline=c.deadline,
        )
        for c in cases
    ]
