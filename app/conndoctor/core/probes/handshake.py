"""One TLS handshake as a browser starts it, on a connection already open, and what came of it.

Nothing here needs a run: the command line's head start shakes hands with it before the
checks are even loaded, and `tls_probe` uses it within a run (with the run's deadline). It
imports only `ssl`, so the ClientHello can leave as soon as the connection is open.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import warnings
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from conndoctor.core.engine.target import Target, wire_name

_ENCODING_DER = 2  # _ssl.ENCODING_DER, for certificates of get_unverified_chain()

# Cipher suites Chromium and Firefox offer for TLS 1.2 (TLS 1.3 suites are fixed by OpenSSL).
BROWSER_CIPHERS = ":".join(
    (
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-CHACHA20-POLY1305",
        "ECDHE-ECDSA-AES128-SHA",
        "ECDHE-ECDSA-AES256-SHA",
        "ECDHE-RSA-AES128-SHA",
        "ECDHE-RSA-AES256-SHA",
        "AES128-GCM-SHA256",
        "AES256-GCM-SHA384",
        "AES128-SHA",
        "AES256-SHA",
    )
)
LEGACY_CIPHERS = "ALL:@SECLEVEL=0"
"""OpenSSL 3 refuses TLS 1.0/1.1 and weak keys above security level 0."""

_NOT_TLS = (
    "WRONG_VERSION_NUMBER",
    "HTTP_REQUEST",
    "PACKET_LENGTH_TOO_LONG",
    "RECORD_LAYER_FAILURE",
    "UNKNOWN_PROTOCOL",
    "RECORD_TOO_LARGE",
    "BAD_RECORD_TYPE",
)
_OLD_VERSION = ("UNSUPPORTED_PROTOCOL", "TLSV1_ALERT_PROTOCOL_VERSION", "VERSION_TOO_LOW")
_CLIENT_CERT = ("CERTIFICATE_REQUIRED", "PEER_DID_NOT_RETURN_A_CERTIFICATE")
"""TLS 1.3's certificate_required alert (RFC 8446 6.2), read after the handshake."""
_NO_CIPHER = (
    "SSLV3_ALERT_HANDSHAKE_FAILURE",
    "NO_SHARED_CIPHER",
    "NO_CIPHERS_AVAILABLE",
    "TLSV1_ALERT_INSUFFICIENT_SECURITY",
    "NO_SUITABLE_SIGNATURE_ALGORITHM",
)


class Handshake(NamedTuple):
    """What one handshake gave: either the negotiated session or the kind of failure.

    `failure` is None on success, else one of: no_answer, reset, closed, not_tls,
    old_version, no_cipher, client_cert, other.
    """

    version: str | None = None
    cipher: str | None = None
    chain: tuple[bytes, ...] = ()
    full_chain: bool = True
    failure: str | None = None
    error: str = ""
    address: str | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None


def browser_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(BROWSER_CIPHERS)
    return context


def legacy_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers(LEGACY_CIPHERS)
    with warnings.catch_warnings():  # deprecated on purpose: this handshake proves it is needed
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = ssl.TLSVersion.TLSv1
    return context


def classify(exc: BaseException) -> str:
    """Sort a handshake error into the kinds a person can be told about."""
    if isinstance(exc, TimeoutError | socket.timeout):
        return "no_answer"
    if isinstance(exc, ConnectionResetError):
        return "reset"
    if isinstance(
        exc, ssl.SSLEOFError | ssl.SSLZeroReturnError | BrokenPipeError | ConnectionAbortedError
    ):
        return "closed"
    reason = str(getattr(exc, "reason", "") or "").upper()
    text = str(exc).upper()
    if any(r == reason or r in text for r in _NOT_TLS):
        return "not_tls"
    if "EOF" in reason or "UNEXPECTED_EOF" in text:
        return "closed"
    if any(r in reason or r in text for r in _CLIENT_CERT):
        return "client_cert"
    if any(r == reason or r in text for r in _OLD_VERSION):
        return "old_version"
    if any(r == reason or r in text for r in _NO_CIPHER):
        return "no_cipher"
    return "other"


def peer_chain(tls: ssl.SSLSocket) -> tuple[tuple[bytes, ...], bool]:
    """Every certificate the server sent, in its order; (leaf only, False) where Python cannot."""
    chain = _chain(tls, "get_unverified_chain")
    if chain:
        return chain, True
    leaf = tls.getpeercert(binary_form=True)
    return ((leaf,) if leaf else ()), False


def _chain(tls: ssl.SSLSocket, getter_name: str) -> tuple[bytes, ...]:
    """The DER certificates of get_unverified_chain; () where Python has
    neither (public from 3.13, on the private _sslobj in 3.10-3.12)."""
    getter = getattr(tls, getter_name, None) or getattr(
        getattr(tls, "_sslobj", None), getter_name, None
    )
    found = (getter() or []) if getter is not None else []
    return tuple(c if isinstance(c, bytes) else c.public_bytes(_ENCODING_DER) for c in found)


def legacy_probe(address: str, target: Target, timeout: float) -> Handshake:
    """tls.handshake's legacy-version probe without a run, on a connection of its own to
    `address`: what the command line's head start makes at once after a version alert. A
    connection that fails is told as tls.handshake tells it."""
    from conndoctor.core.engine.connection import connect_to

    try:
        sock = connect_to(address, target.port, timeout)
    except OSError as exc:
        return Handshake(failure="other", error=f"{type(exc).__name__}: {exc}")
    session, secured = shake_hands(sock, target, timeout, legacy=True)
    if secured is not None:  # only the handshake's facts are wanted
        secured.close()
    return session


def shake_hands(
    sock: socket.socket,
    target: Target,
    timeout: float,
    *,
    legacy: bool = False,
    client_certificate: bool = False,
    after_hello: Callable[[], None] | None = None,
    context: ssl.SSLContext | None = None,
) -> tuple[Handshake, ssl.SSLSocket | None]:
    """`handshake_on` without a run: what the command line starts before the checks load.
    `after_hello` is called once the ClientHello has left, while its answer travels.
    `context`: one made beforehand by `browser_context` (or `legacy_context` for `legacy`)."""
    try:
        address: str | None = str(sock.getpeername()[0])
    except OSError:  # the server hung up since the connection was opened: the handshake says how
        address = None
    if context is None:
        context = legacy_context() if legacy else browser_context()
    if client_certificate:
        offer_throwaway_client_certificate(context)
    try:
        sock.settimeout(timeout)
        tls = context.wrap_socket(
            sock,
            server_hostname=None if target.is_ip else wire_name(target.host),
            do_handshake_on_connect=after_hello is None,
        )
        if after_hello is not None:
            _send_hello(tls)
            after_hello()
            tls.settimeout(timeout)
            tls.do_handshake()
    except (OSError, ssl.SSLError) as exc:
        sock.close()
        error = f"{type(exc).__name__}: {exc}"
        return Handshake(failure=classify(exc), error=error, address=address), None
    chain, full = peer_chain(tls)
    cipher = tls.cipher()
    session = Handshake(tls.version(), cipher[0] if cipher else None, chain, full, address=address)
    return session, tls


def _send_hello(tls: ssl.SSLSocket) -> None:
    """The handshake's first step without waiting: the ClientHello leaves, and the answer is
    read by the next, blocking, do_handshake."""
    tls.setblocking(False)
    with contextlib.suppress(ssl.SSLWantReadError, ssl.SSLWantWriteError):
        tls.do_handshake()


def offer_throwaway_client_certificate(context: ssl.SSLContext) -> None:
    """Let `context` offer this run's throw-away client certificate. ssl reads a certificate
    only from files, so they live in a private folder for the moment of loading and are gone
    after it: a run leaves no key behind."""
    import tempfile
    from pathlib import Path

    cert_pem, key_pem = throwaway_client_certificate()
    with tempfile.TemporaryDirectory(prefix="conndoctor-client-") as folder:
        cert_path, key_path = Path(folder, "client.pem"), Path(folder, "client.key")
        cert_path.write_bytes(cert_pem)
        key_path.write_bytes(key_pem)
        context.load_cert_chain(cert_path, key_path)


@cache
def throwaway_client_certificate() -> tuple[bytes, bytes]:
    """A self-signed client certificate and its key (PEM), made once for this run."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "conndoctor probe")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem
