"""Bring the statistics' tallies up to date with every committed write, outside any request.

Run it after `migrate` (a migration that changes the tallies queues a full rebuild, about
nine minutes for a city of a million people) and after bulk writes that bypass the import
(a restore, SQL run by hand). Reading a dashboard does the same work, but inside a request.
"""

import time

from django.core.management.base import BaseCommand

from jiuye.stats import tally


class Command(BaseCommand):
    help = "Bring the statistics' tallies up to date (after migrate, a restore or bulk SQL)."

    def handle(self, *args, **options):
        started = time.monotonic()
        queued = tally.drain()
        self.stdout.write(f"{queued} queued records tallied in {time.monotonic() - started:.1f}s")
