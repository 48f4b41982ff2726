"""The GUI start-up sequence: QApplication, database check and migration, first-start demo
data, main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from coop_desktop import APP_ID, APP_NAME, __version__
from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.main_window import MainWindow
from coop_desktop.services.demo import load_demo
from coop_desktop.services.setup import has_cooperative
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import prepare


def run_gui(db_url: str | None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    try:
        database = Database.open(db_url)
        prepare(database)
        if not has_cooperative(database):
            # The first start shows a working cooperative to explore (a few seconds).
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                load_demo(database)
            finally:
                QApplication.restoreOverrideCursor()
    except DomainError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 2
    window = MainWindow(database)
    window.show()
    code = app.exec()
    database.dispose()
    return int(code)
