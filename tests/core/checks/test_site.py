"""site.http_status: one GET once TLS works; 503 is maintenance, 500/502/504 the site failing."""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Callable

import pytest

from conndoctor.core.checks import site, tls
from conndoctor.core.engine.model import CheckResult, Message, Status, when
from conndoctor.core.engine.runner import run_checks
from conndoctor.core.knowledge.i18n import render
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
    [((501, "Not Implemented"), Status.WARN), ((404, "Not Found"), Status.OK),
     ((301, "Moved Permanently"), Status.OK)],
)  # fmt: skip
def test_other_answers_are_not_a_cause(
    lab_site: Callable[..., LabSite], answer: tuple[int, str], status: Status
) -> None:
    found = _results(lab_site("healthy", http_status=answer))["site.http_status"]
    assert found.details["status"] == answer[0]
    assert found.status == status
    assert found.findings == ()


@pytest.mark.parametrize("code", [500, 502, 504])
def test_server_errors_behind_working_tls_are_the_sites_failure(
    lab_site: Callable[..., LabSite], code: int
) -> None:
    results = _results(lab_site(f"server_error_{code}"))
    assert results["tls.handshake"].status == Status.OK
    found = results["site.http_status"]
    assert found.status == Status.FAIL
    (finding,) = found.findings
    assert finding.cause == "site_error"
    assert finding.evidence["status"] == code
    assert finding.evidence["retry_after"] == ("60" if code == 502 else "")
    assert finding.detail is not None
    for lang in ("en", "ja"):
        sentence = render(finding.detail, lang)
        assert str(code) in sentence and "{" not in sentence
        assert ("60" in sentence) is (code == 502)


def test_client_certificate_demanded_after_a_tls13_handshake(
    lab_site: Callable[..., LabSite],
) -> None:
    """TLS 1.3 sends certificate_required only after the handshake: the first answer tells."""
    results = _results(lab_site("client_cert_tls13"))
    assert results["tls.handshake"].status == Status.OK
    found = results["site.http_status"]
    assert found.causes == ("client_cert_required",)
    assert found.findings[0].evidence["after_handshake"] is True


def test_client_certificate_demanded_on_the_shared_connection(
    lab_site: Callable[..., LabSite],
) -> None:
    """With network.tcp in the run, the page is asked for on the connection the handshake
    secured: the TLS 1.3 certificate_required alert arrives on that first read."""
    from conndoctor.core.checks import network

    lab = lab_site("client_cert_tls13")
    wanted = [c for c in network.CHECKS if c.id in ("network.dns", "network.tcp")]
    outcome = run_checks([*wanted, *tls.CHECKS, *site.CHECKS], lab.options(timeout_s=5))
    results = {r.check_id: r for r in outcome.results}
    assert results["network.tcp"].status == Status.OK
    assert results["tls.handshake"].status == Status.OK
    found = results["site.http_status"]
    assert found.causes == ("client_cert_required",)
    assert found.findings[0].evidence["after_handshake"] is True


def test_http_address_on_a_tls_port_should_start_with_https(
    lab_site: Callable[..., LabSite],
) -> None:
    site_ = lab_site("http_to_tls_port")
    assert site_.url.startswith("http://")
    found = _results(site_)["site.http_status"]
    assert found.causes == ("tls_protocol_error",)
    assert found.details["speaks_tls"] is True
    detail = found.findings[0].detail
    assert detail is not None and "https://" in render(detail, "en")
    assert "https://" in render(detail, "ja")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", {"retry_seconds": 120}),
        (" 5 ", {"retry_seconds": 5}),
        (
            "Wed, 21 Oct 2026 07:28:00 GMT",
            {"retry_at": when(dt.datetime(2026, 10, 21, 7, 28, tzinfo=dt.UTC))},
        ),
        ("soon", {}),
        ("", {}),
    ],
)
def test_retry_after_is_read_as_seconds_or_a_date(value: str, expected: dict[str, object]) -> None:
    assert site.retry_after_text(value) == expected


def test_without_the_handshake_check_the_page_still_uses_the_tcp_checks_connection(
    lab_site: Callable[..., LabSite],
) -> None:
    from conndoctor.core.checks import network
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


def test_moments_are_shown_in_local_time_in_each_language(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        moment = when(dt.datetime(2026, 11, 21, 7, 42, tzinfo=dt.UTC))
        sentence = Message(
            "site.detail.maintenance_until", {"host": "shop.example.jp", "retry_at": moment}
        )
        assert "2026年11月21日 16:42" in render(sentence, "ja")
        assert "21 November 2026, 16:42" in render(sentence, "en")
        assert "UTC" not in render(sentence, "ja") + render(sentence, "en")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_both_checks_name_a_demanded_client_certificate_alike(
    lab_site: Callable[..., LabSite],
) -> None:
    """TLS 1.2 refuses in the handshake (tls.handshake), TLS 1.3 after it (site.http_status):
    one finding, told apart only by when the certificate was asked for."""
    in_handshake = _results(lab_site("client_cert_tls12"))["tls.handshake"].findings
    after_it = _results(lab_site("client_cert_tls13"))["site.http_status"].findings
    assert len(in_handshake) == len(after_it) == 1
    early, late = in_handshake[0], after_it[0]
    assert early.detail and late.detail
    assert (early.cause, early.confidence, early.detail.key) == (
        late.cause,
        late.confidence,
        late.detail.key,
    )
    assert early.evidence.keys() == late.evidence.keys()
    assert (early.evidence["after_handshake"], late.evidence["after_handshake"]) == (False, True)
    assert late.evidence["alert"] == "certificate_required" and early.evidence["alert"]
    assert render(early.detail, "ja") == render(late.detail, "ja")
