"""A dark desktop theme: every page stays readable (text colours come from the palette)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.ui.conftest import contrast, lab_base
from tests.ui.test_wizard_flows import drive


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#2a2b2e",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#303134",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Highlight: "#8ab4f8",
        QPalette.ColorRole.HighlightedText: "#202124",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def dark(app_font: QApplication) -> Iterator[None]:
    before = QGuiApplication.palette()
    QApplication.setPalette(_dark_palette())
    try:
        yield
    finally:
        QApplication.setPalette(before)


def _unreadable_labels(page: QWidget) -> list[str]:
    """Labels whose text colour on the dark window would be hard to read (below 3:1)."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    bad = []
    for label in page.findChildren(QLabel):
        if not label.isVisibleTo(page) or not label.text().strip():
            continue
        if label.objectName() == "stepBadge":  # its own highlight-coloured disc
            continue
        colour = label.palette().color(label.foregroundRole())
        if contrast(colour, window) < 3.0:
            bad.append(label.text()[:40])
    return bad


def test_every_page_is_readable_in_a_dark_theme(
    dark: None,
    make_wizard: Any,
    qtbot: Any,
    lab_site: Any,
    http_lab: Any,
    ntp_server: Any,
    screenshots: Any,
) -> None:
    site = lab_site("expired")
    wizard = make_wizard("ja", lab_base(site, http_lab, ntp_server(0.0)))
    seen_pages: list[str] = []

    def shoot_and_check(widget: QWidget, name: str) -> Any:
        page = wizard.currentPage()
        assert not _unreadable_labels(page), (name, _unreadable_labels(page))
        seen_pages.append(name)
        return screenshots(widget, name)

    drive(wizard, qtbot, site.url, shoot_and_check, "dark-expired-ja")
    assert len(seen_pages) == 5 and seen_pages[-1].endswith("summary")
    assert wizard.state.report.causes[0].id == "cert_expired"
