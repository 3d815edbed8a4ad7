"""Windows on recorded `reg query` output: program paths and versions from App Paths and
BLBeacon, policies from the policy keys, the OS from CurrentVersion (7, 10 and 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conndoctor.core.browsers.inventory import browser_spec
from conndoctor.core.checks.system import judge_os
from conndoctor.core.platforms.registry import RecordedRegistry
from conndoctor.core.platforms.windows import WindowsPlatform

DATA = Path(__file__).resolve().parents[2] / "data" / "platforms" / "windows"


def _windows(home: Path, *recordings: str) -> WindowsPlatform:
    texts = [(DATA / name).read_text(encoding="utf-8") for name in recordings]
    return WindowsPlatform(
        home, system_root=home / "C", processes=tuple, registry=RecordedRegistry(*texts)
    )


@pytest.mark.parametrize(
    ("recording", "name", "version", "build", "tls12"),
    [
        (
            "win7_currentversion.txt",
            "Windows 7 Professional",
            "6.1.7601",
            "7601",
            "needs_setting_or_update",
        ),
        ("win10_currentversion.txt", "Windows 10 Pro", "10.0.19045", "19045.3930", "default"),
        ("win11_currentversion.txt", "Windows 11 Home", "10.0.22631", "22631.3254", "default"),
    ],
)
def test_windows_identity_from_registry(
    tmp_path: Path, recording: str, name: str, version: str, build: str, tls12: str
) -> None:
    identity = _windows(tmp_path, recording).os_identity()
    assert (identity.name, identity.version, identity.build) == (name, version, build)
    assert judge_os(identity.os_id, identity.version).tls12 == tls12


def test_windows_edition_release_and_service_pack(tmp_path: Path) -> None:
    win10 = _windows(tmp_path, "win10_currentversion.txt").os_identity()
    assert win10.edition == "Professional" and win10.extra
    assert win10.extra["display_version"] == "22H2"
    win7 = _windows(tmp_path, "win7_currentversion.txt").os_identity()
    assert win7.extra and win7.extra["service_pack"] == "Service Pack 1"
    assert _windows(tmp_path).os_identity()[:3] == ("windows", "Windows", "")


def test_versions_from_blbeacon_and_program_from_app_paths(tmp_path: Path) -> None:
    plat = _windows(tmp_path, "blbeacon_and_app_paths.txt")
    chrome = plat.locate(browser_spec("chrome")["windows"], 1)
    assert (chrome.version, chrome.source) == ("120.0.6099.130", "registry")
    assert chrome.executable == Path("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe")
    firefox = plat.locate(browser_spec("firefox")["windows"], 1)
    assert firefox.version == "115.6.0"  # '115.6.0 ESR (x64 ja)' in CurrentVersion
    assert plat.locate(browser_spec("ie")["windows"], 1).version == "11.0.9600.21615"


def test_without_app_paths_the_program_is_found_where_it_is_installed(tmp_path: Path) -> None:
    plat = _windows(tmp_path, "blbeacon_and_app_paths.txt")
    exe = tmp_path / "C" / "ProgramFiles(x86)" / "Microsoft" / "Edge" / "Application" / "msedge.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"MZ")
    edge = plat.locate(browser_spec("edge")["windows"], 1)
    assert (edge.executable, edge.version) == (exe, "120.0.2210.91")
    nothing = _windows(tmp_path).locate(browser_spec("vivaldi")["windows"], 1)
    assert nothing == (None, None, "")


def test_windows_folders_expand_under_the_scanned_home(tmp_path: Path) -> None:
    plat = _windows(tmp_path)
    assert plat.expand("%LOCALAPPDATA%/Google/Chrome/User Data") == (
        tmp_path / "AppData" / "Local" / "Google" / "Chrome" / "User Data"
    )
    assert plat.expand("%APPDATA%/Mozilla/Firefox") == tmp_path / "AppData/Roaming/Mozilla/Firefox"
    assert plat.expand("%PROGRAMFILES%/Mozilla Firefox/firefox.exe") == (
        tmp_path / "C" / "ProgramFiles" / "Mozilla Firefox" / "firefox.exe"
    )
    assert plat.expand("~/Desktop") == tmp_path / "Desktop"


def test_policies_from_the_machine_policy_key(tmp_path: Path) -> None:
    plat = _windows(tmp_path, "chrome_policy_tls13_min.txt")
    wanted = ["SSLVersionMin", "SSLVersionMax"]
    assert plat.policies(browser_spec("chrome")["windows"], wanted) == {"SSLVersionMin": "tls1.3"}
    assert plat.policies(browser_spec("edge")["windows"], wanted) == {}
