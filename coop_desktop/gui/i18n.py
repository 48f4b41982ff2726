"""Marking strings for translation outside a widget, in a form lupdate recognises."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; it is translated when shown."""
    return text
