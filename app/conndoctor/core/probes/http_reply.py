"""One HTTP/1.1 exchange on a socket we own, with hard budgets of time and size.

Every answer the checks read (connectivity probes, the site's page, a proxy's reply to
CONNECT, a certificate from an issuer URL) comes from servers that may be broken or
hostile: one byte a second, headers without end, a body of 100 MB, random bytes. The
standard library's `http.client` writes the request and reads the answer (the parser urllib3
and requests use too; its `email` package is loaded anyway, for the `Date` headers). This
module only hands it the socket's bytes until the deadline or the size limit, whichever comes
first, and says which one ended the read. A head of more than 100 lines is not read (that is
http.client's limit, as in urllib3 and requests); it is a bad answer like one over `MAX_HEAD`.
"""

from __future__ import annotations

import io
import socket
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import http.client

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
    """Names in lower case; a header sent twice has its values joined by ', ', and one folded
    over several lines (obsolete, still sent) is one line."""
    body: bytes = b""
    complete: bool = True
    """False when the body was cut at its size limit (the rest was never read)."""
    leftover: bytes = b""
    """Bytes after the answer to a successful CONNECT: they belong to the tunnel."""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def _headers(raw: Sequence[tuple[str, str]]) -> dict[str, str]:
    joined: dict[str, str] = {}
    for name, value in raw:
        key, text = name.lower(), " ".join(line.strip() for line in value.splitlines())
        joined[key] = f"{joined[key]}, {text}" if key in joined else text
    return joined


CLOSED_WITHOUT_ANSWER = "the server closed the connection without answering"
HEAD_TOO_LONG = "the answer's head is longer than a web server's"


class _Budgeted(io.RawIOBase):
    """The socket's bytes for http.client: each read bounded by what is left of the deadline
    and, until the head is read, by what is left of the head's size (so the buffer never
    holds more than `MAX_HEAD` of a head that does not end). Once `stopped`, it reads no more."""

    def __init__(self, sock: socket.socket, deadline: float, max_head: int) -> None:
        self.sock = sock
        self.deadline = deadline
        self.head_left: int | None = max_head
        self.received = 0
        self.stopped = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.stopped:
            return 0
        size = len(buffer)
        if self.head_left is not None:
            if self.head_left <= 0:
                raise HttpError(HEAD_TOO_LONG)
            size = min(size, self.head_left)
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise OutOfTime("the answer did not arrive in time")
        self.sock.settimeout(left)
        try:
            count = self.sock.recv_into(buffer, size)
        except TimeoutError:
            raise OutOfTime("the answer did not arrive in time") from None
        self.received += count
        if self.head_left is not None:
            self.head_left -= count
        return count


class _Socket:
    """What http.client asks of a socket: the request goes out as it is, the answer comes in
    through the budgeted reader, and closing it leaves the caller's socket open."""

    def __init__(self, sock: socket.socket, reader: io.BufferedReader[Any]) -> None:
        self._sock = sock
        self._reader = reader

    def sendall(self, data: bytes) -> None:
        self._sock.sendall(data)

    def makefile(self, mode: str) -> io.BufferedReader[Any]:
        return self._reader

    def close(self) -> None:
        pass


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
    `headers` name the Host (http.client then adds none of its own).

    Raises OutOfTime (a TimeoutError) when `deadline` (time.monotonic) passes first,
    HttpError for anything that is not HTTP or a head longer than `max_head`, and
    OSError for the connection's own failures.
    """
    import http.client

    source = _Budgeted(sock, deadline, max_head)
    reader = io.BufferedReader(source, RECV_SIZE)
    own = _Socket(sock, reader)
    try:
        request = http.client.HTTPConnection("host.invalid")  # never sent: `headers` name it
        request.sock = own  # type: ignore[assignment]
        request.request(method, target, headers=dict(headers))
        response = request.getresponse()
        while 100 <= response.status < 200 and response.status != 101:
            response.fp = None  # type: ignore[assignment]  # not closed with it: the next one's
            response = http.client.HTTPResponse(own, method=method)  # type: ignore[arg-type]
            response.begin()  # an informational answer (1xx): the real one follows
        source.head_left = None
        tunnel = method == "CONNECT" and 200 <= response.status < 300
        leftover = b""
        if tunnel:
            source.stopped = True
            leftover = reader.read()
            body, complete = b"", True
        else:
            body, complete = _read_body(response, max_body)
    except http.client.HTTPException as exc:
        if source.received == 0:
            raise HttpError(CLOSED_WITHOUT_ANSWER) from None
        raise HttpError(str(exc) or type(exc).__name__) from None
    except HttpError:
        raise
    except ValueError as exc:  # a chunk's size that is not a number
        raise HttpError(str(exc) or type(exc).__name__) from None
    return Reply(
        response.status,
        response.reason,
        _headers(response.getheaders()),
        body,
        complete,
        leftover,
    )


def _read_body(response: http.client.HTTPResponse, limit: int) -> tuple[bytes, bool]:
    """At most `limit` bytes, and whether that was the whole body. http.client leaves a body
    cut short by a closed connection unremarked: a length still owed is an error here."""
    body = bytearray()
    while len(body) < limit and not response.isclosed():
        body += response.read(limit - len(body))
    if response.length and response.isclosed():
        raise HttpError("the server closed the connection in the middle of the answer")
    return bytes(body), response.isclosed() or response.length == 0


def host_header(host: str, port: int, default_port: int) -> str:
    """Host header and CONNECT target: IPv6 in brackets, the default port left out."""
    shown = f"[{host}]" if ":" in host else host
    return shown if port == default_port else f"{shown}:{port}"
