"""The public traceability site on the Settings page: one button writes it into the data
folder's reports, ready to upload to the cooperative's traceability address."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from coop_desktop import paths
from coop_desktop.domain.errors import DomainError
from coop_desktop.gui.context import AppContext
from coop_desktop.reports.public_site import write_site
from coop_desktop.services.publishing import gather_site


class PublishBox(QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setTitle(self.tr("Public traceability pages"))
        explain = QLabel(self.tr(
            "A page for every lot, in Chinese and English, at the addresses the labels' QR "
            "codes use. Upload the folder to the cooperative's traceability address."), self)
        explain.setWordWrap(True)
        self.button = QPushButton(self.tr("Write the pages"), self)
        self.button.setObjectName("publish")
        self.status = QLabel(self)
        self.status.setObjectName("publish_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(lambda link: QDesktopServices.openUrl(QUrl(link)))
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        self.button.clicked.connect(self.publish)

    def publish(self) -> int:
        folder = paths.reports_dir() / "site"
        try:
            site = gather_site(self.context.database, self.context.actor)
            pages = write_site(site, folder)
        except (DomainError, OSError) as error:
            self.status.setText(html.escape(str(error)))
            return 0
        address = QUrl.fromLocalFile(str(folder)).toString()
        link = f'<a href="{address}">{html.escape(str(folder))}</a>'
        self.status.setText(html.escape(
            self.tr("%1 pages for %2 lots written; upload them to %3.")
            .replace("%1", str(pages)).replace("%2", str(len(site.lots)))
            .replace("%3", site.base_url or self.tr("the traceability address"))) + "<br>" + link)
        return pages
