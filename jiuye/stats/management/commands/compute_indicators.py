"""Print every indicator for an area and each child area, for other systems and scripts."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from jiuye.geo.models import Region
from jiuye.stats.catalogue import Query
from jiuye.stats.selectors import area_report


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}") from exc


class Command(BaseCommand):
    help = "Compute every indicator for an area (and per child area) as of a date."

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="region code, e.g. 4512")
        parser.add_argument("--as-of", required=True, help="YYYY-MM-DD")
        parser.add_argument(
            "--period-start", help="YYYY-MM-DD (default: 1 January of the as-of year)"
        )
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, area: str, as_of: str, period_start: str | None, **options):
        day = _date(as_of)
        start = _date(period_start) if period_start else day.replace(month=1, day=1)
        if start > day:
            raise CommandError("the period starts after the as-of date")
        if not Region.objects.filter(code=area).exists():
            raise CommandError(f"unknown area: {area}")
        report = area_report(Query(area, day, start))
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
