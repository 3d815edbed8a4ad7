"""Helpers for driving the wizard offscreen: temporary settings, page screenshots, and the
lab's options."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from conndoctor.core.engine.context import Options


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> Iterator[None]:
    """No test ever reads or writes the real user's settings."""
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    QSettings.setPath(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg")
    )
    yield


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "conndoctor.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def app_font(qapp: QApplication) -> QApplication:
    """The real application set-up (bundled Japanese font, readable size)."""
    from conndoctor.ui.app import application

    return application()


@pytest.fixture
def screenshots(artifacts_dir: Path) -> Callable[[QWidget, str], Path]:
    folder = artifacts_dir / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(widget: QWidget, name: str) -> Path:
        QApplication.processEvents()
        path = folder / f"{name}.png"
        assert widget.grab().save(str(path)), path
        return path

    return shoot


@pytest.fixture
def make_wizard(
    qtbot: Any, settings: QSettings, app_font: QApplication, tmp_path: Path
) -> Iterator[Callable[..., Any]]:
    from conndoctor.ui.wizard import DoctorWizard

    made: list[DoctorWizard] = []

    def make(lang: str = "en", base: Options | None = None, **overrides: Any) -> DoctorWizard:
        options = base or Options()
        overrides.setdefault("timeout_s", 6.0)
        options = options._replace(home=tmp_path / "home", **overrides)
        (tmp_path / "home").mkdir(exist_ok=True)
        wizard = DoctorWizard(base=options, settings=settings, lang=lang)  # type: ignore[arg-type]
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        wizard.add_remaining_pages()
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        wizard.done(0)


def texts(widget: QWidget) -> str:
    """Every label's text inside a widget, for asserting what a person would read."""
    return "\n".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


def lab_base(site: Any, http_lab: Any, ntp: str, **overrides: Any) -> Options:
    """Options that keep a whole run on loopback: the lab's site, time server and
    connectivity URL."""
    options = site.options(
        ntp_servers=(ntp,),
        connectivity_urls=(http_lab.url("/generate_204"),),
    )
    options = options._replace(target=None)
    return options._replace(**overrides)


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
