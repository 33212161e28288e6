"""Loading the 2022 occupation classification."""

import csv
from pathlib import Path

from django.db import transaction

from jiuye.occupations.models import Occupation, ancestor_codes

DATA_FILE = Path(__file__).resolve().parent / "data" / "csco22.csv"
FIELDS = ["name", "definition", "tasks", "aliases"]


def read_classification() -> list[dict]:
    """The published rows, top level first. The file repeats three rows word for word;
    those collapse to one node each, keyed by (code, level)."""
    with open(DATA_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    nodes: dict[tuple[str, int], dict] = {}
    for row in rows:
        key = (row["code"], int(row["level"]))
        nodes.setdefault(
            key,
            {
                "code": row["code"],
                "level": int(row["level"]),
                "name": row["name"].strip(),
                "definition": row["definition"].strip(),
                "tasks": row["tasks"].strip(),
                "aliases": row["alias"].strip(),
            },
        )
    return sorted(nodes.values(), key=lambda n: (n["level"], n["code"]))


def _parent_key(node: dict, levels_by_code: dict[str, list[int]]) -> tuple[str, int] | None:
    same_code_above = [lv for lv in levels_by_code.get(node["code"], []) if lv < node["level"]]
    if same_code_above:
        return node["code"], max(same_code_above)
    for code in ancestor_codes(node["code"]):
        above = [lv for lv in levels_by_code.get(code, []) if lv < node["level"]]
        if above:
            return code, max(above)
    return None


@transaction.atomic
def load_occupations() -> tuple[int, int, int]:
    """Create or update every node, then link parents; returns (created, updated, unchanged)."""
    nodes = read_classification()
    levels_by_code: dict[str, list[int]] = {}
    for node in nodes:
        levels_by_code.setdefault(node["code"], []).append(node["level"])
    existing = {(o.code, o.level): o for o in Occupation.objects.all()}
    to_create, to_update = [], []
    for node in nodes:
        old = existing.get((node["code"], node["level"]))
        if old is None:
            to_create.append(Occupation(**node))
        elif any(getattr(old, f) != node[f] for f in FIELDS):
            for f in FIELDS:
                setattr(old, f, node[f])
            to_update.append(old)
    Occupation.objects.bulk_create(to_create, batch_size=1000)
    Occupation.objects.bulk_update(to_update, FIELDS, batch_size=1000)

    ids = {(o.code, o.level): (o.pk, o.parent_id) for o in Occupation.objects.all()}
    created_keys = {(o.code, o.level) for o in to_create}
    changed_keys = {(o.code, o.level) for o in to_update}
    relinked = []
    for node in nodes:
        key = (node["code"], node["level"])
        parent_key = _parent_key(node, levels_by_code)
        pk, parent_id = ids[key]
        wanted = ids[parent_key][0] if parent_key else None
        if parent_id != wanted:
            relinked.append(Occupation(pk=pk, parent_id=wanted))
            if key not in created_keys:
                changed_keys.add(key)
    Occupation.objects.bulk_update(relinked, ["parent"], batch_size=1000)
    created, updated = len(created_keys), len(changed_keys)
    return created, updated, len(nodes) - created - updated
