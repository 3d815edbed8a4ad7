"""Shared building blocks: readable wrapped text, quieter secondary text, numbered steps."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from conndoctor.ui.widgets import StepRow, muted, wrapped
from tests.ui.conftest import contrast


def test_wrapped_text_stays_literal(qtbot: Any, app_font: Any) -> None:
    plain = "Use <b>Settings</b> & then 'Sync now'\nSecond line"
    label = wrapped(plain)
    qtbot.addWidget(label)
    assert label.text() == plain
    shown = QTextDocument()
    shown.setHtml(QLabel.text(label))  # what Qt really renders
    assert shown.toPlainText() == plain


def test_wrapped_text_has_line_spacing(qtbot: Any, app_font: Any) -> None:
    sentence = "Security certificates are valid only between two dates. " * 6
    label = wrapped(sentence)
    tight = QLabel(sentence)
    tight.setWordWrap(True)
    for widget in (label, tight):
        qtbot.addWidget(widget)
    assert tight.heightForWidth(400) > 3 * tight.fontMetrics().height()  # several lines
    assert label.heightForWidth(400) >= 1.2 * tight.heightForWidth(400)


def test_wrapped_text_in_a_form_gets_the_height_it_needs(qtbot: Any, app_font: Any) -> None:
    form_owner = QWidget()
    qtbot.addWidget(form_owner)
    form = QFormLayout(form_owner)
    note = wrapped("This sentence is long enough to wrap onto two lines in the form. " * 2)
    form.addRow("Version:", QLineEdit())
    form.addRow("", note)
    form_owner.resize(700, 400)
    form_owner.show()
    qtbot.waitExposed(form_owner)
    qtbot.wait(10)
    assert abs(note.height() - note.heightForWidth(note.width())) <= 2


def test_muted_text_is_quieter_but_readable(qtbot: Any, app_font: Any) -> None:
    normal = QLabel("x")
    quiet = muted(QLabel("x"))
    qtbot.addWidget(normal)
    qtbot.addWidget(quiet)
    text_colour = normal.palette().color(QPalette.ColorRole.WindowText)
    quiet_colour = quiet.palette().color(QPalette.ColorRole.WindowText)
    background = quiet.palette().color(QPalette.ColorRole.Window)
    assert quiet_colour != text_colour
    assert contrast(quiet_colour, background) >= 4.5  # WCAG AA for normal text


def test_step_row_number_sits_beside_its_text(qtbot: Any, app_font: Any) -> None:
    row = StepRow(7, "Click “Delete from this device”.")
    qtbot.addWidget(row)
    row.resize(600, 60)
    row.show()
    qtbot.waitExposed(row)
    assert row.badge.text() == "7" and row.accessibleName().startswith("7. ")
    assert row.sentence.geometry().left() - row.badge.geometry().right() <= 16


def test_tails_of_g_p_y_are_not_cut_off(app_font: Any, qtbot: Any) -> None:
    """The bundled Japanese font's Latin tails were clipped; a heading must show them whole."""
    from PySide6.QtGui import QColor

    from conndoctor.ui.widgets import heading

    def lowest_ink(text: str) -> int:
        label = heading(text)
        qtbot.addWidget(label)
        label.resize(400, 120)
        image = label.grab().toImage()
        background = image.pixelColor(0, 0)
        rows = [
            y
            for y in range(image.height())
            for x in range(image.width())
            if abs(QColor(image.pixelColor(x, y)).lightness() - background.lightness()) > 80
        ]
        return max(rows)

    tails = lowest_ink("gpy") - lowest_ink("ace")
    assert tails >= 0.15 * heading("x").fontMetrics().height(), tails
