"""http_reply reads what the checks need of an HTTP answer within its budgets; http.client is
the reference for what the answer says."""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time

import pytest

from conndoctor.core.probes.http_reply import HttpError, OutOfTime, exchange, host_header

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
    "informational": b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
}


def _serve(answer: bytes, pieces: int = 1, pause: float = 0.0) -> socket.socket:
    """A connected socket whose peer reads the request, sends `answer` in `pieces` writes,
    then closes."""
    ours, theirs = socket.socketpair()
    ours.settimeout(5)

    def send() -> None:
        step = max(1, len(answer) // pieces)
        with theirs, contextlib.suppress(OSError):  # the reader may stop early and close
            theirs.recv(65536)
            for start in range(0, len(answer), step):
                theirs.sendall(answer[start : start + step])
                time.sleep(pause)

    threading.Thread(target=send, daemon=True).start()
    return ours


def _get(sock: socket.socket, seconds: float = 5.0, max_body: int = 65536):
    headers = [("Host", "lab.test"), ("Connection", "close")]
    return exchange(sock, "GET", "/", headers, time.monotonic() + seconds, max_body=max_body)


def _reference(answer: bytes) -> tuple[int, str, dict[str, str], bytes]:
    if answer.startswith(b"HTTP/1.1 100"):
        answer = answer.partition(b"\r\n\r\n")[2]  # http.client skips it the same way
    sock = _serve(answer)
    sock.sendall(b"GET / HTTP/1.1\r\n\r\n")
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
    with _serve(answer, pieces) as sock:
        reply = _get(sock)
    status, reason, headers, expected_body = _reference(answer)
    assert (reply.status, reply.reason, reply.body) == (status, reason, expected_body)
    assert reply.complete
    for header in ("date", "location", "retry-after", "server"):
        assert reply.header(header) == headers.get(header)
    if name == "maintenance":
        assert reply.header("Set-Cookie") == "a=1, b=2"


def test_body_stops_at_the_limit() -> None:
    with _serve(b"HTTP/1.1 200 OK\r\n\r\n" + b"x" * 100_000, pieces=50) as sock:
        reply = _get(sock, max_body=1000)
    assert len(reply.body) == 1000
    assert not reply.complete


def test_a_dripping_answer_runs_out_of_time() -> None:
    with _serve(b"HTTP/1.1 200 OK\r\n\r\n" + b"x" * 100, pieces=100, pause=0.2) as sock:
        began = time.monotonic()
        with pytest.raises(OutOfTime):
            _get(sock, seconds=0.7)
    assert time.monotonic() - began < 1.2


def test_a_silent_server_runs_out_of_time() -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        began = time.monotonic()
        with pytest.raises(TimeoutError):
            _get(ours, seconds=0.3)
        assert time.monotonic() - began < 0.8


def test_a_successful_connect_keeps_the_tunnel_bytes() -> None:
    with _serve(b"HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x03") as sock:
        reply = exchange(
            sock, "CONNECT", "site.test:443", [("Host", "site.test:443")], time.monotonic() + 5
        )
    assert reply.status == 200
    assert reply.leftover == b"\x16\x03\x03"


@pytest.mark.parametrize(
    "answer",
    [
        b"",
        b"SSH-2.0-OpenSSH_9.2\r\n\r\n",
        b"HTTP/1.1 OK\r\n\r\n",
        b"X" * 70_000,
        b"HTTP/1.1 200 OK\r\n" + b"X-Endless: yes\r\n" * 10_000,
        bytes(range(256)) * 4,
    ],
)
def test_what_is_not_http_is_an_http_error(answer: bytes) -> None:
    with _serve(answer) as sock, pytest.raises(HttpError):
        _get(sock)


def test_host_header() -> None:
    assert host_header("example.com", 443, 443) == "example.com"
    assert host_header("example.com", 8443, 443) == "example.com:8443"
    assert host_header("::1", 80, 443) == "[::1]:80"
