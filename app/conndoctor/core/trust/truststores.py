"""Where the public web's roots and this computer's roots are, read without `cryptography`.

`certificates` builds its `TrustStore`s from the same files; the healthy-site shortcut in
`tls_quick` only needs to know which certificates the files hold, byte for byte.

"This computer's" roots are found the way the running system keeps them, never where the build
machine's OpenSSL looked: the frozen app carries an OpenSSL compiled on one distribution, and on
another its compiled-in paths hold nothing. So: `SSL_CERT_FILE`/`SSL_CERT_DIR`, then every Linux
distribution's bundle that exists here, then OpenSSL's own defaults; Windows' certificate stores
through `ssl.enum_certificates`; macOS' keychains through `security`. Whether the system trusts
a chain is asked of the system itself with `truststore` (`system_verdict`).
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import ssl
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

from conndoctor.core.engine.child_env import child_environment

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


DISTRIBUTION_BUNDLES: tuple[str, ...] = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Gentoo (update-ca-certificates)
    "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL, CentOS (a link into ca-trust)
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # Fedora, RHEL (update-ca-trust)
    "/var/lib/ca-certificates/ca-bundle.pem",  # openSUSE, SLES
    "/etc/ca-certificates/extracted/tls-ca-bundle.pem",  # Arch (trust extract-compat)
    "/etc/ssl/cert.pem",  # Alpine, BSDs, Arch's and Fedora's compatibility link
)
"""Where Linux distributions keep the system's roots as one PEM bundle (their own packaging)."""

_HASHED_NAME = re.compile(r"^[0-9a-fA-F]{8}\.[0-9]+$")


def environment_store_files(environ: Mapping[str, str] | None = None) -> list[str]:
    """The roots OpenSSL is told to use by `SSL_CERT_FILE` and `SSL_CERT_DIR` (colon-separated)."""
    env = os.environ if environ is None else environ
    files: list[str] = []
    cert_file = env.get("SSL_CERT_FILE")
    if cert_file and os.path.isfile(cert_file):
        files.append(cert_file)
    for folder in filter(None, env.get("SSL_CERT_DIR", "").split(os.pathsep)):
        files.extend(_folder_store_files(folder))
    return files


def _folder_store_files(folder: str) -> list[str]:
    """The certificate files of an OpenSSL hashed folder (c_rehash links) or of *.pem files."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    hashed = [name for name in names if _HASHED_NAME.match(name)]
    chosen = hashed or [name for name in names if name.endswith((".pem", ".crt"))]
    return [os.path.join(folder, name) for name in chosen]


def distribution_bundles(exists: Callable[[str], bool] = os.path.isfile) -> list[str]:
    """The distribution bundles present on this computer now, one path per real file."""
    found: list[str] = []
    seen: set[str] = set()
    for path in DISTRIBUTION_BUNDLES:
        if exists(path):
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                found.append(path)
    return found


def os_store_files() -> list[str]:
    """Files holding the operating system's roots, found at run time.

    `SSL_CERT_FILE`/`SSL_CERT_DIR` first (what OpenSSL programs here use), then the
    distributions' bundles, and only when neither exists OpenSSL's compiled-in defaults.
    """
    files = environment_store_files()
    if not files and sys.platform != "win32":
        files = distribution_bundles()
    if not files:
        paths = ssl.get_default_verify_paths()
        files = [p for p in (paths.cafile, paths.openssl_cafile) if p and os.path.isfile(p)]
        for folder in (paths.capath, paths.openssl_capath):
            if not files and folder and os.path.isdir(folder):
                files = _folder_store_files(folder)
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


MACOS_KEYCHAINS: tuple[str, ...] = (
    "/System/Library/Keychains/SystemRootCertificates.keychain",  # Apple's public roots
    "/Library/Keychains/System.keychain",  # roots an administrator or MDM profile added
    "~/Library/Keychains/login.keychain-db",  # roots the person added (or security software)
)
"""The keychains whose certificates make up what a Mac trusts (`security list-keychains`)."""


def run_security(arguments: Sequence[str]) -> bytes:
    """The output of macOS' `security` tool (empty when it fails or is missing)."""
    import subprocess

    try:
        done = subprocess.run(
            ["/usr/bin/security", *arguments],
            capture_output=True,
            check=False,
            timeout=20,
            env=child_environment(),
        )
    except (OSError, subprocess.SubprocessError):
        return b""
    return done.stdout if done.returncode == 0 else b""


def macos_root_ders(run: Callable[[Sequence[str]], bytes] = run_security) -> list[bytes]:
    """The certificates in the Mac's system-root, system and login keychains (empty elsewhere).

    `security find-certificate -a -p KEYCHAIN` prints every certificate of a keychain as PEM.
    A certificate in these keychains is what an interception product installs to be trusted.
    """
    found: list[bytes] = []
    for keychain in MACOS_KEYCHAINS:
        output = run(["find-certificate", "-a", "-p", os.path.expanduser(keychain)])
        try:
            found.extend(pem_blocks(output))
        except NotPlainPem:
            continue
    return found


def native_root_ders() -> tuple[list[bytes], str | None]:
    """The roots the system keeps outside files (Windows stores, macOS keychains) and their name."""
    if sys.platform == "win32":
        return windows_root_ders(), "windows"
    if sys.platform == "darwin":
        return macos_root_ders(), "macos-keychain"
    return [], None


class NotPlainPem(ValueError):
    """A file with more than plain CERTIFICATE blocks: left to `cryptography`."""


_PEM_FILES: dict[tuple[int, int, float, int], tuple[bytes, ...] | NotPlainPem] = {}
"""What each file held, by its identity (device, inode, time, size): read once per file,
whatever links lead to it (Debian's cert.pem is ca-certificates.crt), again when it changes.
A file that is not plain PEM is remembered as such, not read again at every question."""


def _pem_file(path: str, identity: tuple[int, int, float, int]) -> tuple[bytes, ...]:
    if identity not in _PEM_FILES:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return ()
        try:
            _PEM_FILES[identity] = pem_blocks(data, path)
        except NotPlainPem as refused:
            _PEM_FILES[identity] = refused
    found = _PEM_FILES[identity]
    if isinstance(found, NotPlainPem):
        raise found
    return found


_READING_FILES = threading.Lock()


def pem_blocks(data: bytes, source: str = "") -> tuple[bytes, ...]:
    """The DER bytes of each CERTIFICATE block of PEM text; NotPlainPem for anything else (a
    DER file, other PEM blocks), which `cryptography` is left to read."""
    if data.count(b"-----BEGIN ") != data.count(_BEGIN) or (_BEGIN not in data and data.strip()):
        raise NotPlainPem(source)
    blocks: list[bytes] = []
    start = data.find(_BEGIN)
    while start >= 0:
        end = data.find(_END, start)
        if end < 0:
            raise NotPlainPem(source)
        try:
            blocks.append(base64.b64decode(data[start + len(_BEGIN) : end], validate=False))
        except binascii.Error as exc:
            raise NotPlainPem(source) from exc
        start = data.find(_BEGIN, end)
    return tuple(blocks)


def pem_certificates(path: str) -> tuple[bytes, ...]:
    """The DER bytes of each CERTIFICATE block of a PEM file, cached until the file changes."""
    try:
        found = os.stat(path)
    except OSError:
        return ()
    return _pem_file(path, (found.st_dev, found.st_ino, found.st_mtime, found.st_size))


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
    """The certificates of the files; `with_windows` adds the system's own stores (Windows'
    certificate stores, macOS' keychains), named for the first system it served."""
    with _READING_FILES:  # a second reader waits for the first one's cache, never reads again
        found, used = gather(paths, pem_certificates)
    if with_windows:
        native, source = native_root_ders()
        if source is not None:
            found.extend(native)
            used.append(source)
    return StoreFiles(frozenset(found), tuple(used))


class SystemVerdict(NamedTuple):
    """The system's own answer to "does this computer trust this site's chain?"."""

    trusted: bool | None
    """True or False as the system decided; None when it could not be asked (no connection...)."""
    reason: str
    """The system's words when it refused, or why there is no answer."""


def system_verdict(
    host: str, port: int = 443, *, address: str | None = None, timeout: float = 10.0
) -> SystemVerdict:
    """Ask the system's verifier about the chain `host` sends, with `truststore`.

    Windows CryptoAPI and macOS Security.framework decide as they do for the system's browsers
    (their roots, policies and revocation); on Linux OpenSSL reads the distribution's roots found
    at run time. One TLS handshake with the named site (at `address` if given), nothing else.
    """
    import socket

    try:
        import truststore
    except ImportError as exc:
        return SystemVerdict(None, f"truststore is not installed: {exc}")
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        with (
            socket.create_connection((address or host, port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=host),
        ):
            return SystemVerdict(True, "")
    except ssl.SSLCertVerificationError as exc:
        return SystemVerdict(False, exc.verify_message or str(exc))
    except (OSError, ValueError) as exc:
        return SystemVerdict(None, str(exc) or type(exc).__name__)
