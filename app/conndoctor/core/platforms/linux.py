"""Linux: versions from application.ini, dpkg's database or snap metadata, before `--version`;
policies from JSON files; the OS from /etc/os-release and the OpenSSL it ships.

The package readers are hand-written on purpose: dpkg's `status` file is read once per scan and
searched for the few browser packages, which saves 40-150 ms per browser against `dpkg-query`
(`bench/`); their formats are Debian's (deb-control(5)) and snapd's `meta/snap.yaml`.
"""

from __future__ import annotations

import json
import os
import re
import ssl
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from conndoctor.core.platforms.base import (
    VERSION,
    Installation,
    OsIdentity,
    Platform,
    RunningProcess,
    run_for_version,
)

BROWSER_VERSION = re.compile(r"\d+\.\d+")
"""A version shaped like a browser's ('156.0.8078.108'), not a transitional package's ('1snap1')."""


class LinuxPlatform(Platform):
    """Linux and other systems without a registry or app bundles. Paths derive from `home`."""

    os_id = "linux"

    def __init__(
        self,
        home: Path | None = None,
        system_root: Path | None = None,
        processes: Callable[[], Iterable[RunningProcess]] | None = None,
    ) -> None:
        super().__init__(home, system_root, processes)
        self._dpkg_status_data: bytes | None = None

    def locate(self, spec: Mapping[str, Any], timeout: float) -> Installation:
        """The browser's program and version: application.ini or the package database, else
        `--version` (starting a browser, even just for its version, costs more than a check)."""
        for template in spec.get("executables", ()):
            exe = self.expand(template)
            if not (exe.is_file() and os.access(exe, os.X_OK)):
                continue
            ini = exe.resolve().parent / "application.ini"
            version = ini_version(ini)
            if version:
                return Installation(exe, version, "application.ini")
            packaged = self.package_version(exe, spec.get("packages", ()))
            if packaged:
                return Installation(exe, packaged[1], packaged[0])
            return Installation(exe, run_for_version([str(exe), "--version"], timeout), "--version")
        return Installation(None, None, "")

    def package_version(self, exe: Path, packages: Iterable[str]) -> tuple[str, str] | None:
        """(source, version) of the snap or Debian package that installed `exe`, if it did.

        A package counts only if its file list names this very program, and only a version
        shaped like a browser's ('156.0.8078.108', not a transitional '1snap1') is believed.
        """
        path = self.as_system_path(exe)
        if path.startswith("/snap/bin/"):
            version = snap_version(self.system_path(f"/snap/{exe.name}/current/meta/snap.yaml"))
            return ("snap", version) if version else None
        wanted = set(packages)
        if not wanted:
            return None
        owned = {path, self.as_system_path(exe.resolve())}
        for name, arch, version in dpkg_installed(self._dpkg_status(), wanted):
            if BROWSER_VERSION.match(version) and self._dpkg_owns(name, arch, owned):
                return ("dpkg", version)
        return None

    def _dpkg_status(self) -> bytes:
        """dpkg's database of installed packages, read once per scan (it is close to 1 MB)."""
        if self._dpkg_status_data is None:
            try:
                self._dpkg_status_data = self.system_path("/var/lib/dpkg/status").read_bytes()
            except OSError:
                self._dpkg_status_data = b""
        return self._dpkg_status_data

    def _dpkg_owns(self, package: str, arch: str, paths: set[str]) -> bool:
        info = self.system_path("/var/lib/dpkg/info")
        for listing in (info / f"{package}.list", info / f"{package}:{arch}.list"):
            try:
                with listing.open(encoding="utf-8", errors="replace") as handle:
                    if any(line.rstrip("\n") in paths for line in handle):
                        return True
            except OSError:
                continue
        return False

    def policies(self, spec: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
        """Policies from a folder of JSON files (Chromium) or one `policies.json` (Firefox)."""
        wanted = set(names)
        found: dict[str, Any] = {}
        for template in spec.get("policy_dirs", ()):
            folder = self.expand(template)
            files = sorted(folder.glob("*.json")) if folder.is_dir() else []
            for file in files:
                found.update(json_policies(file, wanted, wrapped=False))
        for template in spec.get("policy_files", ()):
            found.update(json_policies(self.expand(template), wanted, wrapped=True))
        return found

    def os_identity(self) -> OsIdentity:
        """The distribution's name, judged by the OpenSSL version this program runs with."""
        release = os_release(self.system_path("/etc/os-release"))
        openssl = VERSION.search(ssl.OPENSSL_VERSION)
        return OsIdentity(
            os_id="linux",
            name=release.get("PRETTY_NAME") or release.get("NAME") or "Linux",
            version=openssl.group(0) if openssl else "",
            build=os.uname().release if hasattr(os, "uname") else "",
            edition=release.get("VERSION_ID", ""),
            extra={"openssl": ssl.OPENSSL_VERSION},
        )


def ini_version(path: Path) -> str | None:
    """The version in a Mozilla `application.ini`, with 'esr' when the build is an ESR."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    fields = dict(line.split("=", 1) for line in lines if "=" in line)
    version = fields.get("Version", "").strip()
    if not version:
        return None
    return version + "esr" if fields.get("RemotingName", "").endswith("-esr") else version


def dpkg_installed(data: bytes, wanted: set[str]) -> list[tuple[str, str, str]]:
    """(package, architecture, upstream version) of the `wanted` packages dpkg has installed."""
    found: list[tuple[str, str, str]] = []
    for name in sorted(wanted):
        marker = f"\nPackage: {name}\n".encode()
        start = 0 if data.startswith(marker[1:]) else data.find(marker) + 1
        if start == 0 and not data.startswith(marker[1:]):
            continue  # not installed (find gave -1)
        end = data.find(b"\n\n", start)
        stanza = data[start : end if end >= 0 else len(data)].decode("utf-8", "replace")
        fields = dict(line.split(": ", 1) for line in stanza.splitlines() if ": " in line)
        if fields.get("Status", "").endswith(" installed") and fields.get("Version"):
            arch = fields.get("Architecture", "")
            found.append((name, arch, upstream_version(fields["Version"])))
    return found


def upstream_version(debian_version: str) -> str:
    """'2:156.0.8078.108-1~deb12u1' -> '156.0.8078.108' (no epoch, no Debian revision)."""
    version = debian_version.split(":", 1)[1] if ":" in debian_version else debian_version
    return version.rsplit("-", 1)[0] if "-" in version else version


def snap_version(snap_yaml: Path) -> str | None:
    """The `version:` of a snap's `meta/snap.yaml`, if it is shaped like a browser's."""
    try:
        lines = snap_yaml.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith("version:"):
            version = line.split(":", 1)[1].strip().strip("'\"")
            return version if BROWSER_VERSION.match(version) else None
    return None


def json_policies(path: Path, wanted: set[str], *, wrapped: bool) -> dict[str, Any]:
    """The `wanted` policies of a JSON file; `wrapped` when they sit under "policies"."""
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if wrapped and isinstance(loaded, dict):
        loaded = loaded.get("policies", {})
    if not isinstance(loaded, dict):
        return {}
    return {k: v for k, v in loaded.items() if k in wanted}


def os_release(path: Path) -> dict[str, str]:
    """The fields of an os-release(5) file, quotes removed."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {k.strip(): v.strip().strip('"') for k, v in pairs}
