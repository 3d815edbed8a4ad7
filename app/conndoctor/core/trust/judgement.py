"""A sent chain judged with the roots that can take part in it, not with every root.

Parsing and checking every root of this computer (about 290 copies on a Debian machine) was
most of a check's CPU, while a root that bears no name of the chain, nor its issuer's key
identifier, can take no part in judging it (`stores.candidate_stores`). The verdict must be
the one every root gives: tests/core/trust/test_candidate_roots.py compares both on every
x509-limbo case and on lab chains.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from functools import cache

from cryptography import x509

from conndoctor.core.trust import certificates as certs
from conndoctor.core.trust import stores as trust_stores
from conndoctor.core.trust.tls_verdict import judge_chain
from conndoctor.core.trust.trust_files import TrustFiles
from conndoctor.core.trust.verdict import Verdict


def candidates(roots: TrustFiles, certificates: Sequence[bytes]) -> trust_stores.Stores | None:
    """The stores cut down to the roots bearing a name of `certificates` (`candidate_stores`);
    None when a certificate does not read."""
    return trust_stores.candidate_stores(
        certificates, roots.public_ca_file, roots.computer_files, roots.organisation_files
    )


def every_root(roots: TrustFiles) -> trust_stores.Stores:
    return trust_stores.Stores(
        public=trust_stores.public_store(roots.public_ca_file),
        computer=trust_stores.computer_store(roots.computer_files),
        organisation=trust_stores.store_from_files("organisation", roots.organisation_files),
        computer_complete=trust_stores.computer_store_is_complete(),
    )


def read_root_files(roots: TrustFiles) -> None:
    """Read the root files' certificates ahead of the judgement (not yet parsed: only a chain's
    candidate roots will be); a file that is not plain PEM is left to the judgement."""
    from conndoctor.core.trust.truststores import (
        NotPlainPem,
        os_store_files,
        public_roots_file,
        store_files,
    )

    public = [public_roots_file(roots.public_ca_file)]
    for files in (public, [*os_store_files(), *roots.computer_files]):
        try:
            store_files(files)
        except NotPlainPem:
            continue


def rehearse(roots: TrustFiles) -> None:
    """Read the root files and judge a throw-away chain (the stand-in root, which nothing
    trusts): the first judgement's one-time costs (the verifier's and OpenSSL's modules, the
    rules' files) are paid before the site's chain arrives. For a process that would
    otherwise wait for it (`worker`)."""
    read_root_files(roots)
    from cryptography.hazmat.primitives.serialization import Encoding

    stand_in = _stand_in_root()
    now = stand_in.not_valid_before_utc + dt.timedelta(days=1)
    judge_with_candidates(
        (stand_in.public_bytes(Encoding.DER),), "localhost", now, None, roots, lambda url: None
    )


def judge_with_candidates(
    chain: Sequence[bytes],
    host: str,
    now: dt.datetime,
    network_now: dt.datetime | None,
    roots: TrustFiles,
    fetch_issuer: Callable[[str], bytes | None],
) -> Verdict:
    """`judge_chain` with the candidate roots of the chain and of any issuer fetched from its
    AIA address, downloaded once.

    When no root bears a name of the sent chain, the judgement would fetch the top
    certificate's issuer anyway (nothing else can complete it): it is fetched first, and its
    names choose the candidates, so an incomplete chain's root is found without reading every
    root. When neither the chain nor the fetched issuer names one (an unknown root), the
    verifier is asked with a stand-in root (`_askable`). Every root is read only when a
    certificate does not read, a fetched answer is not one DER certificate, or a root file is
    not plain PEM.
    """
    fetched: dict[str, bytes | None] = {}

    def fetch_once(url: str) -> bytes | None:
        if url not in fetched:
            fetched[url] = fetch_issuer(url)
        return fetched[url]

    def known() -> tuple[bytes, ...]:
        return (*chain, *(der for der in fetched.values() if der))

    stores = candidates(roots, chain)
    if stores is not None and not stores.trusted and _fetch_missing_issuer(chain, fetch_once):
        stores = candidates(roots, known())
    judged_with = known()
    stores = _askable(stores)
    if stores is not None:
        verdict = judge_chain(
            chain, host, now=now, stores=stores, network_now=network_now, fetch_issuer=fetch_once
        )
        if known() == judged_with:
            return verdict
        stores = _askable(candidates(roots, known()))
        if stores is not None:
            return judge_chain(
                chain, host, now=now, stores=stores, network_now=network_now,
                fetch_issuer=fetch_once,
            )  # fmt: skip
    return judge_chain(
        chain, host, now=now, stores=every_root(roots), network_now=network_now,
        fetch_issuer=fetch_once,
    )  # fmt: skip


def _askable(stores: trust_stores.Stores | None) -> trust_stores.Stores | None:
    """Candidate stores the verifier can be asked with: their own roots, or when they hold
    none while this computer does have roots, a stand-in root nobody trusts (an unknown root:
    no root bears a name of the chain, so no root could have taken part)."""
    if stores is None or stores.trusted:
        return stores
    if not (stores.public or stores.computer):
        return None
    return stores._replace(stand_in=(_stand_in_root(),))


@cache
def _stand_in_root() -> x509.Certificate:
    """A self-signed root under a random name: it can issue nothing a site sends."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(
                x509.NameOID.COMMON_NAME, f"conndoctor stand-in {os.urandom(12).hex()}"
            )
        ]
    )
    start = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start.replace(year=2999))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )


def _fetch_missing_issuer(chain: Sequence[bytes], fetch: Callable[[str], bytes | None]) -> bool:
    """Fetch the issuer of the chain's top certificate from its AIA address, as the judgement
    does when that issuer is neither sent nor a root (the caller found no root bearing a name
    of the chain, whose certificates all read); whether anything came back."""
    sent = [x509.load_der_x509_certificate(der) for der in chain]
    top = sent[-1]
    if top.subject == top.issuer or any(cert.subject == top.issuer for cert in sent[:-1]):
        return False
    return any(fetch(url) for url in certs.ca_issuer_urls(top))
