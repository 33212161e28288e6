import datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from jiuye.demo.ids import make_id_number
from jiuye.lib.idnumbers import (
    InvalidIdNumber,
    birth_date_of,
    mask_id_number,
    sex_of,
    validate_id_number,
)

VALID = make_id_number("451228", datetime.date(1985, 6, 1), 7, "M")
WRONG_CHECK_DIGIT = VALID[:17] + ("0" if VALID[17] != "0" else "1")


def test_adult_with_an_area_code_newer_than_their_birth_is_valid():
    # Hechi's 4512xx codes exist since 2002; people born earlier hold such numbers too.
    number = make_id_number("451228", datetime.date(1968, 2, 29), 3, "F")
    assert validate_id_number(number) == number
    assert birth_date_of(number) == datetime.date(1968, 2, 29)
    assert sex_of(number) == "F"


def test_spreadsheet_mess_is_normalised():
    number = make_id_number("451228", datetime.date(1985, 6, 1), 7, "M")
    messy = (
        " "
        + number[:6]
        + " "
        + number[6:].translate(str.maketrans("0123456789X", "０１２３４５６７８９x"))
    )
    assert validate_id_number(messy) == number


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "missing"),
        ("4512281985060100", "18 characters"),
        (WRONG_CHECK_DIGIT, "check digit"),
        ("45122819850601001A", "17 digits and then a digit or X"),
        ("999999199001010155", "known area"),
    ],
)
def test_invalid_numbers_say_why(value, reason):
    with translation.override("en"), pytest.raises(InvalidIdNumber, match=reason):
        validate_id_number(value)


def test_reasons_are_translated():
    with translation.override("zh-hans"), pytest.raises(InvalidIdNumber, match="校验码"):
        validate_id_number(WRONG_CHECK_DIGIT)


@given(
    born=st.dates(datetime.date(1930, 1, 1), datetime.date(2010, 12, 31)),
    sequence=st.integers(0, 999),
    sex=st.sampled_from("MF"),
)
def test_every_well_formed_number_round_trips(born, sequence, sex):
    number = make_id_number("451228", born, sequence, sex)
    assert validate_id_number(number) == number
    assert birth_date_of(number) == born and sex_of(number) == sex
    masked = mask_id_number(number)
    assert masked == number[:6] + "********" + number[-4:]
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    with pytest.raises(InvalidIdNumber):
        validate_id_number(wrong)


@pytest.mark.parametrize("birth", ["19900230", "19901301", "19000000", "18991231", "20991231"])
def test_a_number_with_a_correct_check_digit_but_no_real_birth_date_is_refused(birth):
    from stdnum.cn import ric

    body = f"451228{birth}123"
    number = body + ric.calc_check_digit(body + "0")
    with translation.override("en"), pytest.raises(InvalidIdNumber, match="not a real date"):
        validate_id_number(number)
