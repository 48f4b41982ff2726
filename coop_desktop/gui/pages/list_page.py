"""A page listing one kind of record: search as you type, filters, a date range, the number of
matches, sorting by any column, and export of the current view to XLSX or CSV."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.errors import DomainError
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details import DETAIL_PANES
from coop_desktop.gui.forms import ACTIONS, FORM_PERMISSIONS, FORMS, RecordAction
from coop_desktop.gui.models.record_table import RecordTableModel, Row
from coop_desktop.gui.pages.specs import FilterSpec, ListSpec
from coop_desktop.gui.tasks import Task, start
from coop_desktop.reports.table_export import export_table
from coop_desktop.services.listing import Query, count_records, distinct_values, list_records

SEARCH_DELAY_MS = 250
COUNT_CAP = 10_000  # beyond this a list says "more than 10,000" instead of counting on
EXPORT_PAGE = 5_000


class ListPage(QWidget):
    """One record list. ``record_activated`` carries the row the user opened."""

    record_activated = Signal(str, dict)
    export_finished = Signal(str, int)  # path, rows written (0 when cancelled)

    def __init__(self, context: AppContext, spec: ListSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.spec = spec
        self._sort: str | None = None
        self._descending = False
        self._export_task: Task | None = None

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self.filters: dict[str, QComboBox] = {}
        self.date_range = QCheckBox(self)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.new_button = QPushButton(self.tr("New…"), self)
        self.new_button.setObjectName("new")
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("edit")
        self.view = QTableView(self)
        self.detail: QWidget | None = None
        self.model = RecordTableModel(spec.columns, parent=self)
        self._build()
        self.model.sort_requested = self._sort_by
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.refresh()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        # Two rows: what to look for (search, filters, dates), then what was found and what
        # can be done with it — one row squeezed the search box away on a 1366-pixel screen.
        bar = QHBoxLayout()
        self.search.setMinimumWidth(220)
        bar.addWidget(self.search, 2)
        for spec in self.spec.filters:
            combo = QComboBox(self)
            combo.setObjectName(f"filter_{spec.field}")
            combo.setToolTip(QCoreApplication.translate("Filters", spec.label))
            combo.addItem(self.tr("All: %1").replace(
                "%1", QCoreApplication.translate("Filters", spec.label)), None)
            for value, text in self._choices(spec):
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(self.refresh)
            self.filters[spec.field] = combo
            bar.addWidget(combo, 1)
        if self.spec.date_label is not None:
            self.date_range.setText(QCoreApplication.translate("Filters", self.spec.date_label))
            today = QDate.currentDate()
            for edit, date in ((self.date_from, today.addMonths(-1)), (self.date_to, today)):
                edit.setCalendarPopup(True)
                edit.setDisplayFormat("yyyy-MM-dd")
                edit.setDate(date)
                edit.setEnabled(False)
                edit.dateChanged.connect(self.refresh)
            self.date_range.toggled.connect(self.date_from.setEnabled)
            self.date_range.toggled.connect(self.date_to.setEnabled)
            self.date_range.toggled.connect(self.refresh)
            bar.addWidget(self.date_range)
            bar.addWidget(self.date_from)
            bar.addWidget(QLabel("–", self))
            bar.addWidget(self.date_to)
        else:
            self.date_range.hide()
            self.date_from.hide()
            self.date_to.hide()
        commands = QHBoxLayout()
        commands.addWidget(self.count_label)
        commands.addStretch(1)
        commands.addWidget(self.new_button)
        commands.addWidget(self.edit_button)
        commands.addWidget(self.export_button)
        self.export_button.clicked.connect(self.export)
        form = FORMS.get(self.spec.kind)
        allowed = form is not None and self.context.may(FORM_PERMISSIONS[self.spec.kind])
        for button in (self.new_button, self.edit_button):
            button.setVisible(form is not None)
            button.setEnabled(allowed)
            if form is not None and not allowed:
                button.setToolTip(self.tr("Your role may not change these records."))
        self.new_button.clicked.connect(lambda: self.open_form(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.actions_button = QPushButton(self.tr("Actions"), self)
        self.actions_button.setObjectName("actions")
        menu = QMenu(self.actions_button)
        self.record_actions: dict[str, QAction] = {}
        for record_action in ACTIONS.get(self.spec.kind, []):
            entry = menu.addAction(QCoreApplication.translate("Actions", record_action.title))
            entry.setEnabled(self.context.may(record_action.permission))
            entry.triggered.connect(partial(self.run_action, record_action))
            self.record_actions[record_action.title] = entry
        self.actions_button.setMenu(menu)
        self.actions_button.setVisible(bool(self.record_actions))
        commands.insertWidget(commands.indexOf(self.export_button), self.actions_button)

        self.view.setModel(self.model)
        # The list starts in the service's own order, shown as the first column ascending.
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.activated.connect(self._activated)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(commands)
        pane = DETAIL_PANES.get(self.spec.kind)
        if pane is None:
            layout.addWidget(self.view)
        else:
            self.detail = pane(self.context, self)
            split = QSplitter(Qt.Orientation.Horizontal, self)
            split.addWidget(self.view)
            split.addWidget(self.detail)
            split.setStretchFactor(0, 1)
            split.setStretchFactor(1, 1)
            layout.addWidget(split)
            self.view.selectionModel().currentRowChanged.connect(self._show_detail)

    def _choices(self, spec: FilterSpec) -> list[tuple[Any, str]]:
        if spec.choices is not None:
            return [(member.value, name_of(member)) for member in spec.choices]
        db, actor = self.context.database, self.context.actor
        if spec.reference is not None:
            rows = list_records(db, actor, spec.reference, limit=500)
            return [(row["id"], str(row.get("name_zh") or row.get("name") or row["code"]))
                    for row in rows]
        show = spec.display or str
        return [(value, show(value))
                for value in distinct_values(db, actor, self.spec.kind, spec.field)]

    # --- querying -------------------------------------------------------------------------
    def query(self) -> Query:
        filters = {name: combo.currentData() for name, combo in self.filters.items()
                   if combo.currentData() is not None}
        dated = self.date_range.isChecked() and self.spec.date_label is not None
        return Query(search=self.search.text() or None, filters=filters,
                     date_from=_day(self.date_from) if dated else None,
                     date_to=_day(self.date_to) if dated else None,
                     sort=self._sort, descending=self._descending)

    def refresh(self) -> None:
        query = self.query()
        db, actor, kind = self.context.database, self.context.actor, self.spec.kind

        def fetch(offset: int, limit: int) -> list[Row]:
            return list_records(db, actor, kind, query=query, offset=offset, limit=limit)

        try:
            matches = count_records(db, actor, kind, query=query, cap=COUNT_CAP)
            self.model.reset(fetch)
        except DomainError as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return
        if matches > COUNT_CAP:
            self.count_label.setText(self.tr("more than %n matches", "", COUNT_CAP))
        else:
            self.count_label.setText(self.tr("%n match(es)", "", matches))

    def _sort_by(self, field: str, descending: bool) -> None:
        self._sort, self._descending = field, descending
        self.refresh()

    def _activated(self, index: Any) -> None:
        self.record_activated.emit(self.spec.kind, self.model.row_at(index.row()))

    def _show_detail(self, current: Any, _previous: Any = None) -> None:
        if self.detail is not None and current.isValid():
            self.detail.show_record(self.model.row_at(current.row()))  # type: ignore[attr-defined]

    def selected_row(self) -> Row | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_code(self, field: str, value: Any) -> bool:
        """Show the record whose ``field`` is ``value`` (a scan, a link): search for it and
        select it. Returns whether it was found."""
        self.search.setText(str(value))
        self._search_timer.stop()  # the refresh is now, not a typing pause later
        self.refresh()
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).get(field) == value:
                self.view.selectRow(row)
                self._show_detail(self.model.index(row, 0))
                return True
        return False

    # --- forms ----------------------------------------------------------------------------
    def open_form(self, row: Row | None) -> bool:
        """Open the kind's form for a new record (``row`` None) or to edit ``row``; the list
        refreshes when it saved. Returns whether it saved."""
        factory = FORMS.get(self.spec.kind)
        if factory is None:
            return False
        dialog = factory(self.context, row, self)
        saved = dialog.exec() == QDialog.DialogCode.Accepted
        if saved:
            self.refresh()
        return saved

    def run_action(self, record_action: RecordAction) -> bool:
        """Run an action on the selected record; returns whether it saved."""
        row = self.selected_row()
        if record_action.needs_record and row is None:
            QMessageBox.information(self, self.windowTitle(),
                                    self.tr("Select a record in the list first."))
            return False
        dialog = record_action.factory(self.context, row, self)
        saved = dialog.exec() == QDialog.DialogCode.Accepted
        if saved:
            self.refresh()
        return saved

    def _edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_form(row)

    # --- export ---------------------------------------------------------------------------
    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export list"), f"{self.spec.kind}-{dt.date.today():%Y%m%d}.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> Task:
        """Write every row matching the current view, off the GUI thread, with Cancel."""
        query = self.query()
        db, actor, kind = self.context.database, self.context.actor, self.spec.kind
        columns = self.model.columns()
        headers = [column.title() for column in columns]
        total = count_records(db, actor, kind, query=query)

        def rows() -> Any:
            offset = 0
            while True:
                page = list_records(db, actor, kind, query=query, offset=offset,
                                    limit=EXPORT_PAGE)
                for row in page:
                    yield [column.text(row) for column in columns]
                if len(page) < EXPORT_PAGE:
                    return
                offset += EXPORT_PAGE

        dialog = QProgressDialog(self.tr("Exporting %1…").replace("%1", path.name),
                                 self.tr("Cancel"), 0, max(total, 1), self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        task = Task(lambda progress: export_table(path, headers, rows(), total, progress))
        task.signals.progress.connect(lambda done, _total: dialog.setValue(done))
        task.signals.finished.connect(partial(self._exported, dialog, path))
        task.signals.failed.connect(partial(self._export_failed, dialog))
        dialog.canceled.connect(task.cancel)
        self._export_task = task
        return start(task)

    def _exported(self, dialog: QProgressDialog, path: Path, written: object) -> None:
        dialog.reset()
        self.export_finished.emit(str(path), int(written) if isinstance(written, int) else 0)

    def _export_failed(self, dialog: QProgressDialog, message: str) -> None:
        dialog.reset()
        QMessageBox.warning(self, self.tr("Export failed"), message)


def _day(edit: QDateEdit) -> dt.date:
    date = edit.date()
    return dt.date(date.year(), date.month(), date.day())
