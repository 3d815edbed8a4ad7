"""Is there internet at all, or a Wi-Fi login page in the way? The probes browsers and OSes use.

A probe is a plain-HTTP request to a known URL with a known answer; a login page, a redirect
or a 511 instead of that answer is how Chromium, Firefox and the OSes detect captive portals.
"""

from __future__ import annotations

import datetime as dt
import socket
import urllib.parse
from typing import Any, NamedTuple

from conndoctor.core.engine.context import CheckContext, all_at_once
from conndoctor.core.engine.early import EarlyQuestion
from conndoctor.core.engine.facts import ConnectivityFacts, DnsFacts, InterfacesFacts
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
from conndoctor.core.knowledge.confidence import PLAUSIBLE, VERY_LIKELY
from conndoctor.core.probes.connectivity_list import Probe, probe_list
from conndoctor.core.probes.plain_get import MAX_PROBE_BODY, PROBE_TIMEOUT_S, HttpAnswer, get

DNS_TIMEOUT_S = 5.0
DNS_PROBE_TIMEOUT_S = 2.0
"""After a failed lookup: known names and public resolvers (core/probes/dns_probe.py)."""
TCP_TIMEOUT_S = 5.0
NO_ANSWER_KINDS = ("no_answer", "timeout", "server_failure")
"""DNS failures where no resolver gave an answer: a sign of no network, not of a wrong name."""


class ProbeAnswer(NamedTuple):
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
        return {k: v for k, v in self._asdict().items() if v not in (None, "")}


def probes_for(ctx: CheckContext) -> tuple[Probe, ...]:
    """The URLs given with --connectivity-url (judged by Chromium's rules), else the defaults."""
    return probe_list(ctx.options.connectivity_urls)


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


def fetch(
    ctx: CheckContext, url: str, timeout: float, purpose: str, max_body: int = MAX_PROBE_BODY
) -> HttpAnswer:
    """GET one URL without following redirects, within `timeout` and `max_body` bytes of body,
    through `ctx.connect`."""

    def connect(host: str, port: int, wait_s: float) -> socket.socket:
        return ctx.connect(host, port, purpose=purpose, timeout=wait_s)

    return get(connect, url, timeout, ctx.computer_now, max_body)


def run_probe(ctx: CheckContext, probe: Probe, timeout: float) -> ProbeAnswer:
    early = ctx.early_question("connectivity", probe.url)
    if early is None:
        answer = fetch(ctx, probe.url, timeout, "connectivity")
    else:
        answer = _early_answer(ctx, early, timeout)
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


def _early_answer(ctx: CheckContext, early: EarlyQuestion, timeout: float) -> HttpAnswer:
    """The answer the command line asked for before this check loaded (`engine/early.py`)."""
    try:
        answer: HttpAnswer = early.answer(timeout)
    except TimeoutError:
        answer = HttpAnswer(error="TimeoutError: no answer in time")
    if early.packets_left:
        ctx.note_contact(early.host, early.port, "connectivity")
    if answer.received_at is None:
        return answer
    real = dt.datetime.fromisoformat(answer.received_at)  # dated by the real clock, not --now
    return answer._replace(received_at=ctx.computer_time(real).isoformat())


def run_probes(ctx: CheckContext, probes: tuple[Probe, ...]) -> list[ProbeAnswer]:
    """All probes at once; returns as soon as one gives a clear answer (or all have answered)."""
    timeout = ctx.step_timeout(PROBE_TIMEOUT_S)
    jobs = [lambda p=probe: run_probe(ctx, p, timeout) for probe in probes]
    collected = all_at_once(
        jobs,
        timeout + 0.2,
        name="connectivity-probe",
        enough=lambda answer: answer.verdict in ("online", "portal"),
    )
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
    dns = ctx.result_of("network.dns", within=DNS_TIMEOUT_S + DNS_PROBE_TIMEOUT_S + 1)
    if dns is not None and dns.status is Status.FAIL:
        names = facts_of(dns, DnsFacts) or DnsFacts()
        verdict = (names.probe or {}).get("verdict")
        if verdict in ("no_internet", "resolver_works", "dns_broken"):
            return "unreachable" if verdict == "no_internet" else "unknown"
        return "unreachable" if names.kind in NO_ANSWER_KINDS else "unknown"
    tcp = ctx.result_of("network.tcp", within=TCP_TIMEOUT_S + 2)
    if tcp is None or tcp.status in (Status.SKIPPED, Status.ERROR):
        return "unknown"
    return "unreachable" if tcp.status is Status.FAIL else "reachable"


def _check_connectivity(ctx: CheckContext) -> CheckResult:
    check_id = "network.connectivity"
    probes = probes_for(ctx)
    answers = run_probes(ctx, probes)
    dated = next((a for a in answers if a.date_header), None)
    facts = ConnectivityFacts(
        probes=tuple(a.to_dict() for a in answers),
        date_header=dated.date_header if dated is not None else None,
        date_header_received_at=dated.date_header_received_at if dated is not None else None,
    )
    clear = next((a for a in answers if a.verdict in ("online", "portal")), None)
    if clear is not None and clear.verdict == "online":
        host = urllib.parse.urlsplit(clear.url).hostname or clear.url
        return result(check_id, Status.OK, "network.connectivity.online", facts=facts, server=host)
    if clear is not None:
        seen = {"portal_url": clear.portal_url, "probe_url": clear.url, "status": clear.status}
        portal = Finding(
            "captive_portal", VERY_LIKELY, seen, Message("network.detail.captive_portal", seen)
        )
        key = "network.connectivity.portal"
        return result(
            check_id,
            Status.FAIL,
            key,
            facts=facts._replace(portal_url=clear.portal_url),
            findings=[portal],
            portal_url=clear.portal_url,
        )
    if any(a.verdict == "unclear" for a in answers):
        codes = ", ".join(str(a.status) for a in answers if a.status)
        return result(
            check_id, Status.WARN, "network.connectivity.unclear", facts=facts, codes=codes
        )
    site = _site_state(ctx)
    facts = facts._replace(site=site)
    if site == "reachable":
        return result(check_id, Status.WARN, "network.connectivity.blocked", facts=facts)
    if site == "unknown":
        return result(check_id, Status.WARN, "network.connectivity.silent", facts=facts)
    up = ctx.result_of("network.interfaces", within=1.0)
    evidence: dict[str, Any] = {"probes": len(answers), "site": site}
    if up is not None:
        interfaces = facts_of(up, InterfacesFacts) or InterfacesFacts()
        evidence["interfaces_up"] = len(interfaces.interfaces)
        evidence["default_route"] = interfaces.default_route
    host = ctx.options.target.display_host if ctx.options.target else ""
    detail = Message("network.detail.no_internet", {"count": len(answers), "host": host})
    finding = Finding(
        "no_internet", VERY_LIKELY if site == "unreachable" else PLAUSIBLE, evidence, detail
    )
    return result(
        check_id, Status.FAIL, "network.connectivity.offline", facts=facts, findings=[finding]
    )


CHECK = Check(
    "network.connectivity",
    Area.CONNECTION,
    _check_connectivity,
    needs_target=False,
    waits_on_network=True,
    consults=("network.dns", "network.tcp", "network.interfaces"),
)
