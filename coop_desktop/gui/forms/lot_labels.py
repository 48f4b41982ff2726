"""Print a lot's labels: choose the template, the count and a printer of this PC (or a PDF or
PNG file), see the label as it will print, and print.

The preview is the label itself at the printer's resolution, with the next free serial (not
taken until Print). A lot that must get no label says why before anything is printed; a manager
sees a field for the written reason that lets it through (audited).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from coop_desktop.domain import i18n
from coop_desktop.domain.errors import DomainError, ValidationError
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import action
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.i18n import QT_TRANSLATE_NOOP
from coop_desktop.gui.printing.driver import label_image
from coop_desktop.gui.printing.printers_box import destination_for
from coop_desktop.gui.printing.profiles import PrinterProfile, load_profiles
from coop_desktop.gui.widgets.validation import Invalid
from coop_desktop.labels.layout import Layout
from coop_desktop.labels.template import available_templates, load_template
from coop_desktop.services.label_printing import (
    DEFAULT_TEMPLATE,
    Destination,
    IssuedLabels,
    LabelRequest,
    OutputFormat,
    issue_labels,
    preview_label,
)
from coop_desktop.services.labels import MAX_LABELS_PER_RUN
from coop_desktop.services.permissions import Permission

PDF_FILE = "__pdf__"
PNG_FILES = "__png__"
PREVIEW_WIDTH = 420


class PrintLabelsForm(FormDialog):
    def __init__(self, context: AppContext, lot_id: int, parent: QWidget | None = None, *,
                 profiles: list[PrinterProfile] | None = None) -> None:
        super().__init__(context, parent)
        self.lot_id = lot_id
        self.issued: IssuedLabels | None = None
        self.profiles = {p.name: p for p in (profiles if profiles is not None
                                             else load_profiles())}
        self.setWindowTitle(self.tr("Print labels"))
        form = self.new_form()
        self.template = QComboBox(self)
        for name in available_templates():
            template = load_template(name)
            title = template.title_zh if i18n.language() == "zh" else template.title
            self.template.addItem(title, name)
        self.template.setCurrentIndex(max(0, self.template.findData(DEFAULT_TEMPLATE)))
        self.add_field(form, "template", self.tr("Template"), self.template, self._check_lot)
        self.count = QSpinBox(self)
        self.count.setRange(1, MAX_LABELS_PER_RUN)
        self.add_field(form, "count", self.tr("Labels"), self.count)
        self.destination = QComboBox(self)
        for name in self.profiles:
            self.destination.addItem(name, name)
        self.destination.addItem(self.tr("PDF file"), PDF_FILE)
        self.destination.addItem(self.tr("PNG images"), PNG_FILES)
        self.add_field(form, "printer", self.tr("Printer"), self.destination)
        self.file = QLineEdit(self)
        self.file.setObjectName("file")
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        file_row = QWidget(self)
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.add_field(form, "out", self.tr("File"), self.file, self._check_file,
                       shown=file_row)
        self.reason = QLineEdit(self)
        self.add_field(form, "override_reason", self.tr("Reason to print anyway"), self.reason,
                       self._check_reason)
        self._form = form
        self.refusal = QLabel(self)
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #b71c1c;")
        self.body.addWidget(self.refusal)
        self.preview = QLabel(self)
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(200)
        self.preview.setStyleSheet("background: #eceff1; padding: 8px;")
        self.body.addWidget(self.preview, 1)
        self.save_button.setText(self.tr("Print"))
        self.preview_layout: Layout | None = None
        self._may_override = False
        self._refused = False
        self.template.currentIndexChanged.connect(self._refresh)
        self.destination.currentIndexChanged.connect(self._refresh)
        self._refresh()
        self.start()

    # --- what is chosen ------------------------------------------------------------------
    def _chosen_destination(self) -> str:
        return str(self.destination.currentData())

    def _profile(self) -> PrinterProfile | None:
        return self.profiles.get(self._chosen_destination())

    def _dpi(self) -> int:
        profile = self._profile()
        if profile is not None:
            return profile.dpi
        return 600 if self._chosen_destination() == PDF_FILE else 203

    def _browse(self) -> None:
        pdf = self._chosen_destination() == PDF_FILE
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save labels"), self.file.text(),
            self.tr("PDF (*.pdf)") if pdf else self.tr("PNG images (*.png)"))
        if path:
            self.file.setText(path)

    def _check_file(self) -> None:
        if self._profile() is None and not self.file.text().strip():
            raise ValidationError("value.required", field="out")

    def _check_lot(self) -> None:
        if self._refused and not self._may_override:
            raise Invalid(self.tr("This lot gets no label (see below)."))

    def _check_reason(self) -> None:
        if self._refused and self._may_override and not self.reason.text().strip():
            raise Invalid(self.tr("Write why the labels are printed anyway; it is recorded."))

    # --- preview -------------------------------------------------------------------------
    def _refresh(self) -> None:
        files = self._profile() is None
        self.set_row_visible(self._form, "out", files)
        try:
            preview = preview_label(self.context.database, self.context.actor, self.lot_id,
                                    str(self.template.currentData()), dpi=self._dpi())
        except DomainError as error:
            self.preview_layout = None
            self.preview.clear()
            self.refusal.setText(str(error))
            self._refused = True
            self._may_override = False
        else:
            self.preview_layout = preview.layout
            image = label_image(preview.layout)
            pixmap = QPixmap.fromImage(image)
            if pixmap.width() > PREVIEW_WIDTH:
                pixmap = pixmap.scaledToWidth(PREVIEW_WIDTH,
                                              Qt.TransformationMode.SmoothTransformation)
            self.preview.setPixmap(pixmap)
            self._refused = preview.refusal is not None
            self._may_override = preview.may_override
            self.refusal.setText(preview.refusal or "")
        self.refusal.setVisible(bool(self.refusal.text()))
        self.set_row_visible(self._form, "override_reason", self._refused and self._may_override)
        self.checker.run()

    # --- printing ------------------------------------------------------------------------
    def _destination(self) -> Destination:
        profile = self._profile()
        if profile is not None:
            return destination_for(profile)
        pdf = self._chosen_destination() == PDF_FILE
        return Destination(OutputFormat.PDF if pdf else OutputFormat.PNG,
                           out=Path(self.file.text().strip()), dpi=self._dpi())

    def submit(self) -> int | None:
        reason = self.reason.text().strip() or None
        self.issued = issue_labels(
            self.context.database, self.context.actor,
            LabelRequest(self.lot_id, self.count.value(), str(self.template.currentData()),
                         override_reason=reason),
            self._destination())
        return self.lot_id


def _lot_id(row: dict[str, object] | None) -> int:
    assert row is not None, "the list passes the selected lot"
    return int(str(row["id"]))


@action("lots", QT_TRANSLATE_NOOP("Actions", "Print labels…"), Permission.PRINT_LABELS,
        order=60)
def print_labels(context: AppContext, row: dict[str, object] | None,
                 parent: QWidget) -> PrintLabelsForm:
    return PrintLabelsForm(context, _lot_id(row), parent)

