"""The clock cases end to end: the real CLI against a real TLS site and a real NTP server.

A wrong clock must be named first and must explain a certificate that only looks expired or
not yet valid; a certificate that is really expired stays the site's problem.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from typing import Any

import pytest

DAY = dt.timedelta(days=1)


def _run(site_args: list[str], *extra: str) -> tuple[int, dict[str, Any]]:
    probes = [] if "--connectivity-url" in extra else ["--skip", "network.connectivity"]
    command = [
        sys.executable,
        "-m",
        "conndoctor",
        "check",
        *site_args,
        "--json",
        "--timeout",
        "6",
        *probes,
        "--skip",
        "browsers.inventory",
        "--skip",
        "browsers.tls_settings",
        "--skip",
        "browsers.cache",
        *extra,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def _cause_ids(report: dict[str, Any]) -> list[str]:
    return [c["id"] for c in report["causes"]]


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def test_right_clock_and_healthy_site_give_no_cause(lab_site, ntp_server) -> None:
    site = lab_site("healthy")
    code, report = _run(site.cli_args(), "--ntp-server", ntp_server(0.0))
    assert (code, _cause_ids(report)) == (0, [])
    clock = next(c for c in report["checks"] if c["id"] == "clock.network_time")
    assert clock["status"] == "ok"
    assert abs(clock["details"]["offset_s"]) < 5


def test_three_days_behind_names_the_clock_not_the_certificate(lab_site, ntp_server) -> None:
    site = lab_site("healthy")
    now = dt.datetime.now(dt.UTC)
    code, report = _run(
        site.cli_args(),
        "--ntp-server",
        ntp_server(0.0),
        "--now",
        _iso(now - 3 * DAY),
        "--lang",
        "ja",
    )
    assert code == 1
    assert _cause_ids(report) == ["clock_wrong"]
    assert "cert_not_yet_valid" in report["causes"][0]["explains"]
    assert "3日" in " ".join(report["causes"][0]["details"])
    clock = next(c for c in report["checks"] if c["id"] == "clock.network_time")
    assert clock["details"]["offset_s"] == pytest.approx(-3 * 86400, abs=30)


def test_two_years_behind_with_a_valid_certificate(lab_site, ntp_server) -> None:
    site = lab_site("healthy")
    now = dt.datetime.now(dt.UTC)
    code, report = _run(
        site.cli_args(), "--ntp-server", ntp_server(0.0), "--now", _iso(now - 730 * DAY)
    )
    assert code == 1
    assert _cause_ids(report) == ["clock_wrong"]
    tls = next(c for c in report["checks"] if c["id"] == "tls.handshake")
    assert "cert_not_yet_valid" in tls["findings"]


def test_years_ahead_with_ntp_blocked_uses_two_date_headers(
    lab_site, unreachable_ntp, http_lab
) -> None:
    """NTP blocked: the site's and the connectivity probe's Date headers agree with each other."""
    site = lab_site("healthy")
    now = dt.datetime.now(dt.UTC)
    code, report = _run(
        site.cli_args(),
        "--ntp-server",
        unreachable_ntp,
        "--now",
        _iso(now + 5 * 365 * DAY),
        "--connectivity-url",
        http_lab.url("/generate_204"),
    )
    assert code == 1
    assert _cause_ids(report) == ["clock_wrong"]
    assert "cert_expired" in report["causes"][0]["explains"]
    clock = next(c for c in report["checks"] if c["id"] == "clock.network_time")
    assert clock["details"]["source"] == "http_date"
    assert clock["details"]["agreed"] == ["network.connectivity", "site.http_status"]


def test_one_date_header_alone_does_not_judge_the_clock(lab_site, unreachable_ntp) -> None:
    site = lab_site("healthy")
    now = dt.datetime.now(dt.UTC)
    _code, report = _run(
        site.cli_args(), "--ntp-server", unreachable_ntp, "--now", _iso(now + 5 * 365 * DAY)
    )
    assert "clock_wrong" not in _cause_ids(report)
    clock = next(c for c in report["checks"] if c["id"] == "clock.network_time")
    assert clock["status"] == "warn" and clock["details"]["offset_s"] is None


@pytest.mark.parametrize("lie", ["garbage", "1970", "2100", "unsynchronised", "wrong_origin"])
def test_a_healthy_computer_is_never_clock_wrong_with_one_liar(lab_site, ntp_server, lie) -> None:
    site = lab_site("healthy")
    code, report = _run(
        site.cli_args(), "--ntp-server", ntp_server(0.0), "--ntp-server", ntp_server(lie=lie)
    )
    assert (code, _cause_ids(report)) == (0, [])
    clock = next(c for c in report["checks"] if c["id"] == "clock.network_time")
    assert clock["status"] == "ok"
    assert "site.http_status" in clock["details"]["agreed"]


def test_two_good_servers_agreeing_the_clock_is_off_is_clock_wrong(lab_site, ntp_server) -> None:
    site = lab_site("healthy")
    behind = dt.datetime.now(dt.UTC) - 3 * DAY
    code, report = _run(
        site.cli_args(),
        "--ntp-server",
        ntp_server(0.0),
        "--ntp-server",
        ntp_server(0.0),
        "--ntp-server",
        ntp_server(lie="2100"),
        "--now",
        _iso(behind),
    )
    assert code == 1
    assert _cause_ids(report)[0] == "clock_wrong"
    agreed = report["causes"][0]["evidence"]["agreed"]
    assert len([a for a in agreed if a.startswith("127.0.0.1:")]) == 2  # the liar is not there


def test_a_really_expired_certificate_is_still_the_sites_problem(lab_site, ntp_server) -> None:
    site = lab_site("expired")
    code, report = _run(site.cli_args(), "--ntp-server", ntp_server(0.0))
    assert code == 1
    assert _cause_ids(report)[0] == "cert_expired"
    assert report["causes"][0]["fixer"] == "site_owner"
