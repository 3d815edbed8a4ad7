"""http_reply reads what the checks need of an HTTP answer; http.client is the reference."""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading

import pytest

from conndoctor.core.http_reply import HttpError, read_body, read_head

ANSWERS = {
    "length": b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\nDate: Thu, 26 Nov 2026 10:00:00 GMT\r\n"
    b"\r\nsuccessEXTRA",
    "chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"4;ext=1\r\nsucc\r\n3\r\ness\r\n0\r\n\r\n",
    "close": b"HTTP/1.0 200 OK\r\nServer: lab\r\n\r\nMicrosoft Connect Test",
    "no_content": b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n",
    "redirect": b"HTTP/1.1 302 Found\r\nLocation: http://portal.test/login\r\n"
    b"Content-Length: 0\r\n\r\n",
    "maintenance": b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 120\r\n"
    b"Set-Cookie: a=1\r\nset-cookie: b=2\r\nContent-Length: 4\r\n\r\nbusy",
}


def _serve(answer: bytes, pieces: int = 1) -> socket.socket:
    """A connected socket whose peer sends `answer` in `pieces` writes, then closes."""
    ours, theirs = socket.socketpair()
    ours.settimeout(5)

    def send() -> None:
        step = max(1, len(answer) // pieces)
        with theirs, contextlib.suppress(OSError):  # the reader may stop early and close
            for start in range(0, len(answer), step):
                theirs.sendall(answer[start : start + step])

    threading.Thread(target=send, daemon=True).start()
    return ours


def _reference(answer: bytes) -> tuple[int, str, dict[str, str], bytes]:
    sock = _serve(answer)
    response = http.client.HTTPResponse(sock, method="GET")  # type: ignore[arg-type]
    response.begin()
    headers = {k.lower(): v for k, v in response.getheaders()}
    body = response.read(65536)
    sock.close()
    return response.status, response.reason, headers, body


@pytest.mark.parametrize("name", sorted(ANSWERS))
@pytest.mark.parametrize("pieces", [1, 7, 1000])
def test_answers_read_as_http_client_reads_them(name: str, pieces: int) -> None:
    answer = ANSWERS[name]
    sock = _serve(answer, pieces)
    reply, already = read_head(sock)
    body = read_body(sock, reply, already, 65536)
    sock.close()
    status, reason, headers, expected_body = _reference(answer)
    assert (reply.status, reply.reason, body) == (status, reason, expected_body)
    for header in ("date", "location", "retry-after", "server"):
        assert reply.header(header) == headers.get(header)
    if name == "maintenance":
        assert reply.header("Set-Cookie") == "a=1, b=2"


def test_body_stops_at_the_limit() -> None:
    sock = _serve(b"HTTP/1.1 200 OK\r\n\r\n" + b"x" * 100_000, pieces=50)
    reply, already = read_head(sock)
    assert len(read_body(sock, reply, already, 1000)) == 1000
    sock.close()


@pytest.mark.parametrize(
    "answer",
    [b"", b"SSH-2.0-OpenSSH_9.2\r\n\r\n", b"HTTP/1.1 OK\r\n\r\n", b"X" * 70_000],
)
def test_what_is_not_http_is_an_http_error(answer: bytes) -> None:
    sock = _serve(answer)
    with pytest.raises(HttpError):
        read_head(sock)
    sock.close()
