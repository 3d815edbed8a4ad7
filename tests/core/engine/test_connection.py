"""The site's first packets leave before the checks load (`context.HeadStart`), and the run takes
that one connection instead of opening a second one; real sockets on 127.0.0.1."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator

import pytest

from conndoctor.core.engine import connection
from conndoctor.core.engine.connection import start_head_start
from conndoctor.core.engine.context import CheckContext, Options
from conndoctor.core.engine.model import Status
from conndoctor.core.engine.target import parse_target, wire_name
from tests.lab.tls_servers import LabSite


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


def _outcome(connect: Callable[[], socket.socket]) -> tuple[str, float | None]:
    try:
        sock = connect()
    except OSError as exc:
        return type(exc).__name__, None
    with sock:
        return "connected", sock.gettimeout()


def _server(where: str, host: str) -> tuple[socket.socket, list[socket.socket]]:
    """A listener at `host` (`listening`), a port nobody listens on (`refused`), or a listener
    whose queue is full, so that the next SYN goes unanswered (`silent`); and the connections
    that fill it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server = socket.socket(family)
    server.bind((host, 0))
    fillers: list[socket.socket] = []
    if where == "listening":
        server.listen(8)
    elif where == "silent":
        server.listen(0)
        fillers.append(socket.create_connection(server.getsockname()[:2], timeout=1))
    return server, fillers


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        pytest.param(
            "::1", marks=pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback")
        ),
    ],
)
@pytest.mark.parametrize("where", ["listening", "refused", "silent"])
def test_a_connection_made_meanwhile_ends_as_create_connection_does(where: str, host: str) -> None:
    """The head start's connect runs its preparation while the SYN travels; it, and
    `connect_to` with nothing to prepare, must open, fail and time out exactly like
    `socket.create_connection` to the same place."""
    server, fillers = _server(where, host)
    port = server.getsockname()[1]
    if where == "refused":
        server.close()
    ran: list[bool] = []
    try:
        ours = _outcome(
            lambda: connection.connect_meanwhile(host, port, 0.5, lambda: ran.append(True))
        )
        stdlib = _outcome(lambda: socket.create_connection((host, port), timeout=0.5))
        plain = _outcome(lambda: connection.connect_to(host, port, 0.5))
    finally:
        server.close()
        for filler in fillers:
            filler.close()
    expected = {
        "listening": "connected",
        "refused": "ConnectionRefusedError",
        "silent": "TimeoutError",
    }
    assert ours == stdlib == plain
    assert ours[0] == expected[where]
    if where != "refused":  # a refusal on loopback may come before there is time to prepare
        assert ran == [True]


def test_the_preparation_runs_while_the_connection_is_still_opening() -> None:
    """Against a SYN nobody answers, the preparation has run by the time the connect gives up,
    and its time counts against the same limit."""
    server, fillers = _server("silent", "127.0.0.1")
    seen: list[int] = []

    def prepare() -> None:
        time.sleep(0.6)
        seen.append(1)

    started = time.monotonic()
    try:
        with pytest.raises(TimeoutError):
            connection.connect_meanwhile("127.0.0.1", server.getsockname()[1], 1.0, prepare)
    finally:
        server.close()
        fillers[0].close()
    assert seen == [1]
    assert time.monotonic() - started < 1.45  # 1.6 if the limit did not count it


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


def _site_checks() -> list[object]:
    from conndoctor.core.checks import network, site, tls

    return [
        *(c for c in network.CHECKS if c.id in ("network.dns", "network.tcp")),
        *tls.CHECKS,
        *site.CHECKS,
    ]


def _start_like_the_cli(options: Options, *, page: bool = True) -> None:
    """The command line's head start: connect, shake hands, ask for the page, and after a
    version alert make the legacy probe (`head_start.py`)."""
    from conndoctor import head_start

    target = options.target
    assert target is not None
    secure = head_start.SecureOnOpen(target, page=page, hello=None)
    ask = head_start.ask_for_page(target) if page else None
    again = head_start.legacy_after_alert(target)
    start_head_start(target.host, target.port, options.resolve, 5.0, secure, ask, again)


@pytest.mark.parametrize("page", [True, False])
def test_the_early_handshake_and_page_are_the_runs_one_connection(
    lab_site: Callable[..., LabSite], page: bool
) -> None:
    from conndoctor.core.engine.runner import run_checks
    from tests.lab.tls_servers import CountingRelay

    relay = CountingRelay(lab_site("healthy"))
    try:
        options = relay.options(timeout_s=5)
        _start_like_the_cli(options, page=page)
        outcome = run_checks(_site_checks(), options)  # type: ignore[arg-type]
    finally:
        relay.stop()
    by_id = {r.check_id: r for r in outcome.results}
    assert by_id["tls.handshake"].status == Status.OK, by_id["tls.handshake"]
    assert by_id["site.http_status"].details["status"] == 200
    assert by_id["site.http_status"].details["date_header_received_at"]
    assert relay.connections == 1


@pytest.mark.parametrize("kind", ["tls10_only", "expired", "silent", "reset", "not_tls"])
def test_an_early_handshake_is_judged_like_one_made_by_the_check(
    lab_site: Callable[..., LabSite], kind: str
) -> None:
    """The same causes whether the command line or tls.handshake shook hands first."""
    from conndoctor.core.engine.runner import run_checks

    site = lab_site(kind)
    timeout = 2 if kind == "silent" else 5
    without = run_checks(_site_checks(), site.options(timeout_s=timeout))  # type: ignore[arg-type]
    options = site.options(timeout_s=timeout)
    _start_like_the_cli(options)
    started = time.monotonic()
    early = run_checks(_site_checks(), options)  # type: ignore[arg-type]
    assert time.monotonic() - started < timeout + 0.5
    for check_id in ("tls.handshake", "site.http_status"):
        first = next(r for r in without.results if r.check_id == check_id)
        second = next(r for r in early.results if r.check_id == check_id)
        assert (second.status, second.causes) == (first.status, first.causes), (first, second)
    assert site.expected_cause in {c for r in early.results for c in r.causes}


def test_the_legacy_probe_leaves_with_the_head_start_after_a_version_alert(
    lab_site: Callable[..., LabSite],
) -> None:
    """A TLS 1.0-only server: the head start asks again with the legacy versions as soon as
    the first handshake is refused, and tls.handshake takes that answer instead of making a
    third connection; the details are the ones the check finds by itself."""
    from conndoctor.core.engine.runner import run_checks
    from tests.lab.tls_servers import CountingRelay

    relay = CountingRelay(lab_site("tls10_only"))
    try:
        alone = run_checks(_site_checks(), relay.options(timeout_s=5))  # type: ignore[arg-type]
        made_alone = relay.connections
        options = relay.options(timeout_s=5)
        _start_like_the_cli(options)
        target = options.target
        assert target is not None
        early = connection._head_starts[(target.host, target.port)]
        assert early.second_done.wait(5)
        assert relay.connections - made_alone == 2  # before the run asked for anything
        with_head_start = run_checks(_site_checks(), options)  # type: ignore[arg-type]
    finally:
        relay.stop()
    assert relay.connections - made_alone == 2
    tls_alone, tls_early = (
        next(r for r in outcome.results if r.check_id == "tls.handshake")
        for outcome in (alone, with_head_start)
    )
    assert tls_early.causes == tls_alone.causes == ("server_tls_obsolete",)
    assert tls_early.details["legacy_handshake"] == tls_alone.details["legacy_handshake"]
    assert tls_early.details["legacy_handshake"]["version"] == "TLSv1"


def test_a_head_start_nobody_takes_closes_its_secured_connection(
    lab_site: Callable[..., LabSite],
) -> None:
    site = lab_site("healthy")
    options = site.options(timeout_s=5)
    _start_like_the_cli(options, page=False)
    ctx = CheckContext(options, time.monotonic() + 5)
    early = ctx.site.head_start
    assert early is not None and early.secured.wait(5)
    ctx.site.close()
    handshake = early._handshake
    assert handshake is not None and handshake[1] is not None
    assert handshake[1].fileno() == -1


def test_the_command_line_goes_on_once_the_client_hello_has_left(listener: socket.socket) -> None:
    """`start_early` returns once the site's ClientHello has left (or its connection failed):
    until then the command line's own work would only compete with the head start."""
    from conndoctor import head_start

    port = listener.getsockname()[1]
    options = _options(port)
    assert options.target is not None
    head_start.start_early(options.target, options.resolve, 5.0, set(), None)
    accepted, _ = listener.accept()
    with accepted:
        accepted.setblocking(False)
        record = accepted.recv(5, socket.MSG_PEEK)  # there already, without waiting
    assert record[:1] == b"\x16", record  # a TLS handshake record
    connection.take_head_start(options.target).discard()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "host",
    [
        "example.com",
        "WWW.Example.COM",
        "xn--r8jz45g.xn--zckzah",
        "example.com.",
        "127.0.0.1",
        "::1",
    ],
)
def test_a_name_is_looked_up_as_the_idna_codec_would_give_it(host: str) -> None:
    """`getaddrinfo` encodes a text name with Python's IDNA codec; an ASCII name is handed over
    as bytes instead (the codec's load is spared), the very bytes the codec makes."""
    assert wire_name(host) == host.encode("idna")
    assert wire_name("例え.テスト") == "例え.テスト"  # the codec's case, untouched


def test_a_lookup_gives_the_same_addresses_either_way() -> None:
    as_text = socket.getaddrinfo("localhost", 443, type=socket.SOCK_STREAM)
    as_bytes = socket.getaddrinfo(wire_name("localhost"), 443, type=socket.SOCK_STREAM)
    assert as_bytes == as_text
    assert connection.resolve_with({}, "localhost", 443) == list(
        dict.fromkeys(str(info[4][0]) for info in as_text)
    )
