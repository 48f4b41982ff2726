"""GTIN check digits and normalisation (standards.md §3: mod 10, weights 3,1,3… from the right)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.gs1 import check_digit, is_valid_gtin, normalize_gtin

# Hypothesis runs the body many times inside one test; the suite's autouse fixture only sets the
# data folder and the language, which no example changes.
_PROPERTY = settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize(("body", "expected"), [
    ("950600013435", 2),   # GTIN-13 9506000134352
    ("0690123456789", 2),  # GTIN-14 06901234567892
    ("690123400001", 6),   # GLN 6901234000016
    ("03600029145", 2),    # UPC-A 036000291452
    ("9638507", 4),        # GTIN-8 96385074
    ("0000000000000", 0),
])
def test_check_digit_of_reference_bodies(body: str, expected: int) -> None:
    assert check_digit(body) == expected


def test_check_digit_refuses_non_digits() -> None:
    with pytest.raises(ValueError, match="digits only"):
        check_digit("95060001343A")


@pytest.mark.parametrize(("typed", "gtin14"), [
    ("9506000134352", "09506000134352"),
    ("06901234567892", "06901234567892"),
    ("036000291452", "00036000291452"),
    ("96385074", "00000096385074"),
    (" 6901234567892 ", "06901234567892"),
    ("690 1234 567892", "06901234567892"),
])
def test_normalize_gtin_pads_to_14_digits(typed: str, gtin14: str) -> None:
    assert normalize_gtin(typed) == gtin14
    assert len(normalize_gtin(typed)) == 14


def test_wrong_check_digit_names_field_and_expected_digit() -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_gtin("9506000134353")
    error = caught.value
    assert error.code == "gtin.check_digit"
    assert error.field == "gtin"
    assert error.params["expected"] == 2
    assert "should be 2" in str(error)
    assert "9506000134353" in str(error)
    assert "应为 2" in error.message("zh")


def test_wrong_check_digit_uses_the_field_given() -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_gtin("06901234567893", field="case_gtin")
    assert caught.value.field == "case_gtin"
    assert caught.value.params["expected"] == 2


@pytest.mark.parametrize("typed", ["", "12345", "123456789", "950600013435A", "0" * 15,
                                   "06901234-567892"])
def test_bad_gtin_format(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_gtin(typed)
    assert caught.value.code == "gtin.format"
    assert caught.value.field == "gtin"


@pytest.mark.parametrize(("value", "valid"), [
    ("9506000134352", True),
    ("09506000134352", True),
    ("6901234000016", True),
    ("9506000134350", False),
    ("950600013435", False),   # 12 digits whose last is not its check digit
    ("95060001343X", False),
    ("", False),
])
def test_is_valid_gtin(value: str, valid: bool) -> None:
    assert is_valid_gtin(value) is valid


@_PROPERTY
@given(body=st.one_of(st.text("0123456789", min_size=12, max_size=12),
                      st.text("0123456789", min_size=13, max_size=13)),
       replacement=st.integers(0, 9))
def test_body_plus_its_check_digit_is_valid_and_any_other_last_digit_is_not(
        body: str, replacement: int) -> None:
    digit = check_digit(body)
    assert 0 <= digit <= 9
    gtin = body + str(digit)
    assert is_valid_gtin(gtin)
    assert normalize_gtin(gtin) == gtin.zfill(14)
    if replacement != digit:
        wrong = body + str(replacement)
        assert not is_valid_gtin(wrong)
        with pytest.raises(ValidationError) as caught:
            normalize_gtin(wrong)
        assert caught.value.code == "gtin.check_digit"
        assert caught.value.params["expected"] == digit


@_PROPERTY
@given(body=st.text("0123456789", min_size=13, max_size=13))
def test_check_digit_matches_the_written_rule(body: str) -> None:
    weights = [3 if index % 2 == 0 else 1 for index in range(len(body))]
    total = sum(int(d) * w for d, w in zip(reversed(body), weights, strict=True))
    assert check_digit(body) == (10 - total % 10) % 10
    # Leading zeros do not change the check digit: GTIN-13 and its GTIN-14 form agree.
    assert check_digit("0" + body) == check_digit(body)
