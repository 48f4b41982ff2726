""""Page x of y" on every page of a reportlab document (the NumberedCanvas recipe of
labels-and-printing.md §8.5): the canvas keeps each page's state and draws every footer once
the number of pages is known."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from coop_desktop.labels.pdf import FONT_NAME


def numbered_canvas(footer: Callable[[int, int], str], right: float,
                    bottom: float) -> type[Canvas]:
    """A canvas class for ``build(..., canvasmaker=…)`` that draws ``footer(page, pages)``
    right-aligned at (``right``, ``bottom``) points."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT_NAME, 8)
                self.drawRightString(right, bottom, footer(self._pageNumber, count))
                super().showPage()
            super().save()

    return NumberedCanvas
