"""site.http_status: one GET once TLS works; 503 is maintenance; the Date header is kept."""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Callable

import pytest

from conndoctor.core import site, tls
from conndoctor.core.i18n import render
from conndoctor.core.model import CheckResult, Status
from conndoctor.core.runner import run_checks
from tests.lab.tls_servers import LabSite


def _results(lab: LabSite, **overrides: object) -> dict[str, CheckResult]:
    outcome = run_checks([*tls.CHECKS, *site.CHECKS], lab.options(timeout_s=5, **overrides))
    return {r.check_id: r for r in outcome.results}


def test_healthy_site_answers_and_its_date_is_kept(lab_site: Callable[..., LabSite]) -> None:
    found = _results(lab_site("healthy"))["site.http_status"]
    assert found.status == Status.OK and found.findings == ()
    assert found.details["status"] == 200
    assert found.details["server"] == "conndoctor-lab"
    sent = email.utils.parsedate_to_datetime(found.details["date_header"])
    received = dt.datetime.fromisoformat(found.details["date_header_received_at"])
    assert abs((received - sent).total_seconds()) < 5


def test_received_at_follows_the_computers_clock(lab_site: Callable[..., LabSite]) -> None:
    """With --now the computer's clock is off: the Date header tells the clock check by how much."""
    lab = lab_site("healthy")
    behind = dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)
    found = _results(lab, now=behind, skip=frozenset({"tls.handshake"}))["site.http_status"]
    received = dt.datetime.fromisoformat(found.details["date_header_received_at"])
    sent = email.utils.parsedate_to_datetime(found.details["date_header"])
    assert abs((sent - received).total_seconds() - 3 * 3600) < 10


def test_maintenance_names_the_retry_time(lab_site: Callable[..., LabSite]) -> None:
    found = _results(lab_site("maintenance"))["site.http_status"]
    assert found.status == Status.FAIL
    (finding,) = found.findings
    assert finding.cause == "site_maintenance"
    assert finding.evidence["retry_after"] == "120"
    assert finding.detail is not None
    assert "120" in render(finding.detail, "en") and "120" in render(finding.detail, "ja")
    assert found.details["retry_after"] == "120"


def test_skipped_when_no_session_could_be_made(lab_site: Callable[..., LabSite]) -> None:
    for kind in ("tls10_only", "not_tls"):
        results = _results(lab_site(kind))
        assert results["tls.handshake"].status == Status.FAIL
        assert results["site.http_status"].status == Status.SKIPPED
        assert results["site.http_status"].findings == ()


def test_page_is_fetched_behind_a_bad_certificate_for_its_date(
    lab_site: Callable[..., LabSite],
) -> None:
    """A wrong clock makes the certificate look expired; the Date header is how we tell."""
    results = _results(lab_site("expired"))
    assert results["tls.handshake"].status == Status.FAIL
    found = results["site.http_status"]
    assert found.summary.key == "site.answered_despite_certificate"
    assert found.details["date_header"]


def test_intercepted_connection_still_gets_the_page(lab_site: Callable[..., LabSite]) -> None:
    results = _results(lab_site("interception"))
    assert results["tls.handshake"].status == Status.WARN
    assert results["site.http_status"].status == Status.OK


@pytest.mark.parametrize(
    ("answer", "status"),
    [((500, "Internal Server Error"), Status.WARN), ((502, "Bad Gateway"), Status.WARN),
     ((404, "Not Found"), Status.OK), ((301, "Moved Permanently"), Status.OK)],
)  # fmt: skip
def test_other_answers_are_not_a_cause(
    lab_site: Callable[..., LabSite], answer: tuple[int, str], status: Status
) -> None:
    found = _results(lab_site("healthy", http_status=answer))["site.http_status"]
    assert found.details["status"] == answer[0]
    assert found.status == status
    assert found.findings == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", {"retry_seconds": 120}),
        (" 5 ", {"retry_seconds": 5}),
        ("Wed, 21 Oct 2026 07:28:00 GMT", {"retry_at": "2026-10-21 07:28 UTC"}),
        ("soon", {}),
        ("", {}),
    ],
)
def test_retry_after_is_read_as_seconds_or_a_date(value: str, expected: dict[str, object]) -> None:
    assert site.retry_after_text(value) == expected


def test_without_the_handshake_check_the_page_still_uses_the_tcp_checks_connection(
    lab_site: Callable[..., LabSite],
) -> None:
    from conndoctor.core import network
    from tests.lab.tls_servers import CountingRelay

    relay = CountingRelay(lab_site("healthy"))
    try:
        outcome = run_checks(
            [c for c in network.CHECKS if c.id in ("network.dns", "network.tcp")]
            + [*tls.CHECKS, *site.CHECKS],
            relay.options(skip=frozenset({"tls.handshake"}), timeout_s=5),
        )
    finally:
        relay.stop()
    by_id = {r.check_id: r for r in outcome.results}
    assert by_id["site.http_status"].details["status"] == 200
    assert relay.connections == 1
