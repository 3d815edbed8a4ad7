"""A browser with TLS 1.2 switched off: step 3 names it with the fix, step 4 shows the
illustrated steps for turning TLS 1.2 back on (the seed article's cause 2)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conndoctor.core import catalog
from tests.ui.conftest import lab_base, texts
from tests.ui.test_wizard_flows import drive

DATA = Path(__file__).resolve().parents[1] / "data" / "platforms" / "linux" / "firefox"


def _firefox_profile_with_tls12_off(home: Path) -> None:
    root = home / ".mozilla" / "firefox"
    profile = root / "k9v3x2ab.default-esr"
    profile.mkdir(parents=True)
    (root / "w1q0e7cd.default").mkdir()
    shutil.copy(DATA / "profiles.ini", root / "profiles.ini")
    for name in ("compatibility.ini", "prefs.js", "user.js"):
        shutil.copy(DATA / name, profile / name)
    assert 'security.tls.version.max", 1' in (profile / "user.js").read_text()


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
    shown = texts(wizard.browser)
    assert "How to turn on TLS 1.2 in Firefox" in shown, shown
    assert wizard.browser.chooser.currentData() == "firefox"
