"""The spreadsheet import dialog on a real XLSX file with Chinese column names: the mapping, the
rows as read (ID numbers masked), the row-by-row errors, and nothing written until Import —
reading, checking and writing off the GUI thread, each with Cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from coop_desktop.domain import i18n
from coop_desktop.domain.id_numbers import mask_id_number
from coop_desktop.domain.models import AuditEntry, Member, Plot
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.details.common import WARNING_BACKGROUND
from coop_desktop.gui.dialogs import import_dialog
from coop_desktop.gui.dialogs.import_dialog import ImportDialog
from coop_desktop.gui.tasks import Task
from coop_desktop.services.listing import list_records
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import audit_ok, counts, make_member, nothing_new
from tests.services.test_imports import (
    MEMBER_HEADERS,
    member_rows,
    with_wrong_check_digit,
    write_csv,
    write_xlsx,
)

WAIT_MS = 20_000


def roster(folder: Path) -> tuple[Path, list[list[Any]]]:
    """Six households under Chinese column names, three of them wrong: row 3 an ID number
    with a wrong check digit, row 5 the member code of row 3 again, row 6 no such day."""
    table = member_rows(6)
    table[1][2] = with_wrong_check_digit(table[1][2])
    table[3][0] = "M002"
    table[4][8] = "2023-02-29"
    return write_xlsx(folder / "社员名册.xlsx", [MEMBER_HEADERS, *table]), table


def opened(qtbot: QtBot, context: AppContext, path: Path, kind: str = "members"
           ) -> ImportDialog:
    dialog = ImportDialog(context, kind)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        task = dialog.load_file(path)
    assert isinstance(task, Task)
    return dialog


def press_cancel(progress: QProgressDialog) -> None:
    button = progress.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    button.click()


def error_rows(dialog: ImportDialog) -> list[int]:
    return [int(text) for text in dialog.errors.column_texts(0)]


def table_texts(dialog: ImportDialog) -> list[list[str]]:
    model = dialog.rows
    return [[model.text(row, column) for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def header(dialog: ImportDialog, column: int) -> str:
    return str(dialog.rows.headerData(column, Qt.Orientation.Horizontal))


def member_codes(db: Database) -> list[str]:
    return [row["code"] for row in list_records(db, SYSTEM, "members")]


def test_three_bad_rows_listed_and_only_the_valid_rows_imported(
        qtbot: QtBot, clerk: AppContext, tmp_path: Path) -> None:
    db = clerk.database
    path, table = roster(tmp_path)
    before = counts(db, Member, AuditEntry)
    dialog = opened(qtbot, clerk, path)

    assert dialog.pages.currentIndex() == 1
    assert "社员名册.xlsx" in dialog.file_label.text()
    # The mapping, prefilled from the Chinese column names; required fields marked.
    assert dialog.combos["code"].currentText() == "社员编号"
    assert dialog.combos["id_number"].currentText() == "身份证号码"
    assert dialog.combos["joined_on"].currentText() == "入社日期"
    assert dialog.combos["payout_account"].currentData() is None
    required = [dialog.mapping_form.labelForField(dialog.combos[name]).text()  # type: ignore[union-attr]
                for name in ("code", "name", "joined_on", "phone")]
    assert required == ["member code *", "head of household *", "joined on *", "phone"]

    # Exactly the three bad rows, each with its column and reason.
    assert error_rows(dialog) == [3, 5, 6]
    assert dialog.errors.column_texts(1) == ["身份证号码", "社员编号", "入社日期"]
    reasons = dialog.errors.column_texts(2)
    assert reasons[0] == (f"ID number {mask_id_number(table[1][2])} has a wrong check digit; "
                          "check for a typing error.")
    assert reasons[1] == "member code 'M002' appears more than once in the file (first in row 3)."
    assert reasons[2] == "joined on '2023-02-29' is not a real day of the calendar."
    assert dialog.counts.text() == "{}, {}.".format(
        dialog.tr("%n row(s) can be imported", "", 3), dialog.tr("%n have errors", "", 3))

    # The rows as read, under their row numbers, ID numbers never whole.
    shown = table_texts(dialog)
    numbers = [dialog.rows.headerData(row, Qt.Orientation.Vertical)
               for row in range(dialog.rows.rowCount())]
    assert numbers == ["2", "3", "4", "5", "6", "7"]
    assert [row[0] for row in shown] == ["M001", "M002", "M003", "M002", "M005", "M006"]
    assert [row[2] for row in shown] == [mask_id_number(row[2]) for row in table]
    everything = " ".join(" ".join(row) for row in shown)
    assert not any(row[2] in everything for row in table)
    assert header(dialog, 2) == "身份证号码\n→ ID number"
    wrong = dialog.rows.index(1, 2)
    assert "wrong check digit" in dialog.rows.data(wrong, Qt.ItemDataRole.ToolTipRole)
    assert dialog.rows.data(wrong, Qt.ItemDataRole.BackgroundRole).color() == WARNING_BACKGROUND
    assert dialog.rows.data(dialog.rows.index(0, 2), Qt.ItemDataRole.BackgroundRole) is None

    # Nothing is written until Import.
    nothing_new(db, before)
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == dialog.tr("Import the %n valid row(s)", "", 3)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.start_import()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.imported is not None and dialog.imported.skipped_rows == [3, 5, 6]
    assert member_codes(db) == ["M001", "M003", "M006"]
    assert counts(db, AuditEntry)[AuditEntry] == before[AuditEntry] + 3
    assert audit_ok(db)


def test_cancel_while_writing_writes_nothing(qtbot: QtBot, clerk: AppContext, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db = clerk.database
    path, _ = roster(tmp_path)
    dialog = opened(qtbot, clerk, path)
    before = counts(db, Member, AuditEntry)
    held: list[Task] = []
    real_start: Callable[[Task], Task] = import_dialog.start
    monkeypatch.setattr(import_dialog, "start", lambda task: held.append(task) or task)
    dialog.start_import()
    assert len(held) == 1 and dialog.progress is not None
    assert not dialog.import_button.isEnabled()
    with qtbot.assertNotEmitted(dialog.rejected):
        dialog.cancel_button.click()  # the dialog's Cancel waits for the writing to end
    press_cancel(dialog.progress)  # the progress dialog's Cancel, before a row is written
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        real_start(held[0])
    assert failed.args == ["The import was cancelled; nothing was written."]
    assert dialog.message.text() == "The import was cancelled; nothing was written."
    nothing_new(db, before)
    assert audit_ok(db)
    assert dialog.import_button.isEnabled()  # the user may still import, or close
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_the_tables_pass_the_model_tester(qtbot: QtBot, qtmodeltester: Any,
                                          clerk: AppContext, tmp_path: Path) -> None:
    path, _ = roster(tmp_path)
    dialog = opened(qtbot, clerk, path)
    qtmodeltester.check(dialog.rows)
    qtmodeltester.check(dialog.errors)


def test_cancel_closes_the_dialog_and_writes_nothing(qtbot: QtBot, clerk: AppContext,
                                                      tmp_path: Path) -> None:
    db = clerk.database
    path, _ = roster(tmp_path)
    before = counts(db, Member, AuditEntry)
    dialog = opened(qtbot, clerk, path)
    with qtbot.waitSignal(dialog.rejected, timeout=WAIT_MS):
        dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    nothing_new(db, before)
    assert member_codes(db) == []


def test_cancel_while_reading(qtbot: QtBot, clerk: AppContext, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "big.csv", [MEMBER_HEADERS, *member_rows(1500)])
    dialog = ImportDialog(clerk, "members")
    qtbot.addWidget(dialog)
    held: list[Task] = []
    real_start: Callable[[Task], Task] = import_dialog.start
    monkeypatch.setattr(import_dialog, "start", lambda task: held.append(task) or task)
    dialog.load_file(path)
    assert dialog.progress is not None
    press_cancel(dialog.progress)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS):
        real_start(held[0])
    assert dialog.pages.currentIndex() == 0
    assert dialog.choose_button.isEnabled()
    assert dialog.table is None


def test_the_preview_follows_the_mapping(qtbot: QtBot, clerk: AppContext,
                                         tmp_path: Path) -> None:
    path, table = roster(tmp_path)
    dialog = opened(qtbot, clerk, path)
    # Without the ID column the check digit no longer matters; the column stays masked.
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_column("id_number", None)
    assert error_rows(dialog) == [5, 6]
    assert dialog.import_button.text() == dialog.tr("Import the %n valid row(s)", "", 4)
    assert [row[2] for row in table_texts(dialog)] == [mask_id_number(row[2]) for row in table]
    assert header(dialog, 2) == "身份证号码\n→ not imported"

    # A required field without a column: said in a sentence, nothing checked or importable.
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_column("joined_on", None)
    assert not dialog.message.isHidden()
    assert dialog.message.text() == ("No column is chosen for joined on; an import of members "
                                     "needs them. Choose a column for each (or add them to "
                                     "the file).")
    assert dialog.counts.text() == "Choose the columns to check the rows."
    assert dialog.errors.rowCount() == 0
    assert table_texts(dialog)[0][0] == "M001"  # the rows stay in sight
    assert not dialog.import_button.isEnabled()

    # One column for two fields is refused the same way.
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_column("joined_on", "社员编号")
    assert dialog.message.text() == ("Column 社员编号 is chosen both for member code and for "
                                     "joined on; choose one column for each.")
    assert not dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_column("joined_on", "入社日期")
    assert dialog.message.isHidden()
    assert error_rows(dialog) == [5, 6]


def test_nothing_valid_cannot_be_imported(qtbot: QtBot, clerk: AppContext,
                                          tmp_path: Path) -> None:
    make_member(clerk.database, "P-OWNER")
    path = write_csv(tmp_path / "地块.csv", [
        ["地块编号", "社员编号", "面积（亩）", "土地类型"],
        ["D001", "M404", "3.5", "水浇地"],
        ["D002", "P-OWNER", "很多", "水浇地"],
    ], encoding="gbk")
    before = counts(clerk.database, Plot)
    dialog = opened(qtbot, clerk, path, "plots")
    assert error_rows(dialog) == [2, 3]
    assert dialog.counts.text() == "{}, {}.".format(
        dialog.tr("%n row(s) can be imported", "", 0), dialog.tr("%n have errors", "", 2))
    assert not dialog.import_button.isEnabled()
    assert dialog.start_import() is None
    nothing_new(clerk.database, before)


def test_a_file_that_cannot_be_read_is_explained(qtbot: QtBot, clerk: AppContext,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "旧名册.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    dialog = ImportDialog(clerk, "animals")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        dialog.load_file(path)
    assert "旧名册.xls" in failed.args[0]
    assert dialog.message.text() == failed.args[0]
    assert dialog.pages.currentIndex() == 0
    assert dialog.import_button.isHidden()


def test_errors_in_chinese(qtbot: QtBot, clerk: AppContext, tmp_path: Path) -> None:
    i18n.set_language("zh")
    path, _ = roster(tmp_path)
    dialog = opened(qtbot, clerk, path)
    assert error_rows(dialog) == [3, 5, 6]
    assert dialog.errors.column_texts(2)[1] == "社员编号 'M002' 在文件中重复出现（第 3 行已有）。"
    label = dialog.mapping_form.labelForField(dialog.combos["code"])
    assert label is not None and label.text() == "社员编号 *"  # type: ignore[attr-defined]
