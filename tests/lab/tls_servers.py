"""Loopback web sites with one thing wrong each: `lab_site("expired")` and so on.

Every site is a real server on 127.0.0.1 (threaded, one connection per request); the
'public' roots are lab roots in PEM files, so the real system store is never touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import socket
import ssl
import struct
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from conndoctor.core.engine.context import Options
from conndoctor.core.engine.target import parse_target
from tests.lab.certs import KASPERSKY_ROOT, ORGANISATION_ROOT, LabPki, lab_name

Handler = Callable[[socket.socket], None]

EXPECTED_CAUSES: dict[str, str | None] = {
    "healthy": None,
    "wildcard": None,
    "expired": "cert_expired",
    "not_yet_valid": "cert_not_yet_valid",
    "hostname_mismatch": "cert_hostname_mismatch",
    "self_signed": "cert_self_signed",
    "untrusted_root": "cert_untrusted_root",
    "incomplete_chain": "cert_incomplete_chain",
    "weak_signature": "cert_weak_signature",
    "weak_key": "cert_weak_key",
    "interception": "tls_interception",
    "org_interception": "tls_interception",
    "tls10_only": "server_tls_obsolete",
    "tls11_only": "server_tls_obsolete",
    "cipher_mismatch": "tls_cipher_mismatch",
    "not_tls": "tls_protocol_error",
    "reset": "tls_protocol_error",
    "closed": "tls_protocol_error",
    "silent": "site_unreachable",
    "maintenance": "site_maintenance",
    "refused": "site_unreachable",
    "intermediate_not_ca": "cert_invalid",
    "wildcard_public_suffix": "cert_hostname_mismatch",
    "client_cert_tls12": "client_cert_required",
    "client_cert_tls13": "client_cert_required",
    "null_ciphers": "tls_cipher_mismatch",
    "http_to_tls_port": "tls_protocol_error",
    "server_error_500": "site_error",
    "server_error_502": "site_error",
    "server_error_504": "site_error",
    "ber_certificate": "cert_invalid",
}
"""Every lab kind and the cause the program must name first for it."""

KINDS: tuple[str, ...] = tuple(EXPECTED_CAUSES)
WILDCARD_HOST = "www.conndoctor.test"
"""The wildcard site's name (certificate: *.conndoctor.test), mapped to 127.0.0.1 by --resolve."""
PUBLIC_SUFFIX_HOST = "conndoctor.co.jp"
"""The public-suffix wildcard site's name (certificate: *.co.jp, which browsers refuse)."""
HTTP_ONLY_KINDS = ("http_to_tls_port",)
"""Kinds whose address is http:// (the server speaks TLS there)."""
NULL_CIPHERS = "NULL:@SECLEVEL=0"
"""Only unencrypted suites (OpenSSL's eNULL needs security level 0); no browser offers them."""
LEGACY_CIPHERS = "DEFAULT:@SECLEVEL=0"
# Browsers offer no AES-CCM suites (Chromium: ssl_cipher_suite_names; Firefox: NSS defaults).
CIPHER_NO_BROWSER_OFFERS = "ECDHE-ECDSA-AES128-CCM"


@dataclass(frozen=True)
class LabSite:
    """One lab web site and everything needed to point the program at it."""

    kind: str
    host: str
    port: int
    url: str
    public_ca_file: str
    system_ca_files: tuple[str, ...]
    expected_cause: str | None
    org_ca_files: tuple[str, ...] = ()

    def cli_args(self) -> list[str]:
        args = [self.url, "--public-ca-file", self.public_ca_file]
        for path in self.system_ca_files:
            args += ["--system-ca-file", path]
        for path in self.org_ca_files:
            args += ["--org-ca-file", path]
        return [*args, "--resolve", f"{self.host}:{self.port}:127.0.0.1"]

    def options(self, **overrides: Any) -> Options:
        options = Options(
            target=parse_target(self.url),
            public_ca_file=self.public_ca_file,
            system_ca_files=self.system_ca_files,
            org_ca_files=self.org_ca_files,
            resolve={(self.host, self.port): ("127.0.0.1",)},
        )
        return options._replace(**overrides)


class LabServer:
    """A TCP listener on 127.0.0.1 that hands each connection to `handler` on its own thread."""

    def __init__(self, handler: Handler | None) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._handler = handler
        if handler is None:  # 'refused': the port is closed again at once
            self._listener.close()
            return
        self._listener.listen(32)
        self._listener.settimeout(0.1)
        threading.Thread(target=self._accept, daemon=True, name=f"lab-{self.port}").start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._open.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        assert self._handler is not None
        try:
            conn.settimeout(5)
            self._handler(conn)
        except (OSError, ssl.SSLError):
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            for conn in self._open:
                with contextlib.suppress(OSError):
                    conn.close()


class CountingRelay:
    """A relay on 127.0.0.1 in front of a lab site that counts the connections made to it."""

    def __init__(self, site: LabSite) -> None:
        from tests.lab.http_servers import _relay

        self.site = site
        self.connections = 0

        def relay(conn: socket.socket) -> None:
            self.connections += 1
            with socket.create_connection(("127.0.0.1", site.port), timeout=5) as upstream:
                _relay(conn, upstream)

        self._server = LabServer(relay)
        self.port = self._server.port

    def options(self, scheme: str = "https", **overrides: Any) -> Options:
        """The site's options, pointed at the relay."""
        url = f"{scheme}://localhost:{self.port}/"
        resolve = {("localhost", self.port): ("127.0.0.1",)}
        return self.site.options(target=parse_target(url), resolve=resolve, **overrides)

    def stop(self) -> None:
        self._server.stop()


def _read_request(conn: Any) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def http_answer(
    status: int, reason: str, body: bytes, headers: dict[str, str] | None = None
) -> bytes:
    lines = [
        f"HTTP/1.1 {status} {reason}",
        f"Date: {email.utils.formatdate(usegmt=True)}",
        "Server: conndoctor-lab",
        "Content-Type: text/html; charset=utf-8",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{k}: {v}" for k, v in (headers or {}).items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body


def tls_site_handler(
    context: ssl.SSLContext,
    status: int = 200,
    reason: str = "OK",
    headers: dict[str, str] | None = None,
) -> Handler:
    def handle(conn: socket.socket) -> None:
        with context.wrap_socket(conn, server_side=True) as tls:
            _read_request(tls)
            tls.sendall(http_answer(status, reason, b"<h1>Conndoctor lab</h1>\n", headers))

    return handle


def plain_handler(answer: bytes, whole_request: bool = True) -> Handler:
    """A plain HTTP server; like nginx, it answers garbage (a TLS hello) with 400 at once."""

    def handle(conn: socket.socket) -> None:
        if whole_request:
            _read_request(conn)
        else:
            conn.recv(4096)
        conn.sendall(answer)

    return handle


def reset_handler(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def closed_handler(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.shutdown(socket.SHUT_RDWR)


def silent_handler(stop: threading.Event) -> Handler:
    def handle(conn: socket.socket) -> None:
        stop.wait(30)

    return handle


@dataclass
class _Plan:
    chain: list[Any]
    key_path: str
    public: list[Any]
    system_extra: list[Any] = field(default_factory=list)
    org: list[Any] = field(default_factory=list)
    min_version: ssl.TLSVersion | None = None
    max_version: ssl.TLSVersion | None = None
    ciphers: str | None = None
    status: int = 200
    reason: str = "OK"
    headers: dict[str, str] | None = None
    client_certificate: bool = False
    chain_pem: bytes | None = None
    """The served chain as PEM, for certificates `cryptography` cannot hold (BER)."""


def _plan(pki: LabPki, kind: str, aia_url: str | None) -> _Plan:
    """The certificates and server settings of one TLS kind."""
    root, inter = pki.public_root, pki.public_intermediate
    leaf = pki.leaf("healthy", inter)
    plan = _Plan(chain=[leaf.cert, inter.cert], key_path=str(leaf.key_path), public=[root.cert])
    if kind in ("expired", "not_yet_valid", "hostname_mismatch", "weak_key", "wildcard"):
        variants: dict[str, dict[str, Any]] = {
            "expired": {"valid_from": -_days(100), "valid_until": -_days(10)},
            "not_yet_valid": {"valid_from": _days(10), "valid_until": _days(100)},
            "hostname_mismatch": {"dns_names": ("www.example.test",), "ips": ()},
            # 768 bits: refused by Chromium under any root (1024 loads under a local root)
            "weak_key": {"key_kind": "rsa768"},
            "wildcard": {"dns_names": ("*.conndoctor.test",), "ips": ()},
        }
        name = "weak_key-768" if kind == "weak_key" else kind  # tests keep "weak_key" at 1024
        leaf = pki.leaf(name, inter, **variants[kind])
        plan.chain, plan.key_path = [leaf.cert, inter.cert], str(leaf.key_path)
    elif kind == "self_signed":
        leaf = pki.leaf(kind, None)
        plan.chain, plan.key_path = [leaf.cert], str(leaf.key_path)
    elif kind == "untrusted_root":
        other_root = pki.ca("unknown-root", lab_name("Unknown Root CA", "Nobody Trusts Us Ltd"))
        other_inter = pki.ca(
            "unknown-inter", lab_name("Unknown Issuing CA", "Nobody Trusts Us Ltd"), other_root
        )
        leaf = pki.leaf(kind, other_inter)
        plan.chain, plan.key_path = (
            [leaf.cert, other_inter.cert, other_root.cert],
            str(leaf.key_path),
        )
    elif kind == "incomplete_chain":
        leaf = pki.leaf(
            f"incomplete-{aia_url}".replace("/", "_").replace(":", "_"), inter, aia_url=aia_url
        )
        plan.chain, plan.key_path = [leaf.cert], str(leaf.key_path)
    elif kind == "weak_signature":
        leaf = pki.sha1_leaf(kind, inter)
        plan.chain, plan.key_path = [leaf.cert, inter.cert], str(leaf.key_path)
    elif kind in ("interception", "org_interception"):
        product_root = pki.ca(
            kind + "-root", KASPERSKY_ROOT if kind == "interception" else ORGANISATION_ROOT
        )
        leaf = pki.leaf(kind, product_root)
        plan.chain, plan.key_path = [leaf.cert], str(leaf.key_path)
        plan.system_extra = [product_root.cert]
        plan.org = [product_root.cert] if kind == "org_interception" else []
    elif kind in ("tls10_only", "tls11_only"):
        version = ssl.TLSVersion.TLSv1 if kind == "tls10_only" else ssl.TLSVersion.TLSv1_1
        plan.min_version = plan.max_version = version
    elif kind == "cipher_mismatch":
        plan.max_version, plan.ciphers = ssl.TLSVersion.TLSv1_2, CIPHER_NO_BROWSER_OFFERS
    elif kind == "maintenance":
        plan.status, plan.reason, plan.headers = 503, "Service Unavailable", {"Retry-After": "120"}
    elif kind.startswith("server_error_"):
        reasons = {500: "Internal Server Error", 502: "Bad Gateway", 504: "Gateway Timeout"}
        plan.status = int(kind.rpartition("_")[2])
        plan.reason = reasons[plan.status]
        plan.headers = {"Retry-After": "60"} if plan.status == 502 else None
    elif kind == "intermediate_not_ca":
        not_ca = pki.ca("not-ca-inter", lab_name("Conndoctor Lab Not A CA"), root, ca_bit=False)
        leaf = pki.leaf(kind, not_ca)
        plan.chain, plan.key_path = [leaf.cert, not_ca.cert], str(leaf.key_path)
    elif kind == "wildcard_public_suffix":
        leaf = pki.leaf(kind, inter, dns_names=("*.co.jp",), ips=())
        plan.chain, plan.key_path = [leaf.cert, inter.cert], str(leaf.key_path)
    elif kind in ("client_cert_tls12", "client_cert_tls13"):
        plan.client_certificate = True
        last = ssl.TLSVersion.TLSv1_2 if kind == "client_cert_tls12" else ssl.TLSVersion.TLSv1_3
        plan.min_version = plan.max_version = last
    elif kind == "ber_certificate":
        pem, key_path = pki.ber_leaf_pem(kind, inter)
        plan.chain_pem = pem + inter.cert.public_bytes(serialization.Encoding.PEM)
        plan.key_path = str(key_path)
    elif kind == "null_ciphers":
        plan.max_version, plan.ciphers = ssl.TLSVersion.TLSv1_2, NULL_CIPHERS
    if kind in ("weak_signature", "weak_key", "tls10_only", "tls11_only"):
        plan.ciphers = LEGACY_CIPHERS
    return plan


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _server_context(pki: LabPki, kind: str, plan: _Plan) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with warnings.catch_warnings():  # TLS 1.0/1.1 servers are the point of those kinds
        warnings.simplefilter("ignore", DeprecationWarning)
        if plan.min_version is not None:
            context.minimum_version = plan.min_version
        if plan.max_version is not None:
            context.maximum_version = plan.max_version
    if plan.ciphers:
        context.set_ciphers(plan.ciphers)
    chain_file = pki.bundle(f"{kind}-chain", plan.chain)
    if plan.chain_pem is not None:
        chain_file.write_bytes(plan.chain_pem)
    context.load_cert_chain(str(chain_file), plan.key_path)
    if plan.client_certificate:  # only certificates from the lab's root may log in
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(cafile=str(pki.public_root.cert_path))
    return context


class LabSites:
    """Starts lab sites for one test and stops all of them afterwards."""

    def __init__(self, pki: LabPki) -> None:
        self.pki = pki
        self.servers: list[LabServer] = []
        self._stop = threading.Event()

    def _start(self, handler: Handler | None) -> LabServer:
        server = LabServer(handler)
        self.servers.append(server)
        return server

    def __call__(self, kind: str, *, http_status: tuple[int, str] | None = None) -> LabSite:
        """Start one site of `kind`; `http_status` makes a TLS site answer e.g. (500, "Oops")."""
        if kind not in EXPECTED_CAUSES:
            raise ValueError(f"unknown lab kind {kind!r}; known: {', '.join(KINDS)}")
        pki = self.pki
        aia_url = None
        if kind == "incomplete_chain":
            der = pki.public_intermediate.cert.public_bytes(serialization.Encoding.DER)
            aia = self._start(plain_handler(http_answer(200, "OK", der, {"X-Kind": "aia"})))
            aia_url = f"http://127.0.0.1:{aia.port}/lab-ca1.der"
        plan = _plan(pki, kind, aia_url)
        if http_status is not None:
            plan.status, plan.reason = http_status
        handlers: dict[str, Handler | None] = {
            "not_tls": plain_handler(
                http_answer(400, "Bad Request", b"not TLS\n"), whole_request=False
            ),
            "reset": reset_handler,
            "closed": closed_handler,
            "silent": silent_handler(self._stop),
            "refused": None,
        }
        if kind in handlers:
            server = self._start(handlers[kind])
        else:
            context = _server_context(pki, kind, plan)
            server = self._start(tls_site_handler(context, plan.status, plan.reason, plan.headers))
        public_file = str(pki.bundle("public-roots", plan.public))
        system = [public_file]
        if plan.system_extra:
            system.append(str(pki.bundle(f"{kind}-system", plan.system_extra)))
        org = (str(pki.bundle(f"{kind}-org", plan.org)),) if plan.org else ()
        host = {"wildcard": WILDCARD_HOST, "wildcard_public_suffix": PUBLIC_SUFFIX_HOST}.get(
            kind, "localhost"
        )
        scheme = "http" if kind in HTTP_ONLY_KINDS else "https"
        return LabSite(
            kind=kind,
            host=host,
            port=server.port,
            url=f"{scheme}://{host}:{server.port}/",
            public_ca_file=public_file,
            system_ca_files=tuple(system),
            expected_cause=EXPECTED_CAUSES[kind],
            org_ca_files=org,
        )

    def stop(self) -> None:
        self._stop.set()
        for server in self.servers:
            server.stop()


@pytest.fixture
def lab_site(lab_pki: LabPki) -> Iterator[Callable[..., LabSite]]:
    """Factory: `lab_site("expired")` starts that site; every site stops at teardown."""
    sites = LabSites(lab_pki)
    yield sites
    sites.stop()
