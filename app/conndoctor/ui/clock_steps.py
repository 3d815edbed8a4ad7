"""How to set the clock right, and how far off it is, in words: one home for the clock's steps
on this computer's own system and on the other devices a person can name."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from conndoctor.core.engine.model import Device
from conndoctor.core.platforms.clock_settings import system_family
from conndoctor.ui.widgets import fmt

_STEPS: dict[str, tuple[object, ...]] = {
    Device.IPHONE: (
        QT_TRANSLATE_NOOP("ClockSteps", "Open Settings › General › Date & Time."),
        QT_TRANSLATE_NOOP("ClockSteps", "Turn on “Set Automatically”."),
        QT_TRANSLATE_NOOP(
            "ClockSteps", "Check that the time zone is right, then open the site again."
        ),
    ),
    Device.ANDROID: (
        QT_TRANSLATE_NOOP("ClockSteps", "Open Settings › System › Date & time."),
        QT_TRANSLATE_NOOP(
            "ClockSteps", "Turn on “Set time automatically” and “Set time zone automatically”."
        ),
        QT_TRANSLATE_NOOP("ClockSteps", "Open the site again."),
    ),
    Device.OTHER_COMPUTER: (
        QT_TRANSLATE_NOOP("ClockSteps", "On the other computer, open its date and time settings."),
        QT_TRANSLATE_NOOP(
            "ClockSteps", "Turn on setting the time automatically, and check the time zone."
        ),
        QT_TRANSLATE_NOOP("ClockSteps", "Open the site again."),
    ),
    "windows": (
        QT_TRANSLATE_NOOP("ClockSteps", "Open Settings › Time & language › Date & time."),
        QT_TRANSLATE_NOOP(
            "ClockSteps", "Turn on “Set time automatically” and “Set time zone automatically”."
        ),
        QT_TRANSLATE_NOOP("ClockSteps", "Press “Sync now”, then open the site again."),
    ),
    "macos": (
        QT_TRANSLATE_NOOP("ClockSteps", "Open System Settings › General › Date & Time."),
        QT_TRANSLATE_NOOP("ClockSteps", "Turn on “Set time and date automatically”."),
        QT_TRANSLATE_NOOP("ClockSteps", "Check the time zone, then open the site again."),
    ),
    "linux": (
        QT_TRANSLATE_NOOP("ClockSteps", "Open your desktop's settings and choose “Date & Time”."),
        QT_TRANSLATE_NOOP(
            "ClockSteps", "Turn on “Automatic date & time” (network time) and check the time zone."
        ),
        QT_TRANSLATE_NOOP(
            "ClockSteps",
            "Or, in a terminal, run: timedatectl set-ntp true "
            "(then check with: timedatectl status).",
        ),
        QT_TRANSLATE_NOOP("ClockSteps", "Open the site again."),
    ),
}
"""The steps per device, and for this computer per system family (as the settings apps name
their switches today: Windows 11, macOS 13+, GNOME/KDE, iOS 16+, Android 13+). Each entry is
its English source text (QT_TRANSLATE_NOOP returns it untyped), translated when shown."""


def clock_steps(device: str, platform: str | None = None) -> list[str]:
    """Numbered steps for the device that shows the error."""
    key = device if device != Device.THIS_COMPUTER else system_family(platform)
    steps = _STEPS.get(key, _STEPS["linux"])
    return [QCoreApplication.translate("ClockSteps", str(step)) for step in steps]


def describe_offset(seconds: float) -> str:
    """'3 days ahead' style text for the clock's difference from trusted time."""
    translate = QCoreApplication.translate
    size = abs(seconds)
    if size < 1:
        return translate("ClockPage", "no difference (less than a second)")
    if size >= 86400:
        days = f"{size / 86400:.1f}".rstrip("0").rstrip(".")
        amount = fmt(translate("ClockPage", "%1 days"), days)
    elif size >= 3600:
        hours = f"{size / 3600:.1f}".rstrip("0").rstrip(".")
        amount = fmt(translate("ClockPage", "%1 hours"), hours)
    elif size >= 60:
        amount = fmt(translate("ClockPage", "%1 minutes"), f"{size / 60:.0f}")
    else:
        amount = fmt(translate("ClockPage", "%1 seconds"), f"{size:.0f}")
    if seconds > 0:
        return fmt(translate("ClockPage", "this computer is %1 ahead"), amount)
    return fmt(translate("ClockPage", "this computer is %1 behind"), amount)
