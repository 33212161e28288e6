"""Made-up but valid resident ID numbers for demo and benchmark people."""

import datetime

from stdnum.cn import ric


def make_id_number(area_code: str, birth_date: datetime.date, sequence: int, sex: str) -> str:
    """An 18-character number: area (6), birth date (8), sequence (3, odd for men), check."""
    seq = sequence % 500 * 2 + (1 if sex == "M" else 0)
    body = f"{area_code[:6]}{birth_date:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a check-digit slot
