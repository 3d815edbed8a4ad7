"""Firefox's own proxy settings from prefs.js as Firefox writes it, and the network.proxy check
following them when the person says Firefox shows the error (a real 407 proxy on loopback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conndoctor.core.browsers.browser_settings import firefox_prefs
from conndoctor.core.browsers.firefox_proxy import from_prefs, profile_prefs
from conndoctor.core.checks import browser_checks, network
from conndoctor.core.engine.context import Options
from conndoctor.core.engine.runner import run_checks
from conndoctor.core.engine.target import parse_target
from tests.hostile import servers
from tests.lab.tls_servers import LabServer

DATA = Path(__file__).resolve().parents[2] / "data"


def test_manual_proxy_shared_for_https() -> None:
    settings = from_prefs(firefox_prefs(DATA / "proxy/firefox_prefs_manual.js"))
    assert settings is not None
    https = settings.proxy_for("https", "shop.example.jp", 443)
    assert https is not None
    assert (https.address, https.source) == (
        "proxy.corp.example:3128",
        "firefox:network.proxy.http",
    )
    assert settings.proxy_for("https", "wiki.intra.example", 443) is None
    assert settings.proxy_for("https", "10.2.3.4", 443) is None


def test_pac_wpad_direct_and_system() -> None:
    pac = from_prefs(firefox_prefs(DATA / "proxy/firefox_prefs_pac.js"))
    assert pac is not None and pac.pac_url == "http://wpad.corp.example/proxy.pac"
    wpad = from_prefs({"network.proxy.type": 4})
    assert wpad is not None and wpad.wpad
    direct = from_prefs({"network.proxy.type": 0, "network.proxy.http": "ignored"})
    assert direct is not None and direct.is_empty
    assert from_prefs({}) is None  # type 5, the default: the system's settings apply
    assert from_prefs({"network.proxy.type": 5}) is None
    assert from_prefs({"network.proxy.type": "nonsense"}) is None


def test_bad_ports_are_no_proxy() -> None:
    settings = from_prefs(
        {"network.proxy.type": 1, "network.proxy.ssl": "p.example", "network.proxy.ssl_port": 0}
    )
    assert settings is not None and settings.is_empty


def _firefox_profile(home: Path, prefs: str) -> Path:
    root = home / ".mozilla" / "firefox"
    profile = root / "k9v3x2ab.default-esr"
    profile.mkdir(parents=True)
    (root / "profiles.ini").write_text(
        "[Profile0]\nName=default-esr\nIsRelative=1\nPath=k9v3x2ab.default-esr\nDefault=1\n\n"
        "[General]\nStartWithLastProfile=1\nVersion=2\n"
    )
    (profile / "prefs.js").write_text(prefs)
    return profile


@pytest.mark.parametrize("browser", ["firefox", "chromium"])
def test_the_check_follows_firefox_only_for_firefox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, http_lab, browser: str
) -> None:
    for name in ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "XDG_CURRENT_DESKTOP"):
        monkeypatch.delenv(name, raising=False)
    server = LabServer(servers.proxy_407)
    try:
        manual = (DATA / "proxy/firefox_prefs_manual.js").read_text()
        manual = manual.replace('"proxy.corp.example"', '"127.0.0.1"').replace(
            "3128", str(server.port)
        )
        profile = _firefox_profile(tmp_path, manual)
        assert profile_prefs(profile)["network.proxy.type"] == 1
        options = Options(
            target=parse_target(f"https://127.0.0.1:{http_lab.port}/"),
            home=tmp_path,
            browser=browser,
            timeout_s=6,
        )
        chosen = [
            browser_checks.CHECKS[0],
            next(c for c in network.CHECKS if c.id == "network.proxy"),
        ]
        assert chosen[0].id == "browsers.inventory"
        results = {r.check_id: r for r in run_checks(chosen, options).results}
    finally:
        server.stop()
    checked = results["network.proxy"]
    if browser == "firefox":
        assert checked.causes == ("proxy_auth_required",)
        assert checked.details["firefox"]["origin"] == "firefox:default-esr"
    else:
        assert checked.summary.key == "network.proxy.none"
