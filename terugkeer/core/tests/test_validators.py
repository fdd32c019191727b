import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from terugkeer.core.validators import (
    is_valid_bsn,
    normalise_bsn,
    normalise_postcode,
    validate_bsn,
    validate_postcode,
)

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


@st.composite
def valid_bsns(draw) -> str:
    """Eight random digits plus the one check digit that satisfies the elfproef."""
    first = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    partial = sum(d * w for d, w in zip(first, WEIGHTS, strict=True))
    check = partial % 11  # the ninth digit weighs -1
    assume(check <= 9 and any(first))
    return "".join(map(str, first)) + str(check)


@given(valid_bsns())
def test_generated_bsn_passes_elfproef(bsn):
    assert is_valid_bsn(bsn)
    validate_bsn(bsn)


@given(valid_bsns(), st.integers(0, 8), st.integers(1, 9))
def test_any_single_digit_change_breaks_the_elfproef(bsn, position, delta):
    digits = list(bsn)
    digits[position] = str((int(digits[position]) + delta) % 10)
    mutated = "".join(digits)
    assert not is_valid_bsn(mutated)
    with pytest.raises(ValidationError):
        validate_bsn(mutated)


@given(valid_bsns())
def test_leading_zero_dropped_by_a_spreadsheet_is_restored(bsn):
    if bsn.startswith("0"):
        assert normalise_bsn(bsn[1:]) == bsn
        assert is_valid_bsn(bsn[1:])


def test_known_values():
    assert is_valid_bsn("111222333")
    assert is_valid_bsn("123456782")
    assert not is_valid_bsn("123456789")
    assert not is_valid_bsn("000000000")
    assert not is_valid_bsn("12345678a")
    assert not is_valid_bsn("1234567")


def test_bsn_error_messages_are_dutch():
    with pytest.raises(ValidationError) as length_error:
        validate_bsn("1234")
    assert length_error.value.messages == ["Een BSN bestaat uit 8 of 9 cijfers."]
    with pytest.raises(ValidationError) as check_error:
        validate_bsn("123456789")
    assert check_error.value.messages == ["Dit BSN voldoet niet aan de elfproef."]


@pytest.mark.parametrize("value", ["2261 AB", "2261AB", "2261ab", " 1011 xz "])
def test_valid_postcodes(value):
    validate_postcode(value)


@pytest.mark.parametrize(
    "value", ["0261 AB", "2261 A", "226 AB", "2261 SS", "2261 SA", "ABCD 12", ""]
)
def test_invalid_postcodes(value):
    with pytest.raises(ValidationError) as error:
        validate_postcode(value)
    assert "postcode" in error.value.messages[0]


def test_postcode_normalised():
    assert normalise_postcode("2261ab") == "2261 AB"
    assert normalise_postcode(" 1011 xz ") == "1011 XZ"
    assert normalise_postcode("geen postcode") == "GEEN POSTCODE"
