"""Record what real headless Chromium does with each x509-limbo server case.

    python tools/record_limbo_chromium.py [ID_PART ...]

For every SERVER case with a DNS peer name, the default policy (no chain depth, key usage, EKU
or signature algorithm knobs), a server key and no CRL, the case's chain and key are served on
127.0.0.1, its roots are trusted through a fresh NSS database, its peer name is mapped to the
loopback address, and Chromium loads https://NAME:PORT/. The answer ("loaded" or the net error)
goes to tests/data/x509-limbo/chromium.json with the suite's expectation and the moment of the
load; tests/core/trust/test_limbo.py judges the same chains at that moment, without a browser.

Chromium runs at the real time: libfaketime hangs Chromium 156 (see tests/lab/chromium.py), so
`validation_time` cannot be imposed. Each record says whether the case's certificates are valid
at the load time exactly as at the suite's `validation_time` (`same_dates_as_suite`).
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography import x509  # noqa: E402

from tests.lab import chromium  # noqa: E402
from tests.lab.tls_servers import LabServer, tls_site_handler  # noqa: E402

LIMBO = ROOT / "tests" / "data" / "x509-limbo" / "limbo.json"
RECORD = ROOT / "tests" / "data" / "x509-limbo" / "chromium.json"
POLICY_KNOBS = ("max_chain_depth", "key_usage", "extended_key_usage", "signature_algorithms")


def recordable(case: dict[str, Any]) -> bool:
    """A case a browser can meet as it is: a web server's chain for a DNS name, default policy."""
    peer = case.get("expected_peer_name") or {}
    return (
        case["validation_kind"] == "SERVER"
        and peer.get("kind") == "DNS"
        and not any(case.get(knob) for knob in POLICY_KNOBS)
        and bool(case.get("peer_certificate_key"))
        and not case.get("crls")
    )


def skipped_reasons(cases: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Server cases with a DNS name and default policy that cannot be served, and why."""
    reasons: dict[str, list[str]] = {"no server key": [], "has CRLs (Chromium reads none)": []}
    for case in cases:
        peer = case.get("expected_peer_name") or {}
        if case["validation_kind"] != "SERVER" or peer.get("kind") != "DNS":
            continue
        if any(case.get(knob) for knob in POLICY_KNOBS):
            continue
        if not case.get("peer_certificate_key"):
            reasons["no server key"].append(case["id"])
        elif case.get("crls"):
            reasons["has CRLs (Chromium reads none)"].append(case["id"])
    return reasons


def same_dates(case: dict[str, Any], at: dt.datetime) -> bool | None:
    """Whether every certificate is valid at `at` exactly when it is at the suite's time."""
    if not case.get("validation_time"):
        return True
    suite_time = dt.datetime.fromisoformat(case["validation_time"])
    pems = [case["peer_certificate"], *case["untrusted_intermediates"], *case["trusted_certs"]]
    for pem in pems:
        try:
            cert = x509.load_pem_x509_certificate(pem.encode())
        except ValueError:
            return None
        start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
        if (start <= suite_time <= end) != (start <= at <= end):
            return False
    return True


@contextmanager
def served(case: dict[str, Any], folder: Path) -> Iterator[tuple[int, str]]:
    """Serve the case's chain: Python's ssl first, openssl s_server when ssl refuses the files."""
    chain = folder / "chain.pem"
    chain.write_text(case["peer_certificate"] + "".join(case["untrusted_intermediates"]))
    key = folder / "key.pem"
    key.write_text(case["peer_certificate_key"])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    try:
        context.load_cert_chain(str(chain), str(key))
    except ssl.SSLError:
        with openssl_server(case, folder) as port:
            yield port, "openssl s_server"
        return
    server = LabServer(tls_site_handler(context))
    try:
        yield server.port, "python ssl"
    finally:
        server.stop()


@contextmanager
def openssl_server(case: dict[str, Any], folder: Path) -> Iterator[int]:
    leaf = folder / "leaf.pem"
    leaf.write_text(case["peer_certificate"])
    intermediates = folder / "intermediates.pem"
    intermediates.write_text("".join(case["untrusted_intermediates"]))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = ["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-www", "-quiet"]
    command += ["-cert", str(leaf), "-key", str(folder / "key.pem"), "-cipher", "ALL:@SECLEVEL=0"]
    if case["untrusted_intermediates"]:
        command += ["-cert_chain", str(intermediates)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and server.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        if server.poll() is not None:
            error = (server.stderr.read() if server.stderr else b"").decode(errors="replace")
            raise RuntimeError(f"openssl s_server refused the case: {error.strip()[:200]}")
        yield port
    finally:
        server.kill()
        server.wait()


def record_case(case: dict[str, Any], version: str) -> dict[str, Any]:
    host = case["expected_peer_name"]["value"]
    roots = [ssl.PEM_cert_to_DER_cert(pem) for pem in case["trusted_certs"]]
    entry: dict[str, Any] = {
        "expected": case["expected_result"],
        "chromium_version": version,
        "validation_time": case.get("validation_time"),
    }
    with tempfile.TemporaryDirectory(prefix="limbo-") as folder:
        try:
            with served(case, Path(folder)) as (port, server):
                answer = chromium.load(f"https://{host}:{port}/", roots=roots, hosts=[host])
        except (RuntimeError, chromium.NssTrustError) as error:
            entry.update(chromium="not served", why=str(error), at=None, same_dates_as_suite=None)
            return entry
    entry.update(
        chromium=answer.outcome,
        at=answer.at.isoformat(timespec="seconds"),
        served_by=server,
        same_dates_as_suite=same_dates(case, answer.at),
    )
    return entry


def main(only: list[str]) -> None:
    cases = json.loads(LIMBO.read_text(encoding="utf-8"))["testcases"]
    for reason, ids in skipped_reasons(cases).items():
        print(f"skipped, {reason}: {len(ids)} ({', '.join(ids[:6])}{', ...' if ids[6:] else ''})")
    chosen = [c for c in cases if recordable(c) and (not only or any(p in c["id"] for p in only))]
    version = chromium.chromium_version()
    record: dict[str, Any] = json.loads(RECORD.read_text()) if RECORD.is_file() and only else {}
    for number, case in enumerate(chosen, 1):
        record[case["id"]] = entry = record_case(case, version)
        print(f"{number}/{len(chosen)} {case['id']}: {entry['chromium']} ({entry['expected']})")
    RECORD.write_text(json.dumps(dict(sorted(record.items())), indent=1) + "\n", encoding="utf-8")
    answers = [e["chromium"] for e in record.values()]
    agree = sum(
        (e["chromium"] == chromium.LOADED) == (e["expected"] == "SUCCESS")
        for e in record.values()
        if e["chromium"] != "not served"
    )
    print(f"{len(record)} cases: {answers.count(chromium.LOADED)} loaded, ", end="")
    print(f"{answers.count('not served')} not served; {agree} agree with the suite")


if __name__ == "__main__":
    main(sys.argv[1:])
