"""Daily: open cases for newly zero-employment households, clear those back in work, end
welfare placements whose term is over and mark lapsed certifications expired.
Run from cron (or the `daily_assistance_task` background task)."""

import datetime

from django.core.management.base import BaseCommand

from jiuye.assistance.daily import run_daily


class Command(BaseCommand):
    help = "Open zero-employment household cases and clear the ones with a member in work."

    def add_arguments(self, parser):
        parser.add_argument("--area", default="", help="region code prefix (default: all)")
        parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, area: str, as_of, **options):
        result = run_daily(today=as_of or datetime.date.today(), area_code=area)
        self.stdout.write(
            f"opened {result['opened']}, cleared {result['cleared']}, closed {result['closed']}; "
            f"welfare placements ended at term: {result['placements_ended']}; "
            f"certifications expired: {result['certifications_expired']}"
        )
