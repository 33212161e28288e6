"""Statistics API: every indicator for an area the caller may see, the same figures as the
dashboard and `compute_indicators`."""

import datetime

from django.conf import settings
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from jiuye.geo.models import Region
from jiuye.stats.catalogue import Query, catalogue
from jiuye.stats.selectors import area_report

router = Router(tags=["stats"])


@router.get("/indicators")
def indicators(
    request,
    area: str | None = None,
    as_of: datetime.date | None = None,
    period_start: datetime.date | None = None,
) -> dict:
    """Every indicator for `area` (default: the caller's own) and its child areas."""
    user = request.user
    if not (user.is_superuser or user.is_area_staff):
        raise HttpError(404, "Not found")
    code = area or user.area_code or settings.JIUYE_CITY_CODE
    if not user.covers(code) or not Region.objects.filter(code=code).exists():
        raise HttpError(404, "Not found")
    day = as_of or timezone.localdate()
    start = period_start or day.replace(month=1, day=1)
    if start > day:
        raise HttpError(400, "period_start is after as_of")
    return area_report(Query(code, day, start))


@router.get("/definitions")
def definitions(request) -> list[dict]:
    """The catalogue: each indicator's code, version, label, unit, kind and definition."""
    return [
        {
            "code": i.code,
            "version": i.version,
            "label": str(i.label),
            "unit": str(i.unit),
            "kind": i.kind,
            "timing": i.timing,
            "description": str(i.description),
            "module": i.module,
        }
        for i in catalogue()
    ]
