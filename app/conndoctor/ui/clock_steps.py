"""How to set the clock right: this computer's own system first, other devices only when chosen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from conndoctor.core.engine.model import Device
from conndoctor.core.platforms.clock_settings import system_family


def clock_steps(device: str, platform: str | None = None) -> list[str]:
    """Numbered steps for the device that shows the error."""
    if device == Device.IPHONE:
        return [
            QCoreApplication.translate("ClockSteps", "Open Settings › General › Date & Time."),
            QCoreApplication.translate("ClockSteps", "Turn on “Set Automatically”."),
            QCoreApplication.translate(
                "ClockSteps", "Check that the time zone is right, then open the site again."
            ),
        ]
    if device == Device.ANDROID:
        return [
            QCoreApplication.translate("ClockSteps", "Open Settings › System › Date & time."),
            QCoreApplication.translate(
                "ClockSteps", "Turn on “Set time automatically” and “Set time zone automatically”."
            ),
            QCoreApplication.translate("ClockSteps", "Open the site again."),
        ]
    if device == Device.OTHER_COMPUTER:
        return [
            QCoreApplication.translate(
                "ClockSteps", "On the other computer, open its date and time settings."
            ),
            QCoreApplication.translate(
                "ClockSteps", "Turn on setting the time automatically, and check the time zone."
            ),
            QCoreApplication.translate("ClockSteps", "Open the site again."),
        ]
    family = system_family(platform)
    if family == "windows":
        return [
            QCoreApplication.translate(
                "ClockSteps", "Open Settings › Time & language › Date & time."
            ),
            QCoreApplication.translate(
                "ClockSteps", "Turn on “Set time automatically” and “Set time zone automatically”."
            ),
            QCoreApplication.translate("ClockSteps", "Press “Sync now”, then open the site again."),
        ]
    if family == "macos":
        return [
            QCoreApplication.translate(
                "ClockSteps", "Open System Settings › General › Date & Time."
            ),
            QCoreApplication.translate("ClockSteps", "Turn on “Set time and date automatically”."),
            QCoreApplication.translate(
                "ClockSteps", "Check the time zone, then open the site again."
            ),
        ]
    return [
        QCoreApplication.translate(
            "ClockSteps", "Open your desktop's settings and choose “Date & Time”."
        ),
        QCoreApplication.translate(
            "ClockSteps", "Turn on “Automatic date & time” (network time) and check the time zone."
        ),
        QCoreApplication.translate(
            "ClockSteps",
            "Or, in a terminal, run: timedatectl set-ntp true "
            "(then check with: timedatectl status).",
        ),
        QCoreApplication.translate("ClockSteps", "Open the site again."),
    ]
