"""Attach a document to a certificate: its scan, the certifier's letter, an annex. The dossier's
bundle carries it and lists its SHA-256."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from coop_desktop.domain.errors import ValidationError
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import action
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.services.certifications import attach_document
from coop_desktop.services.permissions import Permission
from coop_desktop.services.quality import AttachmentInput


class DocumentForm(FormDialog):
    def __init__(self, context: AppContext, certification_id: int, number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.certification_id = certification_id
        self.setWindowTitle(self.tr("Attach a document"))
        self.header(self.tr("Certificate %1").replace("%1", number))
        form = self.new_form()
        self.file = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.file, 1)
        line.addWidget(browse)
        self.add_field(form, "document", self.tr("File"), self.file, self._check_file,
                       shown=row)
        self.description = QLineEdit(self)
        self.description.setPlaceholderText(self.tr("Certificate scan, certifier's letter…"))
        self.add_field(form, "description", self.tr("Description"), self.description)
        self.save_button.setText(self.tr("Attach"))
        self.start()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the document"), "",
            self.tr("Documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"))
        if path:
            self.file.setText(path)

    def _path(self) -> Path:
        return Path(self.file.text().strip())

    def _check_file(self) -> None:
        if not self.file.text().strip():
            raise ValidationError("value.required", field="document")
        if not self._path().is_file():
            raise ValidationError("not_found", field="document", entity="file",
                                  value=self.file.text().strip())

    def submit(self) -> int | None:
        path = self._path()
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return attach_document(self.context.database, self.context.actor,
                               self.certification_id,
                               AttachmentInput(path.name, path.read_bytes(), media,
                                               self.description.text().strip()))


@action("certifications", QT_TRANSLATE_NOOP("Actions", "Attach a document…"),
        Permission.MANAGE_CERTIFICATIONS, order=20)
def attach(context: AppContext, row: dict[str, Any] | None, parent: QWidget) -> QDialog:
    assert row is not None, "the list passes the selected certificate"
    return DocumentForm(context, int(row["id"]), str(row.get("number", "")), parent)
