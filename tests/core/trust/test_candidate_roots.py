"""The judgement with candidate roots only (`stores.candidate_stores`): the roots that bear a
name of the sent chain or its issuer's key identifier are read, and the verdict must be the
one the judgement gives with every root.

Every x509-limbo case is judged both ways, with its trusted roots in a PEM file (as the public
list and as this computer's roots, beside this computer's own store): the same causes, the same
confidence and evidence, the same details.
"""

from __future__ import annotations

import datetime as dt
import json
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from conndoctor.core.trust import stores as trust_stores
from conndoctor.core.trust.cert_findings import Verdict
from conndoctor.core.trust.judgement import every_root, judge_with_candidates
from conndoctor.core.trust.tls_verdict import judge_chain
from conndoctor.core.trust.trust_files import TrustFiles
from tests.lab.certs import LabPki, lab_name

LIMBO_DIR = Path(__file__).resolve().parents[2] / "data" / "x509-limbo"
CASES = json.loads((LIMBO_DIR / "limbo.json").read_text(encoding="utf-8"))["testcases"]
pytestmark = pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning")


@pytest.fixture(autouse=True)
def _forget_the_stores() -> Iterator[None]:
    """Each case's roots are a new file: the per-process caches of parsed stores would keep
    every one (this machine's OS store each time) and swell the test process, which the
    hostile tests' children inherit when they fork."""
    yield
    from conndoctor.core.trust import certificates, truststores

    trust_stores._store_of.cache_clear()
    trust_stores._file_certificates.cache_clear()
    certificates._readable.cache_clear()
    truststores._PEM_FILES.clear()


def _no_network(url: str) -> bytes | None:
    return None


def _both_ways(
    chain: list[bytes], host: str, roots_pem: str, at: dt.datetime, folder: Path
) -> tuple[Verdict, Verdict]:
    """The check's judgement (`judge_with_candidates`, which reads every root only when it
    must) and the judgement with every root, issuers from AIA unreachable in both."""
    roots_file = str(folder / "roots.pem")
    Path(roots_file).write_text(roots_pem, encoding="ascii")
    roots = TrustFiles(roots_file, [roots_file], [])
    with_candidates = judge_with_candidates(chain, host, at, at, roots, _no_network)
    with_every_root = judge_chain(
        chain, host, now=at, stores=every_root(roots), network_now=at, fetch_issuer=_no_network
    )
    return with_candidates, with_every_root


def _said(verdict: Verdict) -> object:
    return (
        [(f.cause, f.confidence, dict(f.evidence)) for f in verdict.findings],
        verdict.undetermined,
        verdict.trusted_by_interception,
        verdict.details,
    )


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_candidate_roots_give_the_verdict_of_every_root(
    case: dict[str, object], tmp_path: Path
) -> None:
    peer, name, trusted = (
        case["peer_certificate"],
        case["expected_peer_name"],
        case["trusted_certs"],
    )
    if not isinstance(peer, str) or not isinstance(name, dict) or not trusted:
        pytest.skip("no peer certificate, name or root to judge with")
    intermediates = case["untrusted_intermediates"]
    assert isinstance(intermediates, list) and isinstance(trusted, list)
    try:
        chain = [ssl.PEM_cert_to_DER_cert(pem) for pem in [peer, *intermediates]]
        for der in chain:
            x509.load_der_x509_certificate(der)
    except ValueError:
        pytest.skip("a sent certificate does not load (no candidates: every root is read)")
    at = dt.datetime.fromisoformat(str(case["validation_time"] or "2024-01-01T00:00:00+00:00"))
    with_candidates, with_every_root = _both_ways(
        chain, str(name["value"]), "\n".join(trusted), at, tmp_path
    )
    assert _said(with_candidates) == _said(with_every_root)


@pytest.mark.parametrize("variant", ["healthy", "expired", "unknown_root"])
def test_only_the_roots_of_the_chain_are_read(
    lab_pki: LabPki, tmp_path: Path, variant: str
) -> None:
    day = dt.timedelta(days=1)
    dates = {"valid_from": -100 * day, "valid_until": -10 * day} if variant == "expired" else {}
    issuer = lab_pki.public_intermediate
    leaf = lab_pki.leaf(f"candidates-{variant}", issuer, **dates).cert  # type: ignore[arg-type]
    chain = [c.public_bytes(serialization.Encoding.DER) for c in (leaf, issuer.cert)]
    others = [lab_pki.ca(f"other-root-{n}", lab_name(f"Other Root {n}")).cert for n in range(3)]
    kept = [] if variant == "unknown_root" else [lab_pki.public_root.cert]
    pem = "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in (*others, *kept))
    roots_file = str(tmp_path / "roots.pem")
    Path(roots_file).write_text(pem, encoding="ascii")
    candidates = trust_stores.candidate_stores(chain, roots_file, [roots_file], [])
    assert candidates is not None
    assert candidates.public.roots == tuple(kept)
    assert candidates.public.size == len(others) + len(kept)
    with_candidates, with_every_root = _both_ways(chain, "localhost", pem, lab_pki.now, tmp_path)
    assert _said(with_candidates) == _said(with_every_root)
    expected = {"healthy": [], "expired": ["cert_expired"], "unknown_root": ["cert_untrusted_root"]}
    assert [f.cause for f in with_candidates.findings][:1] == expected[variant]


@pytest.mark.parametrize("root_known", [True, False])
def test_an_issuer_fetched_from_aia_widens_the_candidates(
    lab_pki: LabPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_known: bool
) -> None:
    """An incomplete chain whose issuer the judgement downloads: its root bears no name of the
    sent chain, so the candidates are widened with the fetched certificate's names and the
    verdict is the one every root gives, from one download, and every root is never read."""
    issuer = lab_pki.public_intermediate
    aia_url = "http://issuer.invalid/ca1.der"
    leaf = lab_pki.leaf("candidates-aia", issuer, aia_url=aia_url).cert
    chain = (leaf.public_bytes(serialization.Encoding.DER),)
    others = [lab_pki.ca(f"aia-other-root-{n}", lab_name(f"AIA Other {n}")).cert for n in range(3)]
    kept = [lab_pki.public_root.cert] if root_known else []
    pem = "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in (*others, *kept))
    roots_file = str(tmp_path / "roots.pem")
    Path(roots_file).write_text(pem, encoding="ascii")
    downloads: list[str] = []

    def fetch(url: str) -> bytes | None:
        downloads.append(url)
        return issuer.cert.public_bytes(serialization.Encoding.DER)

    roots = TrustFiles(roots_file, [roots_file], [])
    expected = judge_chain(
        list(chain), "localhost", now=lab_pki.now, stores=every_root(roots),
        network_now=lab_pki.now, fetch_issuer=fetch,
    )  # fmt: skip
    downloads.clear()
    read_every_root: list[str] = []
    real_public_store = trust_stores.public_store

    def public_store(public_ca_file: str | None) -> trust_stores.TrustStore:
        read_every_root.append(str(public_ca_file))
        return real_public_store(public_ca_file)

    monkeypatch.setattr(trust_stores, "public_store", public_store)
    found = judge_with_candidates(chain, "localhost", lab_pki.now, lab_pki.now, roots, fetch)

    assert _said(found) == _said(expected)
    assert downloads == [aia_url]
    assert read_every_root == []  # an unknown root too: the verifier gets a stand-in root
    causes = [f.cause for f in found.findings][:1]
    assert causes == (["cert_incomplete_chain"] if root_known else ["cert_untrusted_root"])
