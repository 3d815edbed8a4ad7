"""Lying time servers on loopback: one wild answer is never believed, two honest ones are."""

from __future__ import annotations

import datetime as dt

import pytest

from conndoctor.core.checks import clock
from conndoctor.core.engine.context import Options
from conndoctor.core.engine.model import CheckResult, Status
from conndoctor.core.engine.runner import run_checks
from conndoctor.core.knowledge.i18n import render

LIES = ["garbage", "1970", "2100", "unsynchronised", "wrong_origin"]
REJECTED = {"unsynchronised": "unsynchronised", "wrong_origin": "wrong_origin"}


def _clock(*servers: str, now: dt.datetime | None = None) -> CheckResult:
    options = Options(ntp_servers=servers, now=now, timeout_s=4)
    return run_checks(clock.CHECKS, options).results[0]


@pytest.mark.parametrize("lie", LIES)
def test_a_liar_alone_is_never_a_wrong_clock(ntp_server, lie: str) -> None:
    checked = _clock(ntp_server(lie=lie))
    assert not checked.findings
    assert checked.status is Status.WARN
    assert checked.details["offset_s"] is None


@pytest.mark.parametrize("lie", LIES)
def test_one_liar_beside_one_honest_server_is_could_not_determine(ntp_server, lie: str) -> None:
    liar = ntp_server(lie=lie)
    checked = _clock(ntp_server(0.0), liar)
    assert not checked.findings
    assert checked.status is Status.WARN
    assert checked.summary.key in ("clock.one_source_ignored", "clock.disagree")
    assert liar in render(checked.summary, "en") and liar in render(checked.summary, "ja")


@pytest.mark.parametrize("lie", LIES)
def test_two_honest_servers_outvote_a_liar(ntp_server, lie: str) -> None:
    honest = (ntp_server(0.0), ntp_server(0.05))
    liar = ntp_server(lie=lie)
    checked = _clock(*honest, liar)
    assert checked.status is Status.OK, render(checked.summary, "en")
    assert checked.summary.key == "clock.ok_ignored"
    assert checked.details["agreed"] == list(honest)
    assert liar in render(checked.summary, "en") and liar in render(checked.summary, "ja")
    answer = next(s for s in checked.details["servers"] if s["server"] == liar)
    if lie in REJECTED:
        assert answer["rejected"] == REJECTED[lie]
    elif lie == "garbage":
        assert "rejected" in answer
    else:
        assert checked.details["falsetickers"] == [liar]


def test_two_honest_servers_agree_the_clock_is_off_despite_a_liar(ntp_server) -> None:
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    liar = ntp_server(lie="1970")
    checked = _clock(ntp_server(0.0), liar, ntp_server(0.0), now=now)
    assert checked.causes == ("clock_wrong",)
    assert checked.details["offset_s"] == pytest.approx(-3 * 86400, abs=2)
    assert liar not in checked.findings[0].evidence["agreed"]
    assert len(checked.findings[0].evidence["agreed"]) == 2


def test_two_liars_that_agree_do_not_outvote_two_honest_servers(ntp_server) -> None:
    checked = _clock(
        ntp_server(0.0), ntp_server(0.0), ntp_server(lie="2100"), ntp_server(lie="2100")
    )
    assert not checked.findings
    assert checked.summary.key == "clock.disagree"


def test_marzullo_picks_the_largest_agreeing_group() -> None:
    sources = [
        clock.TimeSource("a", "ntp", 0.0, 0.1),
        clock.TimeSource("b", "ntp", 5.0, 0.1),
        clock.TimeSource("c", "http_date", 1.0, 1.0),
        clock.TimeSource("d", "ntp", -4e9, 0.1),
    ]
    agreed, falsetickers = clock.select_truechimers(sources)
    assert [s.name for s in agreed] == ["a", "b", "c"]
    assert [s.name for s in falsetickers] == ["d"]
    assert clock.select_truechimers(sources[:1]) == ([], sources[:1])


def test_two_agreeing_time_servers_do_not_wait_for_a_silent_site(ntp_server) -> None:
    """The site's Date header is only awaited when the time servers alone cannot decide."""
    import time

    from conndoctor.core.engine.context import CheckContext
    from conndoctor.core.engine.target import parse_target

    options = Options(
        target=parse_target("https://silent.invalid/"),
        ntp_servers=(ntp_server(0.0), ntp_server(0.0)),
        timeout_s=10,
    )
    planned = {"clock.network_time", "site.http_status", "network.connectivity"}
    ctx = CheckContext(options, time.monotonic() + 10, planned=planned)
    began = time.monotonic()
    checked = clock.CHECKS[0].run(ctx)
    assert time.monotonic() - began < 5, "waited for the site's answer until the deadline"
    assert checked.status is Status.OK
    assert checked.details["http_dates"] == []
