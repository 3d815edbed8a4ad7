"""Can this computer reach the internet and the site at all? The checks a browser's error hides.

"Secure Connection Failed" often has nothing to do with security: the Wi-Fi wants a login
first, the proxy is gone, the name does not resolve, or the server does not answer. These
checks tell those apart before anyone looks at certificates.
"""

from __future__ import annotations

import http.client
import os
import queue
import re
import socket
import ssl
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import certifi
import psutil

from conndoctor.core import proxy
from conndoctor.core.context import CheckContext
from conndoctor.core.i18n import load_json_resource
from conndoctor.core.model import Area, CheckResult, Finding, Message, Status, result
from conndoctor.core.runner import Check

PROBE_TIMEOUT_S = 4.0
DNS_TIMEOUT_S = 5.0
TCP_TIMEOUT_S = 5.0
PROXY_TIMEOUT_S = 4.0
NO_ANSWER_KINDS = ("no_answer", "timeout", "server_failure")
"""DNS failures where no resolver gave an answer: a sign of no network, not of a wrong name."""
_T = TypeVar("_T")


def wait_for(ctx: CheckContext, check_id: str, within: float) -> CheckResult | None:
    """Another check's result, waiting at most `within` seconds and never up to the deadline.

    `ctx.result_of` waits for the whole run; a check that waits that long is itself
    reported as timed out, and a check that is not in this run never answers.
    """
    planned = getattr(ctx, "planned", None)
    if check_id in ctx.options.skip or (planned is not None and check_id not in planned):
        return None
    end = time.monotonic() + max(0.0, min(within, ctx.remaining() - 0.3))
    while True:
        found = ctx.result_of(check_id, wait=False)
        if found is not None or time.monotonic() >= end:
            return found
        time.sleep(0.02)


def call_bounded(work: Callable[[], _T], timeout: float) -> _T:
    """Run `work` on a daemon thread and stop waiting after `timeout` (raises TimeoutError).

    getaddrinfo cannot be given a timeout; a lookup that hangs keeps only its own thread.
    """
    box: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

    def target() -> None:
        try:
            box.put((True, work()))
        except BaseException as exc:  # handed to the waiting thread
            box.put((False, exc))

    threading.Thread(target=target, daemon=True, name="bounded-call").start()
    try:
        ok, value = box.get(timeout=timeout)
    except queue.Empty:
        raise TimeoutError(f"no answer within {timeout:.1f} s") from None
    if ok:
        return value  # type: ignore[no-any-return]
    raise value


# --- network.interfaces ------------------------------------------------------------------


def linux_default_route(route_text: str, ipv6_route_text: str = "") -> bool:
    """Whether /proc/net/route or /proc/net/ipv6_route has a usable default route."""
    for line in route_text.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 4 and fields[1] == "00000000" and int(fields[3], 16) & 0x1:
            return True
    for line in ipv6_route_text.splitlines():
        fields = line.split()
        if len(fields) < 10 or fields[9] == "lo" or fields[0] != "0" * 32 or fields[1] != "00":
            continue
        flags = int(fields[8], 16)
        if flags & 0x1 and not flags & 0x200:  # RTF_UP and not RTF_REJECT
            return True
    return False


def default_route(platform: str = sys.platform) -> bool | None:
    """Whether this computer knows a way to the internet (a default gateway); None if unknown."""
    if platform.startswith("linux"):
        try:
            with open("/proc/net/route", encoding="ascii") as routes:
                v4 = routes.read()
        except OSError:
            return None
        try:
            with open("/proc/net/ipv6_route", encoding="ascii") as routes:
                v6 = routes.read()
        except OSError:
            v6 = ""
        return linux_default_route(v4, v6)
    if platform == "darwin":
        text = proxy.run_command(["route", "-n", "get", "default"], 2.0)
        return None if text is None else "gateway:" in text or "interface:" in text
    if platform == "win32":
        text = proxy.run_command(["route", "print", "-4", "0.0.0.0"], 2.0)
        return (
            None if text is None else bool(re.search(r"^\s*0\.0\.0\.0\s+0\.0\.0\.0\s", text, re.M))
        )
    return None


def _usable_address(family: int, address: str) -> bool:
    if family == socket.AF_INET:
        return not address.startswith(("127.", "169.254."))
    if family == socket.AF_INET6:
        return address != "::1" and not address.lower().startswith("fe80")
    return False


def _check_interfaces(ctx: CheckContext) -> CheckResult:
    check_id = "network.interfaces"
    try:
        stats = psutil.net_if_stats()
        addresses = psutil.net_if_addrs()
    except (OSError, RuntimeError) as exc:
        return result(check_id, Status.ERROR, "network.interfaces.unknown", error=str(exc))
    up: list[dict[str, Any]] = []
    for name, stat in sorted(stats.items()):
        usable = [
            a.address for a in addresses.get(name, []) if _usable_address(a.family, a.address)
        ]
        if stat.isup and usable:
            up.append({"name": name, "addresses": usable, "speed_mbps": stat.speed})
    route = default_route()
    details = {"interfaces": up, "default_route": route}
    names = ", ".join(i["name"] for i in up[:3])
    if not up:
        return result(check_id, Status.WARN, "network.interfaces.none", details=details)
    if route is False:
        return result(
            check_id, Status.WARN, "network.interfaces.no_route", details=details, names=names
        )
    return result(check_id, Status.OK, "network.interfaces.ok", details=details, names=names)


# --- network.connectivity ----------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """A connectivity-check URL and the answer that means 'online'."""

    url: str
    body_equals: str | None = None
    body_contains: str | None = None
    source: str = ""


@dataclass(frozen=True)
class ProbeAnswer:
    url: str
    verdict: str
    """"online", "portal", "unclear" (an answer that proves nothing) or "no_answer"."""
    status: int | None = None
    location: str | None = None
    date_header: str | None = None
    date_header_received_at: str | None = None
    error: str = ""
    elapsed_ms: float = 0.0

    @property
    def portal_url(self) -> str:
        return self.location or self.url

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


def default_probes() -> tuple[Probe, ...]:
    entries = load_json_resource("connectivity.json")["urls"]
    return tuple(
        Probe(
            e["url"], e["expect"].get("body_equals"), e["expect"].get("body_contains"), e["source"]
        )
        for e in entries
    )


def probes_for(ctx: CheckContext) -> tuple[Probe, ...]:
    """The URLs given with --connectivity-url (judged by Chromium's rules), else the defaults."""
    known = {p.url: p for p in default_probes()}
    if ctx.options.connectivity_urls:
        return tuple(known.get(u, Probe(u)) for u in ctx.options.connectivity_urls)
    return tuple(known.values())


def judge(probe: Probe, status: int, body: bytes) -> str:
    """Online or captive portal, following Chromium's CaptivePortalDetector.

    components/captive_portal/core/captive_portal_detector.cc: 511 is a portal; other
    statuses below 200 or from 400 are "no response"; 204 is online; 200 with a body of
    0 or 1 bytes is online (as in AOSP and shill); any other 2xx or 3xx is a portal.
    Pages with a known body (Microsoft, Apple, Firefox) are online only with that body.
    """
    expected = probe.body_equals is not None or probe.body_contains is not None
    if expected and 200 <= status < 300 and status != 204:
        text = body.decode("utf-8", "replace")
        if probe.body_equals is not None:
            return "online" if text == probe.body_equals else "portal"
        return "online" if probe.body_contains in text else "portal"  # type: ignore[operator]
    if status == 511:
        return "portal"
    if status < 200 or status >= 400:
        return "unclear"
    if status == 204 or (status == 200 and len(body) <= 1):
        return "online"
    return "portal"


@dataclass(frozen=True)
class HttpAnswer:
    """One plain HTTP answer, or why there was none."""

    status: int | None = None
    location: str | None = None
    date_header: str | None = None
    received_at: str | None = None
    body: bytes = b""
    error: str = ""
    elapsed_ms: float = 0.0


def fetch(ctx: CheckContext, url: str, timeout: float, purpose: str) -> HttpAnswer:
    """GET one URL without following redirects, bounded, through `ctx.connect`."""
    began = time.monotonic()
    parts = urllib.parse.urlsplit(url)
    secure = parts.scheme == "https"
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return HttpAnswer(error=f"not a web address: {url}")
    try:
        port = parts.port or (443 if secure else 80)
        sock = ctx.connect(host, port, purpose=purpose, timeout=timeout)
        if secure:
            tls = ssl.create_default_context(cafile=certifi.where())
            sock = tls.wrap_socket(sock, server_hostname=host)
        with sock:
            sock.settimeout(max(0.05, timeout - (time.monotonic() - began)))
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            authority = parts.netloc.rsplit("@", 1)[-1]
            request = (
                f"GET {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: conndoctor\r\n"
                "Accept: */*\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"
            )
            sock.sendall(request.encode("ascii"))
            response = http.client.HTTPResponse(sock, method="GET")
            response.begin()
            received_at = ctx.computer_now().isoformat()
            body = response.read(65536)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        elapsed = round((time.monotonic() - began) * 1000, 1)
        return HttpAnswer(error=f"{type(exc).__name__}: {exc}", elapsed_ms=elapsed)
    location = response.getheader("Location")
    date = response.getheader("Date")
    return HttpAnswer(
        status=response.status,
        location=urllib.parse.urljoin(url, location) if location else None,
        date_header=date,
        received_at=received_at if date else None,
        body=body,
        elapsed_ms=round((time.monotonic() - began) * 1000, 1),
    )


def run_probe(ctx: CheckContext, probe: Probe, timeout: float) -> ProbeAnswer:
    answer = fetch(ctx, probe.url, timeout, "connectivity")
    verdict = "no_answer" if answer.status is None else judge(probe, answer.status, answer.body)
    return ProbeAnswer(
        probe.url,
        verdict,
        answer.status,
        answer.location,
        answer.date_header,
        answer.received_at,
        answer.error,
        answer.elapsed_ms,
    )


def run_probes(ctx: CheckContext, probes: tuple[Probe, ...]) -> list[ProbeAnswer]:
    """All probes at once; returns as soon as one gives a clear answer (or all have answered)."""
    timeout = ctx.step_timeout(PROBE_TIMEOUT_S)
    answers: queue.Queue[ProbeAnswer] = queue.Queue()
    for probe in probes:
        threading.Thread(
            target=lambda p=probe: answers.put(run_probe(ctx, p, timeout)),
            daemon=True,
            name="connectivity-probe",
        ).start()
    end = time.monotonic() + timeout + 0.2
    collected: list[ProbeAnswer] = []
    while len(collected) < len(probes):
        try:
            answer = answers.get(timeout=max(0.01, end - time.monotonic()))
        except queue.Empty:
            break
        collected.append(answer)
        if answer.verdict in ("online", "portal"):
            break
    done = {a.url for a in collected}
    collected += [
        ProbeAnswer(p.url, "no_answer", error="no answer in time")
        for p in probes
        if p.url not in done
    ]
    return collected


def _site_state(ctx: CheckContext) -> str:
    """ "reachable", "unreachable" or "unknown": does the site itself answer?"""
    if ctx.options.target is None:
        return "no_target"
    dns = wait_for(ctx, "network.dns", DNS_TIMEOUT_S + 1)
    if dns is not None and dns.status is Status.FAIL:
        return "unreachable" if dns.details.get("kind") in NO_ANSWER_KINDS else "unknown"
    tcp = wait_for(ctx, "network.tcp", TCP_TIMEOUT_S + 2)
    if tcp is None or tcp.status in (Status.SKIPPED, Status.ERROR):
        return "unknown"
    return "unreachable" if tcp.status is Status.FAIL else "reachable"


def _check_connectivity(ctx: CheckContext) -> CheckResult:
    check_id = "network.connectivity"
    probes = probes_for(ctx)
    answers = run_probes(ctx, probes)
    details: dict[str, Any] = {"probes": [a.to_dict() for a in answers]}
    dated = next((a for a in answers if a.date_header), None)
    if dated is not None:
        details["date_header"] = dated.date_header
        details["date_header_received_at"] = dated.date_header_received_at
    clear = next((a for a in answers if a.verdict in ("online", "portal")), None)
    if clear is not None and clear.verdict == "online":
        host = urllib.parse.urlsplit(clear.url).hostname or clear.url
        return result(
            check_id, Status.OK, "network.connectivity.online", details=details, server=host
        )
    if clear is not None:
        seen = {"portal_url": clear.portal_url, "probe_url": clear.url, "status": clear.status}
        portal = Finding(
            "captive_portal", 0.9, seen, Message("network.detail.captive_portal", seen)
        )
        details["portal_url"] = clear.portal_url
        key = "network.connectivity.portal"
        return result(
            check_id,
            Status.FAIL,
            key,
            details=details,
            findings=[portal],
            portal_url=clear.portal_url,
        )
    if any(a.verdict == "unclear" for a in answers):
        codes = ", ".join(str(a.status) for a in answers if a.status)
        return result(
            check_id, Status.WARN, "network.connectivity.unclear", details=details, codes=codes
        )
    site = _site_state(ctx)
    details["site"] = site
    if site == "reachable":
        return result(check_id, Status.WARN, "network.connectivity.blocked", details=details)
    if site == "unknown":
        return result(check_id, Status.WARN, "network.connectivity.silent", details=details)
    interfaces = wait_for(ctx, "network.interfaces", 1.0)
    evidence: dict[str, Any] = {"probes": len(answers), "site": site}
    if interfaces is not None:
        evidence["interfaces_up"] = len(interfaces.details.get("interfaces", ()))
        evidence["default_route"] = interfaces.details.get("default_route")
    host = ctx.options.target.display_host if ctx.options.target else ""
    detail = Message("network.detail.no_internet", {"count": len(answers), "host": host})
    finding = Finding("no_internet", 0.9 if site == "unreachable" else 0.7, evidence, detail)
    return result(
        check_id, Status.FAIL, "network.connectivity.offline", details=details, findings=[finding]
    )


# --- network.proxy -----------------------------------------------------------------------


def _proxy_finding(trial: proxy.ProxyTrial) -> Finding:
    args = {"proxy": trial.proxy.address, "status": trial.status}
    evidence = {**args, "source": trial.proxy.source, "outcome": trial.outcome}
    return Finding(
        "proxy_misconfigured",
        0.85,
        evidence,
        Message(f"network.detail.proxy_{trial.outcome}", args),
    )


def _check_proxy(ctx: CheckContext) -> CheckResult:
    check_id = "network.proxy"
    target = ctx.options.target
    settings = proxy.current_settings(os.environ, timeout=ctx.step_timeout(2.0))
    details: dict[str, Any] = {"settings": [s.to_dict() for s in settings]}
    if not settings:
        return result(check_id, Status.OK, "network.proxy.none", details=details)
    scheme, host, port = (
        (target.scheme, target.host, target.port) if target else ("https", None, 443)
    )
    chosen = list(
        {p.address: p for s in settings if (p := s.proxy_for(scheme, host, port))}.values()
    )
    if not chosen:
        pac = next((s.pac_url for s in settings if s.pac_url), None)
        if pac:
            return result(check_id, Status.WARN, "network.proxy.pac", details=details, pac_url=pac)
        shown = target.display_host if target else ""
        return result(check_id, Status.OK, "network.proxy.bypassed", details=details, host=shown)

    def connect(proxy_host: str, proxy_port: int, timeout: float) -> socket.socket:
        return ctx.connect(proxy_host, proxy_port, purpose="proxy", timeout=timeout)

    trials = [
        proxy.try_proxy(
            p, (host, port) if host else None, connect, ctx.step_timeout(PROXY_TIMEOUT_S)
        )
        for p in chosen[:3]
    ]
    details["trials"] = [t.to_dict() for t in trials]
    details["proxy_works"] = all(t.works for t in trials)
    broken = [t for t in trials if not t.works]
    if not broken:
        key = f"network.proxy.{'needs_login' if trials[0].outcome == 'needs_login' else 'ok'}"
        return result(check_id, Status.OK, key, details=details, proxy=trials[0].proxy.address)
    findings = [_proxy_finding(t) for t in broken]
    key = "network.proxy.broken"
    return result(
        check_id,
        Status.FAIL,
        key,
        details=details,
        findings=findings,
        proxy=broken[0].proxy.address,
    )


# --- network.dns and network.tcp ---------------------------------------------------------


def _dns_kind(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, socket.gaierror):
        if exc.errno == socket.EAI_NONAME:
            return "not_found"
        if exc.errno == getattr(socket, "EAI_NODATA", None):
            return "no_address"
        if exc.errno == socket.EAI_AGAIN:
            return "no_answer"
        if exc.errno == socket.EAI_FAIL:
            return "server_failure"
    return "error"


def _check_dns(ctx: CheckContext) -> CheckResult:
    check_id = "network.dns"
    target = ctx.options.target
    assert target is not None
    shown = target.display_host
    if target.is_ip:
        literal = {"addresses": [target.host], "source": "literal"}
        return result(check_id, Status.OK, "network.dns.ip", details=literal, host=shown)
    overridden = any((target.host, p) in ctx.options.resolve for p in (target.port, 0))
    timeout = ctx.step_timeout(DNS_TIMEOUT_S)
    began = time.monotonic()
    try:
        addresses = call_bounded(lambda: ctx.resolve(target.host, target.port), timeout)
    except (OSError, TimeoutError) as exc:
        kind = _dns_kind(exc)
        details: dict[str, Any] = {"kind": kind, "error": f"{type(exc).__name__}: {exc}"}
        args: dict[str, Any] = {"host": shown, "seconds": round(timeout, 1)}
        confidence = 0.9 if kind in ("not_found", "no_address") else 0.8
        message = Message(f"network.dns.{kind}", args)
        finding = Finding("dns_failure", confidence, {"host": shown, "kind": kind}, message)
        return result(
            check_id, Status.FAIL, message.key, details=details, findings=[finding], **args
        )
    details = {
        "addresses": addresses,
        "source": "override" if overridden else "dns",
        "elapsed_ms": round((time.monotonic() - began) * 1000, 1),
    }
    key = "network.dns.override" if overridden else "network.dns.ok"
    return result(
        check_id, Status.OK, key, details=details, host=shown, addresses=", ".join(addresses[:4])
    )


def _tcp_kind(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, TimeoutError):
        return "timeout"
    return "unreachable"


def _check_tcp(ctx: CheckContext) -> CheckResult:
    check_id = "network.tcp"
    target = ctx.options.target
    assert target is not None
    dns = wait_for(ctx, "network.dns", DNS_TIMEOUT_S + 1)
    if dns is None or dns.status is not Status.OK:
        return result(check_id, Status.SKIPPED, "network.tcp.skipped", host=target.display_host)
    addresses = list(dns.details.get("addresses", ()))[:4]
    end = time.monotonic() + ctx.step_timeout(TCP_TIMEOUT_S)
    attempts: list[dict[str, Any]] = []
    for address in addresses:
        began = time.monotonic()
        try:
            budget = max(0.05, end - began)
            sock = ctx.connect(
                target.host, target.port, purpose="site", timeout=budget, address=address
            )
        except OSError as exc:
            attempts.append({"address": address, "kind": _tcp_kind(exc), "error": str(exc)})
            if time.monotonic() >= end:
                break
            continue
        connect_ms = round((time.monotonic() - began) * 1000, 1)
        sock.close()
        found = {"address": address, "port": target.port, "connect_ms": connect_ms}
        key = "network.tcp.ok"
        details = {**found, "attempts": attempts}
        return result(check_id, Status.OK, key, details=details, **found, host=target.display_host)
    kinds = {a["kind"] for a in attempts}
    kind = next((k for k in ("refused", "timeout", "unreachable") if k in kinds), "timeout")
    first = attempts[0]["address"] if attempts else ""
    args: dict[str, Any] = {"host": target.display_host, "port": target.port, "address": first}
    details = {"kind": kind, "port": target.port, "attempts": attempts}
    has_proxy = proxy.current_settings(os.environ, timeout=ctx.step_timeout(2.0))
    via = wait_for(ctx, "network.proxy", PROXY_TIMEOUT_S + 1) if has_proxy else None
    if via is not None and via.details.get("proxy_works") and via.details.get("trials"):
        args["proxy"] = via.details["trials"][0]["address"]
        return result(check_id, Status.WARN, "network.tcp.via_proxy", details=details, **args)
    finding = Finding(
        "site_unreachable", 0.85, {**args, "kind": kind}, Message(f"network.tcp.{kind}", args)
    )
    return result(
        check_id, Status.FAIL, f"network.tcp.{kind}", details=details, findings=[finding], **args
    )


CHECKS: tuple[Check, ...] = (
    Check("network.interfaces", Area.CONNECTION, _check_interfaces, needs_target=False),
    Check(
        "network.connectivity",
        Area.CONNECTION,
        _check_connectivity,
        needs=("network.dns", "network.tcp", "network.interfaces"),
        needs_target=False,
    ),
    Check("network.proxy", Area.CONNECTION, _check_proxy, needs_target=False),
    Check("network.dns", Area.CONNECTION, _check_dns),
    Check("network.tcp", Area.CONNECTION, _check_tcp, needs=("network.dns", "network.proxy")),
)
