"""Sorting handshake errors into what a person can be told, and the two client profiles."""

from __future__ import annotations

import socket
import ssl
import threading
from typing import Any

import pytest

from conndoctor.core.engine.target import parse_target
from conndoctor.core.probes import handshake


def _ssl_error(reason: str, text: str) -> ssl.SSLError:
    error = ssl.SSLError(1, f"[SSL: {reason}] {text} (_ssl.c:1006)")
    error.reason = reason  # type: ignore[misc]
    return error


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (TimeoutError("The handshake operation timed out"), "no_answer"),
        (ConnectionResetError(104, "Connection reset by peer"), "reset"),
        (ssl.SSLEOFError(8, "EOF occurred in violation of protocol"), "closed"),
        (_ssl_error("WRONG_VERSION_NUMBER", "wrong version number"), "not_tls"),
        (_ssl_error("TLSV1_ALERT_PROTOCOL_VERSION", "tlsv1 alert protocol version"), "old_version"),
        (_ssl_error("UNSUPPORTED_PROTOCOL", "unsupported protocol"), "old_version"),
        (_ssl_error("SSLV3_ALERT_HANDSHAKE_FAILURE", "sslv3 alert handshake failure"), "no_cipher"),
        (_ssl_error("NO_SHARED_CIPHER", "no shared cipher"), "no_cipher"),
        (_ssl_error("SOMETHING_NEW", "something new"), "other"),
    ],
)
def test_handshake_errors_are_sorted(error: BaseException, kind: str) -> None:
    assert handshake.classify(error) == kind


def test_browser_profile_refuses_what_browsers_refuse() -> None:
    context = handshake.browser_context()
    assert context.minimum_version == ssl.TLSVersion.TLSv1_2
    assert context.verify_mode == ssl.CERT_NONE  # trust is judged by certificates, not here
    names = {c["name"] for c in context.get_ciphers()}
    assert "ECDHE-ECDSA-AES128-GCM-SHA256" in names
    assert not any("CCM" in n or "RC4" in n or "DES" in n for n in names)


def test_legacy_profile_reaches_old_servers() -> None:
    context = handshake.legacy_context()
    assert context.minimum_version == ssl.TLSVersion.TLSv1
    names = {c["name"] for c in context.get_ciphers()}
    assert "ECDHE-ECDSA-AES128-CCM" in names


def test_after_hello_runs_once_the_client_hello_has_left(lab_site: Any) -> None:
    """The head start loads the page request's modules in `after_hello`: the server must
    already hold the ClientHello then, and the handshake must still complete as before."""
    site = lab_site("healthy")
    relay = socket.socket()
    relay.bind(("127.0.0.1", 0))
    relay.listen(1)
    seen_at_hello: list[bytes] = []
    with socket.create_connection(relay.getsockname(), timeout=5) as client:
        server_side, _ = relay.accept()
        relay.close()
        upstream = socket.create_connection(("127.0.0.1", site.port), timeout=5)

        def after_hello() -> None:
            server_side.settimeout(5)
            hello = server_side.recv(65536)
            seen_at_hello.append(hello)
            upstream.sendall(hello)
            threading.Thread(target=_pipe, args=(upstream, server_side), daemon=True).start()
            threading.Thread(target=_pipe, args=(server_side, upstream), daemon=True).start()

        target = parse_target(f"https://localhost:{site.port}/")
        found, secured = handshake.shake_hands(client, target, 5, after_hello=after_hello)
    assert seen_at_hello and seen_at_hello[0][:1] == b"\x16"  # a TLS handshake record
    assert found.failure is None and found.version in ("TLSv1.2", "TLSv1.3")
    assert found.chain
    assert secured is not None
    secured.close()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass


SNI_WITHOUT_THE_CODEC = """
import socket, ssl, sys, threading
from conndoctor.core.engine.target import parse_target
from conndoctor.core.probes.handshake import shake_hands

cert, key, host = sys.argv[1], sys.argv[2], sys.argv[3]
names = []
server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server.load_cert_chain(cert, key)
server.sni_callback = lambda sslobj, name, context: names.append(name)
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)

def serve():
    raw, _ = listener.accept()
    try:
        with server.wrap_socket(raw, server_side=True):
            pass
    except OSError:
        pass

threading.Thread(target=serve, daemon=True).start()
target = parse_target(f"https://{host}:{listener.getsockname()[1]}/")
sock = socket.socket()
sock.connect(("127.0.0.1", listener.getsockname()[1]))
session, secured = shake_hands(sock, target, 5.0, after_hello=lambda: None)
print(session.failure, names, "encodings.idna" in sys.modules)
"""


@pytest.mark.parametrize("host", ["localhost", "Shop.Example.test", "xn--r8jz45g.test"])
def test_the_server_name_is_sent_without_pythons_idna_codec(lab_pki: Any, host: str) -> None:
    """The ClientHello names the site as the codec would (the target's A-labels) without the
    codec's modules loading before it leaves."""
    import subprocess
    import sys

    leaf = lab_pki.leaf("sni", lab_pki.public_intermediate)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            SNI_WITHOUT_THE_CODEC,
            str(leaf.cert_path),
            str(leaf.key_path),
            host,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    expected = parse_target(f"https://{host}/").host.encode("idna").decode("ascii")
    assert done.stdout.split("\n")[-2] == f"None [{expected!r}] False", done.stderr[-2000:]
