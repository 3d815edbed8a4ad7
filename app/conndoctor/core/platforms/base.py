"""The one interface every operating system answers, and what the three share.

The checks of this computer and its browsers ask a `Platform` for paths, registry values,
property lists, running processes and program versions; they never test `sys.platform`
themselves. Each system's answers live in its own module (`linux`, `windows`, `macos`), so
Windows and macOS are testable here on Linux with recorded data in the real formats, and a
Windows user's run goes through the same code the tests ran.
"""

from __future__ import annotations

import abc
import os
import re
import signal
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from conndoctor.core.engine.child_env import child_environment

if TYPE_CHECKING:
    import psutil  # loaded only when processes are listed: it costs more than a DNS answer

    from conndoctor.core.platforms.registry import RegistryData

VERSION = re.compile(r"\d+(?:\.\d+)+")
"""A dotted version number inside a longer text ('Chromium 120.0.6099.224 built on ...')."""


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


class Platform(abc.ABC):
    """What the checks may ask of an operating system. Paths derive from `home`, and from
    `system_root` when a recorded system (a folder holding its files) stands in for this one."""

    os_id: str
    """The id of this system in the rules files: linux, windows, macos."""

    def __init__(
        self,
        home: Path | None = None,
        system_root: Path | None = None,
        processes: Callable[[], Iterable[RunningProcess]] | None = None,
    ) -> None:
        self.home = Path(home) if home is not None else Path.home()
        self.system_root = system_root
        self._recorded_processes = processes

    def expand(self, template: str) -> Path:
        """A path of the rules file: '~' is the scanned home, absolute paths are the system's."""
        if template.startswith("~"):
            return self.home / template[1:].lstrip("/")
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
        """A value of the Windows registry; None where there is none (on every other system)."""
        return None

    @abc.abstractmethod
    def locate(self, spec: Mapping[str, Any], timeout: float) -> Installation:
        """A browser's program and version, from its rules (`spec`) for this system."""

    @abc.abstractmethod
    def policies(self, spec: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
        """Managed (administrator) policies of a browser that have one of `names`."""

    @abc.abstractmethod
    def os_identity(self) -> OsIdentity:
        """Which operating system and version this is, as the OS rules table names them."""


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
