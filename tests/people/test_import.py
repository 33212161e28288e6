"""The ledger import on a messy, realistic file: exact counts, exact problems."""

import csv
import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook, load_workbook

from jiuye.accounts.models import AuditEvent
from jiuye.lib import crypto
from jiuye.people.enums import EmploymentStatus, PersonGroup, Relation
from jiuye.people.importing import engine
from jiuye.people.importing.engine import import_ledger
from jiuye.people.importing.reading import read_rows
from jiuye.people.models import EmploymentSpell, GroupMembership, Household, Person
from tests.people.ids import valid_id_number

TODAY = datetime.date(2026, 11, 1)
CHINESE_HEADER = [
    "身份证号",
    "姓名",
    "联系电话",
    "户籍地区划代码",
    "户编号",
    "与户主关系",
    "人员类别",
    "文化程度",
    "就业状态",
    "务工地区划代码",
    "就业单位",
    "职业/工种",
    "月收入",
    "状态起始日期",
]


def _ids(n, area="451228"):
    return [
        valid_id_number(area, datetime.date(1990, 1, 1) + datetime.timedelta(days=i))
        for i in range(n)
    ]


def messy_rows(regions):
    """Eight rows the way a township sends them: two bad, one duplicate, five good."""
    village, other_village = regions["village"], regions["other_village"]
    a, b, c, d, e, f = _ids(6)
    wrong_check = f[:17] + ("0" if f[17] != "0" else "1")
    return [
        CHINESE_HEADER,
        # head of household, full-width digits, lowercase x possible, spaces
        [
            f" {a.lower()} ",
            "韦 小 明",
            "１３８ １２３４ ５６７８",
            village,
            "H001",
            "户主",
            "脱贫户、农民工",
            "初中",
            "省外务工",
            "440306",
            "深圳某电子厂",
            "电子设备装配工",
            "5,500元",
            "2024.3",
        ],
        [
            b,
            "蓝美丽",
            "13912345678",
            village,
            "H001",
            "妻",
            "脱贫人口",
            "小学",
            "未务工",
            "",
            "",
            "",
            "",
            "2024年3月",
        ],
        [
            c,
            "韦小华",
            "",
            village,
            "H001",
            "长子",
            "脱贫人口;高校毕业生(2024)",
            "大专",
            "县内务工",
            "451228",
            "都安某公司",
            "",
            "3000",
            45474,
        ],
        [
            d,
            "覃大山",
            "13712345678",
            other_village,
            "H002",
            "户主",
            "监测对象、残疾人(二级)",
            "",
            "公益性岗位",
            "",
            "",
            "",
            "1200",
            "2023-06-01",
        ],
        [
            e,
            "潘阿妹",
            "15812345678",
            other_village,
            "H002",
            "女儿",
            "",
            "高中",
            "灵活就业",
            "",
            "",
            "",
            "",
            "2025/1/15",
        ],
        # a typo in the check digit
        [wrong_check, "黄错号", "", village, "H003", "户主", "", "", "未就业", "", "", "", "", ""],
        # a duplicate of the first person
        [a, "韦小明", "", village, "H001", "户主", "", "", "", "", "", "", "", ""],
        # a village in another county and an unknown status and a bad phone
        [
            valid_id_number("451221"),
            "莫远方",
            "123",
            regions["far_township"] + "201",
            "",
            "",
            "",
            "",
            "出去了",
            "",
            "",
            "",
            "",
            "",
        ],
        ["", "", "", "", "", "", "", "", "", "", "", "", "", ""],  # a blank line at the end
    ]


def run(rows, area, **kwargs):
    return import_ledger(iter(rows), area_code=area, today=TODAY, **kwargs)


def test_messy_file_all_or_nothing_reports_every_problem_and_writes_nothing(regions):
    result = run(messy_rows(regions), regions["county"])
    assert result.counts == {"rows": 8, "new": 5, "updated": 0, "unchanged": 0, "rejected": 3}
    assert not result.written
    assert Person.objects.count() == 0 and Household.objects.count() == 0
    problems = {(p.row, p.column) for p in result.problems}
    assert problems == {
        (7, "id_number"),
        (8, "id_number"),
        (9, "phone"),
        (9, "region_code"),
        (9, "employment_status"),
    }
    duplicate = next(p for p in result.problems if p.row == 8)
    assert "第2行" in duplicate.reason  # the report speaks the user's language


def test_messy_file_with_skip_invalid_writes_the_good_rows_as_understood(regions):
    result = run(messy_rows(regions), regions["county"], skip_invalid=True)
    assert result.written
    assert result.counts == {"rows": 8, "new": 5, "updated": 0, "unchanged": 0, "rejected": 3}
    assert Person.objects.count() == 5
    first = Person.objects.get(name="韦小明")
    assert first.phone == "13812345678"
    assert first.relation == Relation.HEAD
    assert first.household.number == "H001" and first.household.head == first
    assert first.household.members.count() == 3
    assert set(first.groups.values_list("group", flat=True)) == {
        PersonGroup.LIFTED_OUT_OF_POVERTY,
        PersonGroup.MIGRANT_WORKER,
    }
    spell = first.spells.get()
    assert spell.status == EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE
    assert spell.region_id == "440306"
    assert spell.monthly_income == 5500
    assert spell.start == datetime.date(2024, 3, 1)
    assert spell.occupation_text == "电子设备装配工"
    son = Person.objects.get(name="韦小华")
    assert son.spells.get().start == datetime.date(2024, 7, 1)  # Excel serial 45474
    assert son.groups.get(group=PersonGroup.COLLEGE_GRADUATE).detail == "2024"
    assert Household.objects.get(number="H002").head.name == "覃大山"


def test_reimporting_the_same_file_changes_nothing(regions):
    rows = messy_rows(regions)
    run(rows, regions["county"], skip_invalid=True)
    counts = (
        Person.objects.count(),
        EmploymentSpell.objects.count(),
        GroupMembership.objects.count(),
    )
    again = run(rows, regions["county"], skip_invalid=True)
    assert again.counts == {"rows": 8, "new": 0, "updated": 0, "unchanged": 5, "rejected": 3}
    assert (
        Person.objects.count(),
        EmploymentSpell.objects.count(),
        GroupMembership.objects.count(),
    ) == counts


def test_a_status_change_opens_a_new_spell_and_closes_the_old_one(regions):
    rows = messy_rows(regions)
    run(rows, regions["county"], skip_invalid=True)
    rows[2] = list(rows[2])
    rows[2][8:14] = ["县内务工", "451228", "都安某厂", "", "2800", "2025-02-01"]
    result = run(rows, regions["county"], skip_invalid=True)
    assert result.updated == 1 and result.unchanged == 4
    spells = list(Person.objects.get(name="蓝美丽").spells.order_by("start"))
    assert [(s.status, s.start, s.end) for s in spells] == [
        ("unemployed", datetime.date(2024, 3, 1), datetime.date(2025, 2, 1)),
        ("employed_county", datetime.date(2025, 2, 1), None),
    ]


def test_a_status_dated_before_the_ledger_history_is_refused(regions):
    rows = messy_rows(regions)
    run(rows, regions["county"], skip_invalid=True)
    rows[2] = list(rows[2])
    rows[2][8] = "县内务工"
    rows[2][13] = "2020-01-01"
    result = run(rows, regions["county"])
    assert not result.written
    assert [(p.row, p.column) for p in result.problems if p.row == 3] == [(3, "status_since")]


def test_dry_run_counts_and_writes_nothing(regions):
    result = run(messy_rows(regions), regions["county"], dry_run=True, skip_invalid=True)
    assert result.counts["new"] == 5 and not result.written
    assert Person.objects.count() == 0


def test_township_importer_cannot_write_into_another_township(regions):
    rows = messy_rows(regions)[:2]
    rows[1] = list(rows[1])
    rows[1][3] = regions["other_township"] + "201"
    result = run(rows, regions["township"])
    assert [(p.row, p.column) for p in result.problems] == [(2, "region_code")]


def test_person_in_the_ledger_of_another_area_is_refused(regions):
    rows = messy_rows(regions)
    run(rows, regions["county"], skip_invalid=True)
    moved = list(rows[1])
    moved[3], moved[4] = regions["far_township"] + "201", ""
    result = run([rows[0], moved], regions["other_county"])
    assert [(p.row, p.column) for p in result.problems] == [(2, "id_number")]
    assert "其他地区" in result.problems[0].reason


def test_all_or_nothing_when_the_900th_of_1000_rows_is_bad(regions):
    header = ["id_number", "name", "region_code", "employment_status"]
    rows = [header] + [
        [n, f"人{i}", regions["village"], "省外务工"] for i, n in enumerate(_ids(1000))
    ]
    rows[900][0] = rows[900][0][:17] + ("0" if rows[900][0][17] != "0" else "1")
    result = run(rows, regions["county"])
    assert result.rejected == 1 and result.new == 999 and not result.written
    assert [p.row for p in result.problems] == [901]
    assert Person.objects.count() == 0 and EmploymentSpell.objects.count() == 0


def test_missing_required_column_is_reported(regions):
    result = run([["姓名", "联系电话"], ["张三", "13812345678"]], regions["county"])
    assert {p.column for p in result.problems} == {"id_number", "region_code"}
    assert not result.written


def _write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)


def _write_xlsx(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_command_reads_csv_and_xlsx_and_writes_a_report(regions, tmp_path, kind):
    source = tmp_path / f"ledger.{kind}"
    rows = [
        [str(v) if isinstance(v, int) and kind == "csv" else v for v in row]
        for row in messy_rows(regions)
    ]
    (_write_csv if kind == "csv" else _write_xlsx)(source, rows)
    report = tmp_path / "report.xlsx"
    with pytest.raises(CommandError):
        call_command("import_ledger", str(source), area=regions["county"], report=str(report))
    assert Person.objects.count() == 0
    sheet = load_workbook(report).worksheets[0]
    assert sheet.max_row == 1 + 5
    call_command("import_ledger", str(source), area=regions["county"], skip_invalid=True)
    assert Person.objects.count() == 5
    assert Person.objects.get(name="韦小华").spells.get().start == datetime.date(2024, 7, 1)


def test_a_written_import_brings_the_statistics_up_to_date_before_the_next_read(regions, tmp_path):
    from jiuye.stats.models import DirtySubject, SubjectFacts

    source = tmp_path / "ledger.csv"
    _write_csv(source, messy_rows(regions))
    with pytest.raises(CommandError):  # nothing written: nothing queued
        call_command("import_ledger", str(source), area=regions["county"])
    call_command("import_ledger", str(source), area=regions["county"], skip_invalid=True)
    event = AuditEvent.objects.get(action="person.import")  # one: the refused run wrote none
    assert (event.actor, event.area_code, event.changes["new"]) == (None, regions["county"], 5)
    assert not DirtySubject.objects.exists()
    imported = set(Person.objects.values_list("pk", flat=True))
    assert len(imported) == 5
    facts_of = set(SubjectFacts.objects.filter(kind="p").values_list("ref_id", flat=True))
    assert imported <= facts_of


def test_gb18030_csv_from_excel_is_read(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("身份证号,姓名\n1,韦小明\n".encode("gb18030"))
    assert list(read_rows(path)) == [["身份证号", "姓名"], ["1", "韦小明"]]


def test_a_written_import_is_audited(regions, county_officer):
    result = import_ledger(
        iter(messy_rows(regions)),
        area_code=regions["county"],
        by=county_officer,
        skip_invalid=True,
        today=TODAY,
    )
    assert result.written
    event = AuditEvent.objects.get(action="person.import")
    assert event.actor == county_officer and event.changes["new"] == 5


def test_occupation_code_name_or_free_text(regions):
    from jiuye.occupations.models import Occupation

    Occupation.objects.create(
        code="6-25-04-01", level=4, name="电子设备装配工", aliases="电子装配工"
    )
    header = ["id_number", "name", "region_code", "employment_status", "occupation"]
    a, b, c, d = _ids(4)
    rows = [
        header,
        [a, "甲", regions["village"], "省外务工", "6-25-04-01"],
        [b, "乙", regions["village"], "省外务工", "电子装配工"],
        [c, "丙", regions["village"], "省外务工", "搬砖的"],
        [d, "丁", regions["village"], "省外务工", "9-99-99-99"],
    ]
    result = run(rows, regions["county"], skip_invalid=True)
    assert [(p.row, p.column) for p in result.problems] == [(5, "occupation")]
    spells = {s.person.name: s for s in EmploymentSpell.objects.select_related("person")}
    assert (spells["甲"].occupation_code, spells["甲"].occupation_text) == ("6-25-04-01", "")
    assert (spells["乙"].occupation_code, spells["乙"].occupation_text) == (
        "6-25-04-01",
        "电子装配工",
    )
    assert spells["丙"].occupation_text == "搬砖的"


def test_a_rejected_row_creates_no_household(regions):
    rows = messy_rows(regions)
    run(rows, regions["county"], skip_invalid=True)
    changed = list(rows[2])
    changed[4], changed[8], changed[13] = "H-NEW", "县内务工", "2020-01-01"
    result = run([rows[0], changed], regions["county"], skip_invalid=True)
    assert result.rejected == 1 and result.written
    assert not Household.objects.filter(number="H-NEW").exists()


def test_problems_are_reported_in_the_language_of_the_person_importing(regions):
    # Rows may be parsed in a helper process or thread; messages follow the caller's language.
    rows = [["id_number", "name", "region_code"], [_ids(1)[0], "", regions["village"]]]
    with translation.override("en"):
        english = run(rows, regions["county"])
    with translation.override("zh-hans"):
        chinese = run(rows, regions["county"])
    assert [p.reason for p in english.problems] == ["The name is missing."]
    assert [p.reason for p in chinese.problems] == ["缺少姓名。"]


def test_rows_across_chunks_keep_their_order_and_duplicates_are_found(regions, monkeypatch):
    monkeypatch.setattr(engine, "CHUNK_ROWS", 7)
    numbers = _ids(30)
    rows = [["id_number", "name", "region_code"]]
    rows += [[number, f"人{i}", regions["village"]] for i, number in enumerate(numbers)]
    rows[5][1] = ""  # line 6: no name
    rows[20][0] = numbers[2]  # line 21: the same person as line 4, two chunks later
    result = run(rows, regions["county"], skip_invalid=True)
    assert [(p.row, p.column) for p in result.problems] == [(6, "name"), (21, "id_number")]
    assert result.counts == {"rows": 30, "new": 28, "updated": 0, "unchanged": 0, "rejected": 2}
    assert Person.objects.count() == 28


@pytest.mark.parametrize("start_methods", [["fork", "spawn"], ["spawn"]], ids=["process", "thread"])
def test_a_file_of_many_chunks_is_parsed_by_a_helper_process_or_thread(
    regions, monkeypatch, start_methods
):
    # Bigger files are parsed ahead in a forked process (a thread where fork is missing);
    # chunks grow from CHUNK_ROWS / 16 to CHUNK_ROWS. Both give what one chunk gives.
    monkeypatch.setattr(engine, "CHUNK_ROWS", 32)
    monkeypatch.setattr(engine.multiprocessing, "get_all_start_methods", lambda: start_methods)
    numbers = _ids(150)
    rows = [["id_number", "name", "region_code", "phone"]]
    rows += [[n, f"人{i}", regions["village"], "13912345678"] for i, n in enumerate(numbers)]
    rows[40][3] = "12345"  # line 41: a bad phone number
    rows[120][0] = numbers[99]  # line 121: the person of line 101 again
    with translation.override("en"):
        result = run(rows, regions["county"], skip_invalid=True)
    assert [(p.row, p.column) for p in result.problems] == [(41, "phone"), (121, "id_number")]
    assert result.problems[1].reason == "The same ID number is already on row 101."
    assert result.counts == {"rows": 150, "new": 148, "updated": 0, "unchanged": 0, "rejected": 2}
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted(
        f"人{i}" for i in range(150) if i not in (39, 119)
    )
    person = Person.objects.get(name="人0")
    assert crypto.decrypt(person.id_number_encrypted) == numbers[0]
    assert bytes(person.id_number_hash) == crypto.keyed_hash(numbers[0])


def test_changes_across_many_chunks_close_spells_and_move_people_between_households(
    regions, monkeypatch
):
    # The pipelined path (helper process; on PostgreSQL a writing thread) with existing
    # people: status changes close the open spell before the new one is written, people
    # move into households the same file creates, and each person stays in one piece.
    monkeypatch.setattr(engine, "CHUNK_ROWS", 16)
    numbers = _ids(60)
    header = ["id_number", "name", "region_code", "household_number", "relation"]
    header += ["employment_status", "status_since"]
    relation = ["户主", "子女", "子女"]
    first = [header] + [
        [n, f"人{i}", regions["village"], f"H{i // 3}", relation[i % 3], "未就业", "2024-01-01"]
        for i, n in enumerate(numbers)
    ]
    assert run(first, regions["county"]).counts["new"] == 60
    second = [list(row) for row in first]
    for row in second[1::2]:  # every other person found work in the county
        row[5:7] = ["县内务工", "2025-03-01"]
    for row in second[41:61]:  # the last twenty moved into new households of four
        row[3] = f"N{int(row[1][1:]) // 4}"
    result = run(second, regions["county"])
    assert result.written and result.problems == []
    moved_only = 10  # the odd ones among the twenty who moved: their status stayed
    assert result.counts == {
        "rows": 60,
        "new": 0,
        "updated": 30 + moved_only,
        "unchanged": 30 - moved_only,
        "rejected": 0,
    }
    for i in range(60):
        person = Person.objects.get(name=f"人{i}")
        spells = [(s.status, s.start, s.end) for s in person.spells.order_by("start")]
        if i % 2 == 0:
            assert spells == [
                ("unemployed", datetime.date(2024, 1, 1), datetime.date(2025, 3, 1)),
                ("employed_county", datetime.date(2025, 3, 1), None),
            ], i
        else:
            assert spells == [("unemployed", datetime.date(2024, 1, 1), None)], i
        expected = f"N{i // 4}" if i >= 40 else f"H{i // 3}"
        assert person.household.number == expected
    assert Household.objects.count() == 20 + 5  # H0-H19 (some now empty) and N10-N14


def test_an_error_while_reading_the_file_is_raised_and_nothing_is_written(regions, monkeypatch):
    monkeypatch.setattr(engine, "CHUNK_ROWS", 5)

    def rows():
        yield ["id_number", "name", "region_code"]
        for i, number in enumerate(_ids(12)):
            yield [number, f"人{i}", regions["village"]]
        raise OSError("the disk went away")

    with pytest.raises(OSError, match="disk went away"):
        import_ledger(rows(), area_code=regions["county"], today=TODAY)
    assert Person.objects.count() == 0


def test_rows_are_counted_for_the_progress_bar(tmp_path):
    from openpyxl import Workbook

    from jiuye.people.importing.reading import count_rows

    terminated = tmp_path / "a.csv"
    terminated.write_text("id_number,name\n1,甲\n2,乙\n", encoding="utf-8")
    unterminated = tmp_path / "b.csv"
    unterminated.write_text("id_number,name\n1,甲\n2,乙", encoding="utf-8")
    workbook = Workbook()
    for row in (["id_number", "name"], ["1", "甲"], ["2", "乙"], ["3", "丙"]):
        workbook.active.append(row)
    workbook.save(tmp_path / "c.xlsx")
    (tmp_path / "d.xlsx").write_bytes(b"not a workbook")
    assert [count_rows(tmp_path / n) for n in ("a.csv", "b.csv", "c.xlsx", "d.xlsx")] == [
        2,
        2,
        3,
        None,
    ]


@pytest.mark.parametrize(
    ("status", "place", "refused"),
    [
        ("县内务工", "440305", True),  # in the home county, but in Shenzhen
        ("县内务工", "451228", False),
        ("县外省内务工", "451228", True),  # elsewhere in the province, but at home
        ("县外省内务工", "440305", True),  # elsewhere in the province, but in Guangdong
        ("县外省内务工", "451221", False),
        ("省外务工", "451221", True),  # outside the province, but in Nandan
        ("省外务工", "440305", False),
    ],
)
def test_a_place_of_work_that_contradicts_the_status_is_refused(regions, status, place, refused):
    rows = messy_rows(regions)[:3]
    rows[2] = list(rows[2])
    rows[2][8:10] = [status, place]
    with translation.override("en"):
        result = run(rows, regions["county"])
    problems = [(p.row, p.column, p.value) for p in result.problems]
    if refused:
        assert problems == [(3, "work_region_code", place)]
        assert "this place" in result.problems[0].reason
        assert not result.written
    else:
        assert problems == [] and result.written


@pytest.mark.parametrize(
    ("word", "place", "status"),
    [
        ("外出务工", "440306", EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE),
        ("外出", "451221", EmploymentStatus.EMPLOYED_IN_PROVINCE),
        ("务工", "451228", EmploymentStatus.EMPLOYED_IN_COUNTY),
        ("在外务工", "440306", EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE),
    ],
)
def test_working_away_is_placed_by_the_place_of_work(regions, word, place, status):
    rows = messy_rows(regions)[:3]
    rows[2] = list(rows[2])
    rows[2][8:10] = [word, place]
    result = run(rows, regions["county"])
    assert result.problems == [] and result.written
    assert Person.objects.get(name="蓝美丽").spells.get(end__isnull=True).status == status


def test_working_away_without_a_place_is_refused_with_the_reason(regions):
    rows = messy_rows(regions)[:3]
    rows[2] = list(rows[2])
    rows[2][8:10] = ["外出务工", ""]
    with translation.override("en"):
        result = run(rows, regions["county"])
    assert [(p.row, p.column) for p in result.problems] == [(3, "work_region_code")]
    assert "外出务工" in result.problems[0].reason and "place of work" in result.problems[0].reason
    assert not result.written


def test_areas_written_by_name_are_understood(regions):
    rows = messy_rows(regions)[:3]
    rows[1] = list(rows[1])
    rows[1][3] = "安阳镇测试1村"  # the registration area by township and village name
    rows[1][9] = "深圳市南山区"  # the place of work by name, run together
    rows[2] = list(rows[2])
    rows[2][3] = "安阳镇 测试1村"
    rows[2][8:10] = ["外出务工", "深圳南山"]
    result = run(rows, regions["county"])
    assert result.problems == [] and result.written
    for name in ("韦小明", "蓝美丽"):
        person = Person.objects.get(name=name)
        spell = person.spells.get(end__isnull=True)
        assert (person.region_id, spell.region_id, spell.status) == (
            regions["village"],
            "440305",
            EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE,
        )


def test_an_area_name_that_is_not_one_is_refused_with_the_reason(regions):
    rows = messy_rows(regions)[:4]
    rows[1] = list(rows[1])
    rows[1][3] = "测试1村"  # every township has one: which?
    rows[2] = list(rows[2])
    rows[2][8:10] = ["省外务工", "火星基地"]
    rows[3] = list(rows[3])
    rows[3][8:10] = ["县内务工", "贵阳市"]  # in Guizhou: not the home county
    with translation.override("en"):
        result = run(rows, regions["county"])
    found = {(p.row, p.column, p.value): p.reason for p in result.problems}
    assert "Several areas" in found[(2, "region_code", "测试1村")]
    assert "No area here" in found[(3, "work_region_code", "火星基地")]
    assert "home county" in found[(4, "work_region_code", "贵阳市")]
    assert len(found) == 3 and not result.written
