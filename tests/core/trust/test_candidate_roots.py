"""The healthy shortcut (`trust_stores.candidate_stores`, `tls_verdict.accepted_verdict`): only the
roots that may issue the chain are read, and its answer is always the full judgement's answer.

Every x509-limbo case is judged both ways: with its trusted roots in a PEM file cut down to the
candidates, and with every root read. The shortcut may decline (the full judgement then runs),
but where it calls a chain healthy, the full judgement must too, with the same details.
"""

from __future__ import annotations

import datetime as dt
import json
import ssl
from pathlib import Path

import pytest
from cryptography import x509

from conndoctor.core.trust import stores as trust_stores
from conndoctor.core.trust.stores import Stores
from conndoctor.core.trust.tls_verdict import accepted_verdict, judge_chain
from tests.lab.certs import LabPki, lab_name

LIMBO_DIR = Path(__file__).resolve().parents[2] / "data" / "x509-limbo"
CASES = json.loads((LIMBO_DIR / "limbo.json").read_text(encoding="utf-8"))["testcases"]
pytestmark = pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning")


def _both_ways(
    chain: list[bytes], host: str, roots_pem: str, at: dt.datetime, folder: Path
) -> tuple[object, object]:
    roots_file = folder / "roots.pem"
    roots_file.write_text(roots_pem, encoding="ascii")
    wanted = [x509.load_der_x509_certificate(der).issuer.public_bytes() for der in chain]
    candidates = trust_stores.candidate_store("computer", [str(roots_file)], wanted)
    assert candidates is not None
    quick = accepted_verdict(
        chain, host, now=at, stores=Stores(candidates, candidates, public_is_builtin=False)
    )
    full_store = trust_stores.store_from_files("computer", [str(roots_file)])
    full = judge_chain(
        chain,
        host,
        now=at,
        stores=Stores(full_store, full_store, public_is_builtin=False),
        network_now=at,
    )
    return quick, full


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_shortcut_never_says_more_than_the_full_judgement(
    case: dict[str, object], tmp_path: Path
) -> None:
    peer = case["peer_certificate"]
    name = case["expected_peer_name"]
    if not isinstance(peer, str) or not isinstance(name, dict) or not case["trusted_certs"]:
        pytest.skip("no peer certificate or no name to check")
    intermediates = case["untrusted_intermediates"]
    assert isinstance(intermediates, list)
    try:
        chain = [ssl.PEM_cert_to_DER_cert(pem) for pem in [peer, *intermediates]]
        for der in chain:
            x509.load_der_x509_certificate(der)
    except ValueError:
        pytest.skip("a sent certificate does not load (the full judgement's bad_format)")
    at = dt.datetime.fromisoformat(str(case["validation_time"] or "2024-01-01T00:00:00+00:00"))
    trusted = case["trusted_certs"]
    assert isinstance(trusted, list)
    quick, full = _both_ways(chain, str(name["value"]), "\n".join(trusted), at, tmp_path)
    if quick is None or quick.findings or quick.undetermined:  # type: ignore[attr-defined]
        return  # declined: the check asks the full judgement
    assert not full.findings and not full.undetermined, full  # type: ignore[attr-defined]
    assert quick.details == full.details  # type: ignore[attr-defined]


def test_the_shortcut_takes_a_healthy_lab_chain_and_reads_only_its_root(
    lab_pki: LabPki, tmp_path: Path
) -> None:
    from cryptography.hazmat.primitives import serialization

    leaf = lab_pki.leaf("shortcut", lab_pki.public_intermediate).cert
    chain = [
        c.public_bytes(serialization.Encoding.DER) for c in (leaf, lab_pki.public_intermediate.cert)
    ]
    others = [lab_pki.ca(f"other-root-{n}", lab_name(f"Other Root {n}")).cert for n in range(3)]
    pem = "".join(
        c.public_bytes(serialization.Encoding.PEM).decode()
        for c in (*others, lab_pki.public_root.cert)
    )
    quick, full = _both_ways(chain, "localhost", pem, lab_pki.now, tmp_path)
    assert quick is not None and not quick.findings  # type: ignore[attr-defined]
    assert quick.details == full.details  # type: ignore[attr-defined]
    assert quick.details["trust"]["computer_store"]["roots"] == 4  # type: ignore[attr-defined]
    wanted = [x509.load_der_x509_certificate(der).issuer.public_bytes() for der in chain]
    store = trust_stores.candidate_store("computer", [str(tmp_path / "roots.pem")], wanted)
    assert store is not None and store.roots == (lab_pki.public_root.cert,) and store.size == 4
