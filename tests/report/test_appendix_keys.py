"""The PDF appendix reads the checks' typed records, and real lab runs fill what it reads.

mypy holds the appendix's field names to the records (`core.engine.facts`); this test holds
the records to real runs against the loopback lab (a healthy site, an expired certificate,
TLS 1.0 only, a captive portal, a clock a day wrong): every check's JSON details read back into
its record with no key left over and serialise to the same details, and every key fact and
every field of the chain the appendix shows is found by some run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from conndoctor.core.engine.facts import (
    FACTS_OF_CHECK,
    CertificateFacts,
    TlsFacts,
    facts_dict,
    facts_from_details,
)
from conndoctor.core.engine.run_report import build_report
from conndoctor.report import appendix
from conndoctor.report.contract import contract_document
from tests.lab.http_servers import HttpLab
from tests.lab.tls_servers import LabSite

DAY_S = 86400.0


@pytest.fixture
def lab_documents(
    lab_site: Callable[..., LabSite],
    ntp_server: Callable[..., str],
    http_lab: HttpLab,
    tmp_path: Path,
) -> list[Mapping[str, Any]]:
    runs = [
        ("healthy", 0.0, "/generate_204"),
        ("expired", 0.0, "/generate_204"),
        ("tls10_only", 0.0, "/generate_204"),
        ("healthy", 0.0, "/portal"),
        ("healthy", -DAY_S, "/generate_204"),
    ]
    documents: list[Mapping[str, Any]] = []
    for kind, offset, connectivity in runs:
        options = lab_site(kind).options(
            timeout_s=8,
            ntp_servers=(ntp_server(offset), ntp_server(offset)),
            connectivity_urls=(http_lab.url(connectivity),),
            home=tmp_path / "home",
        )
        documents.append(contract_document(build_report(options), "en", include_personal=True))
    return documents


def test_every_checks_details_are_its_record(lab_documents: list[Mapping[str, Any]]) -> None:
    seen: set[str] = set()
    for document in lab_documents:
        for check in document["checks"]:
            if not check["details"]:
                continue
            kind = FACTS_OF_CHECK[check["id"]]
            assert set(check["details"]) == set(kind._fields), check["id"]  # no key left over
            record = facts_from_details(kind, check["details"])
            assert facts_dict(record) == check["details"], check["id"]
            seen.add(check["id"])
    assert {"tls.handshake", "clock.network_time", "network.dns", "system.disk"} <= seen


def test_every_key_fact_is_found_by_some_run(lab_documents: list[Mapping[str, Any]]) -> None:
    found: dict[str, set[str]] = {}
    for document in lab_documents:
        for label, shown in appendix.key_fact_values(document):
            if shown:
                found.setdefault(label, set()).add(shown)
    labels = {label for label, _ in appendix.key_fact_values(lab_documents[0])}
    assert labels == set(found), f"never shown: {labels - set(found)}"
    assert any("127.0.0.1" in shown for shown in found["addresses"])
    day_wrong = [shown for shown in found["ntp"] if "(+24.0 h)" in shown or "(+1.0 d)" in shown]
    assert day_wrong, f"the clock a day wrong is not shown as such: {found['ntp']}"


def test_every_chain_field_is_found(lab_documents: list[Mapping[str, Any]]) -> None:
    chains = [
        tls.chain
        for document in lab_documents
        if (tls := appendix.facts_in(document, TlsFacts)) is not None
    ]
    certificates: list[CertificateFacts] = [c for chain in chains for c in chain]
    assert certificates, "no run produced a certificate chain"
    for certificate in certificates:
        assert certificate.subject and certificate.issuer and certificate.key
        assert certificate.not_before < certificate.not_after
        assert len(certificate.sha256.replace(":", "")) == 64
    html = appendix.appendix(lab_documents[1], "en")
    assert certificates[0].subject.split(",")[0] in html
