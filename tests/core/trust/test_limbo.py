"""x509-limbo with real Chromium as the reference: the certificate judgement, without sockets.

tools/record_limbo_chromium.py recorded what Chromium did with each served case
(tests/data/x509-limbo/chromium.json). Here the same chains are judged directly, at the moment
Chromium loaded them: where Chromium refused, the judgement must never be healthy; where it
loaded, the judgement must be healthy. The suite's own expectation is shown beside Chromium's in
test-artifacts/limbo.md; where the two differ, Chromium is followed.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conndoctor.core.trust.tls_verdict import UNDETERMINED, chain_verdict

LIMBO_DIR = Path(__file__).resolve().parents[2] / "data" / "x509-limbo"
RECORDER = Path(__file__).resolve().parents[3] / "tools" / "record_limbo_chromium.py"
LOADED = "loaded"
COULD_NOT_DETERMINE = {
    "pathlen::self-issued-certs-pathlen": "self_issued_intermediate",
    "rfc5280::nc::invalid-dnsname-leading-period": "leading_period_dns_name_constraint",
    "rfc5280::nc::nc-permits-invalid-dns-san": "malformed_san_under_name_constraints",
    "rfc5280::root-missing-basic-constraints": "trust_anchor_without_basic_constraints",
    "rfc5280::serial::too-long": "serial_over_20_octets",
    "webpki::forbidden-weak-rsa-key-in-root": "rsa_key_under_2048_locally_trusted",
}
"""Chromium loads these; pyca's verifier refuses them for a reason no extension policy relaxes
(certificate_rules.json `verifier_stricter_than_chromium`), so the judgement must say it could
not determine: neither healthy (the verifier did not accept) nor an alarm (Chromium loads)."""
# Zero and negative serial numbers are limbo cases of their own; cryptography warns on reading them.
pytestmark = pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning")


def _cases() -> dict[str, dict[str, Any]]:
    suite = json.loads((LIMBO_DIR / "limbo.json").read_text(encoding="utf-8"))
    return {case["id"]: case for case in suite["testcases"]}


CASES = _cases()
RECORDED: dict[str, dict[str, Any]] = json.loads(
    (LIMBO_DIR / "chromium.json").read_text(encoding="utf-8")
)
SERVED = sorted(case_id for case_id, entry in RECORDED.items() if entry["at"] is not None)


def _recorder() -> Any:
    spec = importlib.util.spec_from_file_location("record_limbo_chromium", RECORDER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_servable_case_was_recorded() -> None:
    recordable = {case_id for case_id, case in CASES.items() if _recorder().recordable(case)}
    assert set(RECORDED) == recordable
    assert {entry["chromium_version"] for entry in RECORDED.values()} != {"not installed"}


def test_could_not_determine_only_where_chromium_loads() -> None:
    assert all(RECORDED[case_id]["chromium"] == LOADED for case_id in COULD_NOT_DETERMINE)


def judged(case_id: str) -> tuple[str, ...]:
    case, entry = CASES[case_id], RECORDED[case_id]
    chain = [case["peer_certificate"], *case["untrusted_intermediates"]]
    return chain_verdict(
        [ssl.PEM_cert_to_DER_cert(pem) for pem in chain],
        case["expected_peer_name"]["value"],
        roots=[ssl.PEM_cert_to_DER_cert(pem) for pem in case["trusted_certs"]],
        at=dt.datetime.fromisoformat(entry["at"]),
    )


ROWS: list[tuple[str, str, str, str, str]] = []
YES, NO, UNKNOWN = "yes", "**no**", "could not determine"


@pytest.fixture(scope="module", autouse=True)
def limbo_table(artifacts_dir: Path) -> Iterator[None]:
    """Writes test-artifacts/limbo.md: suite, Chromium and our causes for every served case."""
    yield
    if not ROWS:
        return
    agree = sum(row[4] == YES for row in ROWS)
    undetermined = sum(row[4] == UNKNOWN for row in ROWS)
    comparable = [row for row in ROWS if not row[1].endswith("*")]
    suite_agrees = sum((row[1] == "SUCCESS") == (row[2] == LOADED) for row in comparable)
    healthy_but_refused = sum(row[2] != LOADED and row[3] == "healthy" for row in ROWS)
    alarm_but_loaded = sum(row[2] == LOADED and row[4] == NO for row in ROWS)
    crashed = sum(row[3].startswith("error:") for row in ROWS)
    version = next(iter(RECORDED.values()))["chromium_version"]
    lines = [
        f"# x509-limbo: the suite, {version} and conndoctor's judgement",
        "",
        f"- Chromium agrees with the suite's expectation on {suite_agrees} of {len(comparable)} "
        "(* marks a case whose certificates are valid now other than at the suite's time: "
        "Chromium ran now, so its answer is not comparable with the suite's).",
        f"- conndoctor agrees with Chromium on {agree} of {len(ROWS)}: healthy where Chromium "
        f"refuses {healthy_but_refused}, an alarm where Chromium loads {alarm_but_loaded}, "
        f"could not determine (pyca's verifier cannot be asked) {undetermined}, "
        f"no verdict (the judgement raised) {crashed}.",
        "",
        "| case | suite | Chromium | conndoctor | agrees with Chromium |",
        "|---|---|---|---|---|",
        *(f"| {c} | {s} | {b} | {o} | {ok} |" for c, s, b, o, ok in sorted(ROWS)),
    ]  # fmt: skip
    (artifacts_dir / "limbo.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("case_id", SERVED)
def test_judgement_agrees_with_chromium(case_id: str) -> None:
    entry = RECORDED[case_id]
    try:
        causes = judged(case_id)
    except Exception as error:  # a crash is no verdict: the row says so, the test fails
        row = (case_id, entry["expected"], entry["chromium"], f"error: {error!r}"[:80], NO)
        ROWS.append(row)
        raise
    loaded = entry["chromium"] == LOADED
    agree = (causes == ()) == loaded
    ours = ", ".join(causes) or "healthy"
    suite = entry["expected"] + ("" if entry["same_dates_as_suite"] else "*")
    verdict = UNKNOWN if causes == (UNDETERMINED,) and loaded else YES if agree else NO
    ROWS.append((case_id, suite, entry["chromium"], ours, verdict))
    if case_id in COULD_NOT_DETERMINE:
        assert causes == (UNDETERMINED,), f"Chromium loads it, pyca refuses it; we say {ours}"
    elif loaded:
        assert causes == (), f"Chromium loads it; we say {ours}"
    else:
        assert causes, f"Chromium refuses it ({entry['chromium']}); we say healthy"
