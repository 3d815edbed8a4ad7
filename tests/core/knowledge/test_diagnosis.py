"""Diagnosis rules: what explains what, and the order causes are named in."""

from __future__ import annotations

import datetime as dt

from conndoctor.core.engine.context import Options
from conndoctor.core.engine.facts import CheckFacts, ClockFacts
from conndoctor.core.engine.model import CheckResult, Device, Finding, Message, Status
from conndoctor.core.knowledge.diagnosis import diagnose

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def _result(
    check_id: str, *findings: Finding, status: Status = Status.FAIL, facts: CheckFacts | None = None
) -> CheckResult:
    return CheckResult(check_id, status, Message("x"), facts=facts, findings=findings)


def _date_finding(
    cause: str, not_before: dt.datetime, not_after: dt.datetime, checked_at: dt.datetime
) -> Finding:
    return Finding(
        cause,
        0.9,
        {
            "not_before": not_before.isoformat(),
            "not_after": not_after.isoformat(),
            "checked_at": checked_at.isoformat(),
        },
    )


def _clock(offset_s: float | None) -> CheckResult:
    findings = (
        (Finding("clock_wrong", 0.9, {"offset_s": offset_s}),)
        if offset_s and abs(offset_s) > 300
        else ()
    )
    return _result("clock.network_time", *findings, facts=ClockFacts(offset_s=offset_s))


def ids(causes: tuple) -> list[str]:
    return [c.id for c in causes]


def test_a_clock_three_days_behind_explains_a_not_yet_valid_certificate() -> None:
    computer_time = NOW - 3 * DAY
    tls = _result(
        "tls.handshake",
        _date_finding("cert_not_yet_valid", NOW - DAY, NOW + 90 * DAY, computer_time),
    )
    causes = diagnose([tls, _clock(-3 * 86400)], Options())
    assert ids(causes) == ["clock_wrong"]
    assert causes[0].explains == ("cert_not_yet_valid",)


def test_a_truly_expired_certificate_stays_even_when_the_clock_is_wrong() -> None:
    computer_time = NOW + 400 * DAY
    tls = _result(
        "tls.handshake",
        _date_finding("cert_expired", NOW - 200 * DAY, NOW - 10 * DAY, computer_time),
    )
    causes = diagnose([tls, _clock(400 * 86400)], Options())
    assert ids(causes) == ["clock_wrong", "cert_expired"]


def test_an_expired_certificate_with_a_right_clock_is_the_sites_problem() -> None:
    tls = _result(
        "tls.handshake", _date_finding("cert_expired", NOW - 200 * DAY, NOW - 10 * DAY, NOW)
    )
    causes = diagnose([tls, _clock(0.2)], Options())
    assert ids(causes) == ["cert_expired"]
    assert causes[0].fixer.value == "site_owner"


def test_unknown_network_time_keeps_the_certificate_finding() -> None:
    tls = _result(
        "tls.handshake", _date_finding("cert_expired", NOW - 200 * DAY, NOW - 10 * DAY, NOW)
    )
    assert ids(diagnose([tls, _clock(None)], Options())) == ["cert_expired"]


def test_interception_explains_an_unknown_root() -> None:
    tls = _result(
        "tls.handshake",
        Finding("cert_untrusted_root", 0.8),
        Finding("tls_interception", 0.9, {"product": "Kaspersky"}),
    )
    causes = diagnose([tls], Options())
    assert ids(causes) == ["tls_interception"]
    assert "cert_untrusted_root" in causes[0].explains


def test_network_causes_come_before_site_causes() -> None:
    results = [
        _result("tls.handshake", Finding("cert_weak_key", 0.9)),
        _result("network.proxy", Finding("proxy_misconfigured", 0.9)),
        _result("system.disk", Finding("low_disk_space", 0.5)),
    ]
    assert ids(diagnose(results, Options())) == [
        "proxy_misconfigured",
        "low_disk_space",
        "cert_weak_key",
    ]


def test_no_internet_explains_an_unreachable_site() -> None:
    results = [
        _result("network.connectivity", Finding("no_internet", 0.9)),
        _result("network.tcp", Finding("site_unreachable", 0.9)),
    ]
    causes = diagnose(results, Options())
    assert ids(causes) == ["no_internet"]
    assert causes[0].explains == ("site_unreachable",)


def test_browser_cache_only_when_everything_else_is_fine_and_the_browser_fails() -> None:
    healthy = [_result("tls.handshake", status=Status.OK), _result("network.tcp", status=Status.OK)]
    assert diagnose(healthy, Options()) == ()
    assert ids(diagnose(healthy, Options(seen="ERR_SSL_PROTOCOL_ERROR"))) == ["browser_cache"]
    assert ids(diagnose(healthy, Options(browser_fails=True))) == ["browser_cache"]
    broken = [*healthy, _result("tls.handshake2", Finding("cert_expired", 0.9))]
    assert "browser_cache" not in ids(diagnose(broken, Options(seen="ERR_SSL_PROTOCOL_ERROR")))


def test_a_cache_finding_alone_never_names_browser_cache() -> None:
    results = [
        _result("browsers.cache", Finding("browser_cache", 0.3, {"bytes": 10**9}), status=Status.OK)
    ]
    assert diagnose(results, Options()) == ()


def test_what_the_person_saw_marks_the_matching_cause() -> None:
    results = [
        _result(
            "tls.handshake", Finding("cert_weak_key", 0.7), Finding("cert_hostname_mismatch", 0.7)
        )
    ]
    causes = diagnose(results, Options(seen="NET::ERR_CERT_COMMON_NAME_INVALID"))
    by_id = {c.id: c for c in causes}
    assert by_id["cert_hostname_mismatch"].seen_match
    assert not by_id["cert_weak_key"].seen_match


def test_another_device_gets_device_side_causes_from_what_it_showed() -> None:
    healthy = [_result("tls.handshake", status=Status.OK)]
    causes = diagnose(healthy, Options(device=Device.IPHONE, seen="NET::ERR_CERT_DATE_INVALID"))
    assert "clock_wrong" in ids(causes)


def test_cause_dicts_are_complete_in_both_languages() -> None:
    tls = _result(
        "tls.handshake",
        Finding(
            "cert_expired", 0.9, {"not_after": NOW.isoformat()}, detail=Message("runner.cancelled")
        ),
    )
    cause = diagnose([tls], Options())[0]
    for lang in ("ja", "en"):
        data = cause.to_dict(lang)  # type: ignore[arg-type]
        assert data["id"] == "cert_expired"
        assert data["title"] and data["explanation"] and data["fixes"]
        assert data["fixer"] == "site_owner"
        assert data["details"] and data["details"][0] != "runner.cancelled"
        assert data["evidence"]["not_after"] == NOW.isoformat()
