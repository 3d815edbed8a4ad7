"""Windows: program paths and versions from the registry (App Paths, BLBeacon, the
uninstall keys), policies from the registry's policy keys, the OS from CurrentVersion.

Nothing here starts a program: a browser's version is where Windows records it. The registry's
readers (live `winreg`, or recorded `reg query` output for the tests) are in `registry`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from conndoctor.core.platforms.base import (
    VERSION,
    Installation,
    OsIdentity,
    Platform,
    RunningProcess,
)
from conndoctor.core.platforms.registry import Registry, RegistryData, WindowsRegistry

CURRENT_VERSION = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
"""Where Windows records its own name, version and build."""

_USER_FOLDERS = (("%LOCALAPPDATA%", "AppData/Local"), ("%APPDATA%", "AppData/Roaming"))
_PROGRAM_FOLDERS = (
    ("%PROGRAMFILES(X86)%", "ProgramFiles(x86)"),
    ("%PROGRAMFILES%", "ProgramFiles"),
)


class WindowsPlatform(Platform):
    """Windows: registry (BLBeacon, App Paths, CurrentVersion) instead of running programs."""

    os_id = "windows"

    def __init__(
        self,
        home: Path | None = None,
        system_root: Path | None = None,
        processes: Callable[[], Iterable[RunningProcess]] | None = None,
        registry: Registry | None = None,
    ) -> None:
        super().__init__(home, system_root, processes)
        self.registry = registry or WindowsRegistry()

    def expand(self, template: str) -> Path:
        """Also %LOCALAPPDATA% and %APPDATA% (under the scanned home) and %PROGRAMFILES%."""
        for name, relative in _USER_FOLDERS:
            if template.startswith(name):
                return self.home / relative / template[len(name) :].lstrip("/")
        for name, variable in _PROGRAM_FOLDERS:
            if template.startswith(name):
                return self._program_files(variable) / template[len(name) :].lstrip("/")
        return super().expand(template)

    def _program_files(self, variable: str) -> Path:
        if self.system_root is not None:
            return self.system_root / variable
        return Path(os.environ.get(variable, "C:\\Program Files"))

    def registry_value(self, key: str, name: str) -> RegistryData | None:
        return self.registry.value(key, name)

    def locate(self, spec: Mapping[str, Any], timeout: float) -> Installation:
        """The program from App Paths (else the first listed path that exists), the version
        from the first of `version_keys` that records one."""
        exe: Path | None = None
        app_path = spec.get("app_path")
        if app_path:
            for hive in ("HKLM", "HKCU"):
                key = f"{hive}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\{app_path}"
                recorded = self.registry_value(key, "")
                if isinstance(recorded, str) and recorded:
                    exe = Path(recorded.strip('"'))
                    break
        if exe is None:
            exe = next(
                (self.expand(t) for t in spec.get("executables", ()) if self.expand(t).is_file()),
                None,
            )
        for key in spec.get("version_keys", ()):
            for name in ("svcVersion", "version", "CurrentVersion"):
                value = self.registry_value(key, name)
                match = VERSION.search(value) if isinstance(value, str) else None
                if match:
                    return Installation(exe, match.group(0), "registry")
        return Installation(exe, None, "")

    def policies(self, spec: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
        """Policies as values of the browser's policy keys; the first key that has one wins."""
        found: dict[str, Any] = {}
        for key in spec.get("policy_keys", ()):
            for name in names:
                value = self.registry_value(key, name)
                if value is not None:
                    found.setdefault(name, value)
        return found

    def os_identity(self) -> OsIdentity:
        """Name, NT version and build; Windows 11 is told by its build (22000 and later)."""

        def text(name: str) -> str:
            value = self.registry_value(CURRENT_VERSION, name)
            return str(value) if value is not None else ""

        major, minor = text("CurrentMajorVersionNumber"), text("CurrentMinorVersionNumber")
        nt_version = f"{major}.{minor}" if major else text("CurrentVersion")
        build = text("CurrentBuildNumber") or text("CurrentBuild")
        ubr = text("UBR")
        name = text("ProductName") or "Windows"
        if build.isdigit() and int(build) >= 22000:
            name = name.replace("Windows 10", "Windows 11")  # ProductName still says 10 on 11
        return OsIdentity(
            os_id="windows",
            name=name,
            version=f"{nt_version}.{build}" if build else nt_version,
            build=f"{build}.{ubr}" if ubr else build,
            edition=text("EditionID"),
            extra={
                "display_version": text("DisplayVersion") or text("ReleaseId"),
                "service_pack": text("CSDVersion"),
            },
        )
