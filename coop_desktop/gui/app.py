"""The GUI start-up sequence: QApplication, database check and migration, the first start of
an empty database, login, main window."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from coop_desktop import APP_ID, __version__, paths
from coop_desktop.domain.errors import DomainError
from coop_desktop.gui import crash
from coop_desktop.gui.backup_timer import BackupTimer
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.login import FirstStartDialog, LoginDialog
from coop_desktop.gui.main_window import MainWindow
from coop_desktop.gui.translation import application_name, install_translations
from coop_desktop.services.permissions import Actor
from coop_desktop.services.setup import has_cooperative
from coop_desktop.services.users import has_users
from coop_desktop.storage.database import Database
from coop_desktop.storage.migrations import prepare

BUNDLED_FONT = "fonts/wqy-microhei.ttc"


def application(language: str | None = None) -> QApplication:
    """The QApplication with our name, font and translations (``language`` from ``--lang``
    wins over the Settings choice and the system's)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_ID)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    use_bundled_font(app)
    icon = paths.resources_dir() / "icons" / "coop-desktop.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))  # every window's icon, the task bar's too
    install_translations(app, language)
    app.setApplicationDisplayName(application_name())
    return app


def use_bundled_font(app: QApplication) -> None:
    """Chinese must read on a PC without a Chinese font: register the bundled one and make
    it the application's font."""
    font_id = QFontDatabase.addApplicationFont(str(paths.resources_dir() / BUNDLED_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(families[0])
        font.setPointSize(max(app.font().pointSize(), 10))
        app.setFont(font)


def run_gui(db_url: str | None, actor: Actor | None = None,
            language: str | None = None) -> int:
    """Start the window; ``actor`` skips the login (tests and the self-test use it). Bugs
    get a crash report and dialog, hard crashes a stack dump (gui/crash.py)."""
    crash_handler = crash.install()
    try:
        return _run_gui(db_url, actor, language)
    finally:
        crash_handler.uninstall()


def _run_gui(db_url: str | None, actor: Actor | None, language: str | None) -> int:
    app = application(language)
    try:
        database = Database.open(db_url)
        prepare(database)
    except DomainError as error:
        QMessageBox.critical(None, application_name(), str(error))
        return 2
    if not has_cooperative(database):
        welcome = FirstStartDialog(database)
        if welcome.exec() != QDialog.DialogCode.Accepted:
            database.dispose()
            return 0
    if actor is None:
        if not has_users(database):
            QMessageBox.critical(None, application_name(), QApplication.translate(
                "Start", "This database has no users; add one with 'coop-desktop users add'."))
            return 2
        login = LoginDialog(database)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            database.dispose()
            return 0
        actor = login.actor
    window = MainWindow(AppContext(database, actor))
    window.show()
    backups = BackupTimer(database, paths.backups_dir(), window.statusBar(), window)
    backups.start()  # now, then daily while running, off the GUI thread
    code = app.exec()
    backups.stop()
    database.dispose()
    return int(code)
