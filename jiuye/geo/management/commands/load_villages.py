from django.core.management.base import BaseCommand, CommandError

from jiuye.geo.services import RegionFileError, read_village_file, upsert_regions


class Command(BaseCommand):
    help = "Load a city's villages from a CSV with columns code (12 digits) and name."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            rows = read_village_file(path)
        except (RegionFileError, OSError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        result = upsert_regions(rows)
        self.stdout.write(
            f"villages: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
