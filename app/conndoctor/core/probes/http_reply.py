"""One HTTP/1.1 exchange on a socket we own, with hard budgets of time and size.

Every answer the checks read (connectivity probes, the site's page, a proxy's reply to
CONNECT, a certificate from an issuer URL) comes from servers that may be broken or
hostile: one byte a second, headers without end, a body of 100 MB, random bytes. The
maintained sans-IO parser `h11` reads the protocol; this module only feeds it bytes until
the deadline or the size limit, whichever comes first, and says which one ended the read.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import h11

MAX_HEAD = 64 * 1024
"""More header bytes than this is not a web server we can judge."""
RECV_SIZE = 16384


class HttpError(ValueError):
    """The bytes are not an HTTP/1.x answer, or the answer breaks the protocol."""


class OutOfTime(TimeoutError):
    """The server did not finish its answer within the time it was given."""


class Reply(NamedTuple):
    status: int
    reason: str
    headers: Mapping[str, str]
    """Names in lower case; a header sent twice has its values joined by ', '."""
    body: bytes = b""
    complete: bool = True
    """False when the body was cut at its size limit (the rest was never read)."""
    leftover: bytes = b""
    """Bytes after the answer to a successful CONNECT: they belong to the tunnel."""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def _headers(raw: Sequence[tuple[bytes, bytes]]) -> dict[str, str]:
    joined: dict[str, str] = {}
    for name, value in raw:
        key, text = name.decode("ascii").lower(), value.decode("iso-8859-1")
        joined[key] = f"{joined[key]}, {text}" if key in joined else text
    return joined


class _Feed:
    """Bytes from the socket into h11, each read bounded by what is left of the deadline."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.sock = sock
        self.deadline = deadline
        self.received = 0

    def read(self) -> bytes:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise OutOfTime("the answer did not arrive in time")
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(RECV_SIZE)
        except TimeoutError:
            raise OutOfTime("the answer did not arrive in time") from None
        self.received += len(data)
        return data


CLOSED_WITHOUT_ANSWER = "the server closed the connection without answering"


def exchange(
    sock: socket.socket,
    method: str,
    target: str,
    headers: Sequence[tuple[str, str]],
    deadline: float,
    *,
    max_body: int = 0,
    max_head: int = MAX_HEAD,
) -> Reply:
    """Send one request and read its answer: the head, then at most `max_body` body bytes.

    Raises OutOfTime (a TimeoutError) when `deadline` (time.monotonic) passes first,
    HttpError for anything that is not HTTP or a head longer than `max_head`, and
    OSError for the connection's own failures.
    """
    import h11

    connection = h11.Connection(h11.CLIENT, max_incomplete_event_size=max_head)
    feed = _Feed(sock, deadline)
    try:
        request = h11.Request(method=method, target=target, headers=list(headers))
        sock.sendall(connection.send(request) + (connection.send(h11.EndOfMessage()) or b""))
        response = _next_response(connection, feed)
        body = b""
        complete = True
        if connection.their_state is not h11.SWITCHED_PROTOCOL:
            body, complete = _read_body(connection, feed, max_body)
    except h11.ProtocolError as exc:
        if feed.received == 0:
            raise HttpError(CLOSED_WITHOUT_ANSWER) from None
        raise HttpError(str(exc) or type(exc).__name__) from None
    return Reply(
        response.status_code,
        response.reason.decode("iso-8859-1"),
        _headers(response.headers),
        body,
        complete,
        connection.trailing_data[0] if connection.their_state is h11.SWITCHED_PROTOCOL else b"",
    )


def _next_event(connection: h11.Connection, feed: _Feed) -> object:
    import h11

    while True:
        event = connection.next_event()
        if event is not h11.NEED_DATA:
            return event
        connection.receive_data(feed.read())


def _next_response(connection: h11.Connection, feed: _Feed) -> h11.Response:
    import h11

    while True:
        event = _next_event(connection, feed)
        if isinstance(event, h11.Response):
            return event
        if isinstance(event, h11.ConnectionClosed):
            raise HttpError(CLOSED_WITHOUT_ANSWER)
        # an informational answer (1xx): the real one follows


def _read_body(connection: h11.Connection, feed: _Feed, limit: int) -> tuple[bytes, bool]:
    import h11

    body = bytearray()
    while len(body) < limit:
        event = _next_event(connection, feed)
        if isinstance(event, h11.Data):
            body += event.data
        elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed) or event is h11.PAUSED:
            return bytes(body), True
    return bytes(body[:limit]), False


def host_header(host: str, port: int, default_port: int) -> str:
    """Host header and CONNECT target: IPv6 in brackets, the default port left out."""
    shown = f"[{host}]" if ":" in host else host
    return shown if port == default_port else f"{shown}:{port}"
