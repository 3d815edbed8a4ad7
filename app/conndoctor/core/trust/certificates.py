"""Certificates as facts: reading them, naming them, describing them.

Nothing here decides whether a chain is trusted: `tls_verdict` asks pyca cryptography's
verifier, with the roots of `stores`. This module reads certificates (PEM, DER, PKCS#7) and
describes what a person or an expert wants to see (which certificate, its dates, its names,
its key, where its issuer is, which interception product made it).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import warnings
from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple, TypeVar

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from conndoctor.core.knowledge.i18n import load_json_resource

ExtensionT = TypeVar("ExtensionT", bound=x509.ExtensionType)


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


class InterceptionProduct(NamedTuple):
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
