"""Is this computer's clock right? When it is wrong, certificates look expired or not yet valid.

The computer's time (`ctx.computer_now()`, which honours `--now`) is compared with trusted
time: NTP servers first, all at once, and when none answers the `Date` header of web
servers that answered during this run.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any, NamedTuple

import ntplib

from conndoctor.core.engine import target
from conndoctor.core.engine.context import CheckContext, Options, all_at_once
from conndoctor.core.engine.facts import ClockFacts, ConnectivityFacts, SiteFacts, TimeSourceFacts
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
from conndoctor.core.knowledge.confidence import CERTAIN, LIKELY
from conndoctor.core.probes.http_reply import http_date
from conndoctor.core.probes.ntp_exchange import NTP_PORT, NTP_TIMEOUT_S, NtpExchange, exchange_ntp

CHECK_ID = "clock.network_time"
WRONG_AFTER_S = 300.0
"""Chromium calls the clock wrong when it differs from network time by more than 5 minutes
(components/ssl_errors/error_classification.cc, GetClockState: kNetworkTimeFudge = 5 min)."""
_YEAR_S = 365.2425 * 86400


def parse_server(text: str) -> tuple[str, int]:
    """`HOST[:PORT]` or `[IPv6]:PORT` -> (host, port); NTP's port 123 when none is given.

    Raises TargetError (a ValueError) for text that is no server address.
    """
    return target.parse_server(text, NTP_PORT)


class TimeSource(NamedTuple):
    """One independent opinion of the true time: offset = computer time minus its time."""

    name: str
    kind: str
    """"ntp" or "http_date"."""
    offset_s: float
    error_s: float

    @property
    def low(self) -> float:
        return self.offset_s - self.error_s - AGREE_WITHIN_S / 2

    @property
    def high(self) -> float:
        return self.offset_s + self.error_s + AGREE_WITHIN_S / 2


def select_truechimers(sources: list[TimeSource]) -> tuple[list[TimeSource], list[TimeSource]]:
    """(truechimers, falsetickers) by Marzullo's intersection, as ntpd and chrony select sources.

    The truechimers are the largest group whose intervals share a point; they count only when
    there are at least two of them and they outnumber the rest. Otherwise nobody is believed.
    """
    edges = sorted(
        [(s.low, 0, i) for i, s in enumerate(sources)]
        + [(s.high, 1, i) for i, s in enumerate(sources)]
    )
    best, open_now, point = 0, 0, 0.0
    for value, is_end, _index in edges:
        if is_end:
            open_now -= 1
            continue
        open_now += 1
        if open_now > best:
            best, point = open_now, value
    agree = [s.low <= point <= s.high for s in sources]
    chimers = [s for s, ok in zip(sources, agree, strict=True) if ok]
    if len(chimers) < 2 or len(chimers) <= len(sources) - len(chimers):
        return [], list(sources)
    return chimers, [s for s, ok in zip(sources, agree, strict=True) if not ok]


MAX_ROOT_DISTANCE_S = 1.5
"""ntpd's MAXDIST: a server further than this from its reference clock is not selectable."""
AGREE_WITHIN_S = 60.0
"""Two sources agree when their times (each with its own error) are within this of each other.
Far below the 5 minutes that make a clock wrong; far above a web server's one-second Date."""
HTTP_DATE_ERROR_S = 1.0
"""A Date header is cut to whole seconds (date_header_offset already adds the average half)."""


def reply_problem(reply: ntplib.NTPPacket, sent_transmit: float) -> str | None:
    """Why an NTP reply must not be believed (RFC 5905 section 8 and chrony's tests), or None.

    The reply must come from a server (mode 4) speaking version 3 or 4, be synchronised
    (leap indicator not 3, stratum 1-15), echo our transmit time as its origin (else it
    answers someone else, or is forged), carry a transmit time, and be close enough to its
    reference clock (root delay / 2 + root dispersion).
    """
    if reply.mode != 4:
        return "not_server"
    if reply.version not in (3, 4):
        return "bad_version"
    if reply.leap == 3 or reply.stratum == 0:
        return "unsynchronised"
    if not 1 <= reply.stratum <= 15:
        return "bad_stratum"
    if reply.orig_timestamp != sent_transmit:
        return "wrong_origin"
    if reply.tx_timestamp == 0:
        return "zero_transmit"
    if reply.root_delay / 2 + reply.root_dispersion > MAX_ROOT_DISTANCE_S:
        return "too_far"
    return None


def ask_ntp(ctx: CheckContext, server: str, timeout: float) -> dict[str, Any]:
    """One server's view: offset = computer time minus its time, in seconds, or why not.

    The request is built and the reply parsed with ntplib's packet class; the reply is checked
    as a careful client does (`reply_problem`) before its time counts. The offset is the usual
    ((t2 - t1) + (t3 - t4)) / 2, against `ctx.computer_now()` so that `--now` is judged.
    """
    try:
        host, port = parse_server(server)
        skew = ctx.computer_now().timestamp() - time.time()
        early = ctx.early_question("ntp", server)
        if early is not None:
            exchanged: NtpExchange = early.answer(timeout)
            ctx.note_contact(host, port, "time")
        else:
            address = ctx.resolve(host, port)[0]
            ctx.note_contact(host, port, "time")
            exchanged = exchange_ntp(address, port, timeout)
    except (OSError, ntplib.NTPException, IndexError, ValueError) as exc:
        return {"server": server, "error": f"{type(exc).__name__}: {exc}"}
    address, arrived = exchanged.address, exchanged.arrived
    sent = ntplib.NTPPacket()
    sent.from_data(exchanged.request)
    reply = ntplib.NTPStats()
    try:
        reply.from_data(exchanged.reply)
    except ntplib.NTPException:
        return {"server": server, "address": address, "rejected": "garbage", "error": "garbage"}
    reply.dest_timestamp = arrived
    problem = reply_problem(reply, sent.tx_timestamp)
    if problem is not None:
        return {"server": server, "address": address, "rejected": problem, "error": problem}
    offset = skew - reply.offset
    error = max(0.0, reply.delay) / 2 + reply.root_delay / 2 + reply.root_dispersion
    return {
        "server": server,
        "address": address,
        "offset_s": round(offset, 3),
        "delay_s": round(reply.delay, 4),
        "error_s": round(error, 4),
        "stratum": reply.stratum,
    }


def ask_all_ntp(ctx: CheckContext, servers: tuple[str, ...]) -> list[dict[str, Any]]:
    """All servers at once; whoever has not answered within the timeout counts as silent."""
    timeout = ctx.step_timeout(NTP_TIMEOUT_S)
    jobs = [lambda s=server: ask_ntp(ctx, s, timeout) for server in servers]
    got = all_at_once(jobs, timeout + 0.3, name="ntp-query")
    replied = {a["server"] for a in got}
    silent = [{"server": s, "error": "no answer in time"} for s in servers if s not in replied]
    order = {s: i for i, s in enumerate(servers)}
    return sorted(got + silent, key=lambda a: order.get(a["server"], 0))


def date_header_offset(date_header: str, received_at: str) -> float | None:
    """Computer time minus server time from an HTTP `Date` header (1-second resolution).

    The header is cut to the second, so its true value lies half a second later on average.
    """
    server_time = http_date(date_header)
    try:
        computer_time = dt.datetime.fromisoformat(received_at)
    except (TypeError, ValueError):
        return None
    if server_time is None:
        return None
    if computer_time.tzinfo is None:
        computer_time = computer_time.replace(tzinfo=dt.UTC)
    return round((computer_time - server_time).total_seconds() - 0.5, 3)


def http_date_offsets(ctx: CheckContext, wait: bool = True) -> list[dict[str, Any]]:
    """Offsets from the Date headers that the site and the connectivity probes sent (without
    `wait`, only from those that have already answered)."""
    sources = ["network.connectivity"]
    if ctx.options.target is not None:
        sources.append("site.http_status")
    found: list[dict[str, Any]] = []
    for check_id in sources:
        other = ctx.result_of(check_id, wait=wait)
        dated = facts_of(other, ConnectivityFacts) or facts_of(other, SiteFacts)
        if dated is None:
            continue
        header, received = dated.date_header, dated.date_header_received_at
        if isinstance(header, str) and isinstance(received, str):
            offset = date_header_offset(header, received)
            if offset is not None:
                found.append({"check": check_id, "date_header": header, "offset_s": offset})
    return found


def describe_offset(offset_s: float) -> Message:
    """'Your computer's clock is 3 days behind.' in the largest unit that reads naturally."""
    direction = "ahead" if offset_s > 0 else "behind"
    size = abs(offset_s)
    if size >= 2 * _YEAR_S:
        unit, amount = "years", round(size / _YEAR_S)
    elif size >= 2 * 86400:
        unit, amount = "days", round(size / 86400)
    elif size >= 2 * 3600:
        unit, amount = "hours", round(size / 3600)
    else:
        amount = max(1, round(size / 60))
        unit = "minute" if amount == 1 else "minutes"
    return Message(f"clock.detail.{direction}.{unit}", {"n": amount})


def median(values: list[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count), as statistics does."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _local_text(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def time_sources(
    servers: list[dict[str, Any]], http_dates: list[dict[str, Any]]
) -> list[TimeSource]:
    """Independent sources: NTP answers that passed the checks (one per address and port; two
    names of one server are one opinion) and the Date headers of different web servers."""
    sources: list[TimeSource] = []
    addresses: set[tuple[str, int]] = set()
    for answer in servers:
        if "offset_s" not in answer:
            continue
        where = (str(answer.get("address")), parse_server(answer["server"])[1])
        if where in addresses:
            continue
        addresses.add(where)
        sources.append(
            TimeSource(answer["server"], "ntp", answer["offset_s"], answer.get("error_s", 0.0))
        )
    for dated in http_dates:
        sources.append(
            TimeSource(dated["check"], "http_date", dated["offset_s"], HTTP_DATE_ERROR_S)
        )
    return sources


def _undetermined(facts: ClockFacts, sources: list[TimeSource], ignored: list[str]) -> CheckResult:
    if not sources:
        key = "clock.unknown_liars" if ignored else "clock.unknown"
        return result(CHECK_ID, Status.WARN, key, facts=facts, servers=", ".join(ignored))
    if len(sources) == 1:
        key = "clock.one_source_ignored" if ignored else "clock.one_source"
        return result(
            CHECK_ID,
            Status.WARN,
            key,
            facts=facts,
            source=sources[0].name,
            servers=", ".join(ignored),
        )
    names = ", ".join(s.name for s in sources)
    return result(CHECK_ID, Status.WARN, "clock.disagree", facts=facts, sources=names)


def _run(ctx: CheckContext) -> CheckResult:
    servers = ask_all_ntp(ctx, ctx.options.ntp_servers)
    enough_ntp = bool(select_truechimers(time_sources(servers, []))[0])
    http_dates = http_date_offsets(ctx, wait=not enough_ntp)  # no waiting on a slow site
    sources = time_sources(servers, http_dates)
    agreed, falsetickers = select_truechimers(sources)
    rejected = [
        {"server": a["server"], "reason": a["rejected"]} for a in servers if "rejected" in a
    ]
    ignored = [r["server"] for r in rejected] + [s.name for s in falsetickers if agreed]
    source: str | None = None
    offset: float | None = None
    if agreed:
        source = "ntp" if any(s.kind == "ntp" for s in agreed) else "http_date"
        offset = round(median([s.offset_s for s in agreed]), 3)
    computer_time = ctx.computer_now()
    facts = ClockFacts(
        servers=tuple(servers),
        http_dates=tuple(http_dates),
        sources=tuple(
            TimeSourceFacts(
                name=s.name,
                kind=s.kind,
                offset_s=round(s.offset_s, 3),
                error_s=s.error_s,
                agreed=s in agreed,
            )
            for s in sources
        ),
        agreed=tuple(s.name for s in agreed),
        falsetickers=tuple(s.name for s in falsetickers) if agreed else (),
        rejected=tuple(rejected),
        agree_within_s=AGREE_WITHIN_S,
        offset_s=offset,
        source=source,
        computer_time=computer_time.isoformat(),
        wrong_after_s=WRONG_AFTER_S,
    )
    if offset is None:
        return _undetermined(facts, sources, ignored)
    trusted_time = computer_time - dt.timedelta(seconds=offset)
    facts = facts._replace(trusted_time=trusted_time.isoformat())
    agreeing = ", ".join(s.name for s in agreed)
    if abs(offset) <= WRONG_AFTER_S:
        if ignored:
            key = "clock.ok_ignored"
            return result(
                CHECK_ID,
                Status.OK,
                key,
                facts=facts,
                seconds=f"{abs(offset):.1f}",
                sources=agreeing,
                ignored=", ".join(ignored),
            )
        key = "clock.ok" if source == "ntp" else "clock.ok_http"
        return result(CHECK_ID, Status.OK, key, facts=facts, seconds=f"{abs(offset):.1f}")
    finding = Finding(
        "clock_wrong",
        CERTAIN if source == "ntp" else LIKELY,
        {
            "offset_s": offset,
            "source": source,
            "trusted_time": trusted_time.isoformat(),
            "agreed": [s.name for s in agreed],
        },
        describe_offset(offset),
    )
    return result(
        CHECK_ID,
        Status.FAIL,
        "clock.wrong",
        facts=facts,
        findings=[finding],
        computer_time=_local_text(computer_time),
        trusted_time=_local_text(trusted_time),
    )


def _load_date_parser(options: Options) -> None:
    """The Date headers' parser, loaded while the answers travel: this check runs last, after
    the site's answer, and would else load it then."""
    import email._parseaddr  # noqa: F401


CHECKS: tuple[Check, ...] = (
    Check(
        CHECK_ID,
        Area.CLOCK,
        _run,
        needs_target=False,
        waits_on_network=True,
        consults=("network.connectivity", "site.http_status"),
        warm_up=_load_date_parser,
    ),
)
