"""GS1 identifiers: GTIN check digits (GS1 General Specifications, mod 10)."""

from __future__ import annotations

from coop_desktop.domain.errors import ValidationError

GTIN_LENGTHS = (8, 12, 13, 14)


def check_digit(body: str) -> int:
    """The mod-10 check digit for the digits in ``body`` (weights 3,1,3… from the right)."""
    if not body.isdigit():
        raise ValueError("a GS1 key body has digits only")
    total = sum(int(digit) * (3 if index % 2 == 0 else 1)
                for index, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(value: str) -> bool:
    return (value.isdigit() and len(value) in GTIN_LENGTHS
            and check_digit(value[:-1]) == int(value[-1]))


def normalize_gtin(value: str, field: str = "gtin") -> str:
    """A GTIN-8/12/13/14 as the 14 digits used in AI (01) and Digital Link; refuses a bad one."""
    digits = value.strip().replace(" ", "")
    if not digits.isdigit() or len(digits) not in GTIN_LENGTHS:
        raise ValidationError("gtin.format", field=field, value=value)
    if check_digit(digits[:-1]) != int(digits[-1]):
        raise ValidationError("gtin.check_digit", field=field, value=value,
                              expected=check_digit(digits[:-1]))
    return digits.zfill(14)
