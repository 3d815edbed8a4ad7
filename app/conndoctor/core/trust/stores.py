"""Trust stores: which roots the public web and this computer trust, read from their files.

The public list is certifi's copy of Mozilla's (or a file given instead); this computer's store
is what its operating system trusts (`truststores` finds the files; Windows' and macOS' own
stores are read natively) plus roots the user or IT installed. A healthy site's check reads only
the candidate roots of its chain (`candidate_stores`); a refusal is judged with every root.

The stores are named tuples, like the run's records: the judgement's first use would otherwise
load `dataclasses` with `inspect` and define three frozen dataclasses, about 7 ms of every
process that judges a chain (bench/RESULTS.md).
"""

from __future__ import annotations

import os
import stat
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes

from conndoctor.core.trust.certificates import extension, parse_certificates
from conndoctor.core.trust.truststores import (
    NotPlainPem,
    gather,
    native_root_ders,
    os_store_files,
    public_roots_file,
    store_files,
)


class TrustStore(NamedTuple):
    """A set of root certificates: 'the public list' or 'what this computer trusts'. Made by
    `of`, which indexes them."""

    name: str
    roots: tuple[x509.Certificate, ...]
    sources: tuple[str, ...] = ()
    by_subject: Mapping[bytes, tuple[x509.Certificate, ...]] = MappingProxyType({})
    """The roots by their subject's DER."""
    fingerprints: frozenset[bytes] = frozenset()
    """The roots' SHA-256 fingerprints."""
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
        by_subject: dict[bytes, tuple[x509.Certificate, ...]] = {}
        for root in unique.values():
            subject = root.subject.public_bytes()
            by_subject[subject] = (*by_subject.get(subject, ()), root)
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

    def issuers_of(self, cert: x509.Certificate) -> tuple[x509.Certificate, ...]:
        return self.by_subject.get(cert.issuer.public_bytes(), ())

    def contains(self, cert: x509.Certificate) -> bool:
        """The same certificate, or the same name and key (a re-issued root is the same root)."""
        if cert.fingerprint(hashes.SHA256()) in self.fingerprints:
            return True
        key = _spki(cert)
        return any(_spki(r) == key for r in self.by_subject.get(cert.subject.public_bytes(), ()))


NO_ORGANISATION_ROOTS = TrustStore.of("organisation", [])


class _StoresFields(NamedTuple):
    public: TrustStore
    computer: TrustStore
    organisation: TrustStore = NO_ORGANISATION_ROOTS
    computer_complete: bool = True
    public_is_builtin: bool = True
    """Whether `public` stands for the browser's own root list (Chromium's 'known roots'),
    under which it is stricter about key sizes."""
    stand_in: tuple[x509.Certificate, ...] = ()
    """A root nobody trusts, for the verifier alone, when the stores were cut down to the roots
    bearing a name of the chain and none does (`judgement.judge_with_candidates`): `cryptography`
    refuses an empty store, and with no root bearing a name of the chain, its answer is the one
    every root gives. Never shown, never taken as a root of the stores."""
    trusted: tuple[x509.Certificate, ...] = ()
    """What a browser on this computer trusts: the public list and this computer's roots, made
    once (the verifier's store is kept for this very tuple, `cert_verifier`)."""


class Stores(_StoresFields):
    """The roots to judge against. `public`: the public web's list (certifi, or given);
    `computer`: what this computer trusts; `organisation`: roots the user says IT installed.
    `trusted` is made from the first two unless given (as a copy or a pickle gives it);
    `_replace` keeps it, so new roots want new stores."""

    __slots__ = ()

    def __new__(
        cls,
        public: TrustStore,
        computer: TrustStore,
        organisation: TrustStore = NO_ORGANISATION_ROOTS,
        computer_complete: bool = True,
        public_is_builtin: bool = True,
        stand_in: tuple[x509.Certificate, ...] = (),
        trusted: tuple[x509.Certificate, ...] | None = None,
    ) -> Stores:
        if trusted is None:
            trusted = tuple(dict.fromkeys((*public.roots, *computer.roots)))
        return super().__new__(
            cls, public, computer, organisation, computer_complete, public_is_builtin,
            stand_in, trusted,
        )  # fmt: skip

    @property
    def asked(self) -> tuple[x509.Certificate, ...]:
        """The roots the verifier is asked with: the trusted ones, else the stand-in."""
        return self.trusted or self.stand_in


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
    size, files = _shown(paths, used)
    return TrustStore.of(name, roots, files, size)


def _shown(
    paths: Sequence[str], used: Sequence[str], *, with_native: bool = False
) -> tuple[int | None, Sequence[str]]:
    """What a store shows, the same whether all of its roots were read or only the candidates:
    the distinct certificates of its plain PEM files and the files that hold any (else what
    was read: `used`, and the roots' own count)."""
    try:
        found = store_files(paths, with_windows=with_native)
    except NotPlainPem:
        return None, used
    return len(found.certificates), found.files


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
        size, shown = _shown(files, (*base.sources, source), with_native=True)
        return TrustStore.of("computer", [*base.roots, *system], shown, size)
    return base


def candidate_store(
    name: str, paths: Sequence[str], wanted_names: Sequence[bytes], *, with_native: bool = False
) -> TrustStore | None:
    """Only the roots of the files whose DER holds one of `wanted_names` (a name's DER or a key
    identifier, which a root bearing it holds verbatim): parsing and checking every root was
    most of a check's CPU, and a root that neither bears a name of the chain nor its issuer's
    key can take no part in judging it. None when a file is not plain PEM (left to the full
    store)."""
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
    """The stores cut down to the roots the judgement can meet for the sent chain (see
    `candidate_store`): those bearing a name the chain's certificates are issued by or carry,
    or the key identifier their issuer's key has (a root re-issued with its name encoded
    otherwise keeps its key). None when a sent certificate cannot be read (the full judgement
    says why)."""
    wanted: set[bytes] = set()
    try:
        for der in chain_der:
            cert = x509.load_der_x509_certificate(der)
            wanted.update((cert.issuer.public_bytes(), cert.subject.public_bytes()))
            issuer_key = extension(cert, x509.AuthorityKeyIdentifier)
            if issuer_key is not None and issuer_key.key_identifier:
                wanted.add(issuer_key.key_identifier)
    except (ValueError, x509.InvalidVersion):
        return None
    if b"0\x00" in wanted:  # an empty name (an empty SEQUENCE) is found in any DER: read all
        return None
    names = sorted(wanted)
    public = candidate_store("public", [public_roots_file(public_ca_file)], names)
    computer = candidate_store(
        "computer", [*os_store_files(), *computer_files], names, with_native=True
    )
    organisation = candidate_store("organisation", organisation_files, names)
    if public is None or computer is None or organisation is None:
        return None
    return Stores(public, computer, organisation, computer_store_is_complete())


def computer_store_is_complete() -> bool:
    """Whether a root missing from the computer's store is really missing.

    Windows downloads public roots only when first needed, and macOS keeps them in the
    keychain, so there a root absent from what we read may still be trusted.
    """
    return sys.platform.startswith("linux")
