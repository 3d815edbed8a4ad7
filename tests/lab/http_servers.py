"""Part of the loopback lab: plain HTTP pages like the internet and a Wi-Fi login page; proxies.

- `http_lab`: one threaded HTTP server with the answers of the real connectivity-check
  URLs (204, Microsoft's and Apple's and Firefox's texts) and of captive portals
  (a redirect to a login page, 511, a login page served with 200). Every answer has a Date.
- `proxy_lab`: a tiny working HTTP CONNECT proxy that only tunnels to 127.0.0.1.
- `broken_proxy`: a "proxy" that accepts connections and answers every CONNECT with 502.
- `dead_port`: a loopback port where nothing listens (connections are refused).
"""

from __future__ import annotations

import contextlib
import http.server
import select
import socket
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

LOGIN_PAGE = b"<html><head><title>Guest Wi-Fi</title></head><body><form>Room</form></body></html>"
APPLE_SUCCESS = b"<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/generate_204": (204, {}, b""),
    "/empty_200": (200, {"Content-Type": "text/plain"}, b""),
    "/portal": (302, {"Location": "/login"}, b""),
    "/login": (200, {"Content-Type": "text/html"}, LOGIN_PAGE),
    "/511": (511, {"Content-Type": "text/html"}, LOGIN_PAGE),
    "/portal_200": (200, {"Content-Type": "text/html"}, LOGIN_PAGE),
    "/success.txt": (200, {"Content-Type": "text/plain"}, b"success\n"),
    "/connecttest.txt": (200, {"Content-Type": "text/plain"}, b"Microsoft Connect Test"),
    "/hotspot-detect.html": (200, {"Content-Type": "text/html"}, APPLE_SUCCESS),
    "/not_found": (404, {"Content-Type": "text/plain"}, b"not here"),
}


class _LabHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        status, headers, body = ROUTES.get(self.path.split("?")[0], ROUTES["/not_found"])
        self.send_response(status)  # adds the Date header
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 204:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if status != 204:
            self.wfile.write(body)
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class HttpLab:
    base: str
    """http://127.0.0.1:PORT"""
    server: http.server.ThreadingHTTPServer

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str) -> str:
        return self.base + path


def _serve(server: socketserver.BaseServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    return thread


@pytest.fixture
def http_lab() -> Iterator[HttpLab]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LabHandler)
    server.daemon_threads = True
    _serve(server)
    try:
        yield HttpLab(f"http://127.0.0.1:{server.server_address[1]}", server)
    finally:
        server.shutdown()
        server.server_close()


def _read_head(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 16384:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def _relay(a: socket.socket, b: socket.socket) -> None:
    pair = {a: b, b: a}
    while True:
        readable, _, _ = select.select(list(pair), [], [], 5.0)
        if not readable:
            return
        for source in readable:
            data = source.recv(65536)
            if not data:
                return
            pair[source].sendall(data)


class _ConnectProxy(socketserver.BaseRequestHandler):
    """CONNECT host:port -> a tunnel, but only to loopback (the lab never leaves 127.0.0.1)."""

    def handle(self) -> None:
        client: socket.socket = self.request
        client.settimeout(5.0)
        head = _read_head(client).decode("latin-1")
        parts = head.split(" ", 2)
        if len(parts) < 3 or parts[0] != "CONNECT":
            client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        host, _, port = parts[1].rpartition(":")
        if host.strip("[]") not in ("127.0.0.1", "localhost", "::1") or not port.isdigit():
            client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", int(port)), timeout=3.0)
        except OSError:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        with upstream:
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            _relay(client, upstream)


class _BrokenProxy(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(5.0)
        _read_head(self.request)
        self.request.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")


@contextlib.contextmanager
def _tcp_server(handler: type[socketserver.BaseRequestHandler]) -> Iterator[str]:
    """A threaded TCP server on loopback for the duration: its "127.0.0.1:PORT"."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    _serve(server)
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def proxy_lab() -> Iterator[str]:
    """A working CONNECT proxy: "127.0.0.1:PORT"."""
    with _tcp_server(_ConnectProxy) as address:
        yield address


@pytest.fixture
def broken_proxy() -> Iterator[str]:
    """A proxy that accepts and answers every CONNECT with 502: "127.0.0.1:PORT"."""
    with _tcp_server(_BrokenProxy) as address:
        yield address


@pytest.fixture
def dead_port() -> int:
    """A loopback TCP port where nothing listens (a connection is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
