"""Small building blocks shared by the wizard's pages: icons, a spinner, status rows, text.

Status is never shown by colour alone: every status has its own icon shape and a word.
Colours come from the palette, so light and dark desktop themes both stay readable.
"""

from __future__ import annotations

import html
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from conndoctor.core.knowledge.languages import Lang


ICON_NAMES = ("ok", "warn", "fail", "skipped", "error", "info", "app")


def icon_path(name: str) -> str:
    from conndoctor.core.knowledge.i18n import resource_path

    return str(resource_path("icons", f"{name}.svg"))


@cache
def icon(name: str) -> QIcon:
    """An SVG icon from resources/icons (sharp at any screen scale)."""
    return QIcon(icon_path(name))


def status_pixmap(status: str, size: int = 22, widget: QWidget | None = None) -> QPixmap:
    ratio = widget.devicePixelRatioF() if widget is not None else 1.0
    pixmap = icon(status).pixmap(QSize(size, size), ratio)
    return pixmap


class Spinner(QWidget):
    """A small turning arc: this item is still being checked."""

    def __init__(self, size: int = 22, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(size, size)
        self._angle = 0
        self._timer = QTimer(self)
        self._timer.setInterval(80)
        self._timer.timeout.connect(self._turn)

    def showEvent(self, event: object) -> None:
        self._timer.start()

    def hideEvent(self, event: object) -> None:
        self._timer.stop()

    def _turn(self) -> None:
        self._angle = (self._angle + 30) % 360
        self.update()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        pen = QPen(colour, 3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        rect = QRectF(3, 3, self.width() - 6, self.height() - 6)
        painter.drawArc(rect, -self._angle * 16, 270 * 16)
        painter.end()


LINE_HEIGHT_PERCENT = 130
"""Line spacing of wrapped text: Japanese and long English sentences need room to breathe."""


def spaced_html(plain: str) -> str:
    """Plain text as rich text with comfortable line spacing (kept literal: no markup inside)."""
    return (
        f'<p style="margin:0; white-space:pre-wrap; line-height:{LINE_HEIGHT_PERCENT}%">'
        f"{html.escape(plain, quote=False)}</p>"
    )


class WrapLabel(QLabel):
    """A word-wrapped label whose height follows its width, with comfortable line spacing.

    QLabel's own minimum height for wrapped text assumes a narrow width; inside a scroll area
    that leaves large gaps between paragraphs. The layout uses heightForWidth instead.
    Plain QLabel text has no line spacing setting, so the text is shown as escaped rich text;
    `text()` still returns exactly the plain text that was set.
    """

    def __init__(self, text_: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plain = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setText(text_)

    def setText(self, text_: str) -> None:
        self._plain = text_
        super().setText(spaced_html(text_) if text_ else "")

    def text(self) -> str:
        return self._plain

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.fontMetrics().height())

    def sizeHint(self) -> QSize:
        """At the width it has, the height it needs (form layouts ask only for a size hint)."""
        hint = super().sizeHint()
        if self.width() > 80:
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


def wrapped(text_: str = "", *, selectable: bool = False) -> QLabel:
    label = WrapLabel(text_)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading(text_: str = "", scale: float = 1.45) -> QLabel:
    label = wrapped(text_)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text_)
    return label


def bold(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def muted(label: QLabel) -> QLabel:
    """Secondary text: the text colour blended towards the background, so it reads as quieter
    in light and dark themes alike (the placeholder colour is plain black on some platforms)."""
    palette = label.palette()
    text_colour = palette.color(QPalette.ColorRole.WindowText)
    background = palette.color(QPalette.ColorRole.Window)
    mix = 0.68
    colour = QColor.fromRgbF(
        text_colour.redF() * mix + background.redF() * (1 - mix),
        text_colour.greenF() * mix + background.greenF() * (1 - mix),
        text_colour.blueF() * mix + background.blueF() * (1 - mix),
    )
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)
    return label


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area that resizes it: a page fits small or enlarged
    screens by scrolling inside, never by cutting words off."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def action_button(text_: str, accessible: str) -> QPushButton:
    """A button inside a page's content: Enter stays with the wizard's Next."""
    button = QPushButton(text_)
    button.setAutoDefault(False)
    button.setAccessibleName(accessible)
    return button


def on_the_left(widget: QWidget) -> QHBoxLayout:
    """A widget at its natural width on the left (a full-width button reads as a banner)."""
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row


def hline() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class StatusRow(QWidget):
    """One line of a status list: [icon or spinner] Title — Status word — sentence."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: str | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(12)
        self.spinner = Spinner()
        self.mark = QLabel()
        self.mark.setFixedSize(24, 24)
        self.mark.hide()
        column = QVBoxLayout()
        column.setSpacing(2)
        self.title = bold(wrapped(title))
        self.summary = wrapped()
        self.summary.hide()
        column.addWidget(self.title)
        column.addWidget(self.summary)
        layout.addWidget(self.spinner, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(column, 1)

    def set_result(self, status: str, title: str, summary: str, lang: Lang) -> None:
        """Replace the spinner by the status icon and a word, so colour is never the only cue."""
        self.status = status
        self.spinner.hide()
        self.mark.setPixmap(status_pixmap(status, 22, self))
        from conndoctor.core.knowledge.i18n import text

        self.mark.setToolTip(text(f"status.{status}", lang))
        self.mark.show()
        word = text(f"status.{status}", lang)
        self.title.setText(f"{title} — {word}")
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        self.setAccessibleName(f"{title}: {word}. {summary}")


BADGE_SIZE = 26


def number_badge(number: int) -> QLabel:
    """A step number in a round badge (highlight colours, so it follows light and dark themes)."""
    badge = QLabel(str(number))
    badge.setObjectName("stepBadge")
    badge.setFixedSize(BADGE_SIZE, BADGE_SIZE)
    badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
    badge.setStyleSheet(
        "QLabel#stepBadge { background: palette(highlight); color: palette(highlighted-text);"
        f" border-radius: {BADGE_SIZE // 2}px; font-weight: bold; }}"
    )
    badge.setAccessibleName(str(number))
    return badge


class StepRow(QWidget):
    """One numbered step: the round number, the sentence beside it, an optional picture below."""

    def __init__(
        self,
        number: int,
        sentence: str,
        picture: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.number = number
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.badge = number_badge(number)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setContentsMargins(0, 3, 0, 0)
        column.setSpacing(8)
        self.sentence = wrapped(sentence, selectable=True)
        column.addWidget(self.sentence)
        if picture is not None:
            column.addWidget(picture, 0, Qt.AlignmentFlag.AlignLeft)
        row.addLayout(column, 1)
        self.setAccessibleName(f"{number}. {sentence}")


def clear_layout(layout: QVBoxLayout | QHBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.hide()  # deleted later (it may be sending the signal that led here)
            widget.deleteLater()
        child = item.layout()
        if child is not None:
            clear_layout(child)  # type: ignore[arg-type]


def fmt(template: str, *args: object) -> str:
    """Fill Qt-style %1, %2 ... placeholders (PySide's tr() returns a plain str without .arg())."""
    for number in range(len(args), 0, -1):
        template = template.replace(f"%{number}", str(args[number - 1]))
    return template
