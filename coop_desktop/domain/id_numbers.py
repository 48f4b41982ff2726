"""The 18-character resident identity number (GB 11643-1999) and its ISO 7064 check character."""

from __future__ import annotations

import datetime as dt

from coop_desktop.domain.errors import ValidationError

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


def id_check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalize_id_number(value: str, field: str = "id_number") -> str:
    """The ID number in upper case, or a ValidationError saying what is wrong with it."""
    number = value.strip().upper()
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit()
                                                              or number[17] == "X"):
        raise ValidationError("id_number.format", field=field, value=value)
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError("id_number.birth_date", field=field, value=value) from None
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError("id_number.check_digit", field=field, value=value)
    return number


def mask_id_number(number: str) -> str:
    """For screens where a clerk needs to recognise, not read, the number."""
    return number[:6] + "*" * 8 + number[-4:] if len(number) == 18 else "*" * len(number)
