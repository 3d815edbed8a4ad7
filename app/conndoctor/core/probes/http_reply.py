"""One HTTP/1.1 exchange on a socket we own, with hard budgets of time and size.

Every answer the checks read (connectivity probes, the site's page, a proxy's reply to
CONNECT, a certificate from an issuer URL) comes from servers that may be broken or
hostile: one byte a second, headers without end, a body of 100 MB, random bytes. httptools
reads the answer: it is llhttp, the parser Node.js reads HTTP with, in C, which loads in under
a millisecond where `http.client` with the `email` package it parses headers with takes 6
(bench/RESULTS.md). This module writes the request, hands the parser the socket's bytes until
the deadline or the size limit, whichever comes first, and says which one ended the read. As
browsers do, it reads a header folded over several lines (obsolete, still sent), and skips
informational answers (1xx).
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

MAX_HEAD = 64 * 1024
"""More header bytes than this is not a web server we can judge."""
RECV_SIZE = 16384

_FORBIDDEN = re.compile(r"[\x00-\x20\x7f]")
"""Not in a method, a request target or a header name: spaces and control characters."""
_FORBIDDEN_IN_VALUE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
"""Not in a header value: control characters but the tab (a line break would start a header)."""


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


def _headers(raw: Iterable[tuple[str, str]]) -> dict[str, str]:
    joined: dict[str, str] = {}
    for name, value in raw:
        key, text = name.lower(), " ".join(line.strip() for line in value.splitlines())
        joined[key] = f"{joined[key]}, {text}" if key in joined else text
    return joined


CLOSED_WITHOUT_ANSWER = "the server closed the connection without answering"
HEAD_TOO_LONG = "the answer's head is longer than a web server's"
CUT_SHORT = "the server closed the connection in the middle of the answer"


class _Answer:
    """What httptools' parser tells of the answer, as it reads it (its callbacks). Only the
    final answer is kept: an informational one (1xx but 101) is read and set aside."""

    def __init__(self, method: str, max_body: int) -> None:
        self.method = method
        self.max_body = max_body
        self.status = 0
        self.reason = bytearray()
        self.raw_headers: list[tuple[bytes, bytes]] = []
        self.head_done = False
        self.body = bytearray()
        self.message_done = False
        self.body_cut = False
        self.status_of: Callable[[], int] = lambda: 0

    def on_message_begin(self) -> None:
        if not self.message_done:
            self.reason.clear()
            self.raw_headers.clear()

    def on_status(self, status: bytes) -> None:
        if not self.message_done:
            self.reason += status

    def on_header(self, name: bytes, value: bytes) -> None:
        if not self.message_done:
            self.raw_headers.append((name, value))

    def on_headers_complete(self) -> None:
        if self.message_done:
            return
        status = self.status_of()
        if 100 <= status < 200 and status != 101:
            return  # informational: the real answer follows
        self.status = status
        self.head_done = True
        self.message_done = self.method == "HEAD"  # the length it names is of a body not sent

    def on_body(self, body: bytes) -> None:
        if self.head_done and not self.message_done and not self.body_cut:
            room = self.max_body - len(self.body)
            self.body += body[:room]
            self.body_cut = len(body) > room

    def on_message_complete(self) -> None:
        if self.head_done:
            self.message_done = True

    @property
    def over(self) -> bool:
        """Nothing more is read: the answer is whole, or as much of it as is wanted."""
        if not self.head_done:
            return False
        return self.message_done or self.body_cut or len(self.body) >= self.max_body

    def ends_with_the_connection(self) -> bool:
        """Whether a body without length ends where the connection does (RFC 9112 6.3)."""
        headers = {name.lower() for name, _ in self.raw_headers}
        return b"content-length" not in headers and b"transfer-encoding" not in headers


def _request(method: str, target: str, headers: Sequence[tuple[str, str]]) -> bytes:
    """The request's bytes; HttpError for a value that would break out of its line."""
    lines = [f"{method} {target} HTTP/1.1"]
    if not any(name.lower() == "accept-encoding" for name, _ in headers):
        headers = [*headers, ("Accept-Encoding", "identity")]  # as http.client and browsers
    for name, value in headers:
        if _FORBIDDEN.search(name) or _FORBIDDEN_IN_VALUE.search(value):
            raise HttpError(f"a request header that would break the request: {name!r}")
        lines.append(f"{name}: {value}")
    if _FORBIDDEN.search(method) or _FORBIDDEN.search(target):
        raise HttpError(f"a request line that would break the request: {target[:80]!r}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "strict")


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
    `headers` name the Host.

    Raises OutOfTime (a TimeoutError) when `deadline` (time.monotonic) passes first,
    HttpError for anything that is not HTTP or a head longer than `max_head`, and
    OSError for the connection's own failures.
    """
    import httptools

    try:
        request = _request(method, target, headers)
    except UnicodeEncodeError:
        raise HttpError("a request with characters HTTP cannot carry") from None
    sock.sendall(request)
    answer = _Answer(method, max_body)
    parser = httptools.HttpResponseParser(answer)
    parser.set_dangerous_leniencies(lenient_headers=True)  # folded lines, as browsers read them
    answer.status_of = parser.get_status_code
    tunnel = method == "CONNECT"
    received = 0
    leftover = b""
    try:
        while not answer.over:
            size = RECV_SIZE
            if not answer.head_done:
                if received >= max_head:
                    raise HttpError(HEAD_TOO_LONG)
                size = min(size, max_head - received)
            data = _receive(sock, size, deadline)
            if not data:
                if received == 0:
                    raise HttpError(CLOSED_WITHOUT_ANSWER)
                if not answer.head_done or not answer.ends_with_the_connection():
                    raise HttpError(CUT_SHORT)
                answer.message_done = True
                break
            received += len(data)
            if tunnel:  # byte by byte: the bytes after a tunnel's head are the tunnel's
                data = _feed_head(parser, answer, data)
                if not answer.head_done:
                    continue
                tunnel = False
                if 200 <= answer.status < 300:
                    leftover = data
                    break
            parser.feed_data(data)
    except httptools.HttpParserUpgrade:  # 101: the final answer; what follows is not HTTP
        answer.message_done = True
    except httptools.HttpParserError as exc:
        if not answer.over:  # else: bytes after what is read of the answer, not ours to judge
            raise HttpError(str(exc) or type(exc).__name__) from None
    complete = answer.message_done and not answer.body_cut
    return Reply(
        answer.status,
        answer.reason.decode("latin-1").strip(),
        _headers(
            (name.decode("latin-1"), value.decode("latin-1")) for name, value in answer.raw_headers
        ),
        bytes(answer.body),
        complete,
        leftover,
    )


def _feed_head(parser: Any, answer: _Answer, data: bytes) -> bytes:
    """Feed `data` one byte at a time until the head is read; the bytes after it."""
    for index in range(len(data)):
        parser.feed_data(data[index : index + 1])
        if answer.head_done:
            return data[index + 1 :]
    return b""


def _receive(sock: socket.socket, size: int, deadline: float) -> bytes:
    left = deadline - time.monotonic()
    if left <= 0:
        raise OutOfTime("the answer did not arrive in time")
    sock.settimeout(left)
    try:
        return sock.recv(size)
    except TimeoutError:
        raise OutOfTime("the answer did not arrive in time") from None


def host_header(host: str, port: int, default_port: int) -> str:
    """Host header and CONNECT target: IPv6 in brackets, the default port left out."""
    shown = f"[{host}]" if ":" in host else host
    return shown if port == default_port else f"{shown}:{port}"


def http_date(text: str) -> dt.datetime | None:
    """An HTTP date (RFC 9110 5.6.7: the IMF-fixdate, and the obsolete RFC 850 and asctime
    forms a recipient must also read) as an aware time; None when it is not one. Read by the
    standard library's RFC 5322 date parser, the one `email.utils.parsedate_to_datetime` wraps,
    without the rest of `email.utils` (its character sets and encoders: 2 ms to load)."""
    from email._parseaddr import parsedate_tz

    try:
        fields = parsedate_tz(text)
        if fields is None:
            return None
        *moment, offset = fields
        naive = dt.datetime(*moment[:6])  # type: ignore[misc]
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return naive.replace(tzinfo=dt.timezone(dt.timedelta(seconds=offset or 0)))
