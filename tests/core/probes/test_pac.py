"""PAC scripts run by pypac's real JavaScript engine, fetched from real loopback servers, and
the network.proxy check following them as a KDE desktop's settings name them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conndoctor.core.checks import network
from conndoctor.core.engine.context import CheckContext, Options
from conndoctor.core.engine.model import CheckResult, Status
from conndoctor.core.engine.runner import run_checks
from conndoctor.core.engine.target import parse_target
from conndoctor.core.knowledge.i18n import render
from conndoctor.core.probes import pac
from tests.hostile import servers
from tests.lab.tls_servers import LabServer, http_answer, plain_handler

OFFICE_PAC = """
function FindProxyForURL(url, host) {
    if (isPlainHostName(host) || dnsDomainIs(host, ".intra.example")) return "DIRECT";
    if (shExpMatch(host, "direct.example")) return "DIRECT";
    return "PROXY %s; DIRECT";
}
"""
PROXY_VARIABLES = (
    "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
    "no_proxy", "NO_PROXY", "DESKTOP_SESSION", "KDE_FULL_SESSION",
)  # fmt: skip


def test_the_script_chooses_like_a_browser() -> None:
    script = OFFICE_PAC % "proxy.corp.example:3128"
    assert pac.find_proxies(script, "https://shop.example.jp/", "shop.example.jp", 10) == [
        "http://proxy.corp.example:3128",
        "DIRECT",
    ]
    assert pac.evaluate(script, "https://wiki.intra.example/", "wiki.intra.example") == ["DIRECT"]


@pytest.mark.parametrize(
    "script",
    [
        "this is not javascript {",
        "function FindProxyForURL(url, host) { return 42; }",
        "function FindProxyForURL(url, host) { return 'NONSENSE here'; }",
        "function SomethingElse() {}",
    ],
)
def test_a_broken_script_is_a_pac_error(script: str) -> None:
    with pytest.raises(pac.PacError):
        pac.evaluate(script, "https://shop.example.jp/", "shop.example.jp")


@pytest.fixture
def served() -> Iterator[list[LabServer]]:
    started: list[LabServer] = []
    yield started
    for server in started:
        server.stop()


def _serve(started: list[LabServer], handler: servers.Handler) -> str:
    server = LabServer(handler)
    started.append(server)
    return f"http://127.0.0.1:{server.port}/proxy.pac"


def _ctx(timeout_s: float = 5.0) -> CheckContext:
    return CheckContext(Options(timeout_s=timeout_s), time.monotonic() + timeout_s)


def test_fetching_the_script(served, tmp_path: Path) -> None:
    url = _serve(served, plain_handler(http_answer(200, "OK", b"function FindProxyForURL(){}")))
    assert pac.fetch_script(_ctx(), url).text == "function FindProxyForURL(){}"
    missing = _serve(served, plain_handler(http_answer(404, "Not Found", b"")))
    assert pac.fetch_script(_ctx(), missing) == pac.Script(None, "HTTP 404")
    local = tmp_path / "proxy.pac"
    local.write_text("function FindProxyForURL(){}")
    assert pac.fetch_script(_ctx(), local.as_uri()).text == "function FindProxyForURL(){}"
    assert pac.fetch_script(_ctx(), (tmp_path / "none.pac").as_uri()).problem == "not_a_file"
    assert pac.fetch_script(_ctx(), "ftp://example.com/x.pac").problem == "not_an_address"


def test_a_huge_or_dripping_script_is_refused_in_time(served) -> None:
    stop = threading.Event()
    try:
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {servers.HUGE_BODY}\r\n\r\n".encode()
        huge = _serve(served, servers.endless(head, b"/", servers.HUGE_BODY, stop))
        assert pac.fetch_script(_ctx(), huge).problem == "too_large"
        dripping = _serve(served, servers.drip(http_answer(200, "OK", b"x" * 100), 0.5, stop))
        began = time.monotonic()
        assert pac.fetch_script(_ctx(1.5), dripping).problem == "timeout"
        assert time.monotonic() - began < 2.0
    finally:
        stop.set()


# --- the network.proxy check, with a KDE desktop naming the script ---------------------------


@pytest.fixture
def kde_pac(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "KDE")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))

    def point_to(url: str) -> None:
        (tmp_path / "kioslaverc").write_text(
            f"[Proxy Settings]\nProxyType=2\nProxy Config Script={url}\n"
        )

    return point_to


def _proxy_check(target: str, timeout_s: float = 6) -> CheckResult:
    options = Options(target=parse_target(target), timeout_s=timeout_s)
    check = next(c for c in network.CHECKS if c.id == "network.proxy")
    return run_checks([check], options).results[0]


def test_the_proxy_a_script_chooses_is_tried(kde_pac, served, proxy_lab, http_lab) -> None:
    kde_pac(
        _serve(served, plain_handler(http_answer(200, "OK", (OFFICE_PAC % proxy_lab).encode())))
    )
    checked = _proxy_check(f"https://127.0.0.1:{http_lab.port}/")
    assert checked.status is Status.OK, render(checked.summary, "en")
    assert checked.details["pac"]["answer"][0] == f"http://{proxy_lab}"
    assert checked.details["trials"][0]["address"] == proxy_lab
    assert checked.details["trials"][0]["source"].startswith("pac:http://127.0.0.1:")


def test_a_script_that_chooses_a_407_proxy(kde_pac, served, http_lab) -> None:
    proxy_url = _serve(served, servers.proxy_407)
    proxy_address = proxy_url.removeprefix("http://").removesuffix("/proxy.pac")
    kde_pac(
        _serve(served, plain_handler(http_answer(200, "OK", (OFFICE_PAC % proxy_address).encode())))
    )
    checked = _proxy_check(f"https://127.0.0.1:{http_lab.port}/")
    assert checked.causes == ("proxy_auth_required",)
    assert checked.findings[0].detail is not None
    assert "407" in render(checked.findings[0].detail, "ja")


def test_a_script_that_sends_the_site_directly(kde_pac, served) -> None:
    kde_pac(_serve(served, plain_handler(http_answer(200, "OK", (OFFICE_PAC % "x:1").encode()))))
    checked = _proxy_check("https://direct.example/")
    assert checked.status is Status.OK
    assert checked.summary.key == "network.proxy.pac_direct"


def test_an_unreachable_or_endless_script_is_could_not_determine(
    kde_pac, served, dead_port
) -> None:
    kde_pac(f"http://127.0.0.1:{dead_port}/proxy.pac")
    checked = _proxy_check("https://shop.example.jp/")
    assert (checked.status, checked.summary.key) == (Status.WARN, "network.proxy.pac_unavailable")
    assert not checked.findings
    endless = "function FindProxyForURL(url, host) { while (true) {} }"
    kde_pac(_serve(served, plain_handler(http_answer(200, "OK", endless.encode()))))
    began = time.monotonic()
    checked = _proxy_check("https://shop.example.jp/", timeout_s=3)
    assert time.monotonic() - began < 3.5
    assert checked.summary.key == "network.proxy.pac_failed"
    assert "did not finish" in checked.details["pac"]["problem"]
    assert not checked.findings


def test_an_endless_script_is_stopped_in_its_child() -> None:
    began = time.monotonic()
    with pytest.raises(pac.PacError, match="did not finish"):
        pac.find_proxies(
            "function FindProxyForURL(u, h) { while (true) {} }", "https://a/", "a", 1.5
        )
    assert time.monotonic() - began < 2.5
