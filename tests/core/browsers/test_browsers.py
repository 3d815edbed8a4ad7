"""Browser inventory, versions and TLS settings: real Debian browsers, recorded Windows/macOS."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conndoctor.core.browsers import inventory as browsers
from conndoctor.core.browsers.inventory import (
    BrowserInfo,
    browser_spec,
    clear_data_url,
    open_clear_data_page,
    scan_browsers,
    tls_settings_of,
)
from conndoctor.core.checks import browser_checks
from conndoctor.core.engine.context import CheckContext, Options
from conndoctor.core.engine.model import Status
from conndoctor.core.knowledge.i18n import render
from conndoctor.core.platforms import RunningProcess
from conndoctor.core.platforms.linux import LinuxPlatform
from conndoctor.core.platforms.macos import MacPlatform
from conndoctor.core.platforms.registry import RecordedRegistry
from conndoctor.core.platforms.windows import WindowsPlatform

DATA = Path(__file__).resolve().parents[2] / "data" / "platforms"
CHROMIUM, FIREFOX = shutil.which("chromium"), shutil.which("firefox-esr")
needs_browsers = pytest.mark.skipif(
    not (CHROMIUM and FIREFOX), reason="needs chromium, firefox-esr"
)
PAGE = (
    b'<html><body><h1>cache me</h1><img src="pic.svg"><script src="app.js"></script></body></html>'
)


def _ctx(**options: object) -> CheckContext:
    return CheckContext(Options(**options), time.monotonic() + 20)  # type: ignore[arg-type]


def browser_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MOZ_", "DISPLAY"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local/share"),
        MOZ_CRASHREPORTER_DISABLE="1",
    )
    return env


def chromium_command(home: Path, *extra: str) -> list[str]:
    return [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={home / '.config' / 'chromium'}",
        *extra,
    ]


def firefox_profile(home: Path) -> Path:
    return next((home / ".config" / "mozilla" / "firefox").glob("*.throwaway"))


def firefox_command(home: Path, *extra: str) -> list[str]:
    return [
        str(FIREFOX),
        "--headless",
        "--no-remote",
        "--profile",
        str(firefox_profile(home)),
        *extra,
    ]


def run_bounded(command: list[str], env: dict[str, str], seconds: float) -> None:
    """Run a browser, and kill it with everything it started once `seconds` are over."""
    proc = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        pass
    finally:
        stop_group(proc)


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    (folder / "index.html").write_bytes(PAGE)
    (folder / "pic.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'
    )
    (folder / "app.js").write_text("document.title = 'x'.repeat(4096);\n" * 200)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/index.html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def make_browser_home(home: Path) -> Path:
    """A HOME where chromium and firefox-esr each ran once headless on a loopback page."""
    home.mkdir(parents=True, exist_ok=True)
    env = browser_env(home)
    server, url = _serve(home.parent / "site" if home.parent.name else home / "site")
    try:
        run_bounded(chromium_command(home, url, f"--screenshot={home.parent / 'c.png'}"), env, 30)
        subprocess.run(
            [str(FIREFOX), "--headless", "-CreateProfile", "throwaway"],
            env=env,
            timeout=30,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        run_bounded(firefox_command(home, "--screenshot", str(home.parent / "f.png"), url), env, 60)
    finally:
        server.shutdown()
    _wait_until_gone(home)
    return home


def _wait_until_gone(home: Path) -> None:
    """Killed browser processes take a moment to disappear; clearing rightly waits for that."""
    plat = LinuxPlatform(home)
    for _ in range(100):
        left = [
            p
            for b in ("chromium", "firefox")
            for p in browsers.browser_processes(b, plat)
            if not p.cmdline or any(str(home) in arg for arg in p.cmdline)
        ]
        if not left:
            return
        time.sleep(0.1)


@pytest.fixture(scope="module")
def browser_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not (CHROMIUM and FIREFOX):
        pytest.skip("needs chromium and firefox-esr")
    base = tmp_path_factory.mktemp("browsers")
    (base / "site").mkdir()
    yield make_browser_home(base / "home")


def _version_of(command: list[str]) -> str:
    out = subprocess.run(command, capture_output=True, text=True, timeout=30).stdout
    found = re.search(r"\d+(?:\.\d+)+", out)
    assert found, out
    return found.group(0)


@pytest.mark.browsers
@needs_browsers
def test_inventory_finds_real_browsers_with_versions_profiles_caches(browser_home: Path) -> None:
    found = {b.id: b for b in scan_browsers(browser_home)}
    chromium, firefox = found["chromium"], found["firefox"]
    assert chromium.installed and chromium.version == _version_of([str(CHROMIUM), "--version"])
    assert firefox.installed and firefox.version
    assert firefox.version.startswith(_version_of([str(FIREFOX), "--version"]))
    assert [p.path for p in chromium.profiles] == [
        browser_home / ".config" / "chromium" / "Default"
    ]
    assert chromium.profiles[0].last_version == chromium.version
    assert firefox.profiles[0].path == firefox_profile(browser_home)
    assert firefox.profiles[0].last_version and firefox.version.startswith(
        firefox.profiles[0].last_version
    )
    for browser in (chromium, firefox):
        profile = browser.profiles[0]
        assert profile.cache_bytes > 0 and profile.cache_complete, browser.id
        assert all(str(d).startswith(str(browser_home)) for d in profile.cache_dirs)
    assert not found["chrome"].present and not found["firefox_snap"].present


@pytest.mark.browsers
@needs_browsers
def test_check_json_lists_system_and_browser_checks(browser_home: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "conndoctor",
        "check",
        "https://localhost:1/",
        "--json",
        "--home",
        str(browser_home),
        "--timeout",
        "3",
        "--ntp-server",
        "127.0.0.1:9",
        "--connectivity-url",
        "http://127.0.0.1:9/",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    report = json.loads(done.stdout)
    checks = {c.get("id") or c.get("check_id"): c for c in report["checks"]}
    for check_id in (
        "system.os_tls",
        "system.disk",
        "browsers.inventory",
        "browsers.tls_settings",
        "browsers.cache",
    ):
        assert check_id in checks and checks[check_id]["status"] != "error", check_id
    listed = json.dumps(checks["browsers.inventory"])
    assert "chromium" in listed and "firefox" in listed
    assert str(browser_home) not in listed  # home shown as ~ in reports


def _firefox_home(home: Path, *, user_js: bool = True) -> Path:
    root = home / ".mozilla" / "firefox"
    profile = root / "k9v3x2ab.default-esr"
    profile.mkdir(parents=True)
    (root / "w1q0e7cd.default").mkdir()
    shutil.copy(DATA / "linux/firefox/profiles.ini", root / "profiles.ini")
    for name in ("compatibility.ini", "prefs.js") + (("user.js",) if user_js else ()):
        shutil.copy(DATA / "linux/firefox" / name, profile / name)
    return profile


def _firefox_only(tmp_path: Path) -> LinuxPlatform:
    return LinuxPlatform(tmp_path, system_root=tmp_path / "root", processes=tuple)


def test_firefox_profiles_ini_and_compatibility_ini(tmp_path: Path) -> None:
    _firefox_home(tmp_path)
    (tmp_path / ".cache/mozilla/firefox/k9v3x2ab.default-esr/cache2").mkdir(parents=True)
    (tmp_path / ".cache/mozilla/firefox/k9v3x2ab.default-esr/cache2/entry").write_bytes(b"x" * 5000)
    firefox = {b.id: b for b in scan_browsers(platform=_firefox_only(tmp_path))}["firefox"]
    assert (
        not firefox.installed
        and firefox.version == "115.6.0"
        and firefox.version_source == "profile"
    )
    names = {p.name: p for p in firefox.profiles}
    assert set(names) == {"default", "default-esr"}
    assert names["default-esr"].cache_bytes == 5000 and names["default"].cache_bytes == 0


def test_user_js_turning_tls12_off_gives_browser_tls_disabled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _firefox_home(tmp_path)
    for module in (browsers, browser_checks):
        monkeypatch.setattr(module, "current_platform", lambda home=None: _firefox_only(tmp_path))
    outcome = browser_checks.check_tls_settings(_ctx(home=tmp_path))
    disabled = [f for f in outcome.findings if f.cause == "browser_tls_disabled"]
    assert outcome.status is Status.FAIL and len(disabled) == 1
    assert disabled[0].evidence["setting"] == "security.tls.version.max"
    assert disabled[0].evidence["value"] == 1 and disabled[0].evidence["profile"] == "default-esr"
    assert disabled[0].detail is not None and "about:config" in render(disabled[0].detail, "ja")


def test_prefs_js_alone_with_tls13_max_is_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _firefox_home(tmp_path, user_js=False)
    for module in (browsers, browser_checks):
        monkeypatch.setattr(module, "current_platform", lambda home=None: _firefox_only(tmp_path))
    assert not browser_checks.check_tls_settings(_ctx(home=tmp_path)).findings


def test_user_js_wins_over_prefs_js(tmp_path: Path) -> None:
    profile = _firefox_home(tmp_path)
    (profile / "prefs.js").write_text('user_pref("security.tls.version.max", 1);\n')
    (profile / "user.js").write_text('user_pref("security.tls.version.max", 4);\n')
    firefox = {b.id: b for b in scan_browsers(platform=_firefox_only(tmp_path))}["firefox"]
    assert tls_settings_of(firefox, _firefox_only(tmp_path)) == []


def test_locked_system_pref_and_policy_are_read(tmp_path: Path) -> None:
    _firefox_home(tmp_path, user_js=False)
    root = tmp_path / "root"
    (root / "etc/firefox-esr").mkdir(parents=True)
    shutil.copy(
        DATA / "linux/firefox/syspref_locked_min4.js", root / "etc/firefox-esr/firefox-esr.js"
    )
    (root / "etc/firefox/policies").mkdir(parents=True)
    shutil.copy(
        DATA / "linux/firefox/policies_max_tls11.json", root / "etc/firefox/policies/policies.json"
    )
    plat = _firefox_only(tmp_path)
    firefox = {b.id: b for b in scan_browsers(platform=plat)}["firefox"]
    found = {(s.setting, s.value, s.origin) for s in tls_settings_of(firefox, plat)}
    assert ("security.tls.version.min", 4, "prefs") in found
    assert ("SSLVersionMax", "tls1.1", "policy") in found


def test_old_chrome_last_version_gives_browser_outdated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_data = tmp_path / ".config" / "google-chrome"
    for folder in ("Default", "Profile 1"):
        (user_data / folder).mkdir(parents=True)
        (user_data / folder / "Preferences").write_text("{}")
    shutil.copy(DATA / "linux/chromium/Last Version", user_data / "Last Version")
    shutil.copy(DATA / "linux/chromium/Local State", user_data / "Local State")
    for module in (browsers, browser_checks):
        monkeypatch.setattr(module, "current_platform", lambda home=None: _firefox_only(tmp_path))
    outcome = browser_checks.check_tls_settings(_ctx(home=tmp_path))
    outdated = [f for f in outcome.findings if f.cause == "browser_outdated"]
    assert len(outdated) == 1 and outdated[0].evidence["version"] == "29.0.1547.57"
    assert (
        outdated[0].evidence["minimum"] == "30" and outdated[0].evidence["browser_id"] == "chrome"
    )
    assert outdated[0].detail is not None and "google.com/chrome" in render(
        outdated[0].detail, "en"
    )
    chrome = {b.id: b for b in browser_checks.scan_for(_ctx(home=tmp_path)) or ()}["chrome"]
    assert [p.name for p in chrome.profiles] == ["Person 1", "Work"]
    other = browser_checks.check_tls_settings(_ctx(home=tmp_path, browser="firefox"))
    assert other.findings[0].confidence < outdated[0].confidence


def test_chromium_policy_json_above_tls12(tmp_path: Path) -> None:
    (tmp_path / ".config/chromium/Default").mkdir(parents=True)
    (tmp_path / ".config/chromium/Default/Preferences").write_text("{}")
    policies = tmp_path / "root/etc/chromium/policies/managed"
    policies.mkdir(parents=True)
    shutil.copy(DATA / "linux/chromium/policy_tls13_min.json", policies / "corp.json")
    plat = _firefox_only(tmp_path)
    chromium = {b.id: b for b in scan_browsers(platform=plat)}["chromium"]
    assert [(s.setting, s.value) for s in tls_settings_of(chromium, plat)] == [
        ("SSLVersionMin", "tls1.3")
    ]


def _recorded_windows(home: Path, *names: str) -> WindowsPlatform:
    texts = [(DATA / "windows" / n).read_text(encoding="utf-8") for n in names]
    return WindowsPlatform(
        home, system_root=home / "C", processes=tuple, registry=RecordedRegistry(*texts)
    )


def test_windows_versions_from_blbeacon_and_app_paths(tmp_path: Path) -> None:
    plat = _recorded_windows(tmp_path, "blbeacon_and_app_paths.txt")
    chrome = plat.locate(browser_spec("chrome")["windows"], 1)
    assert chrome.version == "120.0.6099.130" and chrome.source == "registry"
    assert chrome.executable == Path("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe")
    assert plat.locate(browser_spec("edge")["windows"], 1).version == "120.0.2210.91"
    assert plat.locate(browser_spec("firefox")["windows"], 1).version == "115.6.0"
    assert plat.locate(browser_spec("ie")["windows"], 1).version == "11.0.9600.21615"


def test_windows_ie8_is_outdated_japanese_default_value(tmp_path: Path) -> None:
    plat = _recorded_windows(tmp_path, "ie8_app_paths_japanese.txt")
    ie = {b.id: b for b in scan_browsers(platform=plat)}["ie"]
    assert ie.installed and ie.version == "8.0.7601.17514"
    assert ie.executable == Path("C:\\Program Files\\Internet Explorer\\IEXPLORE.EXE")
    finding = browser_checks._outdated(ie, 1.0)
    assert finding is not None and finding.evidence["minimum"] == "11"


def test_windows_firefox_profiles_and_local_cache(tmp_path: Path) -> None:
    roaming = tmp_path / "AppData/Roaming/Mozilla/Firefox"
    (roaming / "Profiles/qa1b2c3d.default-release").mkdir(parents=True)
    shutil.copy(DATA / "windows/firefox/profiles.ini", roaming / "profiles.ini")
    cache = tmp_path / "AppData/Local/Mozilla/Firefox/Profiles/qa1b2c3d.default-release/cache2"
    cache.mkdir(parents=True)
    (cache / "entry").write_bytes(b"y" * 1234)
    plat = _recorded_windows(tmp_path, "blbeacon_and_app_paths.txt")
    firefox = {b.id: b for b in scan_browsers(platform=plat)}["firefox"]
    assert [p.name for p in firefox.profiles] == ["default-release"]
    assert firefox.profiles[0].cache_dirs == (cache,) and firefox.profiles[0].cache_bytes == 1234


def test_windows_chrome_policy_and_secure_protocols(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plat = _recorded_windows(
        tmp_path,
        "blbeacon_and_app_paths.txt",
        "chrome_policy_tls13_min.txt",
        "internet_settings_tls12_off.txt",
    )
    assert browsers.secure_protocols(plat) == 0xA0
    for module in (browsers, browser_checks):
        monkeypatch.setattr(module, "current_platform", lambda home=None: plat)
    monkeypatch.setattr(
        browsers, "scan_browsers", lambda home=None, deadline_s=0: scan_browsers(platform=plat)
    )
    outcome = browser_checks.check_tls_settings(_ctx(home=tmp_path))
    settings = {
        f.evidence["setting"] for f in outcome.findings if f.cause == "browser_tls_disabled"
    }
    assert settings == {"SSLVersionMin", "SecureProtocols"}
    on = _recorded_windows(tmp_path, "internet_settings_tls12_on.txt")
    assert browsers.secure_protocols(on) == 0x2A80


def test_macos_versions_from_info_plist(tmp_path: Path) -> None:
    root = DATA / "macos" / "big_sur"
    plat = MacPlatform(tmp_path, system_root=root, processes=tuple)
    found = {b.id: b for b in scan_browsers(platform=plat)}
    assert found["chrome"].version == "120.0.6099.129"  # binary plist
    assert found["safari"].version == "14.1.1"
    assert found["firefox"].version == "115.6.0"  # XML plist
    assert (
        found["chrome"].executable
        == root / "Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    )
    assert plat.policies(browser_spec("chrome")["macos"], ["SSLVersionMin"]) == {
        "SSLVersionMin": "tls1.2"
    }
    old = MacPlatform(tmp_path, system_root=DATA / "macos" / "mountain_lion", processes=tuple)
    safari = {b.id: b for b in scan_browsers(platform=old)}["safari"]
    assert browser_checks._outdated(safari, 1.0) is not None


@pytest.mark.parametrize(
    ("browser_id", "proc", "running"),
    [
        ("chromium", RunningProcess(1, "chromium", "/usr/lib/chromium/chromium", ()), True),
        ("chrome", RunningProcess(1, "chromium", "/usr/lib/chromium/chromium", ()), False),
        ("firefox", RunningProcess(1, "firefox-esr", "/usr/lib/firefox-esr/firefox-esr", ()), True),
        (
            "chrome",
            RunningProcess(
                1, "chrome.exe", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", ()
            ),
            True,
        ),
        (
            "edge",
            RunningProcess(
                1, "chrome.exe", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", ()
            ),
            False,
        ),
        ("safari", RunningProcess(1, "Safari", "", ()), True),
    ],
)
def test_process_matching(browser_id: str, proc: RunningProcess, running: bool) -> None:
    platform = {"chrome.exe": "windows", "Safari": "macos"}.get(proc.name, "linux")
    assert browsers.process_matches(browser_spec(browser_id)[platform], proc) is running


def test_clear_data_urls() -> None:
    assert clear_data_url("chrome") == "chrome://settings/clearBrowserData"
    assert clear_data_url("edge") == "edge://settings/clearBrowserData"
    assert clear_data_url("firefox") == "about:preferences#privacy"
    assert clear_data_url("safari") is None and clear_data_url("nonsense") is None


def test_open_clear_data_page_launches_the_browser_with_the_url(tmp_path: Path) -> None:
    record = tmp_path / "args.txt"
    fake = tmp_path / "fake-browser"
    fake.write_text(
        f'#!/bin/sh\nprintf "%s" "$1" > "{record}.tmp" && mv "{record}.tmp" "{record}"\n'
    )
    fake.chmod(0o755)
    browser = BrowserInfo("edge", "Microsoft Edge", "chromium", "120", True, False, fake)
    assert open_clear_data_page(browser)
    for _ in range(100):
        if record.exists():
            break
        time.sleep(0.05)
    assert record.read_text() == "edge://settings/clearBrowserData"
    assert not open_clear_data_page(
        BrowserInfo("safari", "Safari", "safari", "17", True, False, fake)
    )
    assert not open_clear_data_page("brave", home=tmp_path)  # not installed here


def test_open_clear_data_page_by_id_finds_the_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "args.txt"
    fake = tmp_path / "root/usr/bin/chromium"
    fake.parent.mkdir(parents=True)
    fake.write_text(f'#!/bin/sh\n[ "$1" = --version ] && exit 0\nprintf "%s" "$1" > "{record}"\n')
    fake.chmod(0o755)
    plat = LinuxPlatform(tmp_path, tmp_path / "root")
    for module in (browsers, browser_checks):
        monkeypatch.setattr(module, "current_platform", lambda home=None: plat)
    assert open_clear_data_page("chromium", home=tmp_path)
    for _ in range(100):
        if record.exists() and record.read_text():
            break
        time.sleep(0.05)
    assert record.read_text() == "chrome://settings/clearBrowserData"


def test_a_scan_past_its_deadline_still_lists_browsers_but_says_at_least(tmp_path: Path) -> None:
    _firefox_home(tmp_path)
    cache = tmp_path / ".cache/mozilla/firefox/k9v3x2ab.default-esr/cache2"
    cache.mkdir(parents=True)
    (cache / "entry").write_bytes(b"x" * 10)
    found = {b.id: b for b in scan_browsers(platform=_firefox_only(tmp_path), deadline_s=0)}
    profile = {p.name: p for p in found["firefox"].profiles}["default-esr"]
    assert profile.cache_dirs == (cache,) and not profile.cache_complete


def test_other_device_skips_browser_checks(tmp_path: Path) -> None:
    for check in browser_checks.CHECKS:
        assert check.run(_ctx(home=tmp_path, device="iphone")).status is Status.SKIPPED
