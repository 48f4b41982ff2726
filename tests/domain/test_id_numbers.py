"""The resident identity number (GB 11643-1999): format, birth date, ISO 7064 check character."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.id_numbers import id_check_char, mask_id_number, normalize_id_number

_PROPERTY = settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])

VALID = "11010519491231002X"


def test_known_valid_number() -> None:
    assert id_check_char(VALID[:17]) == "X"
    assert normalize_id_number(VALID) == VALID


def test_lower_case_x_and_spaces_are_normalised() -> None:
    assert normalize_id_number("  11010519491231002x ") == VALID


@pytest.mark.parametrize("number", ["440524188001010014", "110101199003074477"])
def test_other_valid_numbers(number: str) -> None:
    assert id_check_char(number[:17]) == number[17]
    assert normalize_id_number(number) == number


def test_old_15_digit_number_is_refused_as_format() -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_id_number("130503670401001")
    assert caught.value.code == "id_number.format"


@pytest.mark.parametrize("last", list("0123456789"))
def test_wrong_check_character(last: str) -> None:
    number = VALID[:17] + last
    with pytest.raises(ValidationError) as caught:
        normalize_id_number(number)
    error = caught.value
    assert error.code == "id_number.check_digit"
    assert error.field == "id_number"
    assert number in str(error)
    assert "check digit" in str(error)
    assert "校验位" in error.message("zh")


@pytest.mark.parametrize("birth", ["19490230", "19491301", "19490001", "19490100", "00001231",
                                   "20230229"])
def test_impossible_birth_date(birth: str) -> None:
    first17 = "110105" + birth + "002"
    number = first17 + id_check_char(first17)  # the check character is right; the date is not
    with pytest.raises(ValidationError) as caught:
        normalize_id_number(number)
    assert caught.value.code == "id_number.birth_date"
    assert caught.value.field == "id_number"
    assert number in str(caught.value)


def test_leap_day_is_a_real_birth_date() -> None:
    first17 = "110105" + "20000229" + "123"
    number = first17 + id_check_char(first17)
    assert normalize_id_number(number) == number


@pytest.mark.parametrize("value", ["", "11010519491231002", "11010519491231002XX",
                                   "11010519491231002Y", "1101051949123100XX",
                                   "A1010519491231002X", "110105-19491231-002X"])
def test_bad_format(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_id_number(value, field="head_id")
    assert caught.value.code == "id_number.format"
    assert caught.value.field == "head_id"


def test_mask_keeps_region_and_last_four() -> None:
    assert mask_id_number(VALID) == "110105********002X"
    assert mask_id_number("12345") == "*****"


@_PROPERTY
@given(area=st.text("0123456789", min_size=6, max_size=6),
       birth=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)),
       sequence=st.integers(0, 999))
def test_constructed_numbers_validate_and_others_do_not(area: str, birth: dt.date,
                                                        sequence: int) -> None:
    first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
    check = id_check_char(first17)
    assert check in "0123456789X"
    number = first17 + check
    assert normalize_id_number(number) == number
    assert normalize_id_number(number.lower()) == number
    for other in "0123456789X":
        if other != check:
            with pytest.raises(ValidationError) as caught:
                normalize_id_number(first17 + other)
            assert caught.value.code == "id_number.check_digit"


@_PROPERTY
@given(first17=st.text("0123456789", min_size=17, max_size=17))
def test_check_character_matches_iso_7064_mod_11_2(first17: str) -> None:
    # ISO 7064 MOD 11-2: the weight of position i (from the left, 1-based) is 2^(18-i) mod 11,
    # and the check value makes the weighted sum of all 18 characters ≡ 1 (mod 11).
    total = sum(int(digit) * pow(2, 17 - index, 11) for index, digit in enumerate(first17))
    check = id_check_char(first17)
    value = 10 if check == "X" else int(check)
    assert (total + value) % 11 == 1
