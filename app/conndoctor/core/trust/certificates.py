"""Certificates and trust stores as facts: reading them, naming them, describing them.

Nothing here decides whether a chain is trusted: `tls_verdict` asks pyca cryptography's
verifier. This module reads certificates and root files, and describes what a person or an
expert wants to see (which certificate, its dates, its names, its key, where its issuer is).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import stat
import sys
import threading
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from conndoctor.core.knowledge.i18n import load_json_resource
from conndoctor.core.trust.truststores import (
    NotPlainPem,
    gather,
    native_root_ders,
    os_store_files,
    public_roots_file,
    store_files,
)

ExtensionT = TypeVar("ExtensionT", bound=x509.ExtensionType)


@dataclass(frozen=True)
class TrustStore:
    """A set of root certificates: 'the public list' or 'what this computer trusts'."""

    name: str
    roots: tuple[x509.Certificate, ...]
    sources: tuple[str, ...] = ()
    _by_subject: dict[bytes, list[x509.Certificate]] = field(default_factory=dict, repr=False)
    _fingerprints: frozenset[bytes] = frozenset()
    size: int = 0
    """How many distinct certificates the store's files hold (what a report shows), also when
    only some of them were read (`candidate_store`)."""

    @classmethod
    def of(
        cls,
        name: str,
        roots: Iterable[x509.Certificate],
        sources: Sequence[str] = (),
        size: int | None = None,
    ) -> TrustStore:
        unique: dict[bytes, x509.Certificate] = {}
        for root in roots:
            unique.setdefault(root.fingerprint(hashes.SHA256()), root)
        by_subject: dict[bytes, list[x509.Certificate]] = {}
        for root in unique.values():
            by_subject.setdefault(root.subject.public_bytes(), []).append(root)
        return cls(
            name,
            tuple(unique.values()),
            tuple(sources),
            by_subject,
            frozenset(unique),
            len(unique) if size is None else size,
        )

    def __bool__(self) -> bool:
        """Whether the store holds any root (a candidate store may have read none of them)."""
        return self.size > 0

    def issuers_of(self, cert: x509.Certificate) -> list[x509.Certificate]:
        return self._by_subject.get(cert.issuer.public_bytes(), [])

    def contains(self, cert: x509.Certificate) -> bool:
        """The same certificate, or the same name and key (a re-issued root is the same root)."""
        if cert.fingerprint(hashes.SHA256()) in self._fingerprints:
            return True
        key = _spki(cert)
        return any(_spki(r) == key for r in self._by_subject.get(cert.subject.public_bytes(), []))


@dataclass(frozen=True)
class Stores:
    """The roots to judge against. `public`: the public web's list (certifi, or given);
    `computer`: what this computer trusts; `organisation`: roots the user says IT installed."""

    public: TrustStore
    computer: TrustStore
    organisation: TrustStore = field(default_factory=lambda: TrustStore.of("organisation", []))
    computer_complete: bool = True
    public_is_builtin: bool = True
    """Whether `public` stands for the browser's own root list (Chromium's 'known roots'),
    under which it is stricter about key sizes."""

    @cached_property
    def trusted(self) -> tuple[x509.Certificate, ...]:
        """What a browser on this computer trusts: the public list and this computer's roots."""
        return tuple(dict.fromkeys((*self.public.roots, *self.computer.roots)))


def _spki(cert: x509.Certificate) -> bytes:
    from cryptography.hazmat.primitives import serialization  # with its SSH and cipher modules,
    # about 15 ms to load: only a root that is not byte-identical gets here

    try:
        key = cert.public_key()
    except (ValueError, UnsupportedAlgorithm):
        return cert.fingerprint(hashes.SHA256())  # an unreadable key equals only itself
    return key.public_bytes(
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
    try:
        return [x509.load_der_x509_certificate(data)]
    except (ValueError, x509.InvalidVersion):
        pass
    from cryptography.hazmat.primitives.serialization import pkcs7  # with SSH and ciphers, about
    # 15 ms to load: only for a PKCS#7 bundle (some AIA servers), never on a healthy site's path

    try:
        return list(pkcs7.load_der_pkcs7_certificates(data))
    except (ValueError, x509.InvalidVersion):
        return []


def check_readable(cert: x509.Certificate) -> None:
    """Read every field the checks read: cryptography parses names, keys and extensions only
    when asked, so a damaged certificate would otherwise fail later, mid-check. Raises
    ValueError, UnsupportedAlgorithm, InvalidVersion or DuplicateExtension."""
    cert.subject, cert.issuer, cert.not_valid_before_utc, cert.not_valid_after_utc  # noqa: B018
    cert.extensions  # noqa: B018
    key_description(cert)
    signature_hash(cert)


@cache
def _readable(cert: x509.Certificate) -> bool:
    """Cached by the certificate's DER (what equality compares): the OS store, its hashed
    folder and the public list mostly hold the same roots, and reading a key is not free."""
    try:
        check_readable(cert)
    except (
        ValueError,
        TypeError,
        UnsupportedAlgorithm,
        x509.InvalidVersion,
        x509.DuplicateExtension,
    ):
        return False  # TypeError: cryptography refusing an extension's values (an invalid IP range)
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
    """The roots of the files, built once until one of the files changes (the warm-up and the
    judgement ask for the same stores)."""
    chosen = tuple(paths)
    with _STORES_BEING_READ:  # the judgement waits for the warm-up's store, never reads it again
        return _store_of(name, chosen, tuple(_file_stamp(path) for path in chosen))


_STORES_BEING_READ = threading.RLock()


def _file_stamp(path: str) -> tuple[float, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_mtime, info.st_size)


@cache
def _store_of(
    name: str, paths: tuple[str, ...], _stamps: tuple[tuple[float, int] | None, ...]
) -> TrustStore:
    roots, used = gather(paths, certificates_in)
    return TrustStore.of(name, roots, used, _distinct_count(paths))


def _distinct_count(paths: Sequence[str], *, with_native: bool = False) -> int | None:
    """The distinct certificates in plain PEM files (None when one is not): the size a store
    shows, the same whether all of its roots were read or only the candidates."""
    try:
        return len(store_files(paths, with_windows=with_native).certificates)
    except NotPlainPem:
        return None


def public_store(public_ca_file: str | None) -> TrustStore:
    """The public web's roots: certifi's copy of Mozilla's list, or the file given instead."""
    return store_from_files("public", [public_roots_file(public_ca_file)])


def computer_store(extra_files: Sequence[str]) -> TrustStore:
    """What this computer trusts: the OS store plus roots the user or IT installed."""
    files = [*os_store_files(), *extra_files]
    base = store_from_files("computer", files)
    native, source = native_root_ders()  # Windows' certificate stores, macOS' keychains
    if source is not None:
        system = [c for der in native for c in parse_certificates(der)]
        size = _distinct_count(files, with_native=True)
        return TrustStore.of("computer", [*base.roots, *system], (*base.sources, source), size)
    return base


def candidate_store(
    name: str, paths: Sequence[str], wanted_names: Sequence[bytes], *, with_native: bool = False
) -> TrustStore | None:
    """Only the roots of the files that may issue one of the chain's certificates: those whose
    DER holds one of `wanted_names` (an issuer name's DER, which a root bearing that name holds
    verbatim). Parsing and checking every root is most of a healthy check's CPU; a root this
    leaves out can only make the verifier refuse, and a refusal is judged again with every
    root (`checks.tls`). None when a file is not plain PEM (left to the full store)."""
    try:
        found = store_files(paths, with_windows=with_native)
    except NotPlainPem:
        return None
    picked = [
        cert
        for der in found.certificates
        if any(wanted in der for wanted in wanted_names)
        for cert in parse_certificates(der)
    ]
    return TrustStore.of(name, picked, found.files, len(found.certificates))


def candidate_stores(
    chain_der: Sequence[bytes],
    public_ca_file: str | None,
    computer_files: Sequence[str],
    organisation_files: Sequence[str],
) -> Stores | None:
    """The stores cut down to the roots that may issue the sent chain (see `candidate_store`);
    None when a sent certificate cannot be read (the full judgement says why)."""
    try:
        sent = [x509.load_der_x509_certificate(der) for der in chain_der]
        wanted = list({cert.issuer.public_bytes() for cert in sent})
    except (ValueError, x509.InvalidVersion):
        return None
    public = candidate_store("public", [public_roots_file(public_ca_file)], wanted)
    computer = candidate_store(
        "computer", [*os_store_files(), *computer_files], wanted, with_native=True
    )
    organisation = candidate_store("organisation", organisation_files, wanted)
    if public is None or computer is None or organisation is None:
        return None
    return Stores(public, computer, organisation, computer_store_is_complete())


def computer_store_is_complete() -> bool:
    """Whether a root missing from the computer's store is really missing.

    Windows downloads public roots only when first needed, and macOS keeps them in the
    keychain, so there a root absent from what we read may still be trusted.
    """
    return sys.platform.startswith("linux")


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
    try:
        key = cert.public_key()
    except (ValueError, UnsupportedAlgorithm):
        return "unreadable", 0
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


def extension(cert: x509.Certificate, kind: type[ExtensionT]) -> ExtensionT | None:
    """One extension's value; None when absent or unreadable (the verifier judges those)."""
    try:
        return cert.extensions.get_extension_for_class(kind).value
    except (x509.ExtensionNotFound, x509.DuplicateExtension, ValueError):
        return None


def san_names(cert: x509.Certificate) -> list[str]:
    sans = extension(cert, x509.SubjectAlternativeName)
    if sans is None:
        return []
    return [
        *sans.get_values_for_type(x509.DNSName),
        *(str(a) for a in sans.get_values_for_type(x509.IPAddress)),
    ]


def name_matches(pattern: str, host: str) -> bool:
    """RFC 6125 as browsers apply it: '*' is the whole left-most label and covers one label."""
    pattern, host = pattern.lower().rstrip("."), host.lower().rstrip(".")
    if "*" not in pattern:
        return pattern == host
    first, _, rest = pattern.partition(".")
    if first != "*" or "*" in rest or rest.count(".") < 1:
        return False
    label, _, host_rest = host.partition(".")
    return bool(label) and host_rest == rest


def matching_names(cert: x509.Certificate, host: str) -> list[str]:
    """The SAN entries that cover `host`. Browsers read only the SAN list, not the CN."""
    sans = extension(cert, x509.SubjectAlternativeName)
    if sans is None:
        return []
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return [n for n in sans.get_values_for_type(x509.DNSName) if name_matches(n, host)]
    return [str(a) for a in sans.get_values_for_type(x509.IPAddress) if a == address]


def host_matches(cert: x509.Certificate, host: str) -> bool:
    return bool(matching_names(cert, host))


def ca_issuer_urls(cert: x509.Certificate) -> list[str]:
    """The leaf's 'CA Issuers' addresses (AIA), where a browser may fetch a missing intermediate."""
    aia = extension(cert, x509.AuthorityInformationAccess)
    if aia is None:
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
