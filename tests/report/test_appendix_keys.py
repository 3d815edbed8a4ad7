"""Every detail the PDF appendix reads is one a check really produces on a lab run.

Real checks run against the loopback lab (a healthy site, an expired certificate, TLS 1.0
only, a captive portal, a clock a day wrong); the appendix's lookups are data
(`appendix.FACTS`, `CHAIN_KEY`, `CHAIN_ENTRY_KEYS`) held against what came out,
so a renamed detail key fails here instead of silently vanishing from the PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

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


def _produced(documents: list[Mapping[str, Any]]) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for document in documents:
        for check in document["checks"]:
            keys.setdefault(check["id"], set()).update(check.get("details") or {})
    return keys


def test_every_key_fact_is_produced_by_its_check(lab_documents: list[Mapping[str, Any]]) -> None:
    produced = _produced(lab_documents)
    for label, places in appendix.FACTS:
        for check_id, key in places:
            assert key in produced.get(check_id, set()), f"{label}: {check_id} has no {key}"


def test_every_chain_field_is_produced(lab_documents: list[Mapping[str, Any]]) -> None:
    entries = [
        entry
        for document in lab_documents
        for check in document["checks"]
        if check["id"] == appendix.CHAIN_CHECK
        for entry in check["details"][appendix.CHAIN_KEY]
    ]
    assert entries, "no run produced a certificate chain"
    produced = set().union(*(entry.keys() for entry in entries))
    for label, keys in appendix.CHAIN_ENTRY_KEYS:
        assert not set(keys) - produced, f"{label}: never produced"
