"""Linux: versions from application.ini, dpkg's database (recorded from Debian 12) and snap
metadata; policies from JSON files; the OS from os-release."""

from __future__ import annotations

import shutil
import ssl
from pathlib import Path

import pytest

from conndoctor.core.browsers.inventory import browser_spec
from conndoctor.core.platforms.base import run_for_version
from conndoctor.core.platforms.linux import (
    LinuxPlatform,
    dpkg_installed,
    ini_version,
    upstream_version,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "platforms"
CHROMIUM = shutil.which("chromium")


def _debian_root(tmp_path: Path, programs: tuple[str, ...]) -> Path:
    root = tmp_path / "root"
    shutil.copytree(DATA / "linux" / "dpkg", root / "var" / "lib" / "dpkg")
    for name in programs:
        program = root / "usr" / "bin" / name
        program.parent.mkdir(parents=True, exist_ok=True)
        program.write_text("#!/bin/sh\nexit 3\n")
        program.chmod(0o755)
    return root


def test_linux_version_from_dpkg_when_the_package_lists_the_program(tmp_path: Path) -> None:
    root = _debian_root(tmp_path, ("chromium",))
    plat = LinuxPlatform(tmp_path, system_root=root, processes=tuple)
    found = plat.locate(browser_spec("chromium")["linux"], 1.0)
    assert (found.version, found.source) == ("156.0.8078.108", "dpkg")
    assert found.executable == root / "usr" / "bin" / "chromium"


def test_dpkg_is_not_believed_for_programs_it_did_not_install(tmp_path: Path) -> None:
    root = _debian_root(tmp_path, ("chromium-browser",))
    plat = LinuxPlatform(tmp_path, system_root=root, processes=tuple)
    transitional = plat.locate(browser_spec("chromium")["linux"], 1.0)
    assert transitional.executable == root / "usr" / "bin" / "chromium-browser"
    assert (transitional.version, transitional.source) == (None, "--version")

    (root / "var" / "lib" / "dpkg" / "info" / "chromium.list").unlink()
    (root / "usr" / "bin" / "chromium-browser").unlink()
    hand_built = root / "usr" / "bin" / "chromium"
    hand_built.write_text("#!/bin/sh\necho 'Chromium 99.0.1.2'\n")
    hand_built.chmod(0o755)
    found = plat.locate(browser_spec("chromium")["linux"], 5.0)
    assert (found.version, found.source) == ("99.0.1.2", "--version")


def test_recorded_dpkg_status_is_read_as_debian_writes_it() -> None:
    status = (DATA / "linux" / "dpkg" / "status").read_bytes()
    found = dpkg_installed(status, {"chromium", "firefox-esr", "chromium-browser", "absent"})
    assert found == [
        ("chromium", "amd64", "156.0.8078.108"),
        ("chromium-browser", "amd64", "1snap1"),
        ("firefox-esr", "amd64", "153.7.0esr"),
    ]
    assert upstream_version("2:1snap1-0ubuntu2") == "1snap1"
    assert upstream_version("115.6.0") == "115.6.0"


def test_snap_version_from_its_metadata(tmp_path: Path) -> None:
    root = tmp_path / "root"
    program = root / "snap" / "bin" / "chromium"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\nexit 3\n")
    program.chmod(0o755)
    meta = root / "snap" / "chromium" / "current" / "meta" / "snap.yaml"
    meta.parent.mkdir(parents=True)
    meta.write_text("name: chromium\nversion: 131.0.6778.85\nsummary: Chromium web browser\n")
    plat = LinuxPlatform(tmp_path, system_root=root, processes=tuple)
    found = plat.locate(browser_spec("chromium_snap")["linux"], 1.0)
    assert (found.version, found.source) == ("131.0.6778.85", "snap")


def test_firefox_version_from_application_ini(tmp_path: Path) -> None:
    folder = tmp_path / "root" / "usr" / "lib" / "firefox-esr"
    folder.mkdir(parents=True)
    program = folder / "firefox-esr"
    program.write_text("#!/bin/sh\nexit 3\n")
    program.chmod(0o755)
    (folder / "application.ini").write_text(
        "[App]\nVendor=Mozilla\nName=Firefox\nRemotingName=firefox-esr\nVersion=115.6.0\n"
    )
    plat = LinuxPlatform(tmp_path, system_root=tmp_path / "root", processes=tuple)
    found = plat.locate(browser_spec("firefox")["linux"], 1.0)
    assert (found.version, found.source) == ("115.6.0esr", "application.ini")
    assert ini_version(tmp_path / "missing.ini") is None


def test_policies_from_chromium_folder_and_firefox_file(tmp_path: Path) -> None:
    root = tmp_path / "root"
    managed = root / "etc" / "chromium" / "policies" / "managed"
    managed.mkdir(parents=True)
    shutil.copy(DATA / "linux" / "chromium" / "policy_tls13_min.json", managed / "tls.json")
    (managed / "broken.json").write_text("{not json")
    firefox = root / "etc" / "firefox-esr" / "policies"
    firefox.mkdir(parents=True)
    shutil.copy(DATA / "linux" / "firefox" / "policies_max_tls11.json", firefox / "policies.json")
    plat = LinuxPlatform(tmp_path, system_root=root, processes=tuple)
    chromium = plat.policies(browser_spec("chromium")["linux"], ["SSLVersionMin", "Other"])
    assert chromium == {"SSLVersionMin": "tls1.3"}
    wanted = ["SSLVersionMax", "SSLVersionMin"]
    assert plat.policies(browser_spec("firefox")["linux"], wanted) == {"SSLVersionMax": "tls1.1"}
    assert (
        LinuxPlatform(tmp_path, system_root=tmp_path).policies(
            browser_spec("chromium")["linux"], ["SSLVersionMin"]
        )
        == {}
    )


def test_os_release_of_another_root(tmp_path: Path) -> None:
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "os-release").write_text(
        '# comment\nPRETTY_NAME="Example Linux 9"\nVERSION_ID="9"\n'
    )
    identity = LinuxPlatform(tmp_path, system_root=tmp_path).os_identity()
    assert (identity.os_id, identity.name, identity.edition) == ("linux", "Example Linux 9", "9")
    assert identity.version and identity.version in ssl.OPENSSL_VERSION
    assert LinuxPlatform(tmp_path, system_root=tmp_path / "none").os_identity().name == "Linux"


@pytest.mark.browsers
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian chromium")
def test_real_chromium_version_is_read_from_dpkg_without_starting_it() -> None:
    found = LinuxPlatform().locate(browser_spec("chromium")["linux"], 5.0)
    assert found.source == "dpkg"
    assert found.version == run_for_version([str(CHROMIUM), "--version"], 30.0)
