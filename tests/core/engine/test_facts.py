"""The checks' records: JSON details out, the same records back, and a hand-edited value refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conndoctor.core.engine.facts import (
    FACTS_OF_CHECK,
    CertificateFacts,
    ClockFacts,
    DiskFacts,
    TimeSourceFacts,
    TlsFacts,
    facts_dict,
    facts_from_details,
    jsonable,
)

CERTIFICATE = CertificateFacts(
    subject="CN=example.jp",
    issuer="CN=Example CA",
    not_before="2026-01-01T00:00:00+00:00",
    not_after="2027-01-01T00:00:00+00:00",
    sha256="ab" * 32,
    key="EC P-256",
    names=("example.jp", "www.example.jp"),
)


def test_nested_records_are_json_objects_and_read_back() -> None:
    tls = TlsFacts(host="example.jp", port=443, chain=(CERTIFICATE,), root=CERTIFICATE)
    details = facts_dict(tls)
    assert details["chain"] == [details["root"]]
    assert details["root"]["names"] == ["example.jp", "www.example.jp"]
    assert next(iter(details)) == "undetermined"
    assert facts_from_details(TlsFacts, details) == tls


def test_every_record_reads_back_its_own_details() -> None:
    clock = ClockFacts(
        sources=(TimeSourceFacts(name="ntp", kind="ntp", offset_s=1.5, error_s=0.1, agreed=True),),
        offset_s=1.5,
    )
    disk = DiskFacts(free_bytes=1, total_bytes=2, threshold_bytes=1, percent_free=50.0)
    for record in (clock, disk):
        assert facts_from_details(type(record), facts_dict(record)) == record
    kinds: list[Any] = [k for k in FACTS_OF_CHECK.values() if k is not DiskFacts]
    for kind in kinds:  # DiskFacts is the only record whose facts every run fills
        assert facts_from_details(kind, facts_dict(kind())) == kind()


def test_moments_are_iso_text() -> None:
    moment = dt.datetime(2026, 12, 3, 23, 0, tzinfo=dt.UTC)
    assert jsonable({"at": moment, "seen": (moment,)}) == {
        "at": "2026-12-03T23:00:00+00:00",
        "seen": ["2026-12-03T23:00:00+00:00"],
    }


@pytest.mark.parametrize(
    ("kind", "details"),
    [
        (TlsFacts, {"port": "443"}),  # text where a number belongs
        (TlsFacts, {"host": 5}),  # a number where text belongs
        (TlsFacts, {"port": True}),  # yes/no where a number belongs
        (TlsFacts, {"full_chain_received": 1}),
        (TlsFacts, {"chain": [{"subject": "CN=x"}]}),  # a certificate without its other facts
        (DiskFacts, {"free_bytes": 1}),  # facts every run fills, missing
    ],
)
def test_a_hand_edited_value_is_refused(kind: type, details: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="not a"):
        facts_from_details(kind, details)


def test_unknown_keys_are_ignored_and_whole_numbers_are_numbers() -> None:
    read = facts_from_details(ClockFacts, {"offset_s": 2, "added_later": "x"})
    assert read == ClockFacts(offset_s=2)
