"""Human-readable codes people say aloud: members, plots, lots, ear tags."""

from __future__ import annotations

import re

from coop_desktop.domain.errors import ValidationError

# Lot codes go into GS1 AI (10) and Digital Link paths: A–Z, 0–9 and "-" need no escaping.
LOT_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,19}$")
RECORD_CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")


def normalize_lot_code(value: str, field: str = "code") -> str:
    code = value.strip().upper()
    if not LOT_CODE_PATTERN.match(code):
        raise ValidationError("lot_code.format", field=field, value=value)
    return code


def normalize_code(value: str, field: str = "code") -> str:
    code = value.strip()
    if not RECORD_CODE_PATTERN.match(code):
        raise ValidationError("code.format", field=field, value=value)
    return code
