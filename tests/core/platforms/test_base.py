"""The interface every platform answers, and what the three systems share: paths under a
scanned home or a recorded system, process listing, bounded `--version`, folder sizes."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conndoctor.core.platforms import (
    Platform,
    RunningProcess,
    current_platform,
    measure_folders,
    run_for_version,
)
from conndoctor.core.platforms.linux import LinuxPlatform
from conndoctor.core.platforms.macos import MacPlatform
from conndoctor.core.platforms.registry import RecordedRegistry
from conndoctor.core.platforms.windows import WindowsPlatform


def test_the_interface_cannot_be_used_without_a_system() -> None:
    with pytest.raises(TypeError):
        Platform()  # type: ignore[abstract]


@pytest.mark.parametrize(
    "plat",
    [
        LinuxPlatform(Path("/home/u")),
        MacPlatform(Path("/home/u")),
        WindowsPlatform(Path("/home/u"), registry=RecordedRegistry()),
    ],
    ids=["linux", "macos", "windows"],
)
def test_every_system_answers_the_whole_interface(plat: Platform) -> None:
    assert plat.os_id in {"linux", "macos", "windows"}
    assert plat.locate({}, 0.1) == (None, None, "")
    assert plat.policies({}, ["SSLVersionMin"]) == {}
    assert plat.expand("~/.config/x") == Path("/home/u/.config/x")


def test_this_computer_gets_its_own_system() -> None:
    expected = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    plat = current_platform(Path("/home/someone"))
    assert plat.os_id == expected and plat.home == Path("/home/someone")
    assert isinstance(current_platform(), LinuxPlatform) == (expected == "linux")


def test_only_the_running_systems_module_is_loaded() -> None:
    code = (
        "import sys; from conndoctor.core.platforms import current_platform; current_platform(); "
        "print(sorted(m for m in sys.modules if m.startswith('conndoctor.core.platforms.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {name.rsplit(".", 1)[1] for name in ast.literal_eval(done.stdout)}
    own = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    assert own in loaded and not ({"linux", "windows", "macos"} - {own}) & loaded


def test_paths_of_a_recorded_system_round_trip(tmp_path: Path) -> None:
    plat = LinuxPlatform(tmp_path / "home", system_root=tmp_path / "root")
    inside = plat.expand("/etc/chromium/policies/managed")
    assert inside == tmp_path / "root" / "etc/chromium/policies/managed"
    assert plat.as_system_path(inside) == "/etc/chromium/policies/managed"
    assert plat.as_system_path(Path("/usr/bin/x")) == "/usr/bin/x"
    assert LinuxPlatform(tmp_path).expand("/usr/bin/chromium") == Path("/usr/bin/chromium")


def test_recorded_processes_are_filtered_by_name_without_case() -> None:
    listed = (
        RunningProcess(10, "Chrome.exe", "C:\\chrome.exe", ()),
        RunningProcess(11, "explorer.exe", "C:\\Windows\\explorer.exe", ()),
    )
    plat = WindowsPlatform(processes=lambda: listed, registry=RecordedRegistry())
    assert plat.processes({"chrome.exe"}) == listed[:1]
    assert plat.processes() == listed
    assert plat.processes({"firefox.exe"}) == ()


def test_a_failing_process_listing_gives_none_rather_than_an_error() -> None:
    def broken() -> tuple[RunningProcess, ...]:
        raise PermissionError("no /proc")

    assert LinuxPlatform(processes=broken).processes() == ()


def test_only_windows_has_a_registry() -> None:
    key = "HKLM\\SOFTWARE\\Policies\\Google\\Chrome"
    recorded = RecordedRegistry(
        f"{key.replace('HKLM', 'HKEY_LOCAL_MACHINE')}\r\n    SSLVersionMin    REG_SZ    tls1.3\r\n"
    )
    assert WindowsPlatform(registry=recorded).registry_value(key, "SSLVersionMin") == "tls1.3"
    assert LinuxPlatform().registry_value(key, "SSLVersionMin") is None
    assert MacPlatform().registry_value(key, "SSLVersionMin") is None


def test_process_listing_reads_only_the_named_processes() -> None:
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        comm = Path(f"/proc/{sleeper.pid}/comm")
        for _ in range(100):  # the child may still be this Python until it has exec'd
            if comm.read_text().strip() == "sleep":
                break
            time.sleep(0.02)
        named = LinuxPlatform().processes({"SLEEP"})
        assert sleeper.pid in {p.pid for p in named}
        mine = next(p for p in named if p.pid == sleeper.pid)
        assert mine.exe.endswith("/sleep") and mine.cmdline == ("sleep", "30")
        assert {p.name for p in named} == {"sleep"}
        assert os.getpid() in {p.pid for p in LinuxPlatform().processes()}
        assert LinuxPlatform().processes({"no-such-program"}) == ()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_version_command_is_bounded(tmp_path: Path) -> None:
    slow = tmp_path / "slow-browser"
    slow.write_text("#!/bin/sh\nsleep 30\necho 'Slow 1.2.3'\n")
    slow.chmod(0o755)
    began = time.monotonic()
    assert run_for_version([str(slow), "--version"], 0.3) is None
    assert time.monotonic() - began < 10


def test_version_command_answer_is_read(tmp_path: Path) -> None:
    quick = tmp_path / "quick-browser"
    quick.write_text("#!/bin/sh\necho 'Mozilla Firefox 115.6.0esr'\n")
    quick.chmod(0o755)
    assert run_for_version([str(quick), "--version"], 5.0) == "115.6.0esr"
    assert run_for_version([str(tmp_path / "missing"), "--version"], 1.0) is None


def test_measuring_counts_files_and_stops_at_the_deadline(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"z" * 10)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "g").write_bytes(b"z" * 5)
    (tmp_path / "link").symlink_to(tmp_path / "sub")
    assert measure_folders([tmp_path], time.monotonic() + 5) == (15, 2, True)
    assert measure_folders([tmp_path], time.monotonic() - 1).complete is False
