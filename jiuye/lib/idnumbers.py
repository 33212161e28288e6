"""Resident identity numbers (GB 11643-1999): normalising, validating, masking.

Check digits and the table of area codes are python-stdnum's
(`stdnum.cn.ric`, `stdnum.numdb`); this module cleans up what people type into
spreadsheets (full-width digits, spaces, lowercase x) and checks the area code less
strictly than `ric.validate`: the first six digits are the area where the number was
issued, which for anyone who moved or was first registered later is a code that did not
yet exist in their birth year (Hechi's 4512xx codes date from 2002). Any code that ever
existed is accepted.
"""

import datetime
import functools
import unicodedata

from django.utils.translation import gettext as _
from stdnum import numdb
from stdnum.cn import ric


class InvalidIdNumber(ValueError):
    """The value is not a valid 18-digit resident identity number; the message says why."""


def normalise_id_number(value: object) -> str:
    """Full-width to half-width, drop spaces and separators, upper-case X."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    return "".join(ch for ch in text if ch.isalnum()).upper()


def validate_id_number(value: object) -> str:
    """Return the normalised number, or raise InvalidIdNumber with the reason."""
    return check_id_number(normalise_id_number(value))


def check_id_number(number: str) -> str:
    """Check an already normalised number (see `normalise_id_number`); return it, or raise
    InvalidIdNumber saying why, in the active language."""
    if not number:
        raise InvalidIdNumber(_("The ID number is missing."))
    if len(number) != 18:
        raise InvalidIdNumber(
            _("An ID number has 18 characters; this one has %(count)d.") % {"count": len(number)}
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidIdNumber(_("An ID number has 17 digits and then a digit or X."))
    if number[17] != ric.calc_check_digit(number):
        raise InvalidIdNumber(_("The check digit of the ID number is wrong."))
    try:
        # What `ric.get_birth_date` computes, without its clean-up of an already clean
        # number: that clean-up was a third of the import's time spent on each row.
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdNumber(
            _("The birth date inside the ID number is not a real date.")
        ) from None
    if not datetime.date(1900, 1, 1) <= born <= datetime.date.today():
        raise InvalidIdNumber(_("The birth date inside the ID number is not a real date."))
    if not _known_area(number[:6]):
        raise InvalidIdNumber(_("The first six digits of the ID number are not a known area."))
    return number


@functools.cache
def _known_area(code: str) -> bool:
    """The code names a county that exists or existed, at any time (see the module's note)."""
    return any("county" in props for _part, props in numdb.get("cn/loc").info(code))


def birth_date_of(number: str) -> datetime.date:
    return ric.get_birth_date(number)


def sex_of(number: str) -> str:
    """'M' or 'F' from the 17th digit (odd for men)."""
    return "M" if int(number[16]) % 2 else "F"


def mask_id_number(number: str) -> str:
    """`452702199001011234` -> `452702********1234`: area kept, birth date hidden."""
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
