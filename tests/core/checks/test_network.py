"""Connection checks against real servers on 127.0.0.1: online, Wi-Fi login pages, DNS, TCP."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from conndoctor.core.checks import network
from conndoctor.core.engine.context import CheckContext, Options
from conndoctor.core.engine.model import CheckResult, Status
from conndoctor.core.engine.runner import run_checks
from conndoctor.core.engine.target import parse_target
from conndoctor.core.knowledge.i18n import render
from conndoctor.core.probes import connectivity, connectivity_list

DEFAULT_HOSTS = (
    "connectivitycheck.gstatic.com", "www.gstatic.com", "www.msftconnecttest.com",
    "captive.apple.com", "detectportal.firefox.com",
)  # fmt: skip
PROXY_VARIABLES = (
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
)


@pytest.fixture(autouse=True)
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def run(options: Options, *check_ids: str) -> dict[str, CheckResult]:
    chosen = [c for c in network.CHECKS if c.id in check_ids]
    return {r.check_id: r for r in run_checks(chosen, options).results}


# --- network.connectivity ----------------------------------------------------------------


def test_online_when_the_probe_answers_204(http_lab) -> None:
    options = Options(connectivity_urls=(http_lab.url("/generate_204"),), timeout_s=5)
    checked = run(options, "network.connectivity")["network.connectivity"]
    assert checked.status is Status.OK, render(checked.summary, "en")
    assert not checked.findings
    assert checked.details["probes"][0]["status"] == 204
    assert "GMT" in checked.details["date_header"]
    assert checked.details["date_header_received_at"].startswith("20")


def test_an_empty_200_counts_as_online_like_chromium(http_lab) -> None:
    options = Options(connectivity_urls=(http_lab.url("/empty_200"),), timeout_s=5)
    assert run(options, "network.connectivity")["network.connectivity"].status is Status.OK


@pytest.mark.parametrize(
    ("path", "portal_path"),
    [("/portal", "/login"), ("/511", "/511"), ("/portal_200", "/portal_200")],
)
def test_captive_portal(http_lab, path: str, portal_path: str) -> None:
    options = Options(connectivity_urls=(http_lab.url(path),), timeout_s=5)
    checked = run(options, "network.connectivity")["network.connectivity"]
    assert checked.status is Status.FAIL
    assert checked.causes == ("captive_portal",)
    finding = checked.findings[0]
    assert finding.confidence >= 0.9
    assert finding.evidence["portal_url"] == http_lab.url(portal_path)
    assert checked.details["portal_url"] == http_lab.url(portal_path)
    assert finding.detail is not None
    assert http_lab.url(portal_path) in render(finding.detail, "ja")


@pytest.mark.parametrize(
    ("path", "body_equals", "body_contains", "verdict"),
    [
        ("/success.txt", "success\n", None, "online"),
        ("/connecttest.txt", "Microsoft Connect Test", None, "online"),
        ("/hotspot-detect.html", None, "Success", "online"),
        ("/portal_200", "success\n", None, "portal"),
        ("/portal_200", None, "Success", "portal"),
        ("/portal", "Microsoft Connect Test", None, "portal"),
        ("/not_found", "success\n", None, "unclear"),
    ],
)
def test_known_pages_must_have_their_text(http_lab, path, body_equals, body_contains, verdict):
    ctx = CheckContext(Options(), time.monotonic() + 5)
    probe = connectivity.Probe(http_lab.url(path), body_equals, body_contains)
    assert connectivity.run_probe(ctx, probe, 3.0).verdict == verdict


def test_the_default_list_names_its_sources() -> None:
    probes = connectivity_list.default_probes()
    assert {p.url.split("/")[2] for p in probes} == set(DEFAULT_HOSTS)
    assert all(p.source and p.url.startswith("http://") for p in probes)
    firefox = next(p for p in probes if "firefox" in p.url)
    assert firefox.body_equals == "success\n"


def test_first_clear_answer_wins_without_waiting_for_silent_probes(http_lab) -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        quiet_url = f"http://127.0.0.1:{silent.getsockname()[1]}/generate_204"
        options = Options(connectivity_urls=(quiet_url, http_lab.url("/generate_204")), timeout_s=8)
        began = time.monotonic()
        checked = run(options, "network.connectivity")["network.connectivity"]
    assert checked.status is Status.OK
    assert time.monotonic() - began < 2


@pytest.fixture
def defaults_unreachable(dead_port: int) -> Iterator[dict[tuple[str, int], tuple[str, ...]]]:
    """--resolve for every default probe host to loopback, where port 80 refuses."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 80)) == 0:
            pytest.skip("something listens on 127.0.0.1:80")
    yield {(host, 0): ("127.0.0.1",) for host in DEFAULT_HOSTS}


def test_probes_fail_but_the_site_answers_is_not_no_internet(
    http_lab, defaults_unreachable
) -> None:
    options = Options(
        target=parse_target(http_lab.base + "/"), resolve=defaults_unreachable, timeout_s=8
    )
    results = run(options, *(c.id for c in network.CHECKS))
    connectivity = results["network.connectivity"]
    assert connectivity.status is Status.WARN
    assert connectivity.summary.key == "network.connectivity.blocked"
    assert not connectivity.findings
    assert all(p["verdict"] == "no_answer" for p in connectivity.details["probes"])
    assert results["network.tcp"].status is Status.OK


def test_no_internet_when_probes_and_the_site_fail(dead_port, defaults_unreachable) -> None:
    options = Options(
        target=parse_target(f"http://127.0.0.1:{dead_port}/"),
        resolve=defaults_unreachable,
        timeout_s=8,
    )
    results = run(options, *(c.id for c in network.CHECKS))
    connectivity = results["network.connectivity"]
    assert connectivity.causes == ("no_internet",)
    assert connectivity.findings[0].evidence["site"] == "unreachable"
    assert results["network.tcp"].causes == ("site_unreachable",)


# --- network.dns ------------------------------------------------------------------------


def test_a_name_that_cannot_exist_is_a_dns_failure() -> None:
    options = Options(target=parse_target("https://nonexistent.invalid/"), timeout_s=6)
    began = time.monotonic()
    results = run(options, "network.dns", "network.tcp")
    assert time.monotonic() - began < 6.5
    dns = results["network.dns"]
    assert dns.status is Status.FAIL
    expected = {  # this machine's own resolver decides (tests/test_cli_dns.py sets each up)
        "resolver_works": ("dns_failure",),
        "dns_broken": ("dns_broken",),
        "no_internet": ("no_internet",),
        "unknown": ("dns_failure",),
    }
    assert dns.causes == expected[dns.details["probe"]["verdict"]]
    assert dns.details["kind"] in (
        "not_found",
        "no_address",
        "no_answer",
        "timeout",
        "server_failure",
    )
    assert results["network.tcp"].status is Status.SKIPPED
    assert not results["network.tcp"].findings


def test_dns_detail_names_the_host_in_unicode() -> None:
    options = Options(target=parse_target("https://例え.invalid/"), timeout_s=6)
    dns = run(options, "network.dns")["network.dns"]
    assert dns.findings[0].detail is not None
    assert "例え.invalid" in render(dns.findings[0].detail, "ja")
    assert "例え.invalid" in render(dns.summary, "en")


def test_a_lookup_that_hangs_is_abandoned_at_the_timeout() -> None:
    began = time.monotonic()
    with pytest.raises(TimeoutError):
        network.call_bounded(lambda: time.sleep(3), 0.2)
    assert time.monotonic() - began < 1


def test_ip_addresses_and_resolve_need_no_lookup(http_lab) -> None:
    literal = run(Options(target=parse_target(http_lab.base)), "network.dns")["network.dns"]
    assert literal.summary.key == "network.dns.ip"
    options = Options(
        target=parse_target("https://lab.invalid/"), resolve={("lab.invalid", 443): ("127.0.0.1",)}
    )
    given = run(options, "network.dns")["network.dns"]
    assert given.status is Status.OK
    assert given.details["addresses"] == ["127.0.0.1"]
    assert given.details["source"] == "override"


# --- network.tcp ------------------------------------------------------------------------


def test_tcp_connects_and_records_the_address(http_lab) -> None:
    options = Options(
        target=parse_target(f"https://lab.invalid:{http_lab.port}/"),
        resolve={("lab.invalid", http_lab.port): ("127.0.0.1",)},
    )
    tcp = run(options, "network.dns", "network.tcp")["network.tcp"]
    assert tcp.status is Status.OK
    assert tcp.details["address"] == "127.0.0.1"
    assert tcp.details["connect_ms"] >= 0


def test_tcp_refused_is_site_unreachable(dead_port) -> None:
    options = Options(target=parse_target(f"https://127.0.0.1:{dead_port}/"), timeout_s=5)
    tcp = run(options, "network.dns", "network.tcp")["network.tcp"]
    assert tcp.status is Status.FAIL
    assert tcp.causes == ("site_unreachable",)
    assert tcp.findings[0].evidence["kind"] == "refused"
    assert str(dead_port) in render(tcp.summary, "ja")


def test_tcp_timeout_is_site_unreachable() -> None:
    """A listener whose backlog is full drops new connection attempts: they time out."""
    with socket.socket() as full:
        full.bind(("127.0.0.1", 0))
        full.listen(0)
        port = full.getsockname()[1]
        fillers = []
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        time.sleep(0.1)
        options = Options(target=parse_target(f"https://127.0.0.1:{port}/"), timeout_s=1.5)
        tcp = run(options, "network.dns", "network.tcp")["network.tcp"]
        for filler in fillers:
            filler.close()
    assert tcp.causes == ("site_unreachable",)
    assert tcp.findings[0].evidence["kind"] == "timeout"


# --- network.interfaces -----------------------------------------------------------------

ROUTES_WITH_DEFAULT = (
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
    "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
    "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
)
ROUTES_LAN_ONLY = "".join(ROUTES_WITH_DEFAULT.splitlines(keepends=True)[::2])
ZERO = "0" * 32
IPV6_DEFAULT = f"{ZERO} 00 {ZERO} 00 fe80{'0' * 27}1 00000400 00000001 00000000 00000003 wlan0\n"
IPV6_LO_REJECT = f"{ZERO} 00 {ZERO} 00 {ZERO} ffffffff 00000001 00000000 00200200 lo\n"


def test_default_route_from_proc_net() -> None:
    assert network.linux_default_route(ROUTES_WITH_DEFAULT) is True
    assert network.linux_default_route(ROUTES_LAN_ONLY) is False
    assert network.linux_default_route(ROUTES_LAN_ONLY, IPV6_LO_REJECT) is False
    assert network.linux_default_route(ROUTES_LAN_ONLY, IPV6_DEFAULT) is True


def test_interfaces_never_name_a_cause_by_themselves() -> None:
    checked = run(Options(), "network.interfaces")["network.interfaces"]
    assert checked.status in (Status.OK, Status.WARN)
    assert not checked.findings
    assert "default_route" in checked.details
    for interface in checked.details["interfaces"]:
        assert not any(a.startswith("127.") for a in interface["addresses"])


def test_a_connectivity_url_that_is_not_a_web_address_gets_no_answer() -> None:
    ctx = CheckContext(Options(), time.monotonic() + 5)
    for url in ("ftp://127.0.0.1/x", "not a url", "http:///nohost"):
        answer = connectivity.run_probe(ctx, connectivity.Probe(url), 1.0)
        assert answer.verdict == "no_answer"
        assert "not a web address" in answer.error
    assert ctx.contacts == ()


def test_without_a_site_silent_probes_mean_no_internet(dead_port) -> None:
    options = Options(
        connectivity_urls=(f"http://127.0.0.1:{dead_port}/generate_204",), timeout_s=5
    )
    results = run(options, "network.connectivity", "network.interfaces")
    connectivity = results["network.connectivity"]
    assert connectivity.causes == ("no_internet",)
    evidence = connectivity.findings[0].evidence
    assert evidence["site"] == "no_target"
    assert "default_route" in evidence and "interfaces_up" in evidence
    assert connectivity.findings[0].confidence < 0.9
