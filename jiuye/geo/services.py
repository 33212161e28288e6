"""Loading the division tree: the national reference tables and a city's own villages."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from jiuye.geo.enums import RegionLevel, parent_code_of
from jiuye.geo.models import Region

DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENCE_FILES = [
    ("provinces.csv", RegionLevel.PROVINCE),
    ("cities.csv", RegionLevel.CITY),
    ("areas.csv", RegionLevel.COUNTY),
    ("streets.csv", RegionLevel.TOWNSHIP),
]


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class RegionFileError(ValueError):
    """A row of a division file is wrong; the message names the row and the field."""


def reference_rows() -> Iterable[tuple[str, str, RegionLevel]]:
    for filename, level in REFERENCE_FILES:
        with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield row["code"], row["name"], level


@transaction.atomic
def upsert_regions(rows: Iterable[tuple[str, str, RegionLevel]], *, made_up: bool = False):
    """Create or update regions; rows must come parents first. Idempotent."""
    existing = {
        code: (name, level, parent, is_made_up)
        for code, name, level, parent, is_made_up in Region.objects.values_list(
            "code", "name", "level", "parent_id", "is_made_up"
        )
    }
    result = LoadResult()
    to_create: list[Region] = []
    to_update: list[Region] = []
    for code, name, level in rows:
        parent = parent_code_of(code)
        wanted = (name, int(level), parent, made_up)
        region = Region(code=code, name=name, level=level, parent_id=parent, is_made_up=made_up)
        if code not in existing:
            to_create.append(region)
            existing[code] = wanted
        elif existing[code] != wanted:
            to_update.append(region)
        else:
            result.unchanged += 1
    Region.objects.bulk_create(to_create, batch_size=2000)
    Region.objects.bulk_update(
        to_update, ["name", "level", "parent", "is_made_up"], batch_size=2000
    )
    result.created, result.updated = len(to_create), len(to_update)
    return result


def load_reference_regions() -> LoadResult:
    return upsert_regions(reference_rows())


def read_village_file(path: Path) -> list[tuple[str, str, RegionLevel]]:
    """Read `code,name` rows of 12-digit village codes, each under an existing township."""
    rows = []
    townships = set(
        Region.objects.filter(level=RegionLevel.TOWNSHIP).values_list("code", flat=True)
    )
    seen: set[str] = set()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or {"code", "name"} - set(reader.fieldnames):
            raise RegionFileError("the header must have the columns code and name")
        for line, row in enumerate(reader, start=2):
            code, name = (row["code"] or "").strip(), (row["name"] or "").strip()
            if len(code) != 12 or not code.isdigit():
                raise RegionFileError(f"row {line}, code: {code!r} is not a 12-digit village code")
            if code[:9] not in townships:
                raise RegionFileError(f"row {line}, code: township {code[:9]} does not exist")
            if not name:
                raise RegionFileError(f"row {line}, name: empty")
            if code in seen:
                raise RegionFileError(f"row {line}, code: {code} appears twice in the file")
            seen.add(code)
            rows.append((code, name, RegionLevel.VILLAGE))
    return rows
