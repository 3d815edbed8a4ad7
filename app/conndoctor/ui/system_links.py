"""Where the operating system keeps its own settings pages the wizard sends people to."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from conndoctor.core.child_env import child_environment

SYSTEM_OPENERS: dict[str, list[str]] = {"linux": ["xdg-open"], "darwin": ["/usr/bin/open"]}
"""The system's own "open this address" program; it runs with the person's environment."""


def date_time_settings(platform: str | None = None, desktop: str | None = None) -> QUrl | list[str]:
    """The OS date & time settings: a URL the OS opens, or a command to start on Linux.

    Windows: the `ms-settings:dateandtime` URI; macOS: the Date & Time pane URL;
    Linux: the running desktop's own settings program.
    """
    platform = platform or sys.platform
    if platform == "win32":
        return QUrl("ms-settings:dateandtime")
    if platform == "darwin":
        return QUrl("x-apple.systempreferences:com.apple.preference.datetime")
    desktop = (
        desktop if desktop is not None else os.environ.get("XDG_CURRENT_DESKTOP", "")
    ).lower()
    if "kde" in desktop:
        return ["systemsettings", "kcm_clock"]
    if "xfce" in desktop:
        return ["xfce4-datetime-settings"]
    if "mate" in desktop:
        return ["time-admin"]
    return ["gnome-control-center", "datetime"]


def open_date_time_settings() -> bool:
    """Open the date & time settings; False when this system has no way to do it."""
    where = date_time_settings()
    if isinstance(where, QUrl):
        return open_url(where.toString())
    return start_program(where)


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
