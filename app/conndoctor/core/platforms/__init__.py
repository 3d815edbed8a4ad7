"""What differs between Windows, macOS and Linux, behind one small interface.

The checks of this computer and its browsers ask a `Platform` for paths, registry values,
property lists, running processes and program versions; they never test `sys.platform`
themselves. Windows and macOS are therefore testable here on Linux with recorded data in
the real formats (`reg query` output, `Info.plist` files), and a Windows user's run goes
through the same code the tests ran. The registry's readers live in `registry`.

Over 400 lines on purpose: one interface and its Windows and macOS answers side by side, so
that each question (paths, versions, policies, processes) reads across the three systems in one
place; the Linux answers are the base class's.
"""

from __future__ import annotations

import json
import os
import re
import signal
import ssl
import sys
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from conndoctor.core.platforms.child_env import child_environment
from conndoctor.core.platforms.registry import (  # noqa: F401 - part of this module's API
    RecordedRegistry,
    Registry,
    RegistryData,
    WindowsRegistry,
    parse_reg_query,
)

if TYPE_CHECKING:
    import psutil  # loaded only when processes are listed: it costs more than a DNS answer

_VERSION = re.compile(r"\d+(?:\.\d+)+")


class RunningProcess(NamedTuple):
    pid: int
    name: str
    exe: str
    cmdline: tuple[str, ...]


class Installation(NamedTuple):
    """Where a browser's program is and which version the platform says it is."""

    executable: Path | None
    version: str | None
    source: str
    """Where the version came from: 'registry', 'Info.plist', 'application.ini', '--version'."""


class OsIdentity(NamedTuple):
    os_id: str
    """One of the ids of the OS rules table: windows, macos, linux."""
    name: str
    version: str
    """The version judged by the rules (for Linux: the OpenSSL version)."""
    build: str = ""
    edition: str = ""
    extra: Mapping[str, str] | None = None


def read_plist(path: Path) -> dict[str, Any] | None:
    """An Info.plist or managed-preferences file, binary or XML; None if unreadable."""
    import plistlib  # macOS only

    try:
        with path.open("rb") as handle:
            loaded = plistlib.load(handle)
    except (OSError, plistlib.InvalidFileException, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def _psutil_processes(names: Collection[str] | None = None) -> tuple[RunningProcess, ...]:
    """Running processes; with `names`, only those, whose program and arguments alone are read
    (reading them for every process costs more than the rest of a browser scan)."""
    import psutil

    wanted = {n.lower() for n in names} if names is not None else None
    found: list[RunningProcess] = []
    for proc in _candidates(wanted):
        info = proc.info
        if info.get("status") in (psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD):
            continue  # exited, waiting to be reaped: it holds no files any more
        name = str(info.get("name") or "")
        if wanted is not None and name.lower() not in wanted:
            continue
        try:
            with proc.oneshot():
                exe, cmdline = _quietly(proc.exe, ""), _quietly(proc.cmdline, [])
        except psutil.Error:
            continue
        found.append(RunningProcess(proc.pid, name, str(exe or ""), tuple(cmdline or ())))
    return tuple(found)


def _candidates(wanted: set[str] | None) -> Iterable[psutil.Process]:
    """psutil's processes; on Linux, with names wanted, only those whose kernel name
    (/proc/PID/comm, cut at 15 characters) may be one, since psutil reads several files for each."""
    import psutil

    if wanted is None or not os.path.isdir("/proc/self"):
        yield from psutil.process_iter(["name", "status"])
        return
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm", encoding="utf-8", errors="replace") as handle:
                comm = handle.read().rstrip("\n").lower()
        except OSError:
            continue
        if comm in wanted or (len(comm) == 15 and any(w.startswith(comm) for w in wanted)):
            try:
                proc = psutil.Process(int(entry))
                proc.info = proc.as_dict(["name", "status"])
            except psutil.Error:
                continue
            yield proc


def _quietly(read: Callable[[], Any], default: Any) -> Any:
    """A process detail, or `default` when this user may not read it."""
    import psutil

    try:
        return read()
    except psutil.AccessDenied:
        return default


def run_for_version(command: list[str], timeout: float) -> str | None:
    """A program's `--version` answer, killed (with its children) once `timeout` is over."""
    import subprocess

    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=child_environment(),
        )
    except OSError:
        return None
    try:
        out, _ = proc.communicate(timeout=max(0.05, timeout))
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            proc.kill()
        proc.communicate()
        return None
    match = re.search(r"\d+(?:\.\d+)+(?:esr)?", out.decode("utf-8", "replace"))
    return match.group(0) if match else None


class Platform:
    """The Linux behaviour, which Windows and macOS refine. Paths derive from `home`."""

    os_id = "linux"

    def __init__(
        self,
        home: Path | None = None,
        system_root: Path | None = None,
        processes: Callable[[], Iterable[RunningProcess]] | None = None,
    ) -> None:
        self.home = Path(home) if home is not None else Path.home()
        self.system_root = system_root
        self._recorded_processes = processes
        self._dpkg_status_data: bytes | None = None

    def expand(self, template: str) -> Path:
        """A path of the rules file: '~' is the scanned home, absolute paths are the system's."""
        if template.startswith("~"):
            return self.home / template[1:].lstrip("/")
        for name, relative in (
            ("%LOCALAPPDATA%", "AppData/Local"),
            ("%APPDATA%", "AppData/Roaming"),
        ):
            if template.startswith(name):
                return self.home / relative / template[len(name) :].lstrip("/")
        if template.startswith("%PROGRAMFILES(X86)%"):
            return self._program_files("ProgramFiles(x86)") / template[19:].lstrip("/")
        if template.startswith("%PROGRAMFILES%"):
            return self._program_files("ProgramFiles") / template[14:].lstrip("/")
        return self.system_path(template)

    def system_path(self, absolute: str) -> Path:
        if self.system_root is None:
            return Path(absolute)
        return self.system_root / absolute.lstrip("/")

    def as_system_path(self, path: Path) -> str:
        """The absolute path `path` has on the scanned system (undoes `system_path`)."""
        if self.system_root is not None and path.is_relative_to(self.system_root):
            return "/" + path.relative_to(self.system_root).as_posix()
        return path.as_posix()

    def _program_files(self, variable: str) -> Path:
        if self.system_root is not None:
            return self.system_root / variable
        return Path(os.environ.get(variable, "C:\\Program Files"))

    def processes(self, names: Collection[str] | None = None) -> tuple[RunningProcess, ...]:
        """Running processes, only those called one of `names` if given (case-insensitive)."""
        import psutil

        try:
            if self._recorded_processes is None:
                return _psutil_processes(names)
            listed = tuple(self._recorded_processes())
        except (psutil.Error, OSError):
            return ()
        if names is None:
            return listed
        wanted = {n.lower() for n in names}
        return tuple(p for p in listed if p.name.lower() in wanted)

    def registry_value(self, key: str, name: str) -> RegistryData | None:
        return None

    def locate(self, spec: Mapping[str, Any], timeout: float) -> Installation:
        """The browser's program and version: application.ini or the package database, else
        `--version` (starting a browser, even just for its version, costs more than a check)."""
        for template in spec.get("executables", ()):
            exe = self.expand(template)
            if not (exe.is_file() and os.access(exe, os.X_OK)):
                continue
            ini = exe.resolve().parent / "application.ini"
            version = _ini_version(ini)
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
            version = _snap_version(self.system_path(f"/snap/{exe.name}/current/meta/snap.yaml"))
            return ("snap", version) if version else None
        wanted = set(packages)
        if not wanted:
            return None
        owned = {path, self.as_system_path(exe.resolve())}
        for name, arch, version in _dpkg_installed(self._dpkg_status(), wanted):
            if _BROWSER_VERSION.match(version) and self._dpkg_owns(name, arch, owned):
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
        """Managed (administrator) policies of a browser that have one of `names`."""
        wanted = set(names)
        found: dict[str, Any] = {}
        for template in spec.get("policy_dirs", ()):
            folder = self.expand(template)
            files = sorted(folder.glob("*.json")) if folder.is_dir() else []
            for file in files:
                found.update(_json_policies(file, wanted, wrapped=False))
        for template in spec.get("policy_files", ()):
            found.update(_json_policies(self.expand(template), wanted, wrapped=True))
        return found

    def os_identity(self) -> OsIdentity:
        release = _os_release(self.system_path("/etc/os-release"))
        openssl = _VERSION.search(ssl.OPENSSL_VERSION)
        return OsIdentity(
            os_id="linux",
            name=release.get("PRETTY_NAME") or release.get("NAME") or "Linux",
            version=openssl.group(0) if openssl else "",
            build=os.uname().release if hasattr(os, "uname") else "",
            edition=release.get("VERSION_ID", ""),
            extra={"openssl": ssl.OPENSSL_VERSION},
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

    def registry_value(self, key: str, name: str) -> RegistryData | None:
        return self.registry.value(key, name)

    def locate(self, spec: Mapping[str, Any], timeout: float) -> Installation:
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
                match = _VERSION.search(value) if isinstance(value, str) else None
                if match:
                    return Installation(exe, match.group(0), "registry")
        return Installation(exe, None, "")

    def policies(self, spec: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key in spec.get("policy_keys", ()):
            for name in names:
                value = self.registry_value(key, name)
                if value is not None:
                    found.setdefault(name, value)
        return found

    def os_identity(self) -> OsIdentity:
        key = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"

        def text(name: str) -> str:
            value = self.registry_value(key, name)
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


class MacPlatform(Platform):
    """macOS: versions from each app's Info.plist, the OS from SystemVersion.plist."""

    os_id = "macos"

    def locate(self, spec: Mapping[str, Any], timeout: float) -> Installation:
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
        found: dict[str, Any] = {}
        for template in spec.get("policy_plists", ()):
            loaded = read_plist(self.expand(template)) or {}
            found.update({n: loaded[n] for n in names if n in loaded})
        return found

    def os_identity(self) -> OsIdentity:
        system = read_plist(self.system_path("/System/Library/CoreServices/SystemVersion.plist"))
        if system:
            version = str(system.get("ProductVersion", ""))
            build = str(system.get("ProductBuildVersion", ""))
        else:
            import platform

            version, build = platform.mac_ver()[0], ""
        return OsIdentity(
            os_id="macos", name=f"macOS {version}".strip(), version=version, build=build
        )


def _ini_version(path: Path) -> str | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    fields = dict(line.split("=", 1) for line in lines if "=" in line)
    version = fields.get("Version", "").strip()
    if not version:
        return None
    return version + "esr" if fields.get("RemotingName", "").endswith("-esr") else version


_BROWSER_VERSION = re.compile(r"\d+\.\d+")


def _dpkg_installed(data: bytes, wanted: set[str]) -> list[tuple[str, str, str]]:
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
            found.append((name, arch, _upstream_version(fields["Version"])))
    return found


def _upstream_version(debian_version: str) -> str:
    """'2:156.0.8078.108-1~deb12u1' -> '156.0.8078.108' (no epoch, no Debian revision)."""
    version = debian_version.split(":", 1)[1] if ":" in debian_version else debian_version
    return version.rsplit("-", 1)[0] if "-" in version else version


def _snap_version(snap_yaml: Path) -> str | None:
    try:
        lines = snap_yaml.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith("version:"):
            version = line.split(":", 1)[1].strip().strip("'\"")
            return version if _BROWSER_VERSION.match(version) else None
    return None


def _json_policies(path: Path, wanted: set[str], *, wrapped: bool) -> dict[str, Any]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if wrapped and isinstance(loaded, dict):
        loaded = loaded.get("policies", {})
    if not isinstance(loaded, dict):
        return {}
    return {k: v for k, v in loaded.items() if k in wanted}


def _os_release(path: Path) -> dict[str, str]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {k.strip(): v.strip().strip('"') for k, v in pairs}


def current_platform(home: Path | None = None) -> Platform:
    """The platform this program runs on, scanning `home` (default: the user's home)."""
    if sys.platform == "win32":
        return WindowsPlatform(home)
    if sys.platform == "darwin":
        return MacPlatform(home)
    return Platform(home)


class FolderSize(NamedTuple):
    """Bytes and files under some folders; `complete` is False when the deadline cut it short."""

    bytes: int
    files: int
    complete: bool


def measure_folders(folders: Iterable[Path], deadline: float) -> FolderSize:
    """Sum file sizes under `folders` (symlinks not followed) until `deadline` (monotonic)."""
    total = files = 0
    stack = [str(f) for f in folders]
    while stack:
        if time.monotonic() >= deadline:
            return FolderSize(total, files, False)
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        elif entry.is_file(follow_symlinks=False):
                            total += entry.stat(follow_symlinks=False).st_size
                            files += 1
                    except OSError:
                        continue
        except OSError:
            continue
    return FolderSize(total, files, True)
