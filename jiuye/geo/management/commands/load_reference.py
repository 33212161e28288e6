import time

from django.core.management.base import BaseCommand

from jiuye.geo.services import load_reference_regions
from jiuye.occupations.services import load_occupations


class Command(BaseCommand):
    help = "Load the national division codes and the 2022 occupation classification (idempotent)."

    def handle(self, *args, **options):
        started = time.monotonic()
        regions = load_reference_regions()
        created, updated, unchanged = load_occupations()
        self.stdout.write(
            f"regions: {regions.created} created, {regions.updated} updated, "
            f"{regions.unchanged} unchanged; occupations: {created} created, {updated} updated, "
            f"{unchanged} unchanged ({time.monotonic() - started:.1f}s)"
        )
