"""Inline validation: each field's checks run as the user types; a wrong field gets a red
border (the dynamic property ``invalid``) and the sentence under it; Save waits until every
field is right.

A check is a function that raises a DomainError — usually by calling the very validator the
service will call (``MEMBER_FIELDS["id_number"]``, ``past_date``…), so the form says what the
service would say — or ``Invalid`` with a sentence of the GUI's own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import DomainError
from coop_desktop.domain.messages import MESSAGES

Check = Callable[[], object]

#: The look of a field marked invalid and of the sentences; set on each form dialog.
INVALID_STYLE = """
*[invalid="true"] { border: 1px solid #c62828; background-color: #fff6f6; }
QLineEdit[readOnly="true"] { background-color: palette(window); }
QLabel[role="field-error"] { color: #b00020; border: none; background: transparent; }
QLabel[role="message"] { color: #b00020; }
QLabel[role="pending"] { color: #5f6368; }
"""


#: Refusals that only say something is still missing: listed as "still needed" until the
#: user has been at the field, where other refusals show at once (a default date inside a
#: pre-harvest interval, a stored ID number with a wrong check digit).
MISSING = frozenset({"value.required", "quality.no_parameters", "lot.no_sources"})


class Invalid(Exception):
    """A check's refusal in a sentence of the GUI's own (already translated); ``missing``
    when it only says that something is still to be filled in."""

    def __init__(self, text: str, *, missing: bool = False) -> None:
        super().__init__(text)
        self.missing = missing


def sentence(error: DomainError, labels: Mapping[str, str] | None = None) -> str:
    """The error's sentence, naming its field (and ``other_field``) as the form labels it.

    The template is the service's own; only the field's code name becomes its label.
    """
    names = labels or {}
    texts = MESSAGES[error.code]
    template = texts.get(i18n.language()) or texts["en"]
    params = dict(error.params)
    other = params.get("other_field")
    if isinstance(other, str):
        params["other_field"] = names.get(other, other)
    field_name = error.field
    return template.format(field=names.get(field_name or "", field_name), **params)


def mark(editor: QWidget, invalid: bool) -> None:
    """Set the ``invalid`` property on the editor and the inputs inside it, and restyle."""
    targets = [editor, *editor.findChildren(QLineEdit), *editor.findChildren(QComboBox),
               *editor.findChildren(QAbstractSpinBox), *editor.findChildren(QAbstractItemView),
               *editor.findChildren(QPlainTextEdit)]
    for target in targets:
        if bool(target.property("invalid")) == invalid:
            continue
        target.setProperty("invalid", invalid)
        target.style().unpolish(target)
        target.style().polish(target)


def error_label(parent: QWidget, name: str) -> QLabel:
    """The label that shows a field's sentence under it (hidden while the field is right)."""
    label = QLabel(parent)
    label.setObjectName(f"{name}_error")
    label.setProperty("role", "field-error")
    label.setWordWrap(True)
    label.hide()
    return label


def connect_changes(editor: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever the editor's value changes, whatever kind of input it is."""
    changed = getattr(editor, "changed", None)
    if changed is not None:
        changed.connect(slot)
    elif isinstance(editor, QLineEdit | QPlainTextEdit):
        editor.textChanged.connect(slot)
    elif isinstance(editor, QComboBox):
        editor.currentIndexChanged.connect(slot)
        editor.editTextChanged.connect(slot)
    elif isinstance(editor, QDateEdit):
        editor.dateChanged.connect(slot)
    elif isinstance(editor, QSpinBox):
        editor.valueChanged.connect(slot)
    elif isinstance(editor, QAbstractButton):
        editor.toggled.connect(slot)
    else:
        raise TypeError(f"no change signal known for {type(editor).__name__}")


@dataclass
class _Field:
    name: str
    label: str
    editor: QWidget
    error: QLabel
    checks: list[Check] = field(default_factory=list)
    touched: bool = False
    refused: str | None = None  # the service's sentence, until the form changes


class Checker(QObject):
    """Runs the checks of a form's fields and shows the outcome.

    A field that is only still missing is listed in ``pending`` until the user changed it (or
    tried to save); any other refusal shows at once. ``validity_changed`` drives the Save
    button.
    """

    validity_changed = Signal(bool)

    def __init__(self, root: QWidget, message: QLabel, pending: QLabel) -> None:
        super().__init__(root)
        self.root = root
        self.message = message
        self.pending = pending
        self._fields: dict[str, _Field] = {}
        self._aliases: dict[str, str] = {}
        self._extra_labels: dict[str, str] = {}
        self._show_all = False
        self._errors: dict[str, str] = {}
        self._valid: bool | None = None

    # --- declaring ------------------------------------------------------------------------
    def add(self, name: str, label: str, editor: QWidget, error: QLabel, *checks: Check,
            aliases: tuple[str, ...] = ()) -> None:
        """A field the service knows as ``name`` (and ``aliases``), shown with ``label``."""
        entry = _Field(name, _plain_label(label), editor, error, list(checks))
        self._fields[name] = entry
        for alias in aliases:
            self._aliases[alias] = name
        connect_changes(editor, lambda: self._edited(entry))

    def add_check(self, name: str, check: Check) -> None:
        self._fields[name].checks.append(check)

    def name_field(self, name: str, label: str) -> None:
        """A label for a name a sentence may carry that is no field of this form."""
        self._extra_labels[name] = _plain_label(label)

    def labels(self) -> dict[str, str]:
        names = dict(self._extra_labels)
        names.update({name: entry.label for name, entry in self._fields.items()})
        names.update({alias: self._fields[name].label for alias, name in self._aliases.items()})
        return names

    # --- running --------------------------------------------------------------------------
    def _edited(self, entry: _Field) -> None:
        entry.touched = True
        # Any change may answer a refusal (a sale no longer for food, another date): the
        # service judges again at the next save.
        for each in self._fields.values():
            each.refused = None
        self.message.clear()
        self.message.hide()
        self.run()

    def touch(self, name: str) -> None:
        """Treat a field as changed by the user (a table row added, a default replaced)."""
        self._edited(self._fields[name])

    def run(self, *, show_all: bool = False) -> bool:
        """Run every check; returns whether the form may be saved."""
        self._show_all = self._show_all or show_all
        labels = self.labels()
        self._errors = {}
        pending: list[str] = []
        for entry in self._fields.values():
            problem, missing = (entry.refused, False) if entry.refused else (
                self._first_problem(entry, labels))
            shown = problem if problem and (entry.touched or self._show_all
                                            or not missing) else None
            if problem:
                self._errors[entry.name] = problem
                if shown is None:
                    pending.append(entry.label)
            entry.error.setText(shown or "")
            entry.error.setVisible(shown is not None)
            mark(entry.editor, shown is not None)
        if pending:
            separator = self.tr(", ", "between the items of a list")
            self.pending.setText(self.tr("Still needed: %1").replace("%1",
                                                                    separator.join(pending)))
        self.pending.setVisible(bool(pending))
        valid = not self._errors
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
        return valid

    def _first_problem(self, entry: _Field, labels: Mapping[str, str]
                       ) -> tuple[str | None, bool]:
        """The field's first refusal, and whether it only says something is missing."""
        if not (entry.editor.isEnabled() and entry.editor.isVisibleTo(self.root)):
            return None, False
        for check in entry.checks:
            try:
                check()
            except Invalid as refusal:
                return str(refusal), refusal.missing
            except DomainError as error:
                return sentence(error, labels), error.code in MISSING
        return None, False

    # --- results --------------------------------------------------------------------------
    def error_of(self, name: str) -> str | None:
        return self._errors.get(name)

    def errors(self) -> dict[str, str]:
        return dict(self._errors)

    def show_refusal(self, error: DomainError) -> None:
        """A service refused: show its sentence under the field it names, else above the
        buttons, until the user changes something."""
        name = self._aliases.get(error.field or "", error.field or "")
        entry = self._fields.get(name)
        text = sentence(error, self.labels())
        if entry is not None and entry.editor.isVisibleTo(self.root):
            entry.refused = text
            entry.touched = True
            self.run()
            entry.editor.setFocus()
        else:
            self.show_message(text)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def _plain_label(label: str) -> str:
    return label.replace("&", "").rstrip(":：").strip()
