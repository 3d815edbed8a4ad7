"""Where each system keeps its date and time settings, and how to reach them.

Windows opens `ms-settings:dateandtime` (Microsoft's ms-settings URI list); macOS the Date &
Time pane; on Linux each desktop has its own program: GNOME `gnome-control-center datetime`,
KDE Plasma 6 `kcmshell6 kcm_clock` (Plasma 5: `kcmshell5 clock`, else `systemsettings
kcm_clock`), Xfce `xfce4-datetime-settings`, MATE `time-admin`. When none is installed the
wizard gives the steps instead, `timedatectl` included (systemd).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable

URL_FOR_PLATFORM = {
    "win32": "ms-settings:dateandtime",
    "darwin": "x-apple.systempreferences:com.apple.preference.datetime",
}

DESKTOP_PROGRAMS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("kde", (("kcmshell6", "kcm_clock"), ("kcmshell5", "clock"), ("systemsettings", "kcm_clock"))),
    ("gnome", (("gnome-control-center", "datetime"),)),
    ("unity", (("gnome-control-center", "datetime"),)),
    ("cinnamon", (("cinnamon-settings", "calendar"),)),
    ("xfce", (("xfce4-datetime-settings",),)),
    ("mate", (("time-admin",),)),
)
"""XDG_CURRENT_DESKTOP word → the programs to try, in order."""


def settings_url(platform: str | None = None) -> str | None:
    """The URL the system opens for its date and time settings (Windows, macOS), else None."""
    return URL_FOR_PLATFORM.get(platform or sys.platform)


def settings_command(
    desktop: str | None = None, which: Callable[[str], str | None] = shutil.which
) -> list[str] | None:
    """The installed program that opens this Linux desktop's date and time settings, or None.

    The running desktop's programs come first; then any other desktop's installed program.
    """
    current = desktop if desktop is not None else os.environ.get("XDG_CURRENT_DESKTOP", "")
    words = [w.strip().lower() for w in current.split(":") if w.strip()]
    ordered = [entry for word in words for entry in DESKTOP_PROGRAMS if entry[0] in word]
    ordered += [entry for entry in DESKTOP_PROGRAMS if entry not in ordered]
    for _, commands in ordered:
        for command in commands:
            if which(command[0]):
                return list(command)
    return None


def system_family(platform: str | None = None) -> str:
    """windows, macos or linux: whose clock steps to show first."""
    platform = platform or sys.platform
    return {"win32": "windows", "darwin": "macos"}.get(platform, "linux")
