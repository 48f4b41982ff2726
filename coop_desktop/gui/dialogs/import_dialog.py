"""Importing members, plots or animals from a spreadsheet (XLSX) or a CSV file.

The dialog walks the four steps of ``services.imports``: the user chooses a file, which is read
off the GUI thread (a progress dialog with Cancel); the preview page then shows which column
holds which field (a combo per field, prefilled from the column names, required fields marked;
the rows are checked again whenever the mapping changes), the first rows as read, every row's
errors with the column and the reason, and how many rows can be imported. Nothing is written
until the user presses "Import the N valid rows"; that write also runs off the GUI thread and
Cancel leaves the database as it was. The dialog is accepted once the rows are written.

Personal numbers never show whole: ID numbers (and bank accounts) are masked in the table, as
the service masks them in its sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDir,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import DomainError
from coop_desktop.domain.id_numbers import mask_id_number
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details.common import (
    NOTE_BACKGROUND,
    WARNING_BACKGROUND,
    WARNING_TEXT,
    Cell,
)
from coop_desktop.gui.tasks import Progress, Task, start
from coop_desktop.services.imports import (
    ImportKind,
    ImportPreview,
    ImportResult,
    RawTable,
    check_mapping,
    commit,
    import_fields,
    preview,
    read_table,
    suggest_mapping,
)

#: Rows of the file the preview table shows; the errors list covers every row.
PREVIEW_ROWS = 200
#: Errors the list shows one by one (a file wrong in every row would take long to list).
ERRORS_LISTED = 1_000
#: A progress dialog appears only for work that takes longer than this.
PROGRESS_DELAY_MS = 400
#: Fields whose values are personal numbers, masked in the preview table.
PERSONAL_FIELDS = ("id_number", "payout_account")
#: A cell that looks like a resident ID number (18 characters) is masked whichever column it
#: is in. Not 15 digits: the old ID numbers are gone, and ear tags have 15 digits.
_ID_LIKE = re.compile(r"^\s*\d{17}[\dXx]\s*$")
MUTED_TEXT = QColor("#888888")
_ROOT = QModelIndex()

Mapping = dict[str, int | None]


@dataclass(frozen=True)
class _FileRead:
    """What reading a file gives: its table, the suggested mapping and the rows checked
    with it (or, when the mapping is not complete, the sentence saying why not)."""

    table: RawTable
    mapping: Mapping
    checked: ImportPreview | None
    problem: str = ""


def masked(text: str) -> str:
    """An ID number (or account) as the preview shows it: enough to recognise, not to read."""
    plain = text.strip().upper()
    return mask_id_number(plain) if plain else ""


class CellTable(QAbstractTableModel):
    """A read-only table of text cells over plain rows: the rows of the file as read, or
    the errors found in them. A cell may be a warning (red on pink, bold), a note (pale
    yellow) or muted (grey: a column that is not imported)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.row_names: list[str] = []
        self.rows: list[list[Cell]] = []
        self.muted: set[int] = set()

    def set_rows(self, rows: list[list[Cell]], *, headers: list[str] | None = None,
                 row_names: list[str] | None = None, muted: set[int] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        if headers is not None:
            self.headers = headers
        self.row_names = row_names or []
        self.muted = muted or set()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row]
        return cells[column] if column < len(cells) else Cell("")

    def text(self, row: int, column: int) -> str:
        return self.cell(row, column).text

    def column_texts(self, column: int) -> list[str]:
        return [self.text(row, column) for row in range(len(self.rows))]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and cell.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.warning:
                return QBrush(WARNING_BACKGROUND)
            if cell.note:
                return QBrush(NOTE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell.warning:
                return QBrush(WARNING_TEXT)
            if index.column() in self.muted:
                return QBrush(MUTED_TEXT)
        if role == Qt.ItemDataRole.FontRole and cell.warning:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        if 0 <= section < len(self.row_names):
            return self.row_names[section]
        return str(section + 1)


def table_view(model: CellTable, parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(22)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, widest: int) -> None:
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount()):
        view.setColumnWidth(column, min(view.columnWidth(column), widest))


class ImportDialog(QDialog):
    """Import one kind of record. ``load_file`` reads a file (also what "Choose a file…"
    does), ``start_import`` writes the valid rows; ``imported`` holds what was written."""

    #: A preview is on the page (after reading a file or changing the mapping).
    preview_ready = Signal()
    #: A file could not be read, a preview or the import failed or was cancelled: the sentence.
    failed = Signal(str)

    def __init__(self, context: AppContext, kind: ImportKind | str,
                 parent: QWidget | None = None, *, choose_at_start: bool = False) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = ImportKind(kind)
        self.fields = import_fields(self.kind)
        self.choose_at_start = choose_at_start
        self.path: Path | None = None
        self.table: RawTable | None = None
        self.mapping: Mapping = {}
        self.preview: ImportPreview | None = None
        self.imported: ImportResult | None = None
        #: The work running now (reading, checking or writing), for tests to wait on.
        self.task: Task | None = None
        self._task_kind = ""  # "read", "check" or "write"
        self.progress: QProgressDialog | None = None
        self._preview_again = False
        self._writing = False

        titles = {ImportKind.MEMBERS: self.tr("Import members from a spreadsheet"),
                  ImportKind.PLOTS: self.tr("Import plots from a spreadsheet"),
                  ImportKind.ANIMALS: self.tr("Import animals from a spreadsheet")}
        self.setWindowTitle(titles[self.kind])
        self.setMinimumWidth(560)  # the preview page makes it larger
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._start_page())
        self.pages.addWidget(self._preview_page())
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"QLabel {{ color: {WARNING_TEXT.name()}; }}")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import")
        self.import_button.setEnabled(False)
        self.import_button.setAutoDefault(False)  # written only when pressed, never by Enter
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.hide()  # until there is a preview
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel")
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._mapping_timer = QTimer(self)
        self._mapping_timer.setSingleShot(True)
        self._mapping_timer.setInterval(150)  # changes made in quick succession: one check
        self._mapping_timer.timeout.connect(self.refresh_preview)

    # --- the pages --------------------------------------------------------------------------
    def _start_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(self.tr(
            "Choose an Excel workbook (.xlsx) or a CSV file (UTF-8 or GBK). Its first row names "
            "the columns. You will see which column holds what, the first rows and every row "
            "with a mistake before anything is written."), page)
        intro.setWordWrap(True)
        separator = "、" if i18n.language() == "zh" else ", "
        required = separator.join(spec.label() for spec in self.fields if spec.required)
        optional = separator.join(spec.label() for spec in self.fields if not spec.required)
        needed = QLabel(page)
        needed.setObjectName("needed_columns")
        needed.setWordWrap(True)
        needed.setTextFormat(Qt.TextFormat.PlainText)
        needed.setText(self.tr("Columns the file must have: %1.").replace("%1", required)
                       + ("\n" + self.tr("Columns it may have: %1.").replace("%1", optional)
                          if optional else ""))
        self.choose_button = QPushButton(self.tr("Choose a file…"), page)
        self.choose_button.setObjectName("choose")
        self.choose_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(needed)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget(self)
        self.file_label = QLabel(page)
        self.file_label.setObjectName("file")
        self.file_label.setWordWrap(True)
        bold = QFont(self.file_label.font())
        bold.setBold(True)
        self.file_label.setFont(bold)
        self.sheet_combo = QComboBox(page)
        self.sheet_combo.setObjectName("sheet")
        self.sheet_combo.setToolTip(self.tr("The worksheet to import"))
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.other_file = QPushButton(self.tr("Choose another file…"), page)
        self.other_file.setObjectName("choose_other")
        self.other_file.setAutoDefault(False)
        self.other_file.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.sheet_combo)
        top.addWidget(self.other_file)

        # Which column holds which field: one combo per field, required ones marked.
        self.columns_box = QGroupBox(self.tr("Columns"), page)
        self.mapping_form = QFormLayout()
        self.mapping_form.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.mapping_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.combos: dict[str, QComboBox] = {}
        bold_label = QFont(self.font())
        bold_label.setBold(True)
        for spec in self.fields:
            combo = QComboBox(self.columns_box)
            combo.setObjectName(f"column_{spec.name}")
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self._mapping_changed)
            label = QLabel(spec.label() + (" *" if spec.required else ""), self.columns_box)
            if spec.required:
                label.setFont(bold_label)
                label.setToolTip(self.tr("Required: every row needs it"))
            self.mapping_form.addRow(label, combo)
            self.combos[spec.name] = combo
        hint = QLabel(self.tr("* required"), self.columns_box)
        hint.setStyleSheet("QLabel { color: #666; }")
        box_layout = QVBoxLayout(self.columns_box)
        box_layout.addLayout(self.mapping_form)
        box_layout.addWidget(hint)
        box_layout.addStretch(1)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.columns_box)
        scroll.setMinimumWidth(300)

        self.rows_title = QLabel(page)
        self.rows = CellTable([], self)
        self.rows_table = table_view(self.rows, page, "rows")
        self.rows_table.horizontalHeader().setStretchLastSection(False)
        self.errors_title = QLabel(self.tr("Rows with errors"), page)
        self.errors = CellTable([self.tr("Row"), self.tr("Column"), self.tr("What is wrong")],
                                self)
        self.errors_table = table_view(self.errors, page, "errors")
        self.errors_table.verticalHeader().setVisible(False)
        self.errors_table.activated.connect(self._show_error_row)
        rows_part = QWidget(page)
        rows_layout = QVBoxLayout(rows_part)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        rows_layout.addWidget(self.rows_title)
        rows_layout.addWidget(self.rows_table, 1)
        errors_part = QWidget(page)
        errors_layout = QVBoxLayout(errors_part)
        errors_layout.setContentsMargins(0, 0, 0, 0)
        errors_layout.addWidget(self.errors_title)
        errors_layout.addWidget(self.errors_table, 1)
        right = QSplitter(Qt.Orientation.Vertical, page)
        right.addWidget(rows_part)
        right.addWidget(errors_part)
        right.setChildrenCollapsible(False)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

        self.counts = QLabel(page)
        self.counts.setObjectName("counts")
        counts_font = QFont(self.counts.font())
        counts_font.setBold(True)
        counts_font.setPointSize(counts_font.pointSize() + 1)
        self.counts.setFont(counts_font)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.counts)
        return page

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.choose_at_start:
            self.choose_at_start = False
            QTimer.singleShot(0, self.choose_file)  # once the dialog is on the screen

    # --- choosing and reading a file --------------------------------------------------------
    def choose_file(self) -> None:
        folder = str(self.path.parent) if self.path is not None else QDir.homePath()
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a spreadsheet"), folder,
            self.tr("Spreadsheets (*.xlsx *.csv *.txt);;Excel workbook (*.xlsx);;"
                    "CSV file (*.csv *.txt);;All files (*)"))
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path, sheet: str | None = None) -> Task:
        """Read ``path`` off the GUI thread, then check its rows with the suggested mapping
        (``preview_ready`` when shown, ``failed`` with the sentence when it cannot be read)."""
        kind, db, actor = self.kind, self.context.database, self.context.actor

        def work(progress: Progress) -> _FileRead:
            table = read_table(path, sheet=sheet, progress=progress)
            mapping: Mapping = dict(suggest_mapping(kind, table.headers))
            try:
                check_mapping(kind, table, mapping)
            except DomainError as error:  # the user maps the columns by hand
                return _FileRead(table, mapping, None, str(error))
            return _FileRead(table, mapping, preview(db, actor, kind, table, mapping,
                                                     progress=progress))

        self._show_message("")
        self.choose_button.setEnabled(False)
        self.other_file.setEnabled(False)
        task = self._run("read", work, self.tr("Reading %1…").replace("%1", path.name),
                         self._file_read, self._file_failed)
        self.path = path
        return task

    def _file_read(self, outcome: object) -> None:
        assert isinstance(outcome, _FileRead)
        table, mapping, checked, problem = (outcome.table, outcome.mapping, outcome.checked,
                                            outcome.problem)
        self._task_done()
        self.choose_button.setEnabled(True)
        self.other_file.setEnabled(True)
        self.table = table
        self.mapping = mapping
        self._fill_file_line(table)
        self._fill_combos(table, mapping)
        if self.pages.currentIndex() == 0:
            self._enlarge()
        self.pages.setCurrentIndex(1)
        self.import_button.show()
        self._show_preview(checked)
        if problem:
            self._show_message(problem)
        self.preview_ready.emit()

    def _enlarge(self) -> None:
        """Room for the preview: the mapping beside the rows and the errors."""
        self.setMinimumSize(860, 560)
        screen = self.screen().availableGeometry()
        self.resize(max(self.width(), min(1180, int(screen.width() * 0.92))),
                    max(self.height(), min(760, int(screen.height() * 0.9))))

    def _file_failed(self, message: str) -> None:
        self._task_done()
        self.choose_button.setEnabled(True)
        self.other_file.setEnabled(True)
        if self.table is not None and self.table.path != self.path:
            self.path = self.table.path  # the file on the page stays the one shown
        self._show_message(message)
        self.failed.emit(message)

    def _sheet_chosen(self, index: int) -> None:
        sheet = self.sheet_combo.itemText(index)
        if self.table is not None and sheet and sheet != self.table.sheet:
            self.load_file(self.table.path, sheet)

    def _fill_file_line(self, table: RawTable) -> None:
        if table.file_format == "xlsx":
            where = self.tr("worksheet %1").replace("%1", table.sheet or "")
        else:
            where = self.tr("text file in %1").replace("%1", (table.encoding or "").upper())
        self.file_label.setText(
            self.tr("%1 (%2): %3 rows under the column names in row %4.")
            .replace("%1", table.path.name).replace("%2", where)
            .replace("%3", f"{len(table.rows):,}").replace("%4", str(table.header_row)))
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(table.sheets)
        self.sheet_combo.setCurrentText(table.sheet or "")
        self.sheet_combo.blockSignals(False)
        self.sheet_combo.setVisible(len(table.sheets) > 1)

    def _fill_combos(self, table: RawTable, mapping: Mapping) -> None:
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("— not in the file —"), None)
            for column in range(len(table.headers)):
                combo.addItem(table.column_name(column), column)
            chosen = mapping.get(name)
            combo.setCurrentIndex(0 if chosen is None else chosen + 1)
            combo.blockSignals(False)

    # --- the mapping and the preview --------------------------------------------------------
    def current_mapping(self) -> Mapping:
        return {name: combo.currentData() for name, combo in self.combos.items()}

    def set_column(self, field: str, column_name: str | None) -> None:
        """Choose the column named ``column_name`` (None: no column) for ``field``, as the
        user does in its combo."""
        combo = self.combos[field]
        index = 0 if column_name is None else combo.findText(column_name)
        if index < 0:
            raise ValueError(f"the file has no column {column_name!r}")
        combo.setCurrentIndex(index)

    def _mapping_changed(self) -> None:
        self._mapping_timer.start()

    def refresh_preview(self) -> Task | None:
        """Check the rows again with the mapping the combos show. A mapping that leaves out
        a required field, or uses a column twice, is explained and nothing is checked."""
        self._mapping_timer.stop()
        if self.table is None or self._task_kind in ("read", "write"):
            return None  # a new file brings its own mapping; a written file needs none
        self.mapping = self.current_mapping()
        if self.task is not None:  # a check is running: it is cancelled, then done again
            self.task.cancel()
            self._preview_again = True
            return self.task
        self._fill_rows(self.table, None)
        try:
            check_mapping(self.kind, self.table, self.mapping)
        except DomainError as error:
            self._show_preview(None)
            self._show_message(str(error))
            self.preview_ready.emit()
            return None
        self._show_message("")
        self.import_button.setEnabled(False)  # until the rows are checked with this mapping
        table, mapping = self.table, dict(self.mapping)
        kind, db, actor = self.kind, self.context.database, self.context.actor
        return self._run(
            "check", lambda progress: preview(db, actor, kind, table, mapping, progress=progress),
            self.tr("Checking %1 rows…").replace("%1", f"{len(table.rows):,}"),
            self._previewed, self._preview_failed)

    def _previewed(self, checked: object) -> None:
        self._task_done()
        if self._preview_again:
            self._preview_again = False
            self.refresh_preview()
            return
        assert isinstance(checked, ImportPreview)
        self._show_preview(checked)
        self.preview_ready.emit()

    def _preview_failed(self, message: str) -> None:
        self._task_done()
        if self._preview_again:
            self._preview_again = False
            self.refresh_preview()
            return
        self._show_preview(None)
        self._show_message(message)
        self.failed.emit(message)

    def _show_preview(self, checked: ImportPreview | None) -> None:
        self.preview = checked
        assert self.table is not None
        self._fill_rows(self.table, checked)
        errors = checked.errors if checked is not None else []
        self.errors.set_rows(
            [[Cell(str(error.row), numeric=True), Cell(error.column or ""),
              Cell(error.message, tooltip=error.message)] for error in errors[:ERRORS_LISTED]])
        fit_columns(self.errors_table, 160)  # a sentence too long to read shows as a tooltip
        if len(errors) > ERRORS_LISTED:
            self.errors_title.setText(self.tr("Rows with errors (the first %1 of %2 errors "
                                              "are listed)").replace(
                "%1", f"{ERRORS_LISTED:,}").replace("%2", f"{len(errors):,}"))
        else:
            self.errors_title.setText(self.tr("Rows with errors"))
        valid = len(checked.valid) if checked is not None else 0
        wrong = len(checked.error_rows) if checked is not None else 0
        if checked is None:
            self.counts.setText(self.tr("Choose the columns to check the rows."))
        else:
            self.counts.setText(self.tr("%1, %2.").replace(
                "%1", self.tr("%n row(s) can be imported", "", valid)).replace(
                "%2", self.tr("%n have errors", "", wrong)))
        self.import_button.setText(self.tr("Import the %n valid row(s)", "", valid))
        self.import_button.setEnabled(valid > 0 and not self._writing)

    def _fill_rows(self, table: RawTable, checked: ImportPreview | None) -> None:
        shown = table.rows[:PREVIEW_ROWS]
        width = len(table.headers)
        labels = {spec.name: spec.label() for spec in self.fields}
        field_of = {column: name for name, column in self.mapping.items() if column is not None}
        personal = {column for name, column in self.mapping.items()
                    if name in PERSONAL_FIELDS and column is not None}
        headers = []
        for column in range(width):
            name = field_of.get(column)
            into = labels[name] if name is not None else self.tr("not imported")
            headers.append(f"{table.column_name(column)}\n→ {into}")
        wrong: dict[int, dict[int | None, list[str]]] = {}
        if checked is not None:
            for error in checked.errors:
                at = checked.mapping.get(error.field) if error.field else None
                wrong.setdefault(error.row, {}).setdefault(at, []).append(error.message)
        cells: list[list[Cell]] = []
        for row in shown:
            problems = wrong.get(row.number)
            line = []
            for column in range(width):
                text = row.value(column)
                if text and (column in personal or _ID_LIKE.match(text)):
                    text = masked(text)
                messages = problems.get(column) if problems is not None else None
                line.append(Cell(text, warning=bool(messages), note=problems is not None,
                                 tooltip="\n".join(messages or ())))
            cells.append(line)
        self.rows.set_rows(cells, headers=headers, row_names=[str(row.number) for row in shown],
                           muted=set(range(width)) - set(field_of))
        fit_columns(self.rows_table, 220)
        if len(table.rows) > PREVIEW_ROWS:
            self.rows_title.setText(self.tr("The first %1 of %2 rows, as read from the file")
                                    .replace("%1", str(PREVIEW_ROWS))
                                    .replace("%2", f"{len(table.rows):,}"))
        else:
            self.rows_title.setText(self.tr("The rows as read from the file"))

    def _show_error_row(self, activated: QModelIndex) -> None:
        """Double-clicking an error shows its row in the table above, when it is there."""
        number = self.errors.text(activated.row(), 0)
        if number in self.rows.row_names:
            index = self.rows.row_names.index(number)
            self.rows_table.selectRow(index)
            self.rows_table.scrollTo(self.rows.index(index, 0))

    # --- writing ----------------------------------------------------------------------------
    def start_import(self) -> Task | None:
        """Write the valid rows off the GUI thread; the dialog is accepted once they are."""
        checked = self.preview
        if checked is None or not checked.valid or self.task is not None or self._writing:
            return None
        self._writing = True
        self._show_message("")
        self.import_button.setEnabled(False)
        self.columns_box.setEnabled(False)
        self.other_file.setEnabled(False)
        self.sheet_combo.setEnabled(False)
        kind, db, actor = self.kind, self.context.database, self.context.actor
        return self._run(
            "write", lambda progress: commit(db, actor, kind, checked, progress=progress),
            self.tr("Importing %1 rows…").replace("%1", f"{len(checked.valid):,}"),
            self._imported, self._import_failed)

    def _imported(self, result: object) -> None:
        self._task_done()
        self._writing = False
        assert isinstance(result, ImportResult)
        self.imported = result
        self.accept()

    def _import_failed(self, message: str) -> None:
        self._task_done()
        self._writing = False
        self.columns_box.setEnabled(True)
        self.other_file.setEnabled(True)
        self.sheet_combo.setEnabled(True)
        self.import_button.setEnabled(self.preview is not None and bool(self.preview.valid))
        self._show_message(message)
        self.failed.emit(message)

    def reject(self) -> None:
        """Cancel closes the dialog, except while rows are being written: that is cancelled
        through its progress dialog, so that the user sees it end."""
        if self._writing:
            return
        if self.task is not None:
            self.task.cancel()
        super().reject()

    # --- running work -------------------------------------------------------------------------
    def _run(self, kind: str, function: Callable[[Progress], Any], text: str,
             finished: Callable[[object], None], failed: Callable[[str], None]) -> Task:
        task = Task(function)
        progress = QProgressDialog(text, self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.windowTitle())
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_DELAY_MS)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        progress.canceled.connect(task.cancel)
        task.signals.progress.connect(self._progressed)
        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        self.task = task
        self._task_kind = kind
        self.progress = progress
        return start(task)

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 0))
            self.progress.setValue(min(done, total) if total else 0)

    def _task_done(self) -> None:
        self.task = None
        self._task_kind = ""
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.canceled.disconnect()
            progress.reset()
            progress.hide()
            progress.deleteLater()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

