"""How to set the clock right: this computer's own system first, other devices only when chosen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from conndoctor.core.clock_settings import system_family


def _tr(text: str) -> str:
    return QCoreApplication.translate("ClockSteps", text)


def clock_steps(device: str, platform: str | None = None) -> list[str]:
    """Numbered steps for the device that shows the error."""
    if device == "iphone":
        return [
            _tr("Open Settings › General › Date & Time."),
            _tr("Turn on “Set Automatically”."),
            _tr("Check that the time zone is right, then open the site again."),
        ]
    if device == "android":
        return [
            _tr("Open Settings › System › Date & time."),
            _tr("Turn on “Set time automatically” and “Set time zone automatically”."),
            _tr("Open the site again."),
        ]
    if device == "other_computer":
        return [
            _tr("On the other computer, open its date and time settings."),
            _tr("Turn on setting the time automatically, and check the time zone."),
            _tr("Open the site again."),
        ]
    family = system_family(platform)
    if family == "windows":
        return [
            _tr("Open Settings › Time & language › Date & time."),
            _tr("Turn on “Set time automatically” and “Set time zone automatically”."),
            _tr("Press “Sync now”, then open the site again."),
        ]
    if family == "macos":
        return [
            _tr("Open System Settings › General › Date & Time."),
            _tr("Turn on “Set time and date automatically”."),
            _tr("Check the time zone, then open the site again."),
        ]
    return [
        _tr("Open your desktop's settings and choose “Date & Time”."),
        _tr("Turn on “Automatic date & time” (network time) and check the time zone."),
        _tr(
            "Or, in a terminal, run: timedatectl set-ntp true "
            "(then check with: timedatectl status)."
        ),
        _tr("Open the site again."),
    ]
