"""Propose (and, without --dry-run, confirm) the optimal assignment of an area's open
welfare-post places."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError

from jiuye.assistance.allocation import allocate_first_come, total_score
from jiuye.assistance.rules import points_for
from jiuye.assistance.welfare import (
    confirm_allocation,
    load_candidates,
    open_posts,
)
from jiuye.geo.models import Region


class Command(BaseCommand):
    help = "Allocate open public welfare post places in an area by priority (optimal)."

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="region code of the area")
        parser.add_argument("--dry-run", action="store_true", help="propose, write nothing")
        parser.add_argument("--start", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, area: str, dry_run: bool, start, **options):
        from jiuye.assistance.allocation import allocate_optimal

        if not Region.objects.filter(code=area).exists():
            raise CommandError(f"unknown area {area}")
        day = start or datetime.date.today()
        began = time.monotonic()
        points = points_for(area)
        candidates = load_candidates(area_code=area, as_of=day, points=points)
        posts = open_posts(area_code=area, as_of=day)
        proposals = allocate_optimal(candidates, posts, points)
        baseline = allocate_first_come(candidates, posts, points)
        self.stdout.write(
            f"{sum(p.open_places for p in posts)} open places, {len(candidates)} eligible "
            f"people: {len(proposals)} proposed, score {total_score(proposals)} "
            f"(first come: {len(baseline)} placed, score {total_score(baseline)}) "
            f"in {time.monotonic() - began:.1f}s"
        )
        if dry_run:
            return
        placed, errors = confirm_allocation(
            pairs=[(p.post_id, p.person_id) for p in proposals], start_date=day, by=None
        )
        for error in errors:
            self.stderr.write(error)
        self.stdout.write(f"placed {len(placed)}, refused {len(errors)}")
