"""macOS: versions from each app's Info.plist, policies from managed-preferences property
lists, the OS from SystemVersion.plist. Property lists are read with `plistlib`, binary or XML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from conndoctor.core.platforms.base import Installation, OsIdentity, Platform

SYSTEM_VERSION = "/System/Library/CoreServices/SystemVersion.plist"
"""Where macOS records its product version and build."""


class MacPlatform(Platform):
    """macOS: versions from each app's Info.plist, the OS from SystemVersion.plist."""

    os_id = "macos"

    def locate(self, spec: Mapping[str, Any], timeout: float) -> Installation:
        """The first of the listed app bundles that has an Info.plist; nothing is started."""
        for template in spec.get("apps", ()):
            app = self.expand(template)
            info = read_plist(app / "Contents" / "Info.plist")
            if info is None:
                continue
            exe_name = str(info.get("CFBundleExecutable") or app.stem)
            version = info.get("CFBundleShortVersionString")
            return Installation(
                app / "Contents" / "MacOS" / exe_name,
                str(version) if version else None,
                "Info.plist",
            )
        return Installation(None, None, "")

    def policies(self, spec: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
        """Policies from the managed-preferences plists an administrator's profile installs."""
        wanted = tuple(names)
        found: dict[str, Any] = {}
        for template in spec.get("policy_plists", ()):
            loaded = read_plist(self.expand(template)) or {}
            found.update({n: loaded[n] for n in wanted if n in loaded})
        return found

    def os_identity(self) -> OsIdentity:
        system = read_plist(self.system_path(SYSTEM_VERSION))
        if system:
            version = str(system.get("ProductVersion", ""))
            build = str(system.get("ProductBuildVersion", ""))
        else:
            import platform

            version, build = platform.mac_ver()[0], ""
        return OsIdentity(
            os_id="macos", name=f"macOS {version}".strip(), version=version, build=build
        )


def read_plist(path: Path) -> dict[str, Any] | None:
    """An Info.plist or managed-preferences file, binary or XML; None if unreadable."""
    import plistlib  # macOS only

    try:
        with path.open("rb") as handle:
            loaded = plistlib.load(handle)
    except (OSError, plistlib.InvalidFileException, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None
