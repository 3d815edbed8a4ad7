"""A browser with TLS 1.2 switched off: the answer page names it with the illustrated steps
for turning TLS 1.2 back on (the seed article's cause 2), offers Firefox's own reset, and
after Check again says it is fixed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFrame, QPushButton

from conndoctor.core.engine.model import Status
from conndoctor.core.engine.session import FixAction
from conndoctor.core.knowledge import catalog
from tests.ui.conftest import lab_base, texts
from tests.ui.test_wizard_flows import drive

DATA = Path(__file__).resolve().parents[1] / "data" / "platforms" / "linux" / "firefox"


def _firefox_profile_with_tls12_off(home: Path) -> Path:
    root = home / ".mozilla" / "firefox"
    profile = root / "k9v3x2ab.default-esr"
    profile.mkdir(parents=True)
    (root / "w1q0e7cd.default").mkdir()
    shutil.copy(DATA / "profiles.ini", root / "profiles.ini")
    for name in ("compatibility.ini", "prefs.js", "user.js"):
        shutil.copy(DATA / name, profile / name)
    assert 'security.tls.version.max", 1' in (profile / "user.js").read_text()
    return profile


@pytest.mark.skipif(shutil.which("firefox-esr") is None, reason="needs Debian's firefox-esr")
def test_tls12_switched_off_in_firefox(
    make_wizard: Any,
    qtbot: Any,
    lab_site: Any,
    http_lab: Any,
    ntp_server: Any,
    screenshots: Any,
    tmp_path: Path,
) -> None:
    _firefox_profile_with_tls12_off(tmp_path / "home")
    site = lab_site("healthy")
    wizard = make_wizard("en", lab_base(site, http_lab, ntp_server(0.0)))
    drive(wizard, qtbot, site.url, screenshots, "tls12-off-en")
    report = wizard.state.report
    assert [c.id for c in report.causes][:1] == ["browser_tls_disabled"]
    title = catalog.cause("browser_tls_disabled").title("en")
    assert title in texts(wizard.system)
    assert title in texts(wizard.answer)
    shown = texts(wizard.answer)
    assert "How to turn on TLS 1.2 in Firefox" in shown, shown


@pytest.mark.skipif(shutil.which("firefox-esr") is None, reason="needs Debian's firefox-esr")
def test_firefox_reset_then_check_again_says_fixed(
    make_wizard: Any,
    qtbot: Any,
    lab_site: Any,
    http_lab: Any,
    ntp_server: Any,
    screenshots: Any,
    tmp_path: Path,
) -> None:
    profile = _firefox_profile_with_tls12_off(tmp_path / "home")
    (profile / "user.js").unlink()
    prefs = profile / "prefs.js"
    prefs.write_text(prefs.read_text() + 'user_pref("security.tls.version.max", 1);\n')
    site = lab_site("healthy")
    wizard = make_wizard("en", lab_base(site, http_lab, ntp_server(0.0)))
    qtbot.keyClicks(wizard.welcome.address, site.url)
    qtbot.waitUntil(lambda: not wizard.state.scan_running, timeout=10000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.checking.done, timeout=20000)
    wizard.next()
    assert wizard.answer.current().id == "browser_tls_disabled"
    told: list[str] = []
    wizard.browser.confirm = lambda question: True  # type: ignore[method-assign]
    wizard.browser.tell = told.append  # type: ignore[method-assign]
    restore = next(
        b for b in wizard.answer.findChildren(QPushButton) if "Restore Firefox" in b.text()
    )
    restore.click()
    assert told and "back to their defaults" in told[0], told
    assert "security.tls.version.max" not in prefs.read_text()
    assert list(profile.glob("prefs-conndoctor-backup-*.js"))
    reset = wizard.state.history[-1]
    assert reset.action == FixAction.RESET_FIREFOX_TLS and not reset.rechecked
    wizard.answer.again.click()
    qtbot.waitUntil(lambda: wizard.answer.recheck is None, timeout=20000)
    banner = wizard.answer.findChild(QFrame, "fixedBanner")
    assert banner is not None, texts(wizard.answer)
    assert "Fixed:" in texts(banner)
    assert all(c.id != "browser_tls_disabled" for c in wizard.state.report.causes)
    again = wizard.state.history[-1]
    assert (again.action, again.cause) == (FixAction.CHECK_AGAIN, "browser_tls_disabled")
    assert Status.OK in {after for _, after in again.changes().values()}, again
    screenshots(wizard, "tls12-off-fixed-en")
