"""http_reply reads what the checks need of an HTTP answer within its budgets. It reads with
httptools (llhttp); h11, another maintained parser, is the reference for what the answer
says."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import h11
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
    "early_hints": b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
    b"HTTP/1.1 102 Processing\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nServer:  spaced  \r\n\r\nok",
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
    """What h11 reads of the same bytes: the final answer's status, reason, headers (joined as
    http_reply joins them) and body."""
    client = h11.Connection(h11.CLIENT)
    client.send(h11.Request(method="GET", target="/", headers=[("Host", "lab.test")]))
    client.send(h11.EndOfMessage())
    client.receive_data(answer)
    client.receive_data(b"")
    headers: dict[str, str] = {}
    body = b""
    while True:
        event = client.next_event()
        if isinstance(event, h11.Response):
            status, reason = event.status_code, event.reason.decode()
            for name, value in event.headers:
                key, text = name.decode(), value.decode("iso-8859-1")
                headers[key] = f"{headers[key]}, {text}" if key in headers else text
        elif isinstance(event, h11.Data):
            body += event.data
        elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
            return status, reason, headers, body


@pytest.mark.parametrize("name", sorted(ANSWERS))
@pytest.mark.parametrize("pieces", [1, 7, 1000])
def test_answers_read_as_h11_reads_them(name: str, pieces: int) -> None:
    answer = ANSWERS[name]
    with _serve(answer, pieces) as sock:
        reply = _get(sock)
    status, reason, headers, expected_body = _reference(answer)
    assert (reply.status, reply.reason, reply.body) == (status, reason, expected_body)
    assert reply.complete
    assert dict(reply.headers) == headers
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


def test_an_answer_cut_short_is_an_http_error() -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this"
    with _serve(answer) as sock, pytest.raises(HttpError, match="middle of the answer"):
        _get(sock)


def test_a_refused_connect_is_read_with_its_body() -> None:
    answer = b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 4\r\n\r\ndeny"
    with _serve(answer) as sock:
        reply = exchange(
            sock, "CONNECT", "site.test:443", [("Host", "site.test:443")], time.monotonic() + 5,
            max_body=100,
        )  # fmt: skip
    assert (reply.status, reply.body, reply.leftover) == (407, b"deny", b"")


def test_a_head_just_within_the_limit_is_read() -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Pad: "
    head += b"p" * (2000 - len(head) - 4) + b"\r\n\r\n"
    with _serve(head + b"ok", pieces=9) as sock:
        reply = exchange(sock, "GET", "/", [("Host", "a")], time.monotonic() + 5, max_body=9,
                         max_head=2000)  # fmt: skip
    assert (reply.status, reply.body, reply.complete) == (200, b"ok", True)
    with _serve(head + b"ok") as sock, pytest.raises(HttpError):
        exchange(sock, "GET", "/", [("Host", "a")], time.monotonic() + 5, max_head=1999)


def test_a_folded_header_is_one_line() -> None:
    answer = b"HTTP/1.1 200 OK\r\nX-Folded: one\r\n  two\r\nContent-Length: 0\r\n\r\n"
    with _serve(answer) as sock:
        reply = _get(sock)
    assert reply.header("x-folded").split() == ["one", "two"]  # RFC 9112 5.2: one or more SP


def test_a_request_that_could_smuggle_a_header_is_refused() -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs, pytest.raises(HttpError):
        exchange(ours, "GET", "/", [("Host", "a\r\nX-Evil: 1")], time.monotonic() + 1)


def test_host_header() -> None:
    assert host_header("example.com", 443, 443) == "example.com"
    assert host_header("example.com", 8443, 443) == "example.com:8443"
    assert host_header("::1", 80, 443) == "[::1]:80"


def test_a_head_of_many_lines_is_read_up_to_its_size_limit() -> None:
    """Only the head's size limits it (http.client refused more than 100 lines)."""
    many = b"".join(b"X-Line-%d: %d\r\n" % (n, n) for n in range(1000))
    answer = b"HTTP/1.1 200 OK\r\n" + many + b"Content-Length: 0\r\n\r\n"
    with _serve(answer, pieces=13) as sock:
        reply = _get(sock)
    assert reply.header("x-line-999") == "999"
    assert dict(reply.headers) == _reference(answer)[2]
    with _serve(answer) as sock, pytest.raises(HttpError, match="longer than"):
        exchange(sock, "GET", "/", [("Host", "a")], time.monotonic() + 5, max_head=len(many))


def test_a_head_request_reads_no_body_whatever_the_length_says() -> None:
    """The answer to HEAD names the length of a body it does not send: the read ends at the
    head, not at the deadline."""
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(answer)  # and keeps the connection open
        began = time.monotonic()
        reply = exchange(ours, "HEAD", "/", [("Host", "a")], time.monotonic() + 3, max_body=100)
        assert time.monotonic() - began < 1
        assert b"HEAD / HTTP/1.1\r\nHost: a\r\n" in theirs.recv(65536)
    assert (reply.status, reply.body, reply.header("content-length")) == (200, b"", "5000")
    assert reply.complete


def test_what_follows_a_whole_answer_is_not_read_into_it() -> None:
    """A second answer after the first (the server's mistake) changes nothing of the first."""
    first = b"HTTP/1.1 301 Moved\r\nLocation: /a\r\nContent-Length: 2\r\n\r\nhi"
    second = b"HTTP/1.1 200 OK\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n"
    for pieces in (1, 5):
        with _serve(first + second, pieces) as sock:
            reply = _get(sock)
        assert (reply.status, reply.header("location"), reply.body) == (301, "/a", b"hi")


def test_switching_protocols_is_the_final_answer() -> None:
    answer = (
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n\x00\x00"
    )
    with _serve(answer) as sock:
        reply = _get(sock)
    assert (reply.status, reply.header("upgrade")) == (101, "h2c")


def test_a_tunnel_whose_answer_names_a_length_keeps_its_bytes() -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\x16\x03\x01"
    with _serve(answer) as sock:  # the tunnel's bytes came with the head
        reply = exchange(sock, "CONNECT", "site.test:443", [("Host", "site.test:443")],
                         time.monotonic() + 5)  # fmt: skip
    assert (reply.status, reply.leftover) == (200, b"\x16\x03\x01")


def test_chunks_cut_short_are_an_http_error() -> None:
    answer = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly"
    with _serve(answer) as sock, pytest.raises(HttpError, match="middle of the answer"):
        _get(sock)


def test_a_body_that_ends_with_the_connection_is_whole_at_its_end() -> None:
    answer = b"HTTP/1.1 200 OK\r\n\r\n" + b"y" * 50_000
    with _serve(answer, pieces=9) as sock:
        reply = _get(sock, max_body=60_000)
    assert (len(reply.body), reply.complete) == (50_000, True)
    with _serve(answer, pieces=9) as sock:
        reply = _get(sock, max_body=0)
    assert (reply.body, reply.complete) == (b"", False)


def test_what_follows_the_wanted_part_of_a_body_is_not_judged() -> None:
    """A body read up to its limit is what it is, whatever broken bytes follow it."""
    answer = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZ\r\n"
    with _serve(answer) as sock:
        reply = _get(sock, max_body=5)
    assert (reply.body, reply.complete) == (b"hello", False)
    with _serve(answer) as sock, pytest.raises(HttpError):
        _get(sock, max_body=6)
