"""Verifying the audit chain from the Audit page, off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import action
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.gui.tasks import Task, start
from coop_desktop.services.audit import AuditReport
from coop_desktop.services.audit_trail import check_audit_trail
from coop_desktop.services.permissions import Permission


class AuditCheckDialog(QDialog):
    """Starts the check at once; shows the verdict, and every problem by name."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Verify the audit chain"))
        self.resize(640, 360)
        self.report: AuditReport | None = None
        self.verdict = QLabel(self.tr("Checking every audit entry and record…"), self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("problems")
        self.problems.setReadOnly(True)
        self.problems.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.busy)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.task = Task(lambda _progress: check_audit_trail(context.database, context.actor))
        self.task.signals.finished.connect(self._show)
        self.task.signals.failed.connect(self._failed)
        start(self.task)

    def _show(self, report: object) -> None:
        assert isinstance(report, AuditReport)
        self.report = report
        self.busy.hide()
        if report.ok:
            self.verdict.setText(self.tr(
                "The audit chain is intact: %1 entries and %2 records checked, nothing "
                "changed behind the program's back.")
                .replace("%1", str(report.entries_checked))
                .replace("%2", str(report.records_checked)))
            return
        self.verdict.setStyleSheet("color: #b00020")
        self.verdict.setText(self.tr(
            "%n problem(s) found: records or audit entries were changed outside the program. "
            "Keep this list for the auditor and restore a backup if needed.", "",
            len(report.problems)))
        self.problems.setPlainText("\n".join(problem.description
                                             for problem in report.problems))
        self.problems.show()

    def _failed(self, message: str) -> None:
        self.busy.hide()
        self.verdict.setText(message)


@action("audit", QT_TRANSLATE_NOOP("Actions", "Verify the audit chain"), Permission.READ,
        needs_record=False)
def verify_chain(context: AppContext, row: dict[str, Any] | None,
                 parent: QWidget) -> QDialog:
    return AuditCheckDialog(context, parent)
