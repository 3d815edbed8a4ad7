"""How often the certificate judgement agrees with x509-limbo (and with recorded Chromium).

Runs `tls_verdict.chain_verdict` (no sockets, no browser) on every SERVER case with a DNS peer
name and the default policy knobs, and prints the agreement with the suite's expectation and,
given `--chromium FILE` (a JSON object: case id -> "loaded" or Chromium's net error), with the
browser. Lists every disagreement so the verifier's policy can be tuned.

    .venv/bin/python tools/limbo_agreement.py LIMBO_JSON [--chromium FILE] [--verbose]
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import re
import sys
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "app"))

from conndoctor.core.trust.tls_verdict import chain_verdict  # noqa: E402


def served_cases(limbo: dict[str, Any]) -> list[dict[str, Any]]:
    """The cases a browser can be shown on loopback: a server, a DNS name, default knobs."""
    return [
        case
        for case in limbo["testcases"]
        if case["validation_kind"] == "SERVER"
        and (case.get("expected_peer_name") or {}).get("kind") == "DNS"
        and case["max_chain_depth"] is None
        and not case["key_usage"]
        and not case["extended_key_usage"]
        and not case["signature_algorithms"]
        and not case.get("crls")
        and case.get("peer_certificate_key")
    ]


def _der(pem: str) -> bytes:
    body = re.sub(r"-----[^-]+-----", "", pem)
    return base64.b64decode("".join(body.split()))


def judge(case: dict[str, Any]) -> tuple[str, ...]:
    at = (
        dt.datetime.fromisoformat(case["validation_time"])
        if case["validation_time"]
        else dt.datetime.now(dt.UTC)
    )
    chain = [_der(case["peer_certificate"]), *map(_der, case["untrusted_intermediates"])]
    with warnings.catch_warnings():  # limbo's zero serials warn in cryptography
        warnings.simplefilter("ignore")
        return chain_verdict(
            chain,
            case["expected_peer_name"]["value"],
            roots=[_der(p) for p in case["trusted_certs"]],
            at=at,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("limbo", type=Path)
    parser.add_argument("--chromium", type=Path, help="JSON: case id -> 'loaded' or net error")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    cases = served_cases(json.loads(args.limbo.read_text()))
    chromium: dict[str, str] = json.loads(args.chromium.read_text()) if args.chromium else {}
    suite_agree = chromium_agree = chromium_known = 0
    for case in cases:
        causes = judge(case)
        healthy = causes == ()
        expected = case["expected_result"] == "SUCCESS"
        suite_agree += healthy == expected
        answer = chromium.get(case["id"])
        if answer is not None:
            chromium_known += 1
            chromium_agree += healthy == (answer == "loaded")
        if args.verbose or healthy != expected:
            mark = "=" if healthy == expected else "x"
            print(f"{mark} suite={case['expected_result']:<7} chromium={answer or '-':<28} "
                  f"ours={','.join(causes) or 'healthy':<40} {case['id']}")  # fmt: skip
    print(f"cases: {len(cases)}; agree with the suite: {suite_agree}")
    if chromium:
        print(f"agree with Chromium: {chromium_agree} of {chromium_known} recorded")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
