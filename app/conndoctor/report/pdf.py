"""The help-desk PDF: A4, the person's language, the bundled font embedded as a subset.

Qt lays out the HTML of `layout` and `appendix` with QTextDocument and writes it with
QPdfWriter (no second PDF library). Pages are drawn one by one so every page carries a footer
with the reference code and the page number; text stays real text (searchable, copyable).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from conndoctor import __version__
from conndoctor.core.engine.config import OrgConfig
from conndoctor.core.engine.model import Message
from conndoctor.core.engine.run_report import Report
from conndoctor.core.engine.session import FixAttempt
from conndoctor.core.knowledge.i18n import Lang, text
from conndoctor.report.appendix import appendix
from conndoctor.report.document import report_document
from conndoctor.report.export import ReportWriteError, prefer_offscreen_qt, safe_write
from conndoctor.report.fonts import technical_family, ui_font, without_ligatures
from conndoctor.report.layout import INK, MUTED, main_pages

RESOLUTION_DPI = 96
"""CSS pixels in the HTML are 1/96 inch, as in a browser; text and lines stay vectors anyway."""
MARGINS_MM = QMarginsF(16, 14, 16, 12)
FOOTER_PX = 26.0
BODY_POINT_SIZE = 9.0

_application: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """Fonts and PDF output need a QGuiApplication; create one (offscreen if headless) if none."""
    global _application
    if QGuiApplication.instance() is not None:
        return
    prefer_offscreen_qt()
    _application = QGuiApplication([os.environ.get("CONNDOCTOR_ARGV0", "conndoctor")])


def report_html(document: Mapping[str, Any], lang: Lang) -> str:
    body = main_pages(document, lang) + appendix(document, lang)
    return f'<html><body style="color:{INK};">{body}</body></html>'


def _footer(
    painter: QPainter,
    width: float,
    top: float,
    document: Mapping[str, Any],
    lang: Lang,
    page: int,
    pages: int,
) -> None:
    painter.save()
    painter.setPen(QPen(QColor(MUTED), 0.6))
    painter.drawLine(0, int(top + 4), int(width), int(top + 4))
    font: QFont = without_ligatures(ui_font(7.5))
    painter.setFont(font)
    box = QRectF(0, top + 7, width, FOOTER_PX - 7)
    left = f"{text('report.product', lang)} {__version__} · {document.get('reference', '')}"
    painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), left)
    page_text = text("report.page", lang, page=page, pages=pages)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), page_text)
    painter.restore()


def render_pdf(document: Mapping[str, Any], lang: Lang) -> bytes:
    """The PDF of an already built (and masked) report document, as bytes."""
    ensure_gui_application()
    technical_family()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(f"{text('report.title', lang)} {document.get('reference', '')}")
    writer.setCreator(f"Connection Doctor {__version__}")
    body = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
    page_height = body.height() - FOOTER_PX

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(without_ligatures(ui_font(BODY_POINT_SIZE)))
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(body.width(), page_height))
    doc.setHtml(report_html(document, lang))
    pages = doc.pageCount()

    painter = QPainter()
    if not painter.begin(writer):
        raise ReportWriteError(Message("report.pdf_failed", {"error": "QPainter"}))
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * page_height)
            doc.drawContents(painter, QRectF(0, index * page_height, body.width(), page_height))
            painter.restore()
            _footer(painter, body.width(), page_height, document, lang, index + 1, pages)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def preview_html(
    report: Report,
    lang: Lang,
    *,
    history: Sequence[FixAttempt] = (),
    user_note: str = "",
    include_personal: bool = False,
    org: OrgConfig | None = None,
) -> str:
    """The report's content as HTML for the wizard's preview (a QTextBrowser): the same masked
    document and layout the PDF is made of, so the person sees exactly what they will hand over."""
    ensure_gui_application()
    technical_family()  # fingerprints and addresses in the same face as in the PDF
    document = report_document(
        report,
        lang,
        history=history,
        user_note=user_note,
        include_personal=include_personal,
        org=org,
    )
    return report_html(document, lang)


def write_pdf(
    report: Report,
    path: str | os.PathLike[str],
    lang: Lang,
    *,
    history: Sequence[FixAttempt] = (),
    user_note: str = "",
    include_personal: bool = False,
    org: OrgConfig | None = None,
    overwrite: bool = False,
    written_at: dt.datetime | None = None,
) -> Path:
    """Build, mask, lay out and safely save the help-desk PDF; returns the saved path."""
    document = report_document(
        report,
        lang,
        history=history,
        user_note=user_note,
        include_personal=include_personal,
        org=org,
        written_at=written_at,
    )
    return safe_write(path, render_pdf(document, lang), overwrite=overwrite)
