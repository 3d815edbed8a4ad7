"""The facts of a certificate read straight from its DER bytes, without `cryptography`.

A healthy site is the common case, and loading `cryptography` costs more than the rest of its
check. So when OpenSSL has already verified a chain, its description (the same dictionary as
`certificates.describe`) and the few judgements still needed (name, dates, algorithms) are read
here. Anything this reader does not know for certain raises `Unreadable`, and the caller then
takes the full path through `cryptography`: this module may decline, never guess.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
from collections.abc import Iterable
from typing import Any, NamedTuple

WEAK_HASHES = frozenset({"md5", "sha1"})
"""Chromium and Firefox refuse SHA-1 (since 2017) and MD5 signatures on site certificates."""
MIN_RSA_BITS = 2048
"""CA/Browser Forum Baseline Requirements 6.1.5: RSA keys of at least 2048 bits."""
MIN_EC_BITS = 224

_SHORT_NAMES = {
    "2.5.4.3": "CN",
    "2.5.4.7": "L",
    "2.5.4.8": "ST",
    "2.5.4.10": "O",
    "2.5.4.11": "OU",
    "2.5.4.6": "C",
    "2.5.4.9": "STREET",
    "0.9.2342.19200300.100.1.25": "DC",
    "0.9.2342.19200300.100.1.1": "UID",
}
"""RFC 4514's short attribute names, the ones `cryptography` prints (others print as OIDs)."""

_SIGNATURE_HASHES = {
    "1.2.840.113549.1.1.4": "md5",
    "1.2.840.113549.1.1.5": "sha1",
    "1.2.840.113549.1.1.14": "sha224",
    "1.2.840.113549.1.1.11": "sha256",
    "1.2.840.113549.1.1.12": "sha384",
    "1.2.840.113549.1.1.13": "sha512",
    "1.2.840.10045.4.1": "sha1",
    "1.2.840.10045.4.3.1": "sha224",
    "1.2.840.10045.4.3.2": "sha256",
    "1.2.840.10045.4.3.3": "sha384",
    "1.2.840.10045.4.3.4": "sha512",
    "1.3.101.112": "none",
    "1.3.101.113": "none",
}
_RSA, _EC = "1.2.840.113549.1.1.1", "1.2.840.10045.2.1"
_ED_KEYS = {"1.3.101.112": ("Ed25519", 256), "1.3.101.113": ("Ed448", 456)}
_CURVE_BITS = {
    "1.2.840.10045.3.1.7": 256,
    "1.3.132.0.34": 384,
    "1.3.132.0.35": 521,
    "1.3.132.0.33": 224,
    "1.3.132.0.10": 256,
}
_SUBJECT_ALT_NAME = "2.5.29.17"
_STRING_CODECS = {
    0x0C: "utf-8",
    0x12: "ascii",
    0x13: "ascii",
    0x16: "ascii",
    0x1A: "ascii",
    0x1E: "utf-16-be",
}


class Unreadable(ValueError):
    """Not a certificate this reader understands completely: use `cryptography` instead."""


class CertFacts(NamedTuple):
    der: bytes
    subject: tuple[tuple[tuple[str, str], ...], ...]
    """The name's RDNs in certificate order, each a tuple of (OID, value)."""
    issuer: tuple[tuple[tuple[str, str], ...], ...]
    not_before: dt.datetime
    not_after: dt.datetime
    key: tuple[str, int]
    signature_hash: str
    dns_names: tuple[str, ...]
    ip_names: tuple[str, ...]

    @property
    def subject_text(self) -> str:
        return name_text(self.subject)

    def describe(self) -> dict[str, Any]:
        """Exactly what `certificates.describe` says of the same certificate."""
        kind, bits = self.key
        return {
            "subject": rfc4514(self.subject),
            "issuer": rfc4514(self.issuer),
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "sha256": hashlib.sha256(self.der).digest().hex(":").upper(),
            "key": f"{kind} {bits}",
            "signature_hash": self.signature_hash,
            "names": [*self.dns_names, *self.ip_names],
        }

    def is_for(self, host: str) -> bool:
        return host_in_names(host, self.dns_names, self.ip_names)

    def weak(self) -> bool:
        """A signature hash or key that `certificates.weak_signature` / `weak_key` would flag."""
        return self.signature_hash in WEAK_HASHES or weak_key_text(*self.key) is not None


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


def host_in_names(host: str, dns_names: Iterable[str], ip_names: Iterable[str]) -> bool:
    """Whether a certificate with these SAN entries is for `host`. Browsers read only the SAN
    list, not the CN."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return any(name_matches(n, host) for n in dns_names)
    return any(ipaddress.ip_address(ip) == address for ip in ip_names)


def weak_key_text(kind: str, bits: int) -> str | None:
    """'RSA 1024' for a key browsers no longer accept, else None (DSA is never accepted)."""
    if (
        (kind == "RSA" and bits < MIN_RSA_BITS)
        or (kind == "EC" and bits < MIN_EC_BITS)
        or kind == "DSA"
    ):
        return f"{kind} {bits}"
    return None


def _tlv(data: bytes, at: int) -> tuple[int, int, int]:
    """(tag, start of content, end of content) of the DER element at `at`."""
    if at + 2 > len(data):
        raise Unreadable("truncated")
    tag, length = data[at], data[at + 1]
    at += 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or at + count > len(data):
            raise Unreadable("bad length")
        length = int.from_bytes(data[at : at + count], "big")
        at += count
    if at + length > len(data):
        raise Unreadable("truncated")
    return tag, at, at + length


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    found = []
    while start < end:
        tag, content, stop = _tlv(data, start)
        found.append((tag, content, stop))
        start = stop
    return found


def _oid(body: bytes) -> str:
    if not body:
        raise Unreadable("empty OID")
    parts, value = [], 0
    for byte in body:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    first = min(parts[0] // 40, 2)
    return ".".join(str(p) for p in (first, parts[0] - 40 * first, *parts[1:]))


def _expect(element: tuple[int, int, int], tag: int) -> tuple[int, int]:
    if element[0] != tag:
        raise Unreadable(f"expected tag {tag:#x}, found {element[0]:#x}")
    return element[1], element[2]


def _name(data: bytes, start: int, end: int) -> tuple[tuple[tuple[str, str], ...], ...]:
    rdns = []
    for rdn in _children(data, start, end):
        attributes = []
        for attribute in _children(data, *_expect(rdn, 0x31)):
            oid_element, value = _children(data, *_expect(attribute, 0x30))
            codec = _STRING_CODECS.get(value[0])
            if codec is None:
                raise Unreadable(f"name value of type {value[0]:#x}")
            text = data[value[1] : value[2]].decode(codec)
            attributes.append((_oid(data[slice(*_expect(oid_element, 0x06))]), text))
        rdns.append(tuple(attributes))
    return tuple(rdns)


def _time(data: bytes, element: tuple[int, int, int]) -> dt.datetime:
    text = data[element[1] : element[2]].decode("ascii")
    if element[0] == 0x17 and len(text) == 13 and text.endswith("Z"):
        year = int(text[:2])
        text = f"{1900 + year if year >= 50 else 2000 + year}{text[2:]}"
    elif not (element[0] == 0x18 and len(text) == 15 and text.endswith("Z")):
        raise Unreadable(f"time {text!r}")
    if not text[:14].isdigit():
        raise Unreadable(f"time {text!r}")
    year, month, day, hour, minute, second = (
        int(text[start:end]) for start, end in ((0, 4), (4, 6), (6, 8), (8, 10), (10, 12), (12, 14))
    )
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)  # not strptime: slow


def _key(data: bytes, start: int, end: int) -> tuple[str, int]:
    algorithm, bits = _children(data, start, end)
    identifiers = _children(data, *_expect(algorithm, 0x30))
    kind = _oid(data[slice(*_expect(identifiers[0], 0x06))])
    if kind in _ED_KEYS:
        return _ED_KEYS[kind]
    if kind == _EC and len(identifiers) == 2 and identifiers[1][0] == 0x06:
        curve = _oid(data[identifiers[1][1] : identifiers[1][2]])
        if curve in _CURVE_BITS:
            return "EC", _CURVE_BITS[curve]
    if kind == _RSA:
        key_start, key_end = _expect(bits, 0x03)
        (sequence,) = _children(data, key_start + 1, key_end)
        modulus = _children(data, *_expect(sequence, 0x30))[0]
        number = data[slice(*_expect(modulus, 0x02))]
        return "RSA", int.from_bytes(number, "big").bit_length()
    raise Unreadable(f"key type {kind}")


def _alt_names(data: bytes, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    dns: list[str] = []
    ips: list[str] = []
    (names,) = _children(data, start, end)
    for tag, content, stop in _children(data, *_expect(names, 0x30)):
        if tag == 0x82:
            dns.append(data[content:stop].decode("ascii"))
        elif tag == 0x87:
            try:
                ips.append(str(ipaddress.ip_address(data[content:stop])))
            except ValueError as exc:
                raise Unreadable("odd IP address name") from exc
    return tuple(dns), tuple(ips)


def read_certificate(der: bytes) -> CertFacts:
    """The facts of one DER certificate; `Unreadable` if any part is unusual."""
    try:
        return _read(der)
    except (IndexError, UnicodeDecodeError, ValueError) as exc:
        raise Unreadable(str(exc)) from exc


def _read(der: bytes) -> CertFacts:
    certificate = _tlv(der, 0)
    if certificate[2] != len(der):
        raise Unreadable("trailing bytes")
    tbs, signature_algorithm, _signature = _children(der, *_expect(certificate, 0x30))
    fields = _children(der, *_expect(tbs, 0x30))
    if fields[0][0] == 0xA0:
        fields = fields[1:]
    _serial, _inner_algorithm, issuer, validity, subject, key_info, *rest = fields
    algorithm_oid = _children(der, *_expect(signature_algorithm, 0x30))[0]
    signature_hash = _SIGNATURE_HASHES.get(_oid(der[slice(*_expect(algorithm_oid, 0x06))]))
    if signature_hash is None:
        raise Unreadable("signature algorithm")
    not_before, not_after = (_time(der, e) for e in _children(der, *_expect(validity, 0x30)))
    dns: tuple[str, ...] = ()
    ips: tuple[str, ...] = ()
    for element in rest:
        if element[0] != 0xA3:
            continue
        (extensions,) = _children(der, element[1], element[2])
        for extension in _children(der, *_expect(extensions, 0x30)):
            parts = _children(der, *_expect(extension, 0x30))
            if _oid(der[slice(*_expect(parts[0], 0x06))]) == _SUBJECT_ALT_NAME:
                dns, ips = _alt_names(der, *_expect(parts[-1], 0x04))
    return CertFacts(
        der=der,
        subject=_name(der, *_expect(subject, 0x30)),
        issuer=_name(der, *_expect(issuer, 0x30)),
        not_before=not_before,
        not_after=not_after,
        key=_key(der, *_expect(key_info, 0x30)),
        signature_hash=signature_hash,
        dns_names=dns,
        ip_names=ips,
    )


def _escape(value: str) -> str:
    """RFC 4514 section 2.4 escaping, as `cryptography` writes it."""
    if not value:
        return ""
    for special in ("\\", '"', "+", ",", ";", "<", ">"):
        value = value.replace(special, "\\" + special)
    value = value.replace("\0", "\\00")
    if value[0] == "#" or (value[0] == " " and len(value) > 1):
        value = "\\" + value
    if value[-1] == " ":
        value = value[:-1] + "\\ "
    return value


def rfc4514(name: tuple[tuple[tuple[str, str], ...], ...]) -> str:
    return ",".join(
        "+".join(f"{_SHORT_NAMES.get(oid, oid)}={_escape(value)}" for oid, value in rdn)
        for rdn in reversed(name)
    )


def name_text(name: tuple[tuple[tuple[str, str], ...], ...]) -> str:
    """Like `certificates.name_text`: the common name, else the organisation, else RFC 4514."""
    for wanted in ("2.5.4.3", "2.5.4.10"):
        for rdn in name:
            for oid, value in rdn:
                if oid == wanted:
                    return value
    return rfc4514(name)
