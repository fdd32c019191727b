"""Dutch validators: BSN (elfproef) and postcode."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})\s?([A-Z]{2})$")
# Letter pairs the post never issues.
_POSTCODE_FORBIDDEN_LETTERS = {"SA", "SD", "SS"}


def normalise_bsn(value: str | int) -> str:
    """Return the BSN as nine digits: strip spaces, dots and dashes; restore a dropped leading zero.

    Spreadsheets often turn 012345678 into 12345678, so eight digits are accepted and padded.
    """
    digits = re.sub(r"[\s.\-]", "", str(value))
    if len(digits) == 8:
        digits = "0" + digits
    return digits


def bsn_check_digit(first_eight) -> int:
    """The ninth digit that makes these eight digits pass the elfproef; 10 means none does.

    ``first_eight`` is a string of digits or a sequence of ints (synthetic data builds them so).
    """
    return sum(int(d) * w for d, w in zip(first_eight, _BSN_WEIGHTS[:8], strict=True)) % 11


def is_valid_bsn(value: str | int) -> bool:
    digits = normalise_bsn(value)
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True))
    return total % 11 == 0


def validate_bsn(value: str | int) -> None:
    digits = normalise_bsn(value)
    if len(digits) != 9 or not digits.isdigit():
        raise ValidationError(
            _("Een BSN bestaat uit 8 of 9 cijfers."), code="bsn_length", params={"value": value}
        )
    if not is_valid_bsn(digits):
        raise ValidationError(
            _("Dit BSN voldoet niet aan de elfproef."), code="bsn_elfproef", params={"value": value}
        )


def normalise_postcode(value: str) -> str:
    """Return the postcode as '1234 AB', or the input stripped and upper-cased if it is none."""
    candidate = value.strip().upper()
    match = _POSTCODE_RE.match(candidate)
    if not match:
        return candidate
    return f"{match.group(1)} {match.group(2)}"


def validate_postcode(value: str) -> None:
    match = _POSTCODE_RE.match(value.strip().upper())
    if not match or match.group(2) in _POSTCODE_FORBIDDEN_LETTERS:
        raise ValidationError(
            _("Vul een geldige postcode in, bijvoorbeeld 2261 AB."), code="postcode"
        )
