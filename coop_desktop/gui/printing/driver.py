"""Printing label images through a printer's driver: QPrinter, full page, no margins, the image
drawn unscaled at the printer's own resolution (labels-and-printing.md §5.5).

The label is laid out at the resolution the driver reports, so QR modules and bars stay whole
device dots; a driver that reports another resolution than the layout's is refused rather than
scaled (scaling is what makes barcodes unreadable).
"""

from __future__ import annotations

from PIL.ImageQt import ImageQt
from PySide6.QtCore import QPointF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from coop_desktop.labels.layout import Layout
from coop_desktop.labels.printers import PrinterError
from coop_desktop.labels.raster import render


def label_image(layout: Layout) -> QImage:
    """The label as a QImage of its exact dots (for the preview and the driver)."""
    image = render(layout).convert("L")
    qimage = QImage(ImageQt(image)).copy()  # own the pixels: the Pillow image goes away
    dots_per_metre = round(layout.dpi / 0.0254)
    qimage.setDotsPerMeterX(dots_per_metre)
    qimage.setDotsPerMeterY(dots_per_metre)
    return qimage


def available_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


def open_driver_printer(name: str) -> QPrinter:
    """The printer, or PrinterError (before any serial is taken) when it is not installed."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        raise PrinterError("printer.offline", field="printer", printer=name,
                           reason="not installed on this PC")
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def paint_labels(printer: QPrinter, layouts: list[Layout]) -> None:
    """One page per label, each the label's own size, the image drawn 1:1."""
    if not layouts:
        return
    first = layouts[0]
    size = QPageSize(QSizeF(first.width_mm, first.height_mm), QPageSize.Unit.Millimeter,
                     f"Label {first.width_mm:g}x{first.height_mm:g}",
                     QPageSize.SizeMatchPolicy.ExactMatch)
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait,
                                      printer.pageLayout().margins()))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError("printer.failed", field="printer", printer=printer.printerName(),
                           reason="the driver refused the job")
    try:
        scale = printer.resolution() / first.dpi
        for index, layout in enumerate(layouts):
            if index:
                printer.newPage()
            painter.save()
            painter.scale(scale, scale)  # 1.0 when the layout was made at the driver's dpi
            painter.drawImage(QPointF(0, 0), label_image(layout))
            painter.restore()
    finally:
        painter.end()
