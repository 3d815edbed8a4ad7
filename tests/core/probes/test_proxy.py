"""Proxy settings as each system writes them; the network.proxy check against loopback proxies."""

from __future__ import annotations

import socket
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from conndoctor.core.checks import network
from conndoctor.core.engine.context import Options
from conndoctor.core.engine.model import CheckResult, Status
from conndoctor.core.engine.runner import run_checks
from conndoctor.core.engine.target import parse_target
from conndoctor.core.knowledge.i18n import render
from conndoctor.core.probes import proxy

DATA = Path(__file__).resolve().parents[2] / "data" / "proxy"
PROXY_VARIABLES = (
    "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
    "no_proxy", "NO_PROXY",
)  # fmt: skip


def recorded(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def replay(output: str | None, seen: list[list[str]]) -> proxy.Runner:
    def run(command: Sequence[str], timeout: float) -> str | None:
        seen.append(list(command))
        assert timeout <= 5
        return output

    return run


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


# --- Windows: recorded `reg query` output through the code the Windows path runs ---------


def test_windows_single_proxy_for_everything() -> None:
    commands: list[list[str]] = []
    settings = proxy.read_windows(replay(recorded("reg_query_proxy_enabled.txt"), commands), 2.0)
    assert commands == [["reg", "query", proxy.WINDOWS_KEY]]
    assert settings is not None
    chosen = settings.proxy_for("https", "www.example.com", 443)
    assert chosen is not None
    assert (chosen.address, chosen.scheme, chosen.source) == (
        "proxy.corp.example:8080", "http", "windows:ProxyServer",
    )  # fmt: skip
    assert settings.bypass == ("*.corp.example", "10.*", "<local>")
    assert settings.proxy_for("https", "wiki.corp.example", 443) is None
    assert settings.proxy_for("https", "10.1.2.3", 443) is None
    assert settings.proxy_for("http", "intranet", 80) is None  # <local>: a name without a dot


def test_windows_per_protocol_proxies() -> None:
    settings = proxy.read_windows(replay(recorded("reg_query_per_protocol.txt"), []), 2.0)
    assert settings is not None
    https = settings.proxy_for("https", "www.example.com", 443)
    http = settings.proxy_for("http", "www.example.com", 80)
    assert https is not None and https.address == "secure-proxy.corp.example:3129"
    assert http is not None and http.address == "web-proxy.corp.example:3128"
    assert settings.by_scheme["*"].scheme == "socks4"
    assert settings.proxy_for("https", "intranet.corp.example", 443) is None


def test_windows_switched_off_proxy_with_a_pac_script() -> None:
    settings = proxy.read_windows(replay(recorded("reg_query_pac_only.txt"), []), 2.0)
    assert settings is not None
    assert settings.by_scheme == {}
    assert settings.pac_url == "http://wpad.corp.example/proxy.pac"
    assert not settings.is_empty


def test_windows_without_proxy_and_without_reg() -> None:
    settings = proxy.read_windows(replay(recorded("reg_query_no_proxy.txt"), []), 2.0)
    assert settings is not None and settings.is_empty
    assert proxy.read_windows(replay(None, []), 2.0) is None


# --- macOS: recorded `scutil --proxy` output ---------------------------------------------


def test_macos_manual_proxies_and_exceptions() -> None:
    commands: list[list[str]] = []
    settings = proxy.read_macos(replay(recorded("scutil_proxy_manual.txt"), commands), 2.0)
    assert commands == [["scutil", "--proxy"]]
    assert settings is not None
    https = settings.proxy_for("https", "www.example.com", 443)
    assert https is not None
    assert (https.address, https.source) == ("secure-proxy.corp.example:8443", "macos:HTTPSProxy")
    http = settings.proxy_for("http", "www.example.com", 80)
    assert http is not None and http.address == "proxy.corp.example:8080"
    assert "169.254/16" in settings.bypass and "<local>" in settings.bypass
    assert settings.proxy_for("https", "printer.local", 443) is None
    assert settings.proxy_for("https", "169.254.10.20", 443) is None
    assert settings.proxy_for("https", "intranet.corp.example", 443) is None
    assert settings.proxy_for("https", "nas", 443) is None  # ExcludeSimpleHostnames


def test_macos_pac_and_no_proxy() -> None:
    pac = proxy.read_macos(replay(recorded("scutil_proxy_pac.txt"), []), 2.0)
    assert pac is not None and pac.pac_url == "http://wpad.corp.example/proxy.pac"
    assert pac.by_scheme == {}
    none = proxy.read_macos(replay(recorded("scutil_proxy_none.txt"), []), 2.0)
    assert none is not None and none.is_empty


def test_system_settings_come_before_the_environment() -> None:
    env = {"HTTPS_PROXY": "http://env-proxy.example:3128"}
    run = replay(recorded("scutil_proxy_manual.txt"), [])
    found = proxy.current_settings(env, platform="darwin", run=run)
    assert [s.origin for s in found] == ["macos", "env"]
    assert proxy.current_settings({}, platform="linux", run=replay(None, [])) == []


# --- environment variables and NO_PROXY ----------------------------------------------------


def test_environment_variables_like_curl() -> None:
    settings = proxy.from_environment(
        {
            "https_proxy": "http://user:secret@lower.example:3128",
            "HTTPS_PROXY": "http://upper.example:3128",
            "ALL_PROXY": "socks5h://socks.example",
            "NO_PROXY": "localhost, .internal.example",
        }
    )
    https = settings.proxy_for("https", "www.example.com", 443)
    assert https is not None
    assert (https.address, https.source) == ("lower.example:3128", "env:https_proxy")
    assert "secret" not in str(https.to_dict())
    http = settings.proxy_for("http", "www.example.com", 80)
    assert http is not None and (http.scheme, http.address) == ("socks5", "socks.example:1080")
    assert settings.proxy_for("https", "app.internal.example", 443) is None
    assert settings.proxy_for("https", "localhost", 443) is None


@pytest.mark.parametrize(
    ("host", "port", "entries", "expected"),
    [
        ("www.example.com", 443, ["*"], True),
        ("www.example.com", 443, ["example.com"], True),
        ("example.com", 443, [".example.com"], True),
        ("badexample.com", 443, ["example.com"], False),
        ("www.example.com", 443, ["example.com:8443"], False),
        ("www.example.com", 8443, ["example.com:8443"], True),
        ("10.20.30.40", 443, ["10.0.0.0/8"], True),
        ("192.168.1.5", 443, ["10.0.0.0/8"], False),
        ("192.168.1.5", 443, ["192.168.*"], True),
        ("::1", 443, ["::1"], True),
        ("WWW.Example.COM.", 443, ["www.example.com"], True),
        ("intranet", 443, ["<local>"], True),
        ("intranet.example", 443, ["<local>"], False),
        ("例え.jp", 443, ["jp"], True),
        ("www.example.com", 443, [], False),
    ],
)
def test_no_proxy_rules(host: str, port: int, entries: list[str], expected: bool) -> None:
    assert proxy.bypasses(host, port, entries) is expected


# --- the check, against real proxies on 127.0.0.1 -------------------------------------------


def run_proxy_check(target: str | None, timeout_s: float = 6) -> CheckResult:
    options = Options(target=parse_target(target) if target else None, timeout_s=timeout_s)
    by_id = {c.id: c for c in network.CHECKS}
    outcome = run_checks([by_id["network.proxy"]], options)
    return outcome.results[0]


def test_no_proxy_set(clean_env: pytest.MonkeyPatch) -> None:
    checked = run_proxy_check("https://www.example.com")
    assert checked.status is Status.OK
    assert checked.summary.key == "network.proxy.none"
    assert not checked.findings


def test_working_proxy_tunnels_to_the_site(clean_env, proxy_lab, http_lab) -> None:
    clean_env.setenv("HTTPS_PROXY", f"http://{proxy_lab}")
    checked = run_proxy_check(f"https://127.0.0.1:{http_lab.port}/")
    assert checked.status is Status.OK, render(checked.summary, "en")
    assert checked.details["proxy_works"] is True
    assert checked.details["trials"][0]["status"] == 200
    assert checked.details["trials"][0]["address"] == proxy_lab
    assert not checked.findings


def test_proxy_on_a_dead_port_is_misconfigured(clean_env, dead_port, http_lab) -> None:
    clean_env.setenv("https_proxy", f"http://127.0.0.1:{dead_port}")
    began = time.monotonic()
    checked = run_proxy_check(f"https://127.0.0.1:{http_lab.port}/")
    assert time.monotonic() - began < 3
    assert checked.status is Status.FAIL
    assert checked.causes == ("proxy_misconfigured",)
    finding = checked.findings[0]
    assert finding.evidence["outcome"] == "refused"
    assert finding.detail is not None
    for lang in ("en", "ja"):
        assert f"127.0.0.1:{dead_port}" in render(finding.detail, lang)


def test_proxy_answering_connect_with_an_error(clean_env, broken_proxy, http_lab) -> None:
    clean_env.setenv("HTTPS_PROXY", f"http://{broken_proxy}")
    checked = run_proxy_check(f"https://127.0.0.1:{http_lab.port}/")
    assert checked.causes == ("proxy_misconfigured",)
    assert checked.findings[0].evidence["status"] == 502
    assert checked.findings[0].detail is not None
    assert "502" in render(checked.findings[0].detail, "ja")


def test_proxy_that_never_answers_connect(clean_env, http_lab) -> None:
    with socket.socket() as silent:  # accepts in the backlog, never reads or answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        address = f"127.0.0.1:{silent.getsockname()[1]}"
        clean_env.setenv("HTTPS_PROXY", f"http://{address}")
        checked = run_proxy_check(f"https://127.0.0.1:{http_lab.port}/", timeout_s=1.5)
    assert checked.status is Status.FAIL
    assert checked.findings[0].evidence["outcome"] == "timeout"
    assert checked.findings[0].detail is not None
    assert address in render(checked.findings[0].detail, "en")


def test_no_proxy_keeps_the_site_away_from_a_dead_proxy(clean_env, dead_port, http_lab) -> None:
    clean_env.setenv("HTTPS_PROXY", f"http://127.0.0.1:{dead_port}")
    clean_env.setenv("NO_PROXY", "localhost,127.0.0.1")
    checked = run_proxy_check(f"https://127.0.0.1:{http_lab.port}/")
    assert checked.status is Status.OK
    assert checked.summary.key == "network.proxy.bypassed"
    assert not checked.findings


def test_without_a_site_the_proxy_only_has_to_answer(clean_env, proxy_lab, dead_port) -> None:
    clean_env.setenv("ALL_PROXY", f"http://{proxy_lab}")
    assert run_proxy_check(None).status is Status.OK
    clean_env.setenv("ALL_PROXY", f"http://127.0.0.1:{dead_port}")
    assert run_proxy_check(None).causes == ("proxy_misconfigured",)


def test_a_site_reached_only_through_the_proxy_is_not_unreachable(clean_env, proxy_lab, http_lab):
    """Direct connections go to 127.0.0.2 (nothing listens); the proxy reaches the lab site."""
    clean_env.setenv("HTTPS_PROXY", f"http://{proxy_lab}")
    options = Options(
        target=parse_target(f"https://localhost:{http_lab.port}/"),
        resolve={("localhost", http_lab.port): ("127.0.0.2",)},
        timeout_s=6,
    )
    chosen = [c for c in network.CHECKS if c.id in ("network.dns", "network.tcp", "network.proxy")]
    results = {r.check_id: r for r in run_checks(chosen, options).results}
    assert results["network.proxy"].status is Status.OK
    tcp = results["network.tcp"]
    assert tcp.status is Status.WARN
    assert tcp.summary.key == "network.tcp.via_proxy"
    assert not tcp.findings


def test_system_commands_are_bounded() -> None:
    began = time.monotonic()
    assert proxy.run_command(["sleep", "5"], 0.3) is None
    assert time.monotonic() - began < 2
    assert proxy.run_command(["no-such-command-conndoctor"], 1.0) is None
    assert proxy.run_command(["echo", "ok"], 2.0) == "ok\n"


def test_macos_auto_proxy_discovery_is_wpad() -> None:
    settings = proxy.from_scutil({"ProxyAutoDiscoveryEnable": "1"})
    assert settings.wpad and not settings.is_empty
    assert not proxy.from_scutil({"ProxyAutoDiscoveryEnable": "0"}).wpad
