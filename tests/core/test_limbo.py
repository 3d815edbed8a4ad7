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

from conndoctor.core.tls_verdict import chain_verdict

LIMBO_DIR = Path(__file__).resolve().parents[1] / "data" / "x509-limbo"
RECORDER = Path(__file__).resolve().parents[2] / "tools" / "record_limbo_chromium.py"
OLD_JUDGEMENT_FILE = LIMBO_DIR / "old_judgement_disagrees.txt"
LOADED = "loaded"
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


def _old_judgement_disagrees() -> frozenset[str]:
    """Cases today's judgement gets wrong; the verdict branch fixes them (delete the file then)."""
    if not OLD_JUDGEMENT_FILE.is_file():
        return frozenset()
    lines = OLD_JUDGEMENT_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


OLD_JUDGEMENT = _old_judgement_disagrees()


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


def test_old_judgement_list_names_recorded_cases() -> None:
    assert OLD_JUDGEMENT.issubset(SERVED)


def judged(case_id: str) -> tuple[str, ...]:
    case, entry = CASES[case_id], RECORDED[case_id]
    chain = [case["peer_certificate"], *case["untrusted_intermediates"]]
    return chain_verdict(
        [ssl.PEM_cert_to_DER_cert(pem) for pem in chain],
        case["expected_peer_name"]["value"],
        roots=[ssl.PEM_cert_to_DER_cert(pem) for pem in case["trusted_certs"]],
        at=dt.datetime.fromisoformat(entry["at"]),
    )


ROWS: list[tuple[str, str, str, str, bool]] = []


@pytest.fixture(scope="module", autouse=True)
def limbo_table(artifacts_dir: Path) -> Iterator[None]:
    """Writes test-artifacts/limbo.md: suite, Chromium and our causes for every served case."""
    yield
    if not ROWS:
        return
    agree = sum(row[4] for row in ROWS)
    comparable = [row for row in ROWS if not row[1].endswith("*")]
    suite_agrees = sum((row[1] == "SUCCESS") == (row[2] == LOADED) for row in comparable)
    healthy_but_refused = sum(row[2] != LOADED and row[3] == "healthy" for row in ROWS)
    alarm_but_loaded = sum(row[2] == LOADED and row[3] != "healthy" for row in ROWS)
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
        f"no verdict (the judgement raised) {crashed}.",
        "",
        "| case | suite | Chromium | conndoctor | agrees with Chromium |",
        "|---|---|---|---|---|",
        *(f"| {c} | {s} | {b} | {o} | {'yes' if ok else '**no**'} |"
          for c, s, b, o, ok in sorted(ROWS)),
    ]  # fmt: skip
    (artifacts_dir / "limbo.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _marked(case_id: str) -> Any:
    if case_id in OLD_JUDGEMENT:
        reason = "old judgement (fixed by the verdict branch)"
        return pytest.param(case_id, marks=pytest.mark.xfail(strict=True, reason=reason))
    return case_id


@pytest.mark.parametrize("case_id", [_marked(c) for c in SERVED])
def test_judgement_agrees_with_chromium(case_id: str) -> None:
    entry = RECORDED[case_id]
    try:
        causes = judged(case_id)
    except Exception as error:  # a crash is no verdict: the row says so, the test fails
        row = (case_id, entry["expected"], entry["chromium"], f"error: {error!r}"[:80], False)
        ROWS.append(row)
        raise
    loaded = entry["chromium"] == LOADED
    agree = (causes == ()) == loaded
    ours = ", ".join(causes) or "healthy"
    suite = entry["expected"] + ("" if entry["same_dates_as_suite"] else "*")
    ROWS.append((case_id, suite, entry["chromium"], ours, agree))
    if loaded:
        assert causes == (), f"Chromium loads it; we say {ours}"
    else:
        assert causes, f"Chromium refuses it ({entry['chromium']}); we say healthy"
