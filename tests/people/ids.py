"""Valid ID numbers for tests (area codes in force in the birth year, right check digit)."""

import datetime
import itertools

from stdnum.cn import ric

_sequence = itertools.count(1)


def valid_id_number(
    area: str = "451228",
    birth: datetime.date = datetime.date(2003, 6, 1),
    sex: str = "M",
    sequence: int | None = None,
) -> str:
    seq = next(_sequence) if sequence is None else sequence
    digits = seq % 500 * 2 + (1 if sex == "M" else 0)
    body = f"{area[:6]}{birth:%Y%m%d}{digits:03d}"
    return body + ric.calc_check_digit(body + "0")
