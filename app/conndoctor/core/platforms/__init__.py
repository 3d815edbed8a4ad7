"""What differs between Windows, macOS and Linux, behind one interface (`base.Platform`).

Each system answers in its own module: `linux`, `windows` (with the registry readers in
`registry`), `macos`. `current_platform` picks the one this program runs on; the checks take
a `Platform` and never test `sys.platform` themselves. The rest of this room holds smaller
per-system readers that are not part of the interface: `clock_settings`, `desktop_proxy`
(Linux desktops' proxy settings) and `child_env`.
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
from conndoctor.core.platforms.linux import LinuxPlatform
from conndoctor.core.platforms.macos import MacPlatform, read_plist
from conndoctor.core.platforms.registry import (
    RecordedRegistry,
    Registry,
    RegistryData,
    WindowsRegistry,
    parse_reg_query,
)
from conndoctor.core.platforms.windows import WindowsPlatform

__all__ = [
    "FolderSize",
    "Installation",
    "LinuxPlatform",
    "MacPlatform",
    "OsIdentity",
    "Platform",
    "RecordedRegistry",
    "Registry",
    "RegistryData",
    "RunningProcess",
    "WindowsPlatform",
    "WindowsRegistry",
    "current_platform",
    "measure_folders",
    "parse_reg_query",
    "read_plist",
    "run_for_version",
]


def current_platform(home: Path | None = None) -> Platform:
    """The platform this program runs on, scanning `home` (default: the user's home)."""
    if sys.platform == "win32":
        return WindowsPlatform(home)
    if sys.platform == "darwin":
        return MacPlatform(home)
    return LinuxPlatform(home)
