"""Unified social credit codes (GB 32100-2015), checked with python-stdnum.

Codes issued in the early pilot regions before the standard settled sometimes fail the check
digit while being otherwise well formed; the bureau accepts those with a warning so that a
real employer is never turned away by an old certificate.
"""

from dataclasses import dataclass

from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError


class InvalidCreditCode(ValueError):
    """The value is not a unified social credit code; the message says why."""


@dataclass(frozen=True)
class CheckedCreditCode:
    code: str
    #: True when the check digit failed but the code looks like an early pilot-region code.
    check_digit_failed: bool = False


def _looks_like_pilot_code(code: str) -> bool:
    # Registration authority (1 char), kind (1), six-digit division code, nine-char
    # organisation code and the check character: the shape is right, only the digit is off.
    return code[0] in "123456789ABCNY" and code[2:8].isdigit() and code[2:4] != "00"


def check_credit_code(value: str) -> CheckedCreditCode:
    code = uscc.compact(value or "")
    try:
        return CheckedCreditCode(uscc.validate(code))
    except InvalidChecksum as exc:
        if _looks_like_pilot_code(code):
            return CheckedCreditCode(code, check_digit_failed=True)
        raise InvalidCreditCode(exc.message) from exc
    except StdnumError as exc:
        raise InvalidCreditCode(exc.message) from exc
