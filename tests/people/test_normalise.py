import datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from jiuye.people.enums import Education, EmploymentStatus, PersonGroup, Relation
from jiuye.people.importing.normalise import (
    CellError,
    parse_date,
    parse_education,
    parse_groups,
    parse_id_number,
    parse_income,
    parse_phone,
    parse_region_code,
    parse_relation,
    parse_status,
)
from tests.people.ids import valid_id_number

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def test_id_number_accepts_full_width_spaces_and_lowercase_x():
    number = "45122820030601069X"
    assert parse_id_number(number) == number
    assert parse_id_number(" 451228 2003 0601 069x ") == number
    assert parse_id_number(number.translate(FULL_WIDTH)) == number


def test_id_number_rejects_wrong_check_digit_and_length():
    number = valid_id_number()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    with pytest.raises(CellError, match="校验码"):
        parse_id_number(wrong)
    with pytest.raises(CellError, match="18位"):
        parse_id_number(number[:15])
    with pytest.raises(CellError, match="缺少"):
        parse_id_number("  ")


def test_id_number_issued_after_the_area_code_changed_is_accepted():
    # Born 1990, registered in Du'an under the 2002 code: real people carry such numbers.
    assert parse_id_number(valid_id_number("451228", datetime.date(1990, 1, 1)))


def test_id_number_with_unknown_area_is_refused():
    with pytest.raises(CellError, match="已知的地区"):
        parse_id_number(valid_id_number("459999"))


@given(
    birth=st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2010, 12, 31)),
    seq=st.integers(min_value=0, max_value=999),
    sex=st.sampled_from("MF"),
    spaces=st.booleans(),
    full_width=st.booleans(),
)
def test_any_valid_number_survives_any_harmless_mess(birth, seq, sex, spaces, full_width):
    number = valid_id_number("451228", birth, sex, seq)
    messy = number.lower()
    if spaces:
        messy = f" {messy[:6]} {messy[6:14]} {messy[14:]} "
    if full_width:
        messy = messy.upper().translate(FULL_WIDTH)
    assert parse_id_number(messy) == number


@given(
    seq=st.integers(min_value=0, max_value=999),
    position=st.integers(0, 16),
    delta=st.integers(1, 9),
)
def test_changing_one_digit_is_always_caught(seq, position, delta):
    number = valid_id_number("451228", datetime.date(2001, 2, 3), "F", seq)
    digit = (int(number[position]) + delta) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]
    with pytest.raises(CellError):
        parse_id_number(changed)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        (13812345678, "13812345678"),
        ("0778-7222333", "07787222333"),
        ("", ""),
    ],
)
def test_phone_numbers_are_normalised(cell, expected):
    assert parse_phone(cell) == expected


@pytest.mark.parametrize("cell", ["12345", "1381234567", "23812345678", "电话"])
def test_bad_phone_numbers_are_refused(cell):
    with pytest.raises(CellError):
        parse_phone(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2020-03-01", datetime.date(2020, 3, 1)),
        ("2020/3/1", datetime.date(2020, 3, 1)),
        ("2020.3", datetime.date(2020, 3, 1)),
        ("2020.03.15", datetime.date(2020, 3, 15)),
        ("2020年3月", datetime.date(2020, 3, 1)),
        ("2020年3月5日", datetime.date(2020, 3, 5)),
        ("２０２０年３月", datetime.date(2020, 3, 1)),
        ("20200301", datetime.date(2020, 3, 1)),
        ("202003", datetime.date(2020, 3, 1)),
        (43891, datetime.date(2020, 3, 1)),
        (43891.0, datetime.date(2020, 3, 1)),
        ("43891", datetime.date(2020, 3, 1)),
        ("2020-03-01 00:00:00", datetime.date(2020, 3, 1)),
        (datetime.datetime(2020, 3, 1, 8, 0), datetime.date(2020, 3, 1)),
        ("", None),
        (None, None),
    ],
)
def test_dates_in_every_field_form(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["2020-02-30", "去年", "1800-01-01", "2020.13"])
def test_bad_dates_are_refused(cell):
    with pytest.raises(CellError):
        parse_date(cell)


@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2025, 12, 31)))
def test_a_date_reads_back_in_each_written_form(day):
    serial = (day - datetime.date(1899, 12, 30)).days
    for cell in (
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        serial,
        f"{day:%Y%m%d}",
    ):
        assert parse_date(cell) == day


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("3500", 3500),
        ("3,500", 3500),
        ("3500元", 3500),
        ("3500.00", 3500),
        ("1.2万", 12000),
        ("３５００", 3500),
        (3500.0, 3500),
        ("", None),
    ],
)
def test_income(cell, expected):
    assert parse_income(cell) == expected


@pytest.mark.parametrize("cell", ["-1", "很多", "2000000"])
def test_bad_income_is_refused(cell):
    with pytest.raises(CellError):
        parse_income(cell)


@given(st.integers(min_value=0, max_value=1_000_000))
def test_income_written_with_separators_reads_back(amount):
    assert parse_income(f"{amount:,}元") == amount


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("县内务工", EmploymentStatus.EMPLOYED_IN_COUNTY),
        ("县外省内务工", EmploymentStatus.EMPLOYED_IN_PROVINCE),
        ("省内县外务工", EmploymentStatus.EMPLOYED_IN_PROVINCE),
        ("省外务工", EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE),
        (" 省 外 务 工 ", EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE),
        ("自主创业", EmploymentStatus.SELF_EMPLOYED),
        ("灵活就业", EmploymentStatus.FLEXIBLE),
        ("公益性岗位", EmploymentStatus.WELFARE_POST),
        ("未就业", EmploymentStatus.UNEMPLOYED),
        ("未务工", EmploymentStatus.UNEMPLOYED),
        ("失业", EmploymentStatus.UNEMPLOYED),
        ("参加培训", EmploymentStatus.IN_TRAINING),
        ("Working outside the province", EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE),
        ("employed_outside", EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE),
        ("Flexible work", EmploymentStatus.FLEXIBLE),
        ("", ""),
    ],
)
def test_statuses_in_field_words_and_english(cell, expected):
    assert parse_status(cell) == expected


def test_unknown_status_is_refused():
    with pytest.raises(CellError):
        parse_status("去打工了吧")


def test_groups_split_on_any_separator_with_details():
    assert parse_groups("脱贫人口、残疾人(二级)；高校毕业生2023;农民工") == [
        (PersonGroup.LIFTED_OUT_OF_POVERTY, ""),
        (PersonGroup.DISABLED, "二级"),
        (PersonGroup.COLLEGE_GRADUATE, "2023"),
        (PersonGroup.MIGRANT_WORKER, ""),
    ]
    assert parse_groups("脱贫户、建档立卡贫困人口") == [(PersonGroup.LIFTED_OUT_OF_POVERTY, "")]
    assert parse_groups("") == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("监测对象", "monitored"),
        ("退役军人", "veteran"),
        ("戒毒康复人员", "drug_rehab"),
        ("登记失业人员", "registered_unemployed"),
        ("农村劳动力", "farmer"),
        ("Veteran", "veteran"),
    ],
)
def test_each_group_word(cell, expected):
    assert parse_groups(cell) == [(expected, "")]


def test_unknown_group_names_the_word():
    with pytest.raises(CellError, match="五保户"):
        parse_groups("脱贫户、五保户")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("初中", Education.JUNIOR_HIGH),
        ("大专", Education.JUNIOR_COLLEGE),
        ("大学本科", Education.UNDERGRADUATE),
        ("中专", Education.SECONDARY_VOCATIONAL),
        ("职业高中", Education.HIGH_SCHOOL),
        ("文盲或半文盲", Education.ILLITERATE),
        ("70", Education.JUNIOR_HIGH),
        ("62", Education.HIGH_SCHOOL),
        ("Junior high school", Education.JUNIOR_HIGH),
    ],
)
def test_education_names_and_codes(cell, expected):
    assert parse_education(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("户主", Relation.HEAD),
        ("妻", Relation.SPOUSE),
        ("长子", Relation.CHILD),
        ("儿媳", Relation.CHILD_IN_LAW),
        ("孙女", Relation.GRANDCHILD),
        ("母亲", Relation.PARENT),
    ],
)
def test_relations(cell, expected):
    assert parse_relation(cell) == expected


def test_region_codes():
    assert parse_region_code("451228101201") == "451228101201"
    assert parse_region_code(" ４５１２２８１０１ ") == "451228101"
    assert parse_region_code("451228101000") == "451228101"
    with pytest.raises(CellError):
        parse_region_code("45122")


# What else the field writes, where the meaning is still clear (or clearly lost).


@pytest.mark.parametrize("cell", [4.52730198001e17, "4.52730198001E+17", "4.5273E17"])
def test_an_id_number_excel_turned_into_a_number_says_so(cell):
    with translation.override("en"):
        with pytest.raises(CellError) as caught:
            parse_id_number(cell)
        assert "format the column as text" in str(caught.value.reason)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("2020年3月5号", datetime.date(2020, 3, 5)), ("2020.03.", datetime.date(2020, 3, 1))],
)
def test_dates_with_a_spoken_day_or_a_trailing_dot(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("约4000", 4000), ("4000左右", 4000), ("月均3500元", 3500), ("大约1.2万", 12000)],
)
def test_income_about_so_much(cell, expected):
    assert parse_income(cell) == expected


@pytest.mark.parametrize("cell", ["4000-5000", "4000~5000", "1.2万至1.5万"])
def test_income_as_a_range_is_refused_with_the_reason(cell):
    with translation.override("en"):
        with pytest.raises(CellError) as caught:
            parse_income(cell)
        assert "range" in str(caught.value.reason)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("省外务工（广东）", EmploymentStatus.EMPLOYED_OUTSIDE_PROVINCE),
        ("县内务工(都安某厂)", EmploymentStatus.EMPLOYED_IN_COUNTY),
        ("学生", EmploymentStatus.NOT_IN_LABOUR_FORCE),
    ],
)
def test_a_status_with_a_note_in_brackets_is_the_status(cell, expected):
    assert parse_status(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("脱贫户 残疾人", [(PersonGroup.LIFTED_OUT_OF_POVERTY, ""), (PersonGroup.DISABLED, "")]),
        ("脱贫户+高校毕业生 2022", [("lifted", ""), ("graduate", "2022")]),
        ("一般农户", []),
        ("无", []),
    ],
)
def test_groups_split_on_spaces_and_plus_and_none_means_none(cell, expected):
    assert parse_groups(cell) == expected
