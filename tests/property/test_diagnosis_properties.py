"""Any mix of check results gives one consistent ranking of causes; any bytes given as a
certificate give facts or 'unreadable', never an exception."""

from __future__ import annotations

import datetime as dt
from functools import cache

import certifi
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from hypothesis import given
from hypothesis import strategies as st

from conndoctor.core.engine.context import Options
from conndoctor.core.engine.facts import ClockFacts
from conndoctor.core.engine.model import CheckResult, Device, Finding, Message, Status
from conndoctor.core.knowledge import catalog
from conndoctor.core.knowledge.diagnosis import EXPLAINED_BY, diagnose
from conndoctor.core.trust import certificates
from conndoctor.core.trust.tls_verdict import chain_verdict

CAUSES = sorted(catalog.causes())
CODES = [entry.code for entry in catalog.error_codes()]
CHECK_IDS = ["network.dns", "network.tcp", "network.connectivity", "tls.handshake", "seen.x"]
TIMES = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
EVIDENCE = st.fixed_dictionaries(
    {},
    optional={
        "not_before": TIMES.map(dt.datetime.isoformat),
        "not_after": TIMES.map(dt.datetime.isoformat),
        "checked_at": TIMES.map(dt.datetime.isoformat) | st.text(max_size=10),
        "host": st.text(max_size=20),
        "kind": st.text(max_size=10),
    },
)
FINDINGS = st.builds(
    lambda cause, confidence, evidence: Finding(cause, confidence, evidence),
    st.sampled_from([*CAUSES, "not_a_cause"]),
    st.floats(min_value=0.0, max_value=1.0),
    EVIDENCE,
)
RESULTS = st.lists(
    st.builds(
        lambda check_id, status, findings: CheckResult(
            check_id, status, Message("check.ok"), None, findings
        ),
        st.sampled_from(CHECK_IDS),
        st.sampled_from(list(Status)),
        st.lists(FINDINGS, max_size=4).map(tuple),
    ),
    max_size=8,
    unique_by=lambda r: r.check_id,
)
CLOCK = st.builds(
    lambda offset: CheckResult(
        "clock.network_time", Status.OK, Message("clock.ok"), ClockFacts(offset_s=offset)
    ),
    st.none() | st.floats(min_value=-4e9, max_value=4e9),
)
OPTIONS = st.builds(
    lambda seen, device, browser_fails: Options(
        seen=seen, device=device, browser_fails=browser_fails
    ),
    seen=st.none() | st.sampled_from(CODES) | st.text(max_size=30),
    device=st.sampled_from(list(Device)),
    browser_fails=st.booleans(),
)


@given(RESULTS, CLOCK, OPTIONS, st.randoms())
def test_any_results_give_one_consistent_ranking(results, clock, options, random) -> None:
    causes = diagnose([*results, clock], options)
    known = catalog.causes()
    ids = [c.id for c in causes]
    assert len(ids) == len(set(ids))
    assert all(i in known for i in ids)
    keys = [(known[c.id].rank, not c.seen_match, -c.confidence) for c in causes]
    assert keys == sorted(keys)
    for cause in causes:
        assert 0.0 <= cause.confidence <= 1.0
        assert not any(e in ids for e in EXPLAINED_BY.get(cause.id, ()) if e != cause.id)
        cause.to_dict("ja")
        cause.to_dict("en")
    assert diagnose([*results, clock], options) == causes
    if len({f.cause for r in results for f in r.findings}) == sum(len(r.findings) for r in results):
        shuffled = [*results, clock]  # each cause seen once: the order of checks cannot matter
        random.shuffle(shuffled)
        assert [c.id for c in diagnose(shuffled, options)] == ids


@cache
def _real_ders() -> tuple[bytes, ...]:
    with open(certifi.where(), "rb") as bundle:
        roots = x509.load_pem_x509_certificates(bundle.read())
    return tuple(r.public_bytes(serialization.Encoding.DER) for r in roots[:20])


def _check_certificate_bytes(data: bytes) -> None:
    for cert in certificates.parse_certificates(data):
        certificates.describe(cert)
    causes = chain_verdict(
        [data], "example.com", roots=_real_ders()[:3], at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    )
    assert causes, "bytes that are no certificate for example.com can never be healthy"


@given(st.binary(max_size=3000))
def test_any_bytes_as_a_certificate_give_a_result(data: bytes) -> None:
    _check_certificate_bytes(data)


@given(
    st.integers(min_value=0, max_value=19),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8),
    st.integers(min_value=0, max_value=64),
)
def test_damaged_real_certificates_give_a_result(index: int, changes, cut: int) -> None:
    ders = _real_ders()
    data = bytearray(ders[index % len(ders)])
    for where, value in changes:
        data[where % len(data)] = value
    _check_certificate_bytes(bytes(data[: len(data) - cut]))


def test_a_certificate_with_an_invalid_version_is_dropped() -> None:
    """Found by the thorough profile: version byte 1 raised InvalidVersion (not a ValueError)."""
    data = bytearray(_real_ders()[0])
    data[12] = 1
    _check_certificate_bytes(bytes(data))
    assert certificates.parse_certificates(bytes(data)) == []
