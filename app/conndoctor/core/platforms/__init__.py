"""What differs between Windows, macOS and Linux, behind one interface (`base.Platform`).

Each system answers in its own module: `linux`, `windows` (with the registry readers in
`registry`), `macos`. `current_platform` picks the one this program runs on and loads only
that module; the checks take a `Platform` and never test `sys.platform` themselves. The rest
of this room holds smaller per-system readers that are not part of the interface:
`clock_settings` and `desktop_proxy` (Linux desktops' proxy settings).
"""

from __future__ import annotations

import sys
from pathlib import Path

from conndoctor.core.platforms.base import (
    FolderSize,
    Installation,
    OsIdentity,
    Platform,
    RunningProcess,
    measure_folders,
    run_for_version,
)

__all__ = [
    "FolderSize",
    "Installation",
    "OsIdentity",
    "Platform",
    "RunningProcess",
    "current_platform",
    "measure_folders",
    "run_for_version",
]


def current_platform(home: Path | None = None) -> Platform:
    """The platform this program runs on, scanning `home` (default: the user's home)."""
    if sys.platform == "win32":
        from conndoctor.core.platforms.windows import WindowsPlatform

        return WindowsPlatform(home)
    if sys.platform == "darwin":
        from conndoctor.core.platforms.macos import MacPlatform

        return MacPlatform(home)
    from conndoctor.core.platforms.linux import LinuxPlatform

    return LinuxPlatform(home)
