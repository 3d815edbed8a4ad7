"""macOS on recorded files at their real paths: app Info.plist (binary and XML), managed
preferences and SystemVersion.plist of Big Sur and Mountain Lion."""

from __future__ import annotations

from pathlib import Path

import pytest

from conndoctor.core.browsers.inventory import browser_spec
from conndoctor.core.platforms.macos import MacPlatform, read_plist

DATA = Path(__file__).resolve().parents[2] / "data" / "platforms" / "macos"


def _mac(home: Path, release: str) -> MacPlatform:
    return MacPlatform(home, system_root=DATA / release, processes=tuple)


@pytest.mark.parametrize(
    ("release", "name", "version", "build"),
    [
        ("big_sur", "macOS 11.4", "11.4", "20F71"),
        ("mountain_lion", "macOS 10.8.5", "10.8.5", "12F2560"),
    ],
)
def test_identity_from_system_version_plist(
    tmp_path: Path, release: str, name: str, version: str, build: str
) -> None:
    identity = _mac(tmp_path, release).os_identity()
    assert (identity.os_id, identity.name, identity.version, identity.build) == (
        "macos",
        name,
        version,
        build,
    )


def test_versions_and_programs_from_info_plist(tmp_path: Path) -> None:
    plat = _mac(tmp_path, "big_sur")
    chrome = plat.locate(browser_spec("chrome")["macos"], 1)  # binary plist
    assert (chrome.version, chrome.source) == ("120.0.6099.129", "Info.plist")
    assert chrome.executable == (
        DATA / "big_sur" / "Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    )
    firefox = plat.locate(browser_spec("firefox")["macos"], 1)  # XML plist
    assert firefox.version == "115.6.0" and firefox.executable
    assert firefox.executable.name == "firefox"
    assert plat.locate(browser_spec("edge")["macos"], 1) == (None, None, "")
    old = _mac(tmp_path, "mountain_lion").locate(browser_spec("safari")["macos"], 1)
    assert old.version == "6.2.8"


def test_apps_in_the_users_own_applications_folder(tmp_path: Path) -> None:
    bundle = tmp_path / "Applications" / "Chromium.app"
    bundle.mkdir(parents=True)
    (bundle / "Contents").mkdir()
    info = DATA / "big_sur" / "Applications" / "Firefox.app" / "Contents" / "Info.plist"
    (bundle / "Contents" / "Info.plist").write_bytes(info.read_bytes())
    found = _mac(tmp_path, "mountain_lion").locate(browser_spec("chromium")["macos"], 1)
    assert found.executable == bundle / "Contents" / "MacOS" / "firefox"


def test_policies_from_managed_preferences(tmp_path: Path) -> None:
    plat = _mac(tmp_path, "big_sur")
    wanted = iter(["SSLVersionMin", "SSLVersionMax"])  # names may come as a one-pass iterable
    assert plat.policies(browser_spec("chrome")["macos"], wanted) == {"SSLVersionMin": "tls1.2"}
    assert _mac(tmp_path, "mountain_lion").policies(browser_spec("chrome")["macos"], []) == {}


def test_unreadable_property_lists_give_none(tmp_path: Path) -> None:
    (tmp_path / "broken.plist").write_bytes(b"bplist00garbage")
    (tmp_path / "list.plist").write_bytes(b'<?xml version="1.0"?><plist><array/></plist>')
    assert read_plist(tmp_path / "broken.plist") is None
    assert read_plist(tmp_path / "list.plist") is None
    assert read_plist(tmp_path / "missing.plist") is None
