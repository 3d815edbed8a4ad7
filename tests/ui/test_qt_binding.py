"""The Qt binding we depend on must not corrupt Python's reference counts."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_qt_calls_do_not_leak_none(qapp: QApplication) -> None:
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call and aborted
    the app after a few thousand; pyproject.toml excludes that release."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(20000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 100
