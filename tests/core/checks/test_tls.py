"""tls.handshake against the loopback lab: each broken site gives its cause, healthy none."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conndoctor.core.checks import tls
from conndoctor.core.engine.facts import ClockFacts
from conndoctor.core.engine.model import Area, CheckResult, Finding, Status, result
from conndoctor.core.engine.runner import Check, run_checks
from conndoctor.core.knowledge.diagnosis import diagnose
from conndoctor.core.knowledge.i18n import render
from conndoctor.core.probes.handshake import throwaway_client_certificate
from conndoctor.core.trust import stores as trust_stores
from tests.lab.tls_servers import EXPECTED_CAUSES, LabSite

SITE_LEVEL_KINDS = ("maintenance", "client_cert_tls13", "http_to_tls_port")
"""Kinds whose cause only the first HTTP answer shows (site.http_status), not the handshake."""
TLS_KINDS = [
    k
    for k, cause in EXPECTED_CAUSES.items()
    if cause and k not in SITE_LEVEL_KINDS and not k.startswith("server_error_")
]


def _handshake(site: LabSite, **overrides: object) -> CheckResult:
    options = site.options(timeout_s=overrides.pop("timeout_s", 5), **overrides)
    outcome = run_checks(tls.CHECKS, options)
    (found,) = outcome.results
    assert found.check_id == "tls.handshake"
    return found


@pytest.mark.parametrize("kind", TLS_KINDS)
def test_each_broken_site_gives_its_cause(lab_site: Callable[..., LabSite], kind: str) -> None:
    site = lab_site(kind)
    found = _handshake(site, timeout_s=2 if kind == "silent" else 5)
    assert found.causes[:1] == (site.expected_cause,), found
    assert found.status in (Status.FAIL, Status.WARN)
    for finding in found.findings:
        assert finding.detail is not None
        for lang in ("en", "ja"):
            sentence = render(finding.detail, lang)
            assert sentence != finding.detail.key and "{" not in sentence, sentence


def test_healthy_site_gives_no_finding_and_records_the_session(
    lab_site: Callable[..., LabSite],
) -> None:
    found = _handshake(lab_site("healthy"))
    assert found.status == Status.OK
    assert found.findings == ()
    details = found.details
    assert details["version"] in ("TLSv1.2", "TLSv1.3")
    assert details["cipher"]
    assert details["full_chain_received"] is True
    leaf, intermediate = details["chain"]
    assert "localhost" in leaf["names"] and "127.0.0.1" in leaf["names"]
    assert leaf["issuer"] == intermediate["subject"]
    assert leaf["key"] == "EC 256" and leaf["signature_hash"] == "sha256"
    assert len(leaf["sha256"].split(":")) == 32
    assert details["trust"]["public"] is True and details["trust"]["computer"] is True


def test_wildcard_certificate_covers_the_mapped_name(lab_site: Callable[..., LabSite]) -> None:
    site = lab_site("wildcard")
    assert site.host == "www.conndoctor.test"
    found = _handshake(site)
    assert found.status == Status.OK, found.findings
    assert found.details["sni"] == "www.conndoctor.test"
    assert found.details["chain"][0]["names"] == ["*.conndoctor.test"]


def test_expired_evidence_is_exactly_what_the_clock_rule_reads(
    lab_site: Callable[..., LabSite],
) -> None:
    found = _handshake(lab_site("expired"))
    (finding,) = found.findings
    assert set(finding.evidence) == {"not_before", "not_after", "checked_at"}
    not_after = dt.datetime.fromisoformat(finding.evidence["not_after"])
    checked_at = dt.datetime.fromisoformat(finding.evidence["checked_at"])
    assert not_after < checked_at
    local = not_after.astimezone()
    assert f"{local.year}年{local.month}月{local.day}日" in render(finding.detail, "ja")  # type: ignore[arg-type]


def test_dates_are_judged_at_the_computers_clock(lab_site: Callable[..., LabSite]) -> None:
    """A healthy certificate looks expired to a computer whose clock runs a year ahead."""
    site = lab_site("healthy")
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=365)
    found = _handshake(site, now=ahead)
    assert found.causes == ("cert_expired",)
    checked_at = dt.datetime.fromisoformat(found.findings[0].evidence["checked_at"])
    assert abs((checked_at - ahead).total_seconds()) < 60


def test_a_date_problem_is_not_a_trust_problem(lab_site: Callable[..., LabSite]) -> None:
    found = _handshake(lab_site("not_yet_valid"))
    assert found.causes == ("cert_not_yet_valid",)
    assert found.details["trust"]["public"] is True


def test_interception_names_the_product(lab_site: Callable[..., LabSite]) -> None:
    found = _handshake(lab_site("interception"))
    (finding,) = found.findings
    assert finding.evidence["product"] == "Kaspersky"
    assert finding.evidence["organisation"] is False
    assert found.status == Status.WARN  # the computer trusts it: browsers that use its store work
    assert "Kaspersky" in render(finding.detail, "en")  # type: ignore[arg-type]
    assert "Kaspersky" in render(finding.detail, "ja")  # type: ignore[arg-type]


def test_untrusted_interception_root_still_names_the_product(
    lab_site: Callable[..., LabSite],
) -> None:
    """Firefox with its own store: the antivirus root is trusted nowhere we look."""
    site = lab_site("interception")
    found = _handshake(site, system_ca_files=site.system_ca_files[:1])
    assert "tls_interception" in found.causes and "cert_untrusted_root" in found.causes
    assert found.status == Status.FAIL


def test_organisation_root_is_named_as_the_organisations_inspection(
    lab_site: Callable[..., LabSite],
) -> None:
    site = lab_site("org_interception")
    found = _handshake(site)
    (finding,) = found.findings
    assert finding.evidence["organisation"] is True
    assert finding.detail is not None and finding.detail.key.endswith("interception_organisation")
    assert "Example Trading Inspection Root" in render(finding.detail, "en")
    without_org = _handshake(site, org_ca_files=())
    assert without_org.findings[0].evidence["organisation"] is False


def test_obsolete_server_is_confirmed_by_a_legacy_handshake(
    lab_site: Callable[..., LabSite],
) -> None:
    found = _handshake(lab_site("tls10_only"))
    assert found.causes[0] == "server_tls_obsolete"
    assert found.details["legacy_handshake"]["version"] == "TLSv1"
    assert found.findings[0].evidence["version"] == "TLS 1.0"
    assert found.details["browser_handshake"]["failure"] == "old_version"


def test_cipher_mismatch_records_the_servers_cipher(lab_site: Callable[..., LabSite]) -> None:
    found = _handshake(lab_site("cipher_mismatch"))
    assert found.findings[0].evidence == {"cipher": "ECDHE-ECDSA-AES128-CCM", "version": "TLSv1.2"}


@pytest.mark.parametrize("kind", ["not_tls", "reset", "closed"])
def test_protocol_errors_say_what_the_server_did(
    lab_site: Callable[..., LabSite], kind: str
) -> None:
    found = _handshake(lab_site(kind))
    assert dict(found.findings[0].evidence) == {"kind": kind}


def test_incomplete_chain_is_told_apart_by_fetching_the_intermediate(
    lab_site: Callable[..., LabSite],
) -> None:
    site = lab_site("incomplete_chain")
    options = site.options(timeout_s=5)
    outcome = run_checks(tls.CHECKS, options)
    found = outcome.results[0]
    assert found.causes == ("cert_incomplete_chain",)
    assert found.details["aia"]["completes_chain"] is True
    assert {c.purpose for c in outcome.contacts} == {"site", "aia"}


def test_silent_server_ends_within_the_deadline(lab_site: Callable[..., LabSite]) -> None:
    site = lab_site("silent")
    started = time.monotonic()
    found = _handshake(site, timeout_s=1.5)
    assert time.monotonic() - started < 1.5 + 0.5
    assert found.status == Status.FAIL
    assert found.findings[0].evidence["kind"] == "no_answer"


def test_skipped_when_the_tcp_check_already_failed(lab_site: Callable[..., LabSite]) -> None:
    def tcp_failed(ctx: object) -> CheckResult:
        return result("network.tcp", Status.FAIL, "x", findings=[Finding("site_unreachable")])

    site = lab_site("refused")
    checks = [Check("network.tcp", Area.CONNECTION, tcp_failed), *tls.CHECKS]
    outcome = run_checks(checks, site.options(timeout_s=3))
    handshake = outcome.results[1]
    assert handshake.status == Status.SKIPPED
    assert handshake.findings == ()


def test_plain_http_address_is_not_checked(lab_site: Callable[..., LabSite]) -> None:
    from conndoctor.core.engine.target import parse_target

    site = lab_site("not_tls")
    found = _handshake(site, target=parse_target(f"http://localhost:{site.port}/"))
    assert found.status == Status.SKIPPED


def test_public_root_missing_from_this_computer(lab_site: Callable[..., LabSite]) -> None:
    """An out-of-date root store: the public list trusts the root, this computer does not."""
    site = lab_site("healthy")
    found = _handshake(site, system_ca_files=())
    if trust_stores.computer_store_is_complete():
        assert found.causes == ("cert_untrusted_root",)
        assert found.findings[0].evidence["store"] == "computer"
    else:
        assert found.causes == ()


def test_clock_rule_drops_a_date_cause_that_network_time_explains(
    lab_site: Callable[..., LabSite],
) -> None:
    """The computer's clock is a year ahead: the certificate is fine, the clock is the cause."""
    site = lab_site("healthy")
    year = 365 * 24 * 3600
    options = site.options(now=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=year), timeout_s=5)

    def network_time(ctx: object) -> CheckResult:
        clock_wrong = Finding("clock_wrong", 0.9, {"offset_s": year})
        facts = ClockFacts(offset_s=year)
        return result("clock.network_time", Status.FAIL, "x", facts=facts, findings=[clock_wrong])

    outcome = run_checks(
        [Check("clock.network_time", Area.CLOCK, network_time), *tls.CHECKS], options
    )
    assert "cert_expired" in outcome.results[1].causes
    causes = diagnose(outcome.results, options)
    assert [c.id for c in causes] == ["clock_wrong"]
    assert "cert_expired" in causes[0].explains


def test_ip_address_target_is_checked_against_ip_names(lab_site: Callable[..., LabSite]) -> None:
    from conndoctor.core.engine.target import parse_target

    site = lab_site("healthy")
    found = _handshake(site, target=parse_target(f"https://127.0.0.1:{site.port}/"))
    assert found.status == Status.OK, found.findings
    assert found.details["sni"] is None
    mismatch = lab_site("hostname_mismatch")
    found = _handshake(mismatch, target=parse_target(f"https://127.0.0.1:{mismatch.port}/"))
    assert found.causes == ("cert_hostname_mismatch",)


@pytest.mark.parametrize("kind", ["healthy", "wildcard"])
def test_healthy_means_the_verifier_accepted_the_chain(
    lab_site: Callable[..., LabSite], kind: str
) -> None:
    """One judgement for every site: 'healthy' is pyca's verifier accepting, nothing less."""
    site = lab_site(kind)
    found = _handshake(site)
    assert found.status == Status.OK and found.summary.key == "tls.ok"
    assert found.details["verifier"] == {"accepted": True, "error": ""}
    assert found.details["root"]["subject"] == found.details["chain"][-1]["issuer"]


def test_a_root_this_computer_lacks_is_left_to_the_full_judgement(
    lab_site: Callable[..., LabSite],
) -> None:
    site = lab_site("healthy")
    found = _handshake(site, system_ca_files=())
    assert found.causes[:1] == ("cert_untrusted_root",)
    assert found.details["trust"] == {**found.details["trust"], "public": True, "computer": False}


@pytest.mark.parametrize("kind", ["healthy", "expired", "incomplete_chain"])
def test_tcp_handshake_and_page_share_one_connection(
    lab_site: Callable[..., LabSite], kind: str
) -> None:
    """As in a browser: a certificate fault costs no second connection to the site either."""
    from conndoctor.core import checks
    from tests.lab.tls_servers import CountingRelay

    site = lab_site(kind)
    relay = CountingRelay(site)
    try:
        wanted = {"network.dns", "network.tcp", "tls.handshake", "site.http_status"}
        outcome = run_checks([c for c in checks.all_checks() if c.id in wanted], relay.options())
    finally:
        relay.stop()
    by_id = {r.check_id: r for r in outcome.results}
    assert by_id["network.tcp"].status is Status.OK
    assert by_id["tls.handshake"].causes[:1] == (
        (site.expected_cause,) if site.expected_cause else ()
    )
    assert by_id["site.http_status"].details["status"] == 200
    assert relay.connections == 1


def test_public_roots_openssl_cannot_read_still_get_the_full_judgement(
    lab_site: Callable[..., LabSite], lab_pki: Any, tmp_path: Path
) -> None:
    """A DER file of roots (OpenSSL's loader wants PEM) is read by the full judgement."""
    from cryptography.hazmat.primitives import serialization

    site = lab_site("healthy")
    der = tmp_path / "public-root.der"
    der.write_bytes(lab_pki.public_root.cert.public_bytes(serialization.Encoding.DER))
    found = _handshake(site, public_ca_file=str(der))
    assert found.status == Status.OK, found
    assert found.details["trust"]["public"] is True


def test_client_certificate_demanded_in_a_tls12_handshake(
    lab_site: Callable[..., LabSite],
) -> None:
    """The alert is a plain handshake_failure; offering a throw-away certificate gets further."""
    found = _handshake(lab_site("client_cert_tls12"))
    assert found.causes == ("client_cert_required",)
    assert found.details["browser_handshake"]["failure"] == "no_cipher"
    assert found.details["client_certificate_handshake"]["failure"] != "no_cipher"


def test_the_throwaway_client_key_leaves_no_file_behind(
    lab_site: Callable[..., LabSite], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ssl loads a client certificate only from files; they must not outlive the loading."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    throwaway_client_certificate.cache_clear()
    found = _handshake(lab_site("client_cert_tls12"))
    assert "client_certificate_handshake" in found.details
    assert list(tmp_path.iterdir()) == []


def test_null_only_server_has_no_cipher_in_common(lab_site: Callable[..., LabSite]) -> None:
    found = _handshake(lab_site("null_ciphers"))
    assert found.causes == ("tls_cipher_mismatch",)
    assert found.details["legacy_handshake"]["failure"] == "no_cipher"
    assert found.details["client_certificate_handshake"]["failure"] == "no_cipher"


def test_https_to_a_plain_http_port_says_to_use_http(lab_site: Callable[..., LabSite]) -> None:
    found = _handshake(lab_site("not_tls"))
    assert found.causes == ("tls_protocol_error",)
    assert found.details["speaks_plain_http"] is True
    detail = found.findings[0].detail
    assert detail is not None and detail.key == "tls.detail.protocol_tls_on_http_port"
    assert "http://" in render(detail, "en") and "http://" in render(detail, "ja")


def test_intermediate_without_the_ca_bit_is_an_invalid_certificate(
    lab_site: Callable[..., LabSite],
) -> None:
    found = _handshake(lab_site("intermediate_not_ca"))
    assert found.causes == ("cert_invalid",)
    assert "basicConstraints" in found.details["verifier"]["error"]
    detail = found.findings[0].detail
    assert detail is not None and detail.key == "tls.detail.cert_invalid_not_ca"


def test_a_ber_encoded_certificate_is_invalid_not_healthy(
    lab_site: Callable[..., LabSite],
) -> None:
    """OpenSSL serves a BER serial-number length byte for byte; browsers refuse to parse it
    (Chromium: ERR_SSL_SERVER_CERT_BAD_FORMAT)."""
    found = _handshake(lab_site("ber_certificate"))
    assert found.causes == ("cert_invalid",)
    assert found.details["unreadable_certificate"]["position"] == 0
    detail = found.findings[0].detail
    assert detail is not None and detail.key == "tls.detail.cert_bad_format"
