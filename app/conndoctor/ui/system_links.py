"""Opening the system's own settings and addresses: the only place the wizard starts programs,
and the buttons that do it (the same on the answer page and on the area steps).

Programs started here get the person's own environment, not the bundle's (`child_environment`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout

from conndoctor.core.engine.child_env import child_environment
from conndoctor.core.platforms.clock_settings import settings_command, settings_url
from conndoctor.ui.widgets import action_button, on_the_left

SYSTEM_OPENERS: dict[str, list[str]] = {"linux": ["xdg-open"], "darwin": ["/usr/bin/open"]}
"""The system's own "open this address" program; it runs with the person's environment."""


def can_open_date_time_settings() -> bool:
    """True when this system has a way to open its date and time settings."""
    return settings_url() is not None or settings_command() is not None


def open_date_time_settings() -> bool:
    """Open the date & time settings; False when this system has no way to do it."""
    url = settings_url()
    if url is not None:
        return open_url(url)
    command = settings_command()
    return command is not None and start_program(command)


def start_program(command: list[str]) -> bool:
    """Start a program of the system with the person's environment (not the bundle's)."""
    if shutil.which(command[0]) is None:
        return False
    try:
        subprocess.Popen(command, start_new_session=True, env=child_environment())
    except OSError:
        return False
    return True


def open_url(url: str, platform: str | None = None) -> bool:
    """Open an address with the system's handler.

    Linux and macOS: xdg-open / open, started here so that it gets the person's environment
    (Qt's own call would hand it the bundle's plugin paths). Windows: the shell (ShellExecute),
    which starts the handler registered for the address.
    """
    platform = platform or sys.platform
    opener = SYSTEM_OPENERS.get("linux" if platform.startswith("linux") else platform)
    if opener is not None and start_program([*opener, url]):
        return True
    return QDesktopServices.openUrl(QUrl(url))


def date_time_settings_row() -> QHBoxLayout | None:
    """A button that opens this system's date and time settings (None: it has no way to)."""
    if not can_open_date_time_settings():
        return None
    button = action_button(
        QCoreApplication.translate("SystemLinks", "Open &date and time settings"),
        QCoreApplication.translate("SystemLinks", "Open date and time settings"),
    )
    button.clicked.connect(open_date_time_settings)
    return on_the_left(button)


def login_page_row(url: str) -> QHBoxLayout:
    """A button that opens a Wi-Fi network's login page (a captive portal) in the browser."""
    button = action_button(
        QCoreApplication.translate("SystemLinks", "Open the &Wi-Fi login page"),
        QCoreApplication.translate("SystemLinks", "Open the Wi-Fi login page"),
    )
    button.clicked.connect(lambda: open_url(url))
    return on_the_left(button)
