"""The language of the sentences that domain errors carry.

The GUI translates its widgets with Qt; the layers below it have no Qt, so their sentences come from
a small catalogue with Chinese and English texts, chosen by the language set at start-up.
"""

from __future__ import annotations

SUPPORTED_LANGUAGES = ("zh", "en")
_language = "zh"


def set_language(language: str) -> None:
    global _language  # noqa: PLW0603 - one process-wide language, set at start-up
    code = language.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0].lower()
    _language = code if code in SUPPORTED_LANGUAGES else "en"


def language() -> str:
    return _language
