"""Code job titles from a file: one title per line in, CSV `title,code,name,confidence` out.

Needs neither the database nor the network: the coder reads the classification's CSV.
"""

import csv
import sys
from itertools import islice

from django.core.management.base import BaseCommand, CommandError

from jiuye.occupations.coder import code_titles

BATCH = 10_000


class Command(BaseCommand):
    help = (
        "Code job titles (one per line, UTF-8; '-' reads standard input) to 2022 occupation "
        "codes; writes CSV title,code,name,confidence to standard output."
    )
    requires_system_checks = []  # runs anywhere, even where the database is unreachable
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("path", help="file with one job title per line, or '-'")

    def handle(self, *args, path: str, **options):
        if path == "-":
            source = options.get("stdin") or sys.stdin
            self._code(source)
            return
        try:
            with open(path, encoding="utf-8-sig") as source:
                self._code(source)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text") from error

    def _code(self, source) -> None:
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["title", "code", "name", "confidence"])
        titles = (title for title in (line.strip() for line in source) if title)
        # batches keep memory flat on big files while the coder still works in bulk
        while batch := list(islice(titles, BATCH)):
            for title, match in zip(batch, code_titles(batch), strict=True):
                if match is None:
                    writer.writerow([title, "", "", "0"])
                else:
                    writer.writerow([title, match.code, match.name, f"{match.confidence:.3f}"])
