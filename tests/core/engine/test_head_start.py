"""The site's first packets leave before the checks load (`context.HeadStart`), and the run takes
that one connection instead of opening a second one; real sockets on 127.0.0.1."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from conndoctor.core.engine.context import CheckContext, Options, start_head_start
from conndoctor.core.engine.target import parse_target


@pytest.fixture()
def listener() -> Iterator[socket.socket]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(2)
    yield server
    server.close()


def _options(port: int) -> Options:
    return Options(
        target=parse_target(f"https://localhost:{port}/"),
        resolve={("localhost", port): ("127.0.0.1",)},
    )


def _pending_connections(server: socket.socket) -> int:
    server.setblocking(False)
    count = 0
    try:
        while True:
            server.accept()[0].close()
            count += 1
    except BlockingIOError:
        return count
    finally:
        server.setblocking(True)


def test_the_run_takes_the_head_start_connection(listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    options = _options(port)
    start_head_start("localhost", port, options.resolve, 5.0)
    accepted, peer = listener.accept()  # the packets left before any run exists
    ctx = CheckContext(options, time.monotonic() + 5)
    sock = ctx.connect("localhost", port, purpose="site", address="127.0.0.1")
    assert sock.getsockname() == peer
    assert _pending_connections(listener) == 0
    assert ("localhost", port, "site") in ctx.contacts
    sock.close()
    accepted.close()
    ctx.site.close()


def test_the_head_start_answers_the_name_once(listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    start_head_start("localhost", port, {}, 5.0)
    accepted, _ = listener.accept()
    ctx = CheckContext(Options(target=parse_target(f"https://localhost:{port}/")), time.time())
    ctx.deadline = time.monotonic() + 5
    assert ctx.resolve("localhost", port) == ctx.site.head_start.addresses  # type: ignore[union-attr]
    accepted.close()
    ctx.site.close()


def test_another_address_gets_its_own_connection_and_the_unused_one_is_closed(
    listener: socket.socket,
) -> None:
    port = listener.getsockname()[1]
    other = socket.socket()
    other.bind(("127.0.0.2", port))
    other.listen(1)
    other.settimeout(2)
    options = _options(port)
    start_head_start("localhost", port, options.resolve, 5.0)
    early, _ = listener.accept()
    ctx = CheckContext(options, time.monotonic() + 5)
    sock = ctx.connect("localhost", port, purpose="site", address="127.0.0.2")
    assert sock.getpeername() == ("127.0.0.2", port)
    ctx.site.close()  # the run is over: the head start nobody took closes
    early.settimeout(2)
    assert early.recv(1) == b""
    for s in (sock, early, other):
        s.close()


def test_a_refused_head_start_fails_like_a_connection_made_then() -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    options = _options(port)
    start_head_start("localhost", port, options.resolve, 5.0)
    ctx = CheckContext(options, time.monotonic() + 5)
    with pytest.raises(ConnectionRefusedError):
        ctx.connect("localhost", port, purpose="site", address="127.0.0.1")
    ctx.site.close()


def test_a_head_start_serves_one_run_only(listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    options = _options(port)
    start_head_start("localhost", port, options.resolve, 5.0)
    first = CheckContext(options, time.monotonic() + 5)
    second = CheckContext(options, time.monotonic() + 5)
    assert first.site.head_start is not None
    assert second.site.head_start is None
    first.site.close()
