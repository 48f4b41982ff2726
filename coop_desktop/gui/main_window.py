"""The main window: a navigation list of the cooperative's areas, one page each, a status bar
(user, database, devices) and menus with keyboard shortcuts. It remembers its size and page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from coop_desktop import __version__
from coop_desktop.domain.vocabulary import name_of
from coop_desktop.gui import details, forms
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.pages.devices_page import DevicesPage
from coop_desktop.gui.pages.home import HomePage
from coop_desktop.gui.pages.list_page import ListPage
from coop_desktop.gui.pages.packing_station import PackingStation
from coop_desktop.gui.pages.reports_page import ReportsPage
from coop_desktop.gui.pages.sensors_page import SensorsPage
from coop_desktop.gui.pages.settings import SettingsPage
from coop_desktop.gui.pages.specs import LIST_SPECS
from coop_desktop.gui.pages.trace_page import TracePage
from coop_desktop.gui.scanner import Destination, ScanDetector, ScanRouter
from coop_desktop.gui.translation import application_name
from coop_desktop.services.lookup import identify

#: The areas in the order the navigation shows them; each is a record list unless noted.
PAGE_ORDER = ("home", "members", "plots", "batches", "animals", "deliveries", "lots", "quality",
              "certifications", "shipments", "sensors", "devices", "labels", "packing", "trace",
              "reports", "audit", "settings")
#: The field a record list finds a scanned or linked record by.
FIND_BY = {"lots": "code", "labels": "serial", "animals": "ear_tag", "batches": "code",
           "members": "code", "plots": "code", "shipments": "code"}


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(application_name())
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setMaximumWidth(200)
        self.stack = QStackedWidget(self)
        # Pages are built when first shown: a start-up does not query every list.
        self.pages: dict[str, QWidget] = {}
        details.load_all()
        forms.load_all()
        for key in PAGE_ORDER:
            if key == "home":
                title = self.tr("Home")
            elif key == "trace":
                title = self.tr("Trace")
            elif key == "settings":
                title = self.tr("Settings")
            elif key == "devices":
                title = self.tr("Devices")
            elif key == "packing":
                title = self.tr("Packing station")
            elif key == "reports":
                title = self.tr("Reports")
            else:
                title = QCoreApplication.translate("Pages", LIST_SPECS[key].title)
            self.stack.addWidget(QWidget(self.stack))
            item = QListWidgetItem(title, self.navigation)
            item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.currentRowChanged.connect(self._page_chosen)
        splitter = QSplitter(self)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self._build_menus()
        self._build_status_bar()
        self._install_scanner()
        self._restore()

    # --- pages ----------------------------------------------------------------------------
    def show_page(self, key: str) -> QWidget:
        self.navigation.setCurrentRow(PAGE_ORDER.index(key))
        return self.page(key)

    def page(self, key: str) -> QWidget:
        """The page ``key``, built on first use."""
        if key not in self.pages:
            index = PAGE_ORDER.index(key)
            page: QWidget
            if key == "home":
                page = HomePage(self.context, self.stack)
            elif key == "trace":
                page = TracePage(self.context, self.stack)
            elif key == "settings":
                page = SettingsPage(self.context, self.stack)
            elif key == "devices":
                page = DevicesPage(self.context, self.stack)
            elif key == "sensors":
                page = SensorsPage(self.context, self.stack)
            elif key == "packing":
                page = PackingStation(self.context, self.stack)
            elif key == "reports":
                page = ReportsPage(self.context, self.stack)
            else:
                page = ListPage(self.context, LIST_SPECS[key], self.stack)
            page.setObjectName(f"page_{key}")
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.pages[key] = page
        return self.pages[key]

    def open_destination(self, destination: Destination) -> None:
        """Show the record a scan named: a label's lot, an animal, a batch…; an input's lot
        opens its trace."""
        match = destination.match
        if destination.page == "trace":
            trace_page = self.show_page("trace")
            assert isinstance(trace_page, TracePage)
            trace_page.trace_code(destination.code)
            return
        page_key, value = destination.page, destination.code
        if match.kind == "label" and match.lot:
            page_key, value = "lots", match.lot  # a crate's label: the lot it belongs to
        page = self.show_page(page_key)
        if isinstance(page, ListPage):
            field = FIND_BY.get(page_key, "code")
            page.select_code(field, int(value) if field == "serial" else value)

    def _install_scanner(self) -> None:
        app = QApplication.instance()
        self.scanner = ScanDetector(self)
        if app is not None:
            app.installEventFilter(self.scanner)
        context = self.context
        self.scan_router = ScanRouter(
            lambda text: identify(context.database, context.actor, text), self)
        self.scanner.scanned.connect(self.scan_router.route)
        self.scan_router.open_record.connect(self.open_destination)
        self.scan_router.unknown.connect(lambda text: self.statusBar().showMessage(
            self.tr("Nothing in the records has the code %1.").replace("%1", text), 8000))
        self.scan_router.failed.connect(
            lambda sentence: QMessageBox.warning(self, application_name(), sentence))

    def _page_chosen(self, index: int) -> None:
        if 0 <= index < len(PAGE_ORDER):
            self.stack.setCurrentWidget(self.page(PAGE_ORDER[index]))

    def current_page_key(self) -> str:
        return PAGE_ORDER[max(self.navigation.currentRow(), 0)]

    # --- chrome ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        export = QAction(self.tr("&Export list…"), self)
        export.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E))
        export.triggered.connect(self._export_current)
        file_menu.addAction(export)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for index, key in enumerate(PAGE_ORDER):
            action = QAction(self.navigation.item(index).text(), self)
            if index < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, k=key: self.show_page(k))
            go_menu.addAction(action)
        find = QAction(self.tr("&Find in list"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        go_menu.addAction(find)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Coop Desktop"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        actor = self.context.actor
        self.user_label = QLabel(self.tr("User: %1 (%2)").replace("%1", actor.username)
                                 .replace("%2", name_of(actor.role)), self)
        self.database_label = QLabel(self.tr("Database: %1").replace(
            "%1", self.context.database.describe()), self)
        self.devices_label = QLabel(self.tr("Devices: none connected"), self)
        for label in (self.user_label, self.database_label, self.devices_label):
            self.statusBar().addPermanentWidget(label)

    def _focus_search(self) -> None:
        page = self.page(self.current_page_key())
        if isinstance(page, ListPage):
            page.search.setFocus()
            page.search.selectAll()

    def _export_current(self) -> None:
        page = self.page(self.current_page_key())
        if isinstance(page, ListPage):
            page.export()

    def _about(self) -> None:
        QMessageBox.about(self, application_name(), self.tr(
            "%1 %2\nRecords, labels, trace and recall for farmers' cooperatives.")
            .replace("%1", application_name()).replace("%2", __version__))

    # --- remembering ----------------------------------------------------------------------
    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        last = str(settings.value("main_window/page", "home"))
        self.show_page(last if last in PAGE_ORDER else "home")

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages.values():
            if isinstance(page, PackingStation):
                page.stop_devices()
            elif isinstance(page, ReportsPage):
                page.cancel()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/page", self.current_page_key())
        super().closeEvent(event)
