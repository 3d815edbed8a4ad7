"""Can this computer reach the internet and the site at all? The checks a browser's error hides.

"Secure Connection Failed" often has nothing to do with security: the Wi-Fi wants a login
first, the proxy is gone, the name does not resolve, or the server does not answer. These
checks tell those apart before anyone looks at certificates.
"""

from __future__ import annotations

import queue
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from conndoctor.core.checks.proxy_check import PROXY_TIMEOUT_S, check_proxy
from conndoctor.core.engine.context import CheckContext
from conndoctor.core.engine.facts import DnsFacts, InterfacesFacts, ProxyFacts, TcpFacts
from conndoctor.core.engine.model import (
    Area,
    CheckResult,
    Finding,
    Message,
    Status,
    facts_of,
    result,
)
from conndoctor.core.engine.runner import Check
from conndoctor.core.knowledge.confidence import LIKELY, PLAUSIBLE, VERY_LIKELY
from conndoctor.core.probes import connectivity, dns_probe, proxy
from conndoctor.core.probes.connectivity import DNS_PROBE_TIMEOUT_S, DNS_TIMEOUT_S, TCP_TIMEOUT_S
from conndoctor.core.probes.site_connection import VIA_PROXY

VIA_PROXY_LOGIN = "network.tcp.proxy_login"
_T = TypeVar("_T")


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
    import psutil  # here, not at start-up: the first packets leave before it is loaded

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
    facts = InterfacesFacts(interfaces=tuple(up), default_route=route)
    names = ", ".join(i["name"] for i in up[:3])
    if not up:
        return result(check_id, Status.WARN, "network.interfaces.none", facts=facts)
    if route is False:
        return result(
            check_id, Status.WARN, "network.interfaces.no_route", facts=facts, names=names
        )
    return result(check_id, Status.OK, "network.interfaces.ok", facts=facts, names=names)


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


_RCODE_KINDS = {"NXDOMAIN": "not_found", "SERVFAIL": "server_failure", "REFUSED": "refused"}


def _dns_failed(ctx: CheckContext, shown: str, exc: BaseException, timeout: float) -> CheckResult:
    """The site's name did not resolve: find out, as Chromium's DNS probe does, whether the
    name, this network's DNS or the whole connection is at fault."""
    check_id = "network.dns"
    target = ctx.options.target
    assert target is not None
    kind = _dns_kind(exc)
    probe = dns_probe.run_probe(ctx, target.host, DNS_PROBE_TIMEOUT_S)
    if probe.site_rcode in _RCODE_KINDS and kind in ("error", "no_answer", "not_found"):
        kind = _RCODE_KINDS[probe.site_rcode]
    facts = DnsFacts(kind=kind, error=f"{type(exc).__name__}: {exc}", probe=probe.to_dict())
    args: dict[str, Any] = {"host": shown, "seconds": round(timeout, 1)}
    evidence: dict[str, Any] = {"host": shown, "kind": kind, "probe": probe.verdict}
    if probe.verdict == "dns_broken":
        correct = [p for p in probe.public if p.get("correct")]
        working = (correct or [p for p in probe.public if p.get("answered")])[0]
        evidence["public_resolver"] = working["server"]
        evidence["public_resolver_correct"] = bool(correct)
        shown_args = {**args, "resolver": working["server"], "name": working.get("name", "")}
        if working.get("by_address"):
            message = Message("network.dns.broken_by_address", shown_args)
        elif correct:
            message = Message("network.dns.broken", shown_args)
        else:  # an answer in the resolver's name, but a wrong one: the network intercepts DNS
            message = Message("network.dns.intercepted", shown_args)
        finding = Finding("dns_broken", VERY_LIKELY if correct else PLAUSIBLE, evidence, message)
    elif probe.verdict == "no_internet":
        message = Message("network.dns.nothing_answers", args)
        finding = Finding("no_internet", LIKELY, evidence, message)
    else:
        if probe.verdict == "resolver_works" and kind not in ("not_found", "no_address"):
            message = Message("network.dns.only_this_name", args)
        else:
            message = Message(f"network.dns.{kind}", args)
        sure = probe.verdict == "resolver_works" and kind in ("not_found", "no_address")
        finding = Finding("dns_failure", VERY_LIKELY if sure else PLAUSIBLE, evidence, message)
    return result(
        check_id, Status.FAIL, message.key, facts=facts, findings=[finding], **message.args
    )


def _check_dns(ctx: CheckContext) -> CheckResult:
    check_id = "network.dns"
    target = ctx.options.target
    assert target is not None
    shown = target.display_host
    if target.is_ip:
        literal = DnsFacts(addresses=(target.host,), source="literal")
        return result(check_id, Status.OK, "network.dns.ip", facts=literal, host=shown)
    overridden = any((target.host, p) in ctx.options.resolve for p in (target.port, 0))
    timeout = ctx.step_timeout(DNS_TIMEOUT_S)
    began = time.monotonic()
    try:
        addresses = call_bounded(lambda: ctx.resolve(target.host, target.port), timeout)
    except (OSError, TimeoutError) as exc:
        return _dns_failed(ctx, shown, exc, timeout)
    facts = DnsFacts(
        addresses=tuple(addresses),
        source="override" if overridden else "dns",
        elapsed_ms=round((time.monotonic() - began) * 1000, 1),
    )
    key = "network.dns.override" if overridden else "network.dns.ok"
    return result(
        check_id, Status.OK, key, facts=facts, host=shown, addresses=", ".join(addresses[:4])
    )


def _tcp_kind(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, TimeoutError):
        return "timeout"
    return "unreachable"


def _check_tcp(ctx: CheckContext) -> CheckResult:
    """Open the connection a browser opens; it stays open for the handshake and the page."""
    check_id = "network.tcp"
    target = ctx.options.target
    assert target is not None
    dns = ctx.given("network.dns")
    if dns is None or dns.status is not Status.OK:
        return result(check_id, Status.SKIPPED, "network.tcp.skipped", host=target.display_host)
    addresses = list((facts_of(dns, DnsFacts) or DnsFacts()).addresses)[:4]
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
        if ctx.planned is None or ctx.planned & {"tls.handshake", "site.http_status"}:
            ctx.site.hand_over(sock)  # the handshake and the page use this same connection
        else:
            sock.close()
        facts = TcpFacts(
            address=address, port=target.port, connect_ms=connect_ms, attempts=tuple(attempts)
        )
        return result(
            check_id,
            Status.OK,
            "network.tcp.ok",
            facts=facts,
            address=address,
            port=target.port,
            connect_ms=connect_ms,
            host=target.display_host,
        )
    kinds = {a["kind"] for a in attempts}
    kind = next((k for k in ("refused", "timeout", "unreachable") if k in kinds), "timeout")
    first = attempts[0]["address"] if attempts else ""
    args: dict[str, Any] = {"host": target.display_host, "port": target.port, "address": first}
    facts = TcpFacts(kind=kind, port=target.port, attempts=tuple(attempts))
    via = facts_of(ctx.result_of("network.proxy", within=PROXY_TIMEOUT_S + 1), ProxyFacts)
    trials = (via.trials if via is not None else None) or ()
    if trials and trials[0].get("outcome") == "needs_login":
        # the only way out wants a sign-in: network.proxy names that, not the site
        args["proxy"] = trials[0]["address"]
        return result(check_id, Status.SKIPPED, VIA_PROXY_LOGIN, facts=facts, **args)
    if via is not None and via.proxy_works and trials:
        trial = trials[0]
        args["proxy"] = trial["address"]
        if not str(trial.get("scheme", "http")).startswith("socks"):
            facts = facts._replace(proxy_host=trial.get("host"), proxy_port=trial.get("port"))
        return result(check_id, Status.WARN, VIA_PROXY, facts=facts, **args)
    finding = Finding(
        "site_unreachable", LIKELY, {**args, "kind": kind}, Message(f"network.tcp.{kind}", args)
    )
    return result(
        check_id, Status.FAIL, f"network.tcp.{kind}", facts=facts, findings=[finding], **args
    )


CHECKS: tuple[Check, ...] = (
    Check("network.interfaces", Area.CONNECTION, _check_interfaces, needs_target=False),
    connectivity.CHECK,
    Check("network.proxy", Area.CONNECTION, check_proxy, needs_target=False),
    Check("network.dns", Area.CONNECTION, _check_dns, waits_on_network=True),
    Check(
        "network.tcp",
        Area.CONNECTION,
        _check_tcp,
        needs=("network.dns",),
        waits_on_network=True,
        consults=("network.proxy",),
    ),
)
