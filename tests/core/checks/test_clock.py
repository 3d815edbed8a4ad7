"""The clock check against real NTP servers on 127.0.0.1, and its fallback to HTTP Date headers."""

from __future__ import annotations

import datetime as dt
import email.utils
import time

import pytest

from conndoctor.core.checks import clock, network
from conndoctor.core.engine.context import CheckContext, Options
from conndoctor.core.engine.facts import ConnectivityFacts, SiteFacts
from conndoctor.core.engine.model import CheckResult, Message, Status
from conndoctor.core.engine.runner import run_checks
from conndoctor.core.engine.target import parse_target
from conndoctor.core.knowledge.i18n import render

DAY = 86400.0


def run_clock(options: Options, *extra: str) -> dict[str, CheckResult]:
    chosen = [*clock.CHECKS, *(c for c in network.CHECKS if c.id in extra)]
    return {r.check_id: r for r in run_checks(chosen, options).results}


def test_right_clock_is_ok(ntp_server) -> None:
    server, second = ntp_server(0.0), ntp_server(0.1)
    checked = run_clock(Options(ntp_servers=(server, second), timeout_s=5))["clock.network_time"]
    assert checked.status is Status.OK, render(checked.summary, "en")
    assert not checked.findings
    assert checked.details["source"] == "ntp"
    assert checked.details["agreed"] == [server, second]
    assert abs(checked.details["offset_s"]) < 1
    assert checked.details["servers"][0]["server"] == server
    assert "offset_s" in checked.details["servers"][0]
    trusted = dt.datetime.fromisoformat(checked.details["trusted_time"])
    assert abs((trusted - dt.datetime.now(dt.UTC)).total_seconds()) < 5


def test_now_three_days_behind_is_a_wrong_clock(ntp_server) -> None:
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    options = Options(ntp_servers=(ntp_server(0.0), ntp_server(0.0)), now=now, timeout_s=5)
    checked = run_clock(options)["clock.network_time"]
    assert checked.status is Status.FAIL
    assert checked.causes == ("clock_wrong",)
    assert checked.details["offset_s"] == pytest.approx(-3 * DAY, abs=2)
    finding = checked.findings[0]
    assert finding.evidence["offset_s"] == checked.details["offset_s"]
    assert finding.detail is not None
    assert render(finding.detail, "ja") == "このコンピューターの時計が3日遅れています。"
    assert render(finding.detail, "en") == "Your computer's clock is 3 days behind."


def test_server_time_ahead_means_the_computer_is_behind(ntp_server) -> None:
    options = Options(ntp_servers=(ntp_server(2 * 3600.0), ntp_server(2 * 3600.0)), timeout_s=5)
    checked = run_clock(options)["clock.network_time"]
    assert checked.details["offset_s"] == pytest.approx(-7200, abs=2)
    assert checked.findings[0].detail == Message("clock.detail.behind.hours", {"n": 2})


def test_the_median_outvotes_one_wrong_server(ntp_server, unreachable_ntp) -> None:
    servers = (ntp_server(0.0), ntp_server(0.2), ntp_server(10 * DAY), unreachable_ntp)
    checked = run_clock(Options(ntp_servers=servers, timeout_s=5))["clock.network_time"]
    assert checked.status is Status.OK
    assert abs(checked.details["offset_s"]) < 1
    answers = {s["server"]: s for s in checked.details["servers"]}
    assert "error" in answers[unreachable_ntp]
    assert answers[servers[2]]["offset_s"] == pytest.approx(-10 * DAY, abs=2)
    assert checked.details["falsetickers"] == [servers[2]]
    assert checked.summary.key == "clock.ok_ignored"


def test_ntp_blocked_falls_back_to_the_sites_date_header(unreachable_ntp) -> None:
    now = dt.datetime.now(dt.UTC)
    options = Options(
        target=parse_target("https://lab.invalid/"),
        ntp_servers=(unreachable_ntp,),
    )
    ctx = CheckContext(options, time.monotonic() + 5)
    site_seen_at = now + dt.timedelta(days=400)
    ctx.publish(
        CheckResult(
            "site.http_status",
            Status.OK,
            Message("site.ok"),
            facts=SiteFacts(
                date_header=email.utils.format_datetime(now, usegmt=True),
                date_header_received_at=site_seen_at.isoformat(),
            ),
        )
    )
    alone = clock.CHECKS[0].run(ctx)
    assert alone.summary.key == "clock.one_source"
    assert not alone.findings and alone.details["offset_s"] is None
    ctx.publish(
        CheckResult(
            "network.connectivity",
            Status.OK,
            Message("network.connectivity.online"),
            facts=ConnectivityFacts(
                date_header=email.utils.format_datetime(now, usegmt=True),
                date_header_received_at=site_seen_at.isoformat(),
            ),
        )
    )
    checked = clock.CHECKS[0].run(ctx)
    assert checked.details["source"] == "http_date"
    assert checked.details["agreed"] == ["network.connectivity", "site.http_status"]
    assert checked.details["offset_s"] == pytest.approx(400 * DAY, abs=2)
    assert checked.causes == ("clock_wrong",)
    assert checked.findings[0].detail == Message("clock.detail.ahead.days", {"n": 400})


def test_one_date_header_alone_is_not_enough(unreachable_ntp, http_lab) -> None:
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    options = Options(
        ntp_servers=(unreachable_ntp,),
        connectivity_urls=(http_lab.url("/generate_204"),),
        now=now,
        timeout_s=5,
    )
    checked = run_clock(options, "network.connectivity")["clock.network_time"]
    assert checked.details["http_dates"][0]["check"] == "network.connectivity"
    assert checked.details["http_dates"][0]["offset_s"] == pytest.approx(-3 * DAY, abs=3)
    assert checked.summary.key == "clock.one_source"
    assert not checked.causes, "one Date header alone must not call the clock wrong"


def test_no_trusted_time_means_could_not_compare(unreachable_ntp, dead_port) -> None:
    options = Options(
        ntp_servers=(unreachable_ntp,),
        connectivity_urls=(f"http://127.0.0.1:{dead_port}/generate_204",),
        timeout_s=4,
    )
    checked = run_clock(options, "network.connectivity")["clock.network_time"]
    assert checked.status is Status.WARN
    assert checked.summary.key == "clock.unknown"
    assert not checked.findings
    assert checked.details["offset_s"] is None
    assert checked.details["source"] is None
    assert checked.details["trusted_time"] is None


@pytest.mark.parametrize(
    ("offset_s", "english", "japanese"),
    [
        (-3 * DAY, "3 days behind", "3日遅れています"),
        (3 * DAY + 3000, "3 days ahead", "3日進んでいます"),
        (2 * 3600, "2 hours ahead", "2時間進んでいます"),
        (-26 * 3600, "26 hours behind", "26時間遅れています"),
        (-600, "10 minutes behind", "10分遅れています"),
        (61, "1 minute ahead", "1分進んでいます"),
        (-30 * 365.25 * DAY, "about 30 years behind", "約30年遅れています"),
    ],
)
def test_offset_in_words(offset_s: float, english: str, japanese: str) -> None:
    message = clock.describe_offset(offset_s)
    assert english in render(message, "en")
    assert japanese in render(message, "ja")


def test_wrong_clock_summary_shows_both_times(ntp_server) -> None:
    now = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)
    servers = (ntp_server(0.0), ntp_server(0.0))
    checked = run_clock(Options(ntp_servers=servers, now=now, timeout_s=5))["clock.network_time"]
    local = now.astimezone().strftime("%Y-%m-%d %H:%M")
    assert local in render(checked.summary, "ja")
    assert local in render(checked.summary, "en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ntp.nict.jp", ("ntp.nict.jp", 123)),
        ("127.0.0.1:10123", ("127.0.0.1", 10123)),
        ("[::1]:10123", ("::1", 10123)),
        ("[::1]", ("::1", 123)),
        ("2001:db8::1", ("2001:db8::1", 123)),
    ],
)
def test_server_syntax(text: str, expected: tuple[str, int]) -> None:
    assert clock.parse_server(text) == expected


def test_ntp_servers_are_listed_as_contacts(ntp_server) -> None:
    server = ntp_server(0.0)
    outcome = run_checks(clock.CHECKS, Options(ntp_servers=(server,), timeout_s=5))
    host, port = clock.parse_server(server)
    assert any((c.host, c.port, c.purpose) == (host, port, "time") for c in outcome.contacts)
