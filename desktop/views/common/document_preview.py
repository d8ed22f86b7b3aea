"""Printed documents on screen: the PDF preview, the system print dialog, saving a copy.

`preview_document` makes the PDF off the GUI thread into a temporary folder, shows a document
error as a message (never a traceback), and opens `DocumentPreviewDialog.ask`, the one seam a
test patches. Printing renders each PDF page at the printer's resolution onto the whole A4
sheet: the PDF carries its own GB/T 9704 margins, so nothing is scaled or shifted.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMargins,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QShortcut,
)
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.files import atomic_path
from desktop.views.common import remember
from desktop.views.common.background import TaskState, run_with_progress
from desktop.views.common.icons import icon

log = logging.getLogger(__name__)

# Writes the document to the given path and returns the path written.
Render = Callable[[Path], Path]
# Printer drivers offer up to 2400 dpi; beyond 1200 the paper shows no difference.
MAX_PRINT_DPI = 1200
# Pages are rendered in bands this tall, so a 1200 dpi A4 page never needs a 500 MB image.
BAND_PIXELS = 1024


class _Cancelled(Exception):
    """The user cancelled while the document was being made."""


class DocumentPreviewDialog(QDialog):
    """A generated PDF: pages, zoom, 打印…, 另存为… (PDF, or Word when it has an exporter)."""

    printed = Signal(int)
    saved = Signal(str)

    def __init__(
        self,
        pdf: Path,
        *,
        title: str,
        file_stem: str,
        docx_export: Render | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf_path = Path(pdf)
        self.file_stem = file_stem
        self.docx_export = docx_export
        self.setWindowTitle(self.tr("Print preview: %1").replace("%1", title))
        # Fit to width, a page at this size shows at about its printed size on a 96 dpi screen.
        self.resize(880, 700)

        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(16, 16, 16, 16))
        # White pages on a grey desk, as in every PDF reader: the page edges show.
        desk = self.view.palette()
        desk.setColor(QPalette.ColorRole.Dark, QColor("#8a8f98"))
        self.view.setPalette(desk)

        self.previous_button = QPushButton(icon("page_previous"), "")
        self.previous_button.setToolTip(self.tr("Previous page"))
        self.next_button = QPushButton(icon("page_next"), "")
        self.next_button.setToolTip(self.tr("Next page"))
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, max(self.page_count(), 1))
        self.page_spin.setPrefix(self.tr("Page "))
        self.page_count_label = QLabel(self.tr("of %1").replace("%1", str(self.page_count())))
        self.zoom_combo = QComboBox()
        self.zoom_combo.addItem(self.tr("Fit width"), "width")
        self.zoom_combo.addItem(self.tr("Whole page"), "page")
        for percent in (75, 100, 150):
            self.zoom_combo.addItem(f"{percent}%", percent)

        self.print_button = QPushButton(icon("print", color="#ffffff"), self.tr("Print…"))
        self.print_button.setObjectName("primaryButton")
        self.print_button.setToolTip("Ctrl+P")
        self.save_button = QPushButton(icon("save_copy"), self.tr("Save as…"))
        self.close_button = QPushButton(self.tr("Close"))

        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_count_label)
        bar.addWidget(self.next_button)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Zoom:")))
        bar.addWidget(self.zoom_combo)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        # A4 portrait on the whole sheet: the PDF already holds the official margins.
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        self.printer.setFullPage(True)
        self.printer.setDocName(title)
        self.printer.setCreator("Yishi")

        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page_spin.valueChanged.connect(self._on_page_spin_changed)
        self.view.pageNavigator().currentPageChanged.connect(self._on_current_page_changed)
        self.zoom_combo.currentIndexChanged.connect(self._on_zoom_changed)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_copy)
        self.close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_copy)
        self._update_buttons()
        self.print_button.setDefault(True)
        self.print_button.setFocus()

    # Pages and zoom ------------------------------------------------------------------------
    def page_count(self) -> int:
        return max(self.document.pageCount(), 0)

    def current_page(self) -> int:
        """The page in view, 0-based."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count():
            navigator = self.view.pageNavigator()
            navigator.jump(page, QPointF(), navigator.currentZoom())

    def _on_page_spin_changed(self, value: int) -> None:
        if value - 1 != self.current_page():
            self.go_to_page(value - 1)

    def _on_current_page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.current_page()
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_count() - 1)
        self.print_button.setEnabled(self.page_count() > 0)

    def _on_zoom_changed(self, _index: int) -> None:
        choice = self.zoom_combo.currentData()
        if choice == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif choice == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(int(choice) / 100)

    # Printing ------------------------------------------------------------------------------
    def print_document(self) -> bool:
        """Ask the system print dialog, then print; True when pages went to the printer."""
        count = self.page_count()
        if count == 0:
            return False
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        dialog.setMinMax(1, count)
        dialog.setFromTo(1, count)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        finally:
            dialog.deleteLater()
        # A long ledger at 600 dpi takes seconds: painted on the worker (Qt paints on a
        # QPrinter from any thread), page by page, while the window stays alive.
        printer = self.printer
        result = run_with_progress(
            lambda progress, cancelled: self.print_to(
                printer, progress=progress, cancelled=cancelled
            ),
            parent=self,
            title=self.tr("Print"),
            label=self.tr("Sending the pages to the printer…"),
        )
        if result.state is TaskState.CANCELLED:
            return False
        if result.error is not None:
            raise result.error
        printed = int(result.value)
        if printed == 0:
            QMessageBox.warning(
                self,
                self.tr("Cannot print"),
                self.tr("The printer could not be started. Check that it is on and connected."),
            )
            return False
        self.printed.emit(printed)
        return True

    def _page_range(self, printer: QPrinter) -> range:
        count = self.page_count()
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            last = printer.toPage() if printer.toPage() > 0 else count
            return range(printer.fromPage() - 1, min(last, count))
        return range(count)

    def print_to(
        self,
        printer: QPrinter,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Paint the pages on `printer` at its resolution, from the sheet's corner; pages done.

        `progress(done, total)` hears of each page; once `cancelled()` the job is aborted."""
        printer.setFullPage(True)
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        # Device pixels per PDF point: the painter draws in the printer's own pixels.
        device_scale = printer.resolution() / 72
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        done = 0
        pages = self._page_range(printer)
        try:
            for page in pages:
                if cancelled is not None and cancelled():
                    printer.abort()
                    raise _Cancelled
                if progress is not None:
                    progress(done, len(pages))
                if done:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                scale = device_scale * 72 / dpi  # device pixels per rendered pixel
                for top in range(0, pixels.height(), BAND_PIXELS):
                    height = min(BAND_PIXELS, pixels.height() - top)
                    options = QPdfDocumentRenderOptions()
                    options.setScaledSize(pixels)
                    options.setScaledClipRect(QRect(0, top, pixels.width(), height))
                    band = self.document.render(page, QSize(pixels.width(), height), options)
                    target = QRectF(0, top * scale, pixels.width() * scale, height * scale)
                    painter.drawImage(target, band)
                done += 1
        finally:
            painter.end()
        return done

    # Saving a copy -------------------------------------------------------------------------
    def _ask_save_path(self) -> Path | None:
        """The file the user chose (its suffix picks the format), or None when cancelled."""
        pdf_filter = self.tr("PDF document (*.pdf)")
        filters = [pdf_filter]
        docx_filter = self.tr("Word document (*.docx)")
        if self.docx_export is not None:
            filters.append(docx_filter)
        # Opens in the folder the user last saved a document to.
        name, chosen = remember.save_file_name(
            self, self.tr("Save a copy"), f"{self.file_stem}.pdf", ";;".join(filters)
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in {".pdf", ".docx"}:
            path = path.with_name(path.name + (".docx" if chosen == docx_filter else ".pdf"))
        return path

    def save_copy(self) -> Path | None:
        """Save the PDF, or the Word version when the name ends in .docx; the path saved."""
        path = self._ask_save_path()
        if path is None:
            return None
        docx = path.suffix.lower() == ".docx"
        if docx and self.docx_export is None:
            QMessageBox.warning(
                self, self.tr("Cannot save"), self.tr("This document can only be saved as PDF.")
            )
            return None
        export, source = self.docx_export, self.pdf_path

        def work(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> None:
            # Written atomically: once started the file is saved whole, cancel or not.
            if docx and export is not None:
                export(path)
            else:
                _copy_atomically(source, path)

        result = run_with_progress(
            work,
            parent=self,
            title=self.tr("Save a copy"),
            label=self.tr("Saving %1…").replace("%1", path.name),
        )
        error = result.error
        if isinstance(error, UserError):
            QMessageBox.warning(self, self.tr("Cannot save"), str(error))
            return None
        if isinstance(error, OSError):
            QMessageBox.warning(
                self,
                self.tr("Cannot save"),
                self.tr("Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error)),
            )
            return None
        if error is not None:
            raise error
        self.saved.emit(str(path))
        return path

    def done(self, result: int) -> None:
        # Release the file, so its temporary folder can be removed (Windows keeps it locked).
        self.document.close()
        super().done(result)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        pdf: Path,
        title: str,
        file_stem: str,
        docx_export: Render | None = None,
    ) -> None:
        """Show the preview until the user closes it."""
        dialog = cls(pdf, title=title, file_stem=file_stem, docx_export=docx_export, parent=parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


def _copy_atomically(source: Path, target: Path) -> None:
    """A failed copy leaves no half file behind (desktop.files)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as part:
        shutil.copyfile(source, part)


def safe_file_stem(text: str) -> str:
    """`text` as a file name on every system: no characters Windows forbids, no spaces."""
    cleaned = "".join("_" if char in '<>:"/\\|?*' or ord(char) < 32 else char for char in text)
    return "_".join(cleaned.split()).strip("._") or "document"


def show_document_error(parent: QWidget | None, error: BaseException | None) -> None:
    """A document that could not be made, in words: the core's message, never a traceback."""
    if isinstance(error, UserError):
        text = str(error)
    else:
        log.error("document failed", exc_info=error)
        text = QCoreApplication.translate(
            "DocumentPreviewDialog", "The document could not be made: %1"
        ).replace("%1", str(error))
    QMessageBox.warning(
        parent, QCoreApplication.translate("DocumentPreviewDialog", "Cannot print"), text
    )


def preview_document(
    parent: QWidget | None,
    *,
    title: str,
    file_stem: str,
    render: Render,
    docx_export: Render | None = None,
) -> bool:
    """Make the PDF (off the GUI thread) in a temporary folder and preview it; False when it
    could not be made or the user cancelled."""
    with tempfile.TemporaryDirectory(prefix="yishi-print-", ignore_cleanup_errors=True) as folder:
        target = Path(folder) / f"{file_stem}.pdf"

        def work(_progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Path:
            path = render(target)
            if cancelled():
                raise _Cancelled
            return path

        result = run_with_progress(
            work,
            parent=parent,
            title=QCoreApplication.translate("DocumentPreviewDialog", "Preparing the document"),
            label=QCoreApplication.translate("DocumentPreviewDialog", "Preparing %1…").replace(
                "%1", title
            ),
        )
        if result.state is TaskState.CANCELLED:
            return False
        if result.state is TaskState.FAILED:
            show_document_error(parent, result.error)
            return False
        DocumentPreviewDialog.ask(
            parent, pdf=result.value, title=title, file_stem=file_stem, docx_export=docx_export
        )
        return True
