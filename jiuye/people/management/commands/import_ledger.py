from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from jiuye.geo.models import Region
from jiuye.people.importing.engine import import_ledger
from jiuye.people.importing.reading import UnreadableFile, read_rows
from jiuye.people.importing.report import column_title, write_report
from jiuye.stats import tally


class Command(BaseCommand):
    help = "Import a ledger file (XLSX or CSV) into an area. All or nothing unless --skip-invalid."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--area", required=True, help="division code of the importing area")
        parser.add_argument("--dry-run", action="store_true", help="validate and count only")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="write the valid rows, report the rest"
        )
        parser.add_argument("--report", help="write the problems to this XLSX file")

    def handle(self, *args, path, area, dry_run, skip_invalid, report, **options):
        if not Region.objects.filter(code=area).exists():
            raise CommandError(f"unknown area {area}")
        try:
            result = import_ledger(
                read_rows(path), area_code=area, dry_run=dry_run, skip_invalid=skip_invalid
            )
        except (UnreadableFile, OSError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        for problem in result.problems[:50]:
            self.stderr.write(
                f"{_('row')} {problem.row}  {column_title(problem.column)}  "
                f"{problem.value!r}: {problem.reason}"
            )
        if len(result.problems) > 50:
            self.stderr.write(f"... {len(result.problems) - 50} more")
        if report:
            write_report(result, report)
        counts = result.counts
        self.stdout.write(
            " ".join(f"{k}={v}" for k, v in counts.items())
            + f" written={'yes' if result.written else 'no'}"
        )
        if result.written:
            # Bring the statistics' tallies up to date now rather than in the next reader's
            # request (a city-sized import queues every person it wrote).
            self.stdout.write(
                _("Statistics brought up to date for %(count)s queued records.")
                % {"count": tally.drain()}
            )
        if result.problems and not result.written and not dry_run:
            raise CommandError(_("Nothing was written: fix the rows listed and import again."))
