"""Hostile loopback servers: each misbehaves in one way a broken or malicious network does.

Every server is real (a socket on 127.0.0.1 served by `LabServer` or a UDP thread); none of
them is a mock. `stop` (an Event set at teardown) ends the slow ones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import ssl
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.lab.ntp_server import ntp_timestamp
from tests.lab.tls_servers import Handler, _read_request

HUGE_BODY = 100 * 1024 * 1024
TLS_ALERT_HANDSHAKE_FAILURE = bytes.fromhex("15030300020228")


def drip(data: bytes, every_s: float, stop: threading.Event) -> Handler:
    """Reads the first bytes of the request, then sends `data` one byte every `every_s`."""

    def handle(conn: socket.socket) -> None:
        conn.recv(4096)
        for byte in data:
            if stop.wait(every_s):
                return
            conn.sendall(bytes([byte]))

    return handle


def random_bytes(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(os.urandom(64 * 1024))


def tls_alert(conn: socket.socket) -> None:
    """Answers the ClientHello with a fatal handshake_failure alert, as a picky server does."""
    conn.recv(4096)
    conn.sendall(TLS_ALERT_HANDSHAKE_FAILURE)


def endless(
    first: bytes,
    repeat: bytes,
    limit: int,
    stop: threading.Event,
    tls: ssl.SSLContext | None = None,
) -> Handler:
    """Reads the request, sends `first`, then `repeat` until `limit` bytes or the reader leaves."""

    def handle(conn: socket.socket) -> None:
        stream: socket.socket = tls.wrap_socket(conn, server_side=True) if tls else conn
        _read_request(stream)
        stream.sendall(first)
        block = repeat * max(1, 65536 // len(repeat))
        sent = 0
        while sent < limit and not stop.is_set():
            stream.sendall(block)
            sent += len(block)

    return handle


def tls_answer(context: ssl.SSLContext, answer: bytes) -> Handler:
    def handle(conn: socket.socket) -> None:
        with context.wrap_socket(conn, server_side=True) as tls:
            _read_request(tls)
            tls.sendall(answer)

    return handle


def proxy_407(conn: socket.socket) -> None:
    _read_request(conn)
    conn.sendall(
        b"HTTP/1.1 407 Proxy Authentication Required\r\n"
        b'Proxy-Authenticate: Basic realm="Office proxy"\r\nContent-Length: 0\r\n\r\n'
    )


def proxy_garbage(conn: socket.socket) -> None:
    _read_request(conn)
    conn.sendall(os.urandom(512))


def hang(stop: threading.Event) -> Handler:
    def handle(conn: socket.socket) -> None:
        stop.wait(30)

    return handle


# --- certificates ---------------------------------------------------------------------------


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Conndoctor Hostile Lab"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: tuple[str, ec.EllipticCurvePrivateKey] | None,
    *,
    ca: bool,
    padding: int = 0,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    issuer_name, issuer_key = issuer or (subject, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        names: list[x509.GeneralName] = [x509.DNSName("localhost")]
        names += [x509.DNSName(f"padding-{i:07d}.invalid") for i in range(padding)]
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def long_chain_context(folder: Path, length: int = 100) -> ssl.SSLContext:
    """A server that sends a leaf under `length - 1` intermediates of a root nobody trusts."""
    key = ec.generate_private_key(ec.SECP256R1())
    issuer = ("Hostile Root 0", key)
    chain = [_certificate("Hostile Root 0", key, None, ca=True)]
    for level in range(1, length - 1):
        subject = f"Hostile CA {level}"
        chain.append(_certificate(subject, key, issuer, ca=True))
        issuer = (subject, key)
    chain.append(_certificate("localhost", key, issuer, ca=False))
    return _context(folder / "long-chain", list(reversed(chain)), key)


def huge_certificate_context(folder: Path, size: int = 1024 * 1024) -> ssl.SSLContext:
    """A self-signed leaf of about `size` bytes (a SAN list of made-up names)."""
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = _certificate("localhost", key, None, ca=False, padding=size // 26)
    return _context(folder / "huge-cert", [leaf], key)


def _context(
    stem: Path, chain: list[x509.Certificate], key: ec.EllipticCurvePrivateKey
) -> ssl.SSLContext:
    stem.parent.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = stem.with_suffix(".pem"), stem.with_suffix(".key")
    cert_path.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert_path), str(key_path))
    return context


# --- lying time servers ---------------------------------------------------------------------

NTP_LIES = ("garbage", "1970", "2100", "unsynchronised", "wrong_origin")


def _ntp_lie(kind: str, request: bytes) -> bytes:
    if kind == "garbage":
        return os.urandom(48)
    now = time.time()
    told = {"1970": 1.0, "2100": 4102444800.0}.get(kind, now)
    leap, stratum = (3, 0) if kind == "unsynchronised" else (0, 1)
    origin = os.urandom(8) if kind == "wrong_origin" else request[40:48]
    header = bytes([(leap << 6) | (4 << 3) | 4, stratum, request[2], 0xEC])
    stamp = ntp_timestamp(told - 2**32 if told > 2085978495 else told)  # 2100 is in NTP era 1
    return header + struct.pack("!II", 0, 0) + b"LIE\x00" + stamp + origin + stamp + stamp


@contextlib.contextmanager
def lying_ntp(kind: str) -> Iterator[str]:
    """A UDP time server on loopback that answers every request with one kind of lie."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                request, client = sock.recvfrom(512)
            except TimeoutError:
                continue
            except OSError:
                return
            if len(request) >= 48:
                sock.sendto(_ntp_lie(kind, request), client)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{sock.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(1)
        sock.close()
