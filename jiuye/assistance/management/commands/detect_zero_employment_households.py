"""Daily: open cases for newly zero-employment households, clear those back in work, and
end welfare placements whose term is over.
Run from cron (or the `detect_zero_employment_households_task` background task)."""

import datetime

from django.core.management.base import BaseCommand

from jiuye.assistance.services import detect_zero_employment_households
from jiuye.assistance.welfare import end_placements_past_term


class Command(BaseCommand):
    help = "Open zero-employment household cases and clear the ones with a member in work."

    def add_arguments(self, parser):
        parser.add_argument("--area", default="", help="region code prefix (default: all)")
        parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, area: str, as_of, **options):
        day = as_of or datetime.date.today()
        result = detect_zero_employment_households(as_of=day, area_code=area)
        ended = end_placements_past_term(today=day)
        self.stdout.write(
            f"opened {result['opened']}, cleared {result['cleared']}, closed {result['closed']}; "
            f"welfare placements ended at term: {ended}"
        )
