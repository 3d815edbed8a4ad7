"""Reading a server's certificate chain the way a browser judges it, one question at a time.

A library verifier answers 'valid or not' and stops at the first problem; a person needs to
know *which* problem: dates, the name, the root, a missing intermediate, weak algorithms.
So the path to a root is built by hand (issuer name plus signature), and every other
question is asked separately, with the dates judged apart from trust.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from conndoctor.core.certinfo import WEAK_HASHES, host_in_names, weak_key_text
from conndoctor.core.i18n import load_json_resource
from conndoctor.core.truststores import (
    gather,
    os_store_files,
    public_roots_file,
    windows_root_ders,
)

MAX_PATH = 8


@dataclass(frozen=True)
class TrustStore:
    """A set of root certificates: 'the public list' or 'what this computer trusts'."""

    name: str
    roots: tuple[x509.Certificate, ...]
    sources: tuple[str, ...] = ()
    _by_subject: dict[bytes, list[x509.Certificate]] = field(default_factory=dict, repr=False)
    _fingerprints: frozenset[bytes] = frozenset()

    @classmethod
    def of(
        cls, name: str, roots: Iterable[x509.Certificate], sources: Sequence[str] = ()
    ) -> TrustStore:
        unique: dict[bytes, x509.Certificate] = {}
        for root in roots:
            unique.setdefault(root.fingerprint(hashes.SHA256()), root)
        by_subject: dict[bytes, list[x509.Certificate]] = {}
        for root in unique.values():
            by_subject.setdefault(root.subject.public_bytes(), []).append(root)
        return cls(name, tuple(unique.values()), tuple(sources), by_subject, frozenset(unique))

    def __bool__(self) -> bool:
        return bool(self.roots)

    def issuers_of(self, cert: x509.Certificate) -> list[x509.Certificate]:
        return self._by_subject.get(cert.issuer.public_bytes(), [])

    def contains(self, cert: x509.Certificate) -> bool:
        """The same certificate, or the same name and key (a re-issued root is the same root)."""
        if cert.fingerprint(hashes.SHA256()) in self._fingerprints:
            return True
        key = _spki(cert)
        return any(_spki(r) == key for r in self._by_subject.get(cert.subject.public_bytes(), []))


def _spki(cert: x509.Certificate) -> bytes:
    return cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def parse_certificates(data: bytes) -> list[x509.Certificate]:
    """Certificates in PEM, DER or PKCS#7 form (what files and AIA servers hand out)."""
    with warnings.catch_warnings():  # some system stores hold roots with odd serial numbers
        warnings.simplefilter("ignore")
        return _parse(data)


def _parse(data: bytes) -> list[x509.Certificate]:
    return [cert for cert in _load(data) if _readable(cert)]


def _load(data: bytes) -> list[x509.Certificate]:
    if b"-----BEGIN" in data:
        try:
            return list(x509.load_pem_x509_certificates(data))
        except (ValueError, x509.InvalidVersion):
            return []
    for loader in (
        lambda d: [x509.load_der_x509_certificate(d)],
        pkcs7.load_der_pkcs7_certificates,
    ):
        try:
            return list(loader(data))
        except (ValueError, x509.InvalidVersion):
            continue
    return []


def _readable(cert: x509.Certificate) -> bool:
    """Whether every field the checks read can be read: cryptography parses names, keys and
    extensions only when asked, so a damaged certificate would fail later, mid-check."""
    try:
        cert.subject, cert.issuer, cert.not_valid_before_utc, cert.not_valid_after_utc  # noqa: B018
        cert.extensions  # noqa: B018
        key_description(cert)
        signature_hash(cert)
    except (ValueError, UnsupportedAlgorithm, x509.InvalidVersion):
        return False
    return True


@cache
def _file_certificates(path: str, _mtime: float, _size: int) -> tuple[x509.Certificate, ...]:
    try:
        return tuple(parse_certificates(Path(path).read_bytes()))
    except OSError:
        return ()


MAX_FILE_BYTES = 5_000_000
"""Root files bigger than this are refused (the whole public root bundle is about 250 kB)."""


def certificates_in(path: str) -> tuple[x509.Certificate, ...]:
    """The certificates in one regular file of at most 5 MB, cached until the file changes."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return ()
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
        return ()
    return _file_certificates(path, info.st_mtime, info.st_size)


def store_from_files(name: str, paths: Iterable[str]) -> TrustStore:
    roots, used = gather(paths, certificates_in)
    return TrustStore.of(name, roots, used)


def public_store(public_ca_file: str | None) -> TrustStore:
    """The public web's roots: certifi's copy of Mozilla's list, or the file given instead."""
    return store_from_files("public", [public_roots_file(public_ca_file)])


def computer_store(extra_files: Sequence[str]) -> TrustStore:
    """What this computer trusts: the OS store plus roots the user or IT installed."""
    base = store_from_files("computer", [*os_store_files(), *extra_files])
    if sys.platform == "win32":
        windows = [c for der in windows_root_ders() for c in parse_certificates(der)]
        return TrustStore.of("computer", [*base.roots, *windows], (*base.sources, "windows"))
    return base


def computer_store_is_complete() -> bool:
    """Whether a root missing from the computer's store is really missing.

    Windows downloads public roots only when first needed, and macOS keeps them in the
    keychain, so there a root absent from what we read may still be trusted.
    """
    return sys.platform.startswith("linux")


def issued_by(child: x509.Certificate, parent: x509.Certificate) -> bool:
    """Whether `parent`'s name and key signed `child`, with any hash: even SHA-1, which
    `verify_directly_issued_by` refuses, so that a weak signature is not mistaken for distrust."""
    if child.issuer != parent.subject:
        return False
    key = parent.public_key()
    signature, signed = child.signature, child.tbs_certificate_bytes
    try:
        digest = child.signature_hash_algorithm
        try:
            params: Any = child.signature_algorithm_parameters
        except UnsupportedAlgorithm:
            params = None
        if isinstance(key, rsa.RSAPublicKey) and digest is not None:
            key.verify(signature, signed, params or padding.PKCS1v15(), digest)
        elif isinstance(key, ec.EllipticCurvePublicKey) and digest is not None:
            key.verify(signature, signed, params or ec.ECDSA(digest))
        elif isinstance(key, dsa.DSAPublicKey) and digest is not None:
            key.verify(signature, signed, digest)
        elif isinstance(key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
            key.verify(signature, signed)
        else:
            return False
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


def is_self_signed(cert: x509.Certificate) -> bool:
    return cert.subject == cert.issuer and issued_by(cert, cert)


@dataclass(frozen=True)
class ChainPath:
    """The path from the site's certificate towards a root, as far as it goes.

    `end`: "anchored" (reaches a root of the store), "self_signed" (ends at a certificate that
    signed itself but is not in the store) or "unknown_issuer" (the next issuer is nowhere).
    """

    certs: tuple[x509.Certificate, ...]
    end: str
    anchor: x509.Certificate | None = None

    @property
    def anchored(self) -> bool:
        return self.end == "anchored"

    @property
    def last(self) -> x509.Certificate:
        return self.anchor or self.certs[-1]


def build_path(
    leaf: x509.Certificate, offered: Sequence[x509.Certificate], store: TrustStore
) -> ChainPath:
    """Follow issuers from the leaf through the offered certificates to a root of `store`."""
    path = [leaf]
    pool = [c for c in offered if c != leaf]
    current = leaf
    for _ in range(MAX_PATH):
        if store.contains(current):
            return ChainPath(tuple(path[:-1]) or (current,), "anchored", current)
        root = next((r for r in store.issuers_of(current) if issued_by(current, r)), None)
        if root is not None:
            return ChainPath(tuple(path), "anchored", root)
        if is_self_signed(current):
            return ChainPath(tuple(path), "self_signed")
        parent = next(
            (c for c in pool if c.subject == current.issuer and issued_by(current, c)), None
        )
        if parent is None:
            return ChainPath(tuple(path), "unknown_issuer")
        pool.remove(parent)
        path.append(parent)
        current = parent
    return ChainPath(tuple(path), "unknown_issuer")


def name_text(name: x509.Name) -> str:
    """A readable one-line name: the common name, else the organisation, else the RFC 4514 form."""
    for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME):
        values = name.get_attributes_for_oid(oid)
        if values:
            return str(values[0].value)
    return name.rfc4514_string()


def _name_parts(name: x509.Name, oid: x509.ObjectIdentifier) -> list[str]:
    return [str(a.value) for a in name.get_attributes_for_oid(oid)]


def key_description(cert: x509.Certificate) -> tuple[str, int]:
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA", key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "EC", key.curve.key_size
    if isinstance(key, dsa.DSAPublicKey):
        return "DSA", key.key_size
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519", 256
    if isinstance(key, ed448.Ed448PublicKey):
        return "Ed448", 456
    return type(key).__name__, 0


def signature_hash(cert: x509.Certificate) -> str:
    try:
        algorithm = cert.signature_hash_algorithm
    except UnsupportedAlgorithm:
        return "unknown"
    return algorithm.name if algorithm is not None else "none"


def weak_signature(cert: x509.Certificate) -> str | None:
    found = signature_hash(cert)
    return found if found in WEAK_HASHES else None


def weak_key(cert: x509.Certificate) -> str | None:
    return weak_key_text(*key_description(cert))


def describe(cert: x509.Certificate) -> dict[str, Any]:
    """What an expert wants to see of one certificate (JSON-able)."""
    kind, bits = key_description(cert)
    return {
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "not_before": cert.not_valid_before_utc.isoformat(),
        "not_after": cert.not_valid_after_utc.isoformat(),
        "sha256": cert.fingerprint(hashes.SHA256()).hex(":").upper(),
        "key": f"{kind} {bits}",
        "signature_hash": signature_hash(cert),
        "names": san_names(cert),
    }


def san_names(cert: x509.Certificate) -> list[str]:
    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return []
    return [
        *sans.get_values_for_type(x509.DNSName),
        *(str(a) for a in sans.get_values_for_type(x509.IPAddress)),
    ]


def host_matches(cert: x509.Certificate, host: str) -> bool:
    """Whether the certificate is for `host`. Browsers read only the SAN list, not the CN."""
    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return False
    ips = (str(a) for a in sans.get_values_for_type(x509.IPAddress))
    return host_in_names(host, sans.get_values_for_type(x509.DNSName), ips)


def ca_issuer_urls(cert: x509.Certificate) -> list[str]:
    """The leaf's 'CA Issuers' addresses (AIA), where a browser may fetch a missing intermediate."""
    try:
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    except x509.ExtensionNotFound:
        return []
    return [
        str(d.access_location.value)
        for d in aia
        if d.access_method == AuthorityInformationAccessOID.CA_ISSUERS
        and isinstance(d.access_location, x509.UniformResourceIdentifier)
        and str(d.access_location.value).lower().startswith("http://")
    ]


@dataclass(frozen=True)
class InterceptionProduct:
    product: str
    match: str
    source: str


def interception_products() -> tuple[InterceptionProduct, ...]:
    data = load_json_resource("interception_roots.json")
    return tuple(
        InterceptionProduct(e["product"], e["match"], e["source"]) for e in data["products"]
    )


def interception_product(certs: Iterable[x509.Certificate]) -> InterceptionProduct | None:
    """The security product whose root issued this chain, by issuer O/CN (as Chromium does)."""
    texts: list[str] = []
    for position, cert in enumerate(certs):
        names = (cert.issuer,) if position == 0 else (cert.issuer, cert.subject)
        for name in names:  # never the site's own name: a vendor's own site is not interception
            texts += _name_parts(name, NameOID.ORGANIZATION_NAME) + _name_parts(
                name, NameOID.COMMON_NAME
            )
    folded = [re.sub(r"\s+", " ", t).casefold() for t in texts]
    for entry in interception_products():
        needle = entry.match.casefold()
        if any(needle in text for text in folded):
            return entry
    return None


def validity_problem(cert: x509.Certificate, at: dt.datetime) -> str | None:
    if at < cert.not_valid_before_utc:
        return "not_yet_valid"
    if at > cert.not_valid_after_utc:
        return "expired"
    return None
