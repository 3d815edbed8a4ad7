"""Resetting Firefox's TLS version preferences on a real Firefox ESR profile."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from conndoctor.core.browsers.browser_settings import firefox_prefs
from conndoctor.core.browsers.firefox_tls_reset import PrefChange, reset_tls_prefs
from conndoctor.core.browsers.inventory import BrowserInfo, Profile, scan_browsers
from conndoctor.core.knowledge.i18n import render
from tests.core.browsers.test_browsers import FIREFOX, browser_env, firefox_command, run_bounded

pytestmark = pytest.mark.skipif(not FIREFOX, reason="needs firefox-esr")


def _fingerprints(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


def _firefox_with_old_tls(home: Path) -> tuple[BrowserInfo, Profile]:
    """A real profile where Firefox itself saved security.tls.version.max = 1 (TLS 1.0)."""
    home.mkdir()
    env = browser_env(home)
    subprocess.run(
        [str(FIREFOX), "--headless", "-CreateProfile", "throwaway"],
        env=env,
        timeout=60,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    page = home / "page.html"
    page.write_text("<p>hello</p>")
    profile_dir = next((home / ".config" / "mozilla" / "firefox").glob("*.throwaway"))
    user_js = profile_dir / "user.js"
    user_js.write_text('user_pref("security.tls.version.max", 1);\n')
    run_bounded(firefox_command(home, "--screenshot", str(home / "f.png"), page.as_uri()), env, 90)
    user_js.unlink()
    firefox = next(b for b in scan_browsers(home) if b.id == "firefox")
    profile = next(p for p in firefox.profiles if p.path == profile_dir)
    return firefox, profile


@pytest.mark.browsers
def test_reset_puts_the_pref_back_to_default_keeps_a_backup_and_nothing_else(
    tmp_path: Path,
) -> None:
    firefox, profile = _firefox_with_old_tls(tmp_path / "home")
    prefs_file = profile.path / "prefs.js"
    original = prefs_file.read_bytes()
    assert firefox_prefs(prefs_file).get("security.tls.version.max") == 1, original[-400:]
    before = _fingerprints(profile.path)

    outcome = reset_tls_prefs(firefox, profile)

    assert outcome.refused_reason is None
    assert outcome.changes == (PrefChange("security.tls.version.max", 1),)
    assert outcome.backup is not None and outcome.backup.parent == profile.path
    assert outcome.backup.read_bytes() == original
    assert "security.tls.version.max" not in firefox_prefs(prefs_file)
    kept = [line for line in original.splitlines() if b"security.tls.version.max" not in line]
    assert prefs_file.read_bytes().splitlines() == kept
    after = _fingerprints(profile.path)
    del before["prefs.js"], after["prefs.js"], after[outcome.backup.name]
    assert after == before

    # Firefox starts from the repaired file and keeps its default (TLS 1.3 as the maximum).
    env = browser_env(tmp_path / "home")
    page = (tmp_path / "home" / "page.html").as_uri()
    run_bounded(
        firefox_command(tmp_path / "home", "--screenshot", str(tmp_path / "g.png"), page), env, 90
    )
    assert "security.tls.version.max" not in firefox_prefs(prefs_file)


def test_reset_refuses_while_the_profile_is_in_use_and_changes_nothing(tmp_path: Path) -> None:
    profile_dir = tmp_path / "abc.default"
    profile_dir.mkdir()
    prefs_file = profile_dir / "prefs.js"
    prefs_file.write_text('user_pref("security.tls.version.min", 4);\n')
    (profile_dir / "lock").symlink_to(f"127.0.0.1:+{__import__('os').getpid()}")
    firefox = BrowserInfo("firefox", "Firefox", "firefox", "128", True, False, None)
    profile = Profile(profile_dir, "default", profile_dir, tmp_path)

    outcome = reset_tls_prefs(firefox, profile)

    assert outcome.refused_reason is not None and not outcome.done
    assert "Firefox" in render(outcome.refused_reason, "en")
    assert prefs_file.read_text() == 'user_pref("security.tls.version.min", 4);\n'
    assert sorted(p.name for p in profile_dir.iterdir()) == ["lock", "prefs.js"]


def test_reset_leaves_prefs_set_by_user_js_alone(tmp_path: Path) -> None:
    profile_dir = tmp_path / "abc.default"
    profile_dir.mkdir()
    (profile_dir / "prefs.js").write_text('user_pref("security.tls.version.max", 1);\n')
    (profile_dir / "user.js").write_text('user_pref("security.tls.version.max", 1);\n')
    firefox = BrowserInfo("firefox", "Firefox", "firefox", "128", True, False, None)

    outcome = reset_tls_prefs(firefox, Profile(profile_dir, "default", profile_dir, tmp_path))

    assert outcome.refused_reason is not None
    assert outcome.refused_reason.key == "firefox_reset.refused.user_js"
    assert len(list(profile_dir.iterdir())) == 2
