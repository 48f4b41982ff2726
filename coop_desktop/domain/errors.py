"""Errors a user can fix: each names what is wrong and what to do, in the user's language."""

from __future__ import annotations

from typing import Any

from coop_desktop.domain import i18n
from coop_desktop.domain.messages import MESSAGES


class DomainError(Exception):
    """A refusal the user can act on. ``code`` picks the sentence; ``params`` fill it in."""

    def __init__(self, code: str, /, *, field: str | None = None, **params: Any) -> None:
        if code not in MESSAGES:
            raise KeyError(f"no message for domain error {code!r}")
        self.code = code
        self.field = field
        self.params = params
        super().__init__(self.message())

    def message(self, language: str | None = None, field_label: str | None = None) -> str:
        """The sentence in ``language`` (default: the user's); ``field_label`` names the field
        as the screen or the spreadsheet does, instead of its code name."""
        texts = MESSAGES[self.code]
        template = texts.get(language or i18n.language()) or texts["en"]
        return template.format(field=field_label or self.field, **self.params)

    def __str__(self) -> str:
        return self.message()


class ValidationError(DomainError):
    """A value a user typed or imported is not acceptable; ``field`` names it."""


class NotFoundError(DomainError):
    """The code or key the user gave matches no record."""


class PermissionDenied(DomainError):
    """The user's role may not do this."""


class ConflictError(DomainError):
    """Someone else changed the record first; nothing was overwritten."""


class RuleViolation(DomainError):
    """A rule of good practice refuses the action (PHI, withdrawal period, mass balance)."""


class StorageError(DomainError):
    """The database cannot be opened or used as it is (corrupt, foreign, too new)."""
