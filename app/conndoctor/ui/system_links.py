"""Open the operating system's own settings pages the wizard sends people to."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from conndoctor.core.clock_settings import settings_command, settings_url


def can_open_date_time_settings() -> bool:
    """True when this system has a way to open its date and time settings."""
    return settings_url() is not None or settings_command() is not None


def open_date_time_settings() -> bool:
    """Open the date & time settings; False when this system has no way to do it."""
    url = settings_url()
    if url is not None:
        return QDesktopServices.openUrl(QUrl(url))
    command = settings_command()
    if command is None:
        return False
    try:
        subprocess.Popen(command, start_new_session=True)
    except OSError:
        return False
    return True


def open_url(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url))
