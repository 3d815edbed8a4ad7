"""Is this computer's clock right? When it is wrong, certificates look expired or not yet valid.

The computer's time (`ctx.computer_now()`, which honours `--now`) is compared with trusted
time: NTP servers first, all at once, and when none answers the `Date` header of web
servers that answered during this run.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import ntplib

from conndoctor.core.context import CheckContext, all_at_once
from conndoctor.core.model import Area, CheckResult, Finding, Message, Status, result
from conndoctor.core.runner import Check

CHECK_ID = "clock.network_time"
WRONG_AFTER_S = 300.0
"""Chromium calls the clock wrong when it differs from network time by more than 5 minutes
(components/ssl_errors/error_classification.cc, GetClockState: kNetworkTimeFudge = 5 min)."""
NTP_TIMEOUT_S = 1.5
NTP_PORT = 123
_YEAR_S = 365.2425 * 86400


def parse_server(text: str) -> tuple[str, int]:
    """`HOST[:PORT]` or `[IPv6]:PORT` -> (host, port); NTP's port 123 when none is given."""
    text = text.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif text.count(":") == 1:
        host, _, port = text.partition(":")
    else:
        host, port = text, ""
    return host, int(port) if port.isdigit() else NTP_PORT


def ask_ntp(ctx: CheckContext, server: str, timeout: float) -> dict[str, Any]:
    """One server's view: offset = computer time minus its time, in seconds, or an error.

    The offset is computed from the server's transmit time plus half the round trip,
    against `ctx.computer_now()`, so that `--now` is what gets judged, not the real clock.
    """
    host, port = parse_server(server)
    try:
        address = ctx.resolve(host, port)[0]
        ctx.note_contact(host, port, "time")
        skew = ctx.computer_now().timestamp() - time.time()
        stats = ntplib.NTPClient().request(address, version=3, port=port, timeout=timeout)
    except (OSError, ntplib.NTPException, IndexError, ValueError) as exc:
        return {"server": server, "error": f"{type(exc).__name__}: {exc}"}
    trusted_at_arrival = stats.tx_time + max(0.0, stats.delay) / 2
    offset = stats.dest_time + skew - trusted_at_arrival
    return {"server": server, "offset_s": round(offset, 3), "delay_s": round(stats.delay, 4)}


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
    try:
        import email.utils  # only when NTP is blocked

        server_time = email.utils.parsedate_to_datetime(date_header)
        computer_time = dt.datetime.fromisoformat(received_at)
    except (TypeError, ValueError, IndexError):
        return None
    if server_time.tzinfo is None:
        server_time = server_time.replace(tzinfo=dt.UTC)
    if computer_time.tzinfo is None:
        computer_time = computer_time.replace(tzinfo=dt.UTC)
    return round((computer_time - server_time).total_seconds() - 0.5, 3)


def http_date_offsets(ctx: CheckContext) -> list[dict[str, Any]]:
    """Offsets from the Date headers that the site and the connectivity probes sent."""
    sources = ["network.connectivity"]
    if ctx.options.target is not None:
        sources.append("site.http_status")
    found: list[dict[str, Any]] = []
    for check_id in sources:
        other = ctx.result_of(check_id)
        if other is None:
            continue
        header, received = (
            other.details.get("date_header"),
            other.details.get("date_header_received_at"),
        )
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


def _run(ctx: CheckContext) -> CheckResult:
    servers = ask_all_ntp(ctx, ctx.options.ntp_servers)
    ntp_offsets = [s["offset_s"] for s in servers if "offset_s" in s]
    details: dict[str, Any] = {"servers": servers, "http_dates": []}
    source: str | None = None
    offset: float | None = None
    if ntp_offsets:
        source, offset = "ntp", round(median(ntp_offsets), 3)
    else:
        http_dates = http_date_offsets(ctx)
        details["http_dates"] = http_dates
        if http_dates:
            source = "http_date"
            offset = round(median([d["offset_s"] for d in http_dates]), 3)
    computer_time = ctx.computer_now()
    details.update(
        offset_s=offset,
        source=source,
        computer_time=computer_time.isoformat(),
        trusted_time=None,
        wrong_after_s=WRONG_AFTER_S,
    )
    if offset is None:
        return result(CHECK_ID, Status.WARN, "clock.unknown", details=details)
    trusted_time = computer_time - dt.timedelta(seconds=offset)
    details["trusted_time"] = trusted_time.isoformat()
    if abs(offset) <= WRONG_AFTER_S:
        key = "clock.ok" if source == "ntp" else "clock.ok_http"
        return result(CHECK_ID, Status.OK, key, details=details, seconds=f"{abs(offset):.1f}")
    finding = Finding(
        "clock_wrong",
        0.95 if source == "ntp" else 0.85,
        {"offset_s": offset, "source": source, "trusted_time": trusted_time.isoformat()},
        describe_offset(offset),
    )
    return result(
        CHECK_ID,
        Status.FAIL,
        "clock.wrong",
        details=details,
        findings=[finding],
        computer_time=_local_text(computer_time),
        trusted_time=_local_text(trusted_time),
    )


CHECKS: tuple[Check, ...] = (
    Check(
        CHECK_ID,
        Area.CLOCK,
        _run,
        needs_target=False,
        waits_on_network=True,
        consults=("network.connectivity", "site.http_status"),
    ),
)
