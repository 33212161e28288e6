"""Ledger lists out to XLSX and CSV, in the import's columns, so a file exported can be
edited and imported again. ID numbers are masked unless the caller asks for full numbers
(the page checks the role and audits)."""

import csv
import io
from collections.abc import Iterator

from openpyxl import Workbook

from jiuye.people.importing.columns import COLUMNS
from jiuye.people.importing.normalise import (
    EDUCATION_WORDS,
    GROUP_WORDS,
    RELATION_WORDS,
    STATUS_WORDS,
)
from jiuye.people.models import EmploymentSpell, GroupMembership, Person

HEADER = [c.chinese for c in COLUMNS]
_FIRST = {
    kind: {value: spellings[0] for value, spellings in words.items()}
    for kind, words in (
        ("status", STATUS_WORDS),
        ("group", GROUP_WORDS),
        ("education", EDUCATION_WORDS),
        ("relation", RELATION_WORDS),
    )
}
BATCH = 2000


def ledger_rows(people, *, full_numbers: bool = False) -> Iterator[list]:
    """One row per person, in `COLUMNS` order; people are read in batches, with their
    groups and current spell in two queries per batch."""
    people = people.select_related("household").order_by("pk")
    batch: list[Person] = []
    for person in people.iterator(chunk_size=BATCH):
        batch.append(person)
        if len(batch) >= BATCH:
            yield from _rows(batch, full_numbers)
            batch = []
    yield from _rows(batch, full_numbers)


def _rows(people: list[Person], full_numbers: bool) -> Iterator[list]:
    if not people:
        return
    ids = [p.pk for p in people]
    groups: dict[int, list[str]] = {}
    for person_id, group, detail in (
        GroupMembership.objects.filter(person_id__in=ids, end__isnull=True)
        .order_by("person_id", "id")
        .values_list("person_id", "group", "detail")
    ):
        word = _FIRST["group"].get(group, group)
        groups.setdefault(person_id, []).append(f"{word}({detail})" if detail else word)
    spells = {
        s.person_id: s for s in EmploymentSpell.objects.filter(person_id__in=ids, end__isnull=True)
    }
    for person in people:
        spell = spells.get(person.pk)
        yield [
            person.reveal_id_number() if full_numbers else person.id_number_masked,
            person.name,
            person.phone,
            person.region_id,
            person.household.number if person.household else "",
            _FIRST["relation"].get(person.relation, ""),
            "、".join(groups.get(person.pk, [])),
            _FIRST["education"].get(person.education, ""),
            _FIRST["status"].get(spell.status, "") if spell else "",
            (spell.region_id or "") if spell else "",
            spell.employer_name if spell else "",
            (spell.occupation_code or spell.occupation_text) if spell else "",
            spell.monthly_income if spell and spell.monthly_income is not None else "",
            spell.start.isoformat() if spell else "",
        ]


def write_xlsx(rows, target) -> None:
    """The rows as a workbook, saved to `target` (a path or a binary file); write-only, so
    a million rows do not sit in memory as cells."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(target)


def to_xlsx(rows) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(rows, buffer)
    return buffer.getvalue()


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows) -> Iterator[str]:
    """CSV text, UTF-8 with BOM so that Excel opens it in Chinese."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADER)
    for row in rows:
        yield writer.writerow(row)


def template_xlsx() -> bytes:
    """A ledger file with the headers and two example rows (made-up but valid numbers of
    Du'an; the examples pass the import's checks, so a filled-in copy fails only on what
    the user wrote)."""
    example = [
        [
            "451228199001011231",
            "韦小明",
            "13812345678",
            "451228101201",
            "H0001",
            "户主",
            "脱贫人口、农民工",
            "初中",
            "省外务工",
            "440306",
            "深圳某电子厂",
            "电子设备装配工",
            "5500",
            "2024-03-01",
        ],
        [
            "45122819920315242X",
            "蓝美丽",
            "",
            "451228101201",
            "H0001",
            "妻",
            "脱贫人口",
            "小学",
            "未就业",
            "",
            "",
            "",
            "",
            "2024年3月",
        ],
    ]
    return to_xlsx(example)
