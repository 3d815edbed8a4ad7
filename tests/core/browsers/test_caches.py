"""Safe cache clearing on real Chromium and Firefox profiles, and the rules that keep it safe."""

from __future__ import annotations

import hashlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conndoctor.core.browsers.caches import allowed_cache_dirs, browser_in_use, clear_cache
from conndoctor.core.browsers.inventory import (
    BrowserInfo,
    Profile,
    browser_processes,
    scan_browsers,
)
from conndoctor.core.knowledge.i18n import render
from conndoctor.core.platforms import RunningProcess, current_platform, measure_folders
from conndoctor.core.platforms.linux import LinuxPlatform
from tests.core.browsers.test_browsers import (
    CHROMIUM,
    FIREFOX,
    browser_env,
    chromium_command,
    firefox_command,
    make_browser_home,
    stop_group,
)

PRECIOUS = {
    "chromium": ("Cookies", "Login Data", "History", "Bookmarks", "Preferences"),
    "firefox": ("cookies.sqlite", "logins.json", "key4.db", "places.sqlite", "prefs.js"),
}


@pytest.fixture()
def browser_home(tmp_path: Path) -> Iterator[Path]:
    if not (CHROMIUM and FIREFOX):
        pytest.skip("needs chromium and firefox-esr")
    (tmp_path / "site").mkdir()
    yield make_browser_home(tmp_path / "home")


def _real(home: Path) -> dict[str, BrowserInfo]:
    return {b.id: b for b in scan_browsers(home) if b.id in ("chromium", "firefox")}


def _fingerprints(folder: Path, skip: tuple[Path, ...]) -> dict[str, str]:
    """Hash of every regular file under `folder` except inside `skip` (the cache folders)."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file() or any(path.is_relative_to(s) for s in skip):
            continue
        found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _ensure_precious(browser: BrowserInfo, profile: Profile) -> None:
    for name in PRECIOUS[browser.family]:
        target = profile.path / name
        if not target.exists():  # the headless run may not have written it: make one to guard
            target.write_bytes(f"precious {name}".encode() * 100)


@pytest.mark.browsers
def test_clearing_real_caches_frees_bytes_and_keeps_everything_else(browser_home: Path) -> None:
    for browser in _real(browser_home).values():
        profile = browser.profiles[0]
        _ensure_precious(browser, profile)
        caches = tuple(allowed_cache_dirs(browser, profile))
        assert caches and profile.cache_bytes > 0, browser.id
        roots = {profile.path, profile.user_data_dir}
        before = {str(r): _fingerprints(r, caches) for r in roots}
        precious = {n: (profile.path / n).read_bytes() for n in PRECIOUS[browser.family]}

        outcome = clear_cache(browser, profile)

        assert outcome.refused_reason is None
        assert outcome.freed_bytes == profile.cache_bytes
        assert set(outcome.removed_paths) == set(caches)
        assert not any(c.exists() for c in caches)
        assert {str(r): _fingerprints(r, caches) for r in roots} == before
        assert {n: (profile.path / n).read_bytes() for n in PRECIOUS[browser.family]} == precious
        again = _real(browser_home)[browser.id].profiles[0]
        assert again.cache_bytes == 0 and again.path == profile.path


def _start_and_wait(
    command: list[str], home: Path, browser: BrowserInfo, profile: Profile
) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        command,
        env=browser_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    plat = current_platform(home)
    for _ in range(200):
        seen = browser_processes(browser.id, plat)
        if seen and browser_in_use(browser, profile, plat):
            return proc
        time.sleep(0.05)
    stop_group(proc)
    raise AssertionError(f"{browser.id} did not start")


@pytest.mark.browsers
def test_clearing_refuses_while_the_browser_runs(browser_home: Path) -> None:
    found = _real(browser_home)
    commands = {
        "chromium": chromium_command(browser_home, "about:blank"),
        "firefox": firefox_command(browser_home, "about:blank"),
    }
    for browser_id, command in commands.items():
        browser = found[browser_id]
        profile = browser.profiles[0]
        proc = _start_and_wait(command, browser_home, browser, profile)
        try:
            caches = tuple(allowed_cache_dirs(browser, profile))
            outcome = clear_cache(browser, profile)
            assert outcome.refused_reason is not None and outcome.freed_bytes == 0
            assert outcome.refused_reason.key == "caches.refused.running"
            assert browser.name in render(outcome.refused_reason, "ja")
            assert "close" in render(outcome.refused_reason, "en")
            assert all(c.exists() for c in caches)
            assert measure_folders(caches, time.monotonic() + 10).bytes > 0
        finally:
            stop_group(proc)


def _fake_chromium(tmp_path: Path) -> tuple[BrowserInfo, Profile]:
    user_data = tmp_path / ".config" / "chromium"
    profile_dir = user_data / "Default"
    for name in ("Cache/Cache_Data", "Code Cache/js", "GPUCache"):
        (profile_dir / name).mkdir(parents=True)
        (profile_dir / name / "data_0").write_bytes(b"c" * 100)
    (profile_dir / "Preferences").write_text("{}")
    (profile_dir / "Cookies").write_bytes(b"cookie jar")
    profile = Profile(
        profile_dir,
        "Default",
        profile_dir,
        user_data,
        (profile_dir / "Cache", profile_dir / "Code Cache", profile_dir / "GPUCache"),
    )
    return BrowserInfo(
        "chromium", "Chromium", "chromium", "120", True, False, None, (profile,)
    ), profile


def _platform(tmp_path: Path, *procs: RunningProcess) -> LinuxPlatform:
    return LinuxPlatform(tmp_path, processes=lambda: procs)


def test_symlinked_cache_outside_the_profile_is_never_followed(tmp_path: Path) -> None:
    browser, profile = _fake_chromium(tmp_path)
    outside = tmp_path / "important"
    outside.mkdir()
    (outside / "thesis.txt").write_text("do not delete")
    (profile.path / "GPUCache" / "data_0").unlink()
    (profile.path / "GPUCache").rmdir()
    (profile.path / "GPUCache").symlink_to(outside)
    outcome = clear_cache(browser, profile, platform=_platform(tmp_path))
    assert (outside / "thesis.txt").read_text() == "do not delete"
    assert profile.path / "GPUCache" not in outcome.removed_paths
    assert outcome.freed_bytes == 200


def test_only_known_cache_folders_are_removed(tmp_path: Path) -> None:
    browser, profile = _fake_chromium(tmp_path)
    sneaky = profile._replace(
        cache_dirs=(
            *profile.cache_dirs,
            profile.path / "Cookies",
            profile.path,
            tmp_path / "Cache",
        ),
    )
    (tmp_path / "Cache").mkdir()
    outcome = clear_cache(browser, sneaky, platform=_platform(tmp_path))
    assert (profile.path / "Cookies").read_bytes() == b"cookie jar"
    assert (profile.path / "Preferences").exists() and (tmp_path / "Cache").exists()
    assert len(outcome.removed_paths) == 3


def test_safari_and_ie_are_not_cleared(tmp_path: Path) -> None:
    _, profile = _fake_chromium(tmp_path)
    safari = BrowserInfo("safari", "Safari", "safari", "17", True, False, None, (profile,))
    outcome = clear_cache(safari, profile, platform=_platform(tmp_path))
    assert (
        outcome.refused_reason is not None
        and outcome.refused_reason.key == "caches.refused.unsupported"
    )
    assert (profile.path / "Cache").exists()


@pytest.mark.parametrize(
    ("cmdline", "refused"),
    [
        (("/usr/lib/chromium/chromium",), True),
        (("/usr/lib/chromium/chromium", "--user-data-dir=/somewhere/else"), False),
        (("/usr/lib/chromium/chromium", "--type=renderer"), False),
        (("/usr/lib/chromium/chromium", "--user-data-dir={user_data}"), True),
    ],
)
def test_which_running_processes_block_clearing(
    tmp_path: Path, cmdline: tuple[str, ...], refused: bool
) -> None:
    browser, profile = _fake_chromium(tmp_path)
    args = tuple(a.format(user_data=profile.user_data_dir) for a in cmdline)
    proc = RunningProcess(4242, "chromium", "/usr/lib/chromium/chromium", args)
    outcome = clear_cache(browser, profile, platform=_platform(tmp_path, proc))
    assert (outcome.refused_reason is not None) is refused
    assert (profile.path / "Cache").exists() is refused


def test_live_singleton_lock_blocks_clearing(tmp_path: Path) -> None:
    import os

    browser, profile = _fake_chromium(tmp_path)
    (profile.user_data_dir / "SingletonLock").symlink_to(f"somehost-{os.getpid()}")
    outcome = clear_cache(browser, profile, platform=_platform(tmp_path))
    assert outcome.refused_reason is not None


def test_a_folder_that_is_not_a_profile_is_refused(tmp_path: Path) -> None:
    browser, profile = _fake_chromium(tmp_path)
    (profile.path / "Preferences").unlink()
    outcome = clear_cache(browser, profile, platform=_platform(tmp_path))
    assert outcome.refused_reason is not None
    assert outcome.refused_reason.key == "caches.refused.not_a_profile"
    assert (profile.path / "Cache").exists()
    (profile.path / "Preferences").write_text("{}")
    elsewhere = profile._replace(cache_root=tmp_path)
    assert clear_cache(browser, elsewhere, platform=_platform(tmp_path)).refused_reason is not None
