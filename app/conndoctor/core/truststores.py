"""Where the public web's roots and this computer's roots are, read without `cryptography`.

`certificates` builds its `TrustStore`s from the same files; the healthy-site shortcut in
`tls_quick` only needs to know which certificates the files hold, byte for byte.
"""

from __future__ import annotations

import base64
import binascii
import os
import ssl
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple, TypeVar

T = TypeVar("T")

_BEGIN, _END = b"-----BEGIN CERTIFICATE-----", b"-----END CERTIFICATE-----"


def certifi_file() -> str:
    """certifi's copy of Mozilla's roots, found without importing certifi where it is a plain file
    (certifi.where() loads importlib.resources, which costs more than reading the roots)."""
    import importlib.util

    spec = importlib.util.find_spec("certifi")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = os.path.join(folder, "cacert.pem")
        if os.path.isfile(candidate):
            return candidate
    import certifi

    return certifi.where()


def public_roots_file(override: str | None) -> str:
    """The public web's roots: certifi's copy of Mozilla's list, or the file given instead."""
    return override or certifi_file()


def os_store_files() -> list[str]:
    """Files holding the operating system's roots (Linux/BSD/macOS bundles)."""
    paths = ssl.get_default_verify_paths()
    files = [p for p in (paths.cafile, paths.openssl_cafile) if p and os.path.isfile(p)]
    if not files:
        for folder in (paths.capath, paths.openssl_capath):
            if folder and os.path.isdir(folder):
                files.extend(str(p) for p in sorted(Path(folder).glob("*.pem")))
                break
    return list(dict.fromkeys(files))


def windows_root_ders() -> list[bytes]:
    """The certificates in Windows' ROOT and CA stores (empty elsewhere)."""
    found: list[bytes] = []
    for store_name in ("ROOT", "CA"):
        try:
            entries = ssl.enum_certificates(store_name)  # type: ignore[attr-defined]
        except (AttributeError, OSError):
            continue
        found.extend(der for der, encoding, _trust in entries if encoding == "x509_asn")
    return found


class NotPlainPem(ValueError):
    """A file with more than plain CERTIFICATE blocks: left to `cryptography`."""


@cache
def _pem_file(path: str, _mtime: float, _size: int) -> tuple[bytes, ...]:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ()
    if data.count(b"-----BEGIN ") != data.count(_BEGIN):
        raise NotPlainPem(path)
    blocks: list[bytes] = []
    start = data.find(_BEGIN)
    while start >= 0:
        end = data.find(_END, start)
        if end < 0:
            raise NotPlainPem(path)
        try:
            blocks.append(base64.b64decode(data[start + len(_BEGIN) : end], validate=False))
        except binascii.Error as exc:
            raise NotPlainPem(path) from exc
        start = data.find(_BEGIN, end)
    return tuple(blocks)


def pem_certificates(path: str) -> tuple[bytes, ...]:
    """The DER bytes of each CERTIFICATE block of a PEM file, cached until the file changes."""
    real = os.path.realpath(path)  # Debian's cert.pem is a link to ca-certificates.crt
    try:
        stat = os.stat(real)
    except OSError:
        return ()
    return _pem_file(real, stat.st_mtime, stat.st_size)


class StoreFiles(NamedTuple):
    """The distinct certificates some files hold and the files that held any."""

    certificates: frozenset[bytes]
    files: tuple[str, ...]

    def summary(self) -> dict[str, object]:
        return store_summary(len(self.certificates), self.files)


def store_summary(roots: int, files: Sequence[str]) -> dict[str, object]:
    """How a trust store is shown in a check's details (the quick and the full judgement)."""
    return {"roots": roots, "files": list(files)}


def gather(paths: Iterable[str], read: Callable[[str], Sequence[T]]) -> tuple[list[T], list[str]]:
    """Everything `read` finds in the files, and the files in which it found anything."""
    found: list[T] = []
    used: list[str] = []
    for path in paths:
        items = read(path)
        if items:
            found.extend(items)
            used.append(path)
    return found, used


def store_files(paths: Iterable[str], *, with_windows: bool = False) -> StoreFiles:
    found, used = gather(paths, pem_certificates)
    if with_windows and sys.platform == "win32":
        found.extend(windows_root_ders())
        used.append("windows")
    return StoreFiles(frozenset(found), tuple(used))
