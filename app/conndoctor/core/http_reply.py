"""One HTTP/1.x answer read from a socket, as far as the checks need it.

The checks send one GET each and read the status, a few headers and at most a small body
(a connectivity probe's "success" text). `http.client` does this too, but loading it, with
the `email` package it parses headers with, costs more than a healthy site's whole HTTP check.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping
from typing import NamedTuple

MAX_HEAD = 64 * 1024
"""More header bytes than this is not a web server we can judge."""


class HttpError(ValueError):
    """The bytes are not an HTTP/1.x answer."""


class Reply(NamedTuple):
    status: int
    reason: str
    headers: Mapping[str, str]
    """Names in lower case; a header sent twice has its values joined by ', '."""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def _recv(sock: socket.socket) -> bytes:
    return sock.recv(16384)


def read_head(sock: socket.socket) -> tuple[Reply, bytes]:
    """The status line and headers, and whatever body bytes came with them."""
    data = b""
    while b"\r\n\r\n" not in data and b"\n\n" not in data:
        if len(data) > MAX_HEAD:
            raise HttpError("header too long")
        chunk = _recv(sock)
        if not chunk:
            if not data:
                raise HttpError("the server closed the connection without answering")
            break
        data += chunk
    separator = b"\r\n\r\n" if b"\r\n\r\n" in data else b"\n\n"
    head, _, rest = data.partition(separator)
    lines = head.decode("iso-8859-1").splitlines()
    parts = lines[0].split(None, 2) if lines else []
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
        raise HttpError(f"not an HTTP answer: {lines[0][:80] if lines else ''!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            continue
        key, value = name.strip().lower(), value.strip()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return Reply(int(parts[1]), parts[2] if len(parts) > 2 else "", headers), rest


def read_body(sock: socket.socket, reply: Reply, already: bytes, limit: int) -> bytes:
    """Up to `limit` bytes of the body: chunked, by Content-Length, or until the server closes."""
    if reply.status in (204, 304) or 100 <= reply.status < 200:
        return b""
    if "chunked" in (reply.header("transfer-encoding") or "").lower():
        return _chunked(sock, already, limit)
    length = reply.header("content-length")
    wanted = int(length) if length and length.strip().isdigit() else None
    cap = limit if wanted is None else min(limit, wanted)
    body = already
    while len(body) < cap:
        chunk = _recv(sock)
        if not chunk:
            break
        body += chunk
    return body[:cap]


def _chunked(sock: socket.socket, data: bytes, limit: int) -> bytes:
    body = b""
    while len(body) < limit:
        while b"\r\n" not in data:
            chunk = _recv(sock)
            if not chunk:
                return body
            data += chunk
        size_line, _, data = data.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
        except ValueError as exc:
            raise HttpError("bad chunk size") from exc
        if size == 0:
            return body
        while len(data) < size + 2:
            chunk = _recv(sock)
            if not chunk:
                return (body + data)[:limit]
            data += chunk
        body += data[:size]
        data = data[size + 2 :]
    return body[:limit]
