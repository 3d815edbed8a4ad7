"""The run's one connection to the site, used the way a browser uses it.

The command line's head start (`HeadStart`) connects, shakes hands and asks for the page
before the checks are even loaded; `SiteConnection` hands that connection from network.tcp to
tls.handshake to site.http_status, so a healthy site costs no round trip beyond a browser's.
`resolve_with` is the one name lookup (honouring `--resolve` like curl) both use.
"""

from __future__ import annotations

import errno
import os
import selectors
import socket
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from conndoctor.core.engine.target import Target, wire_name

Secure = Callable[[socket.socket, float], tuple[Any, socket.socket | None]]
"""A TLS handshake on an open connection: (the handshake's record, the secured socket or None)."""
Probe = Callable[[str, float], Any]
"""A handshake on a connection of its own to an address, within a time limit: its record."""


class HeadStart:
    """The site's first packets, sent while the program still loads its checks.

    The command line starts it as soon as it has read the target, so that on a slow link the
    connection's round trip overlaps the start-up. It resolves the name and connects to the
    first address exactly as `CheckContext.connect` would; the run's network.tcp then takes this
    connection instead of opening its own (the same address, or it is not used). Given a
    `secure` function (the command line's TLS handshake, as tls.handshake would make it), it
    shakes hands on the connection at once, and tls.handshake takes that outcome. Given a
    `fallback`, it is asked which second handshake the first one's outcome calls for (the
    legacy-version probe after a version alert) and that one is made at once, on a connection
    of its own, before tls.handshake even asks for it.
    """

    def __init__(
        self,
        host: str,
        port: int,
        resolve: Mapping[tuple[str, int], tuple[str, ...]],
        timeout: float,
        secure: Secure | None = None,
        ask: Callable[[socket.socket], Any] | None = None,
        fallback: Callable[[Any], Probe | None] | None = None,
        prepare: Callable[[], None] | None = None,
    ) -> None:
        self.host, self.port = host, port
        self._prepare = prepare
        self._ask = ask
        self._fallback = fallback
        self._second: Probe | None = None
        self._second_outcome: tuple[bool, Any] = (False, None)
        self.second_done = threading.Event()
        self.page_done = threading.Event()
        self._page: tuple[bool, Any] | None = None
        self._resolve = resolve
        self._timeout = timeout
        self._secure = secure
        self._lock = threading.Lock()
        self.resolved = threading.Event()
        self.connected = threading.Event()
        self.secured = threading.Event()
        self._opened: socket.socket | None = None
        self._handshake: tuple[Any, socket.socket | None] | None = None
        self._handshake_taken = False
        self.addresses: list[str] | None = None
        self.address: str | None = None
        self._socket: socket.socket | None = None
        self._error: OSError | None = None
        self._taken = False
        self._abandoned = False
        threading.Thread(target=self._run, daemon=True, name="site-head-start").start()

    def _run(self) -> None:
        try:
            self.addresses = resolve_with(self._resolve, self.host, self.port)
            self.address = self.addresses[0] if self.addresses else None
        except (OSError, UnicodeError) as exc:
            self._error = OSError(str(exc))
        finally:
            self.resolved.set()
        if self.address is not None:
            try:
                sock = connect_meanwhile(self.address, self.port, self._timeout, self._prepare)
            except OSError as exc:
                self._error = exc
            else:
                with self._lock:
                    abandoned = self._abandoned  # nobody will take it any more
                    if not abandoned:
                        self._socket = self._opened = sock
                if abandoned:
                    sock.close()
        self.connected.set()
        if self._secure is not None and self._opened is not None:
            try:
                self._handshake = self._secure(self._opened, self._timeout)
                if self._fallback is not None:  # decided before anyone may ask for it
                    self._second = self._fallback(self._handshake)
            finally:
                self.secured.set()
            with self._lock:
                unwanted = self._abandoned and not self._handshake_taken
            if unwanted:
                self._close_handshake()
            elif self._ask is not None and self._handshake[1] is not None:
                self._ask_for_page(self._ask, self._handshake[1])
            if self._second is not None:
                self._shake_hands_again(self._second)

    def _shake_hands_again(self, second: Probe) -> None:
        assert self.address is not None
        try:
            self._second_outcome = (True, second(self.address, self._timeout))
        except BaseException as exc:  # handed to whoever asks for it
            self._second_outcome = (False, exc)
        finally:
            self.second_done.set()

    def second_handshake(self, wait_s: float) -> Any:
        """What the second handshake `fallback` chose gave, once the first one (taken by the
        run) failed, waiting up to `wait_s`; None when none was made. Raises TimeoutError when
        it takes longer."""
        with self._lock:
            if not self._handshake_taken or self._second is None:
                return None
        if not self.second_done.wait(wait_s):
            raise TimeoutError("timed out")
        made, outcome = self._second_outcome
        if not made:
            raise outcome
        return outcome

    def _ask_for_page(self, ask: Callable[[socket.socket], Any], secured: socket.socket) -> None:
        try:
            self._page = (True, ask(secured))
        except BaseException as exc:  # handed to whoever reads the page
            self._page = (False, exc)
        finally:
            self.page_done.set()

    @property
    def opened(self) -> bool:
        """Whether its connection opened (once `connected` is set)."""
        return self._opened is not None

    @property
    def handshake_taken(self) -> bool:
        """Whether the run took this head start's handshake (`handshake_on`)."""
        with self._lock:
            return self._handshake_taken

    @property
    def asks_for_page(self) -> bool:
        """Whether the page is asked for on the secured connection by this head start itself."""
        return self._ask is not None

    def page(self, timeout: float | None) -> Any:
        """What the page request returned (or raised), within `timeout` (None: until it ends;
        the request has a time limit of its own)."""
        if not self.page_done.wait(timeout):
            raise TimeoutError(f"no answer within {timeout} s")
        assert self._page is not None
        ok, value = self._page
        if not ok:
            raise value
        return value

    def handshake_on(
        self, sock: socket.socket, wait_s: float
    ) -> tuple[Any, socket.socket | None] | None:
        """What the TLS handshake started on `sock` right after connecting gave (the `secure`
        function's answer), waiting up to `wait_s`; None for a socket this head start did not
        open or did not secure. Raises TimeoutError when the handshake takes longer."""
        if self._secure is None or sock is not self._opened:
            return None
        if not self.secured.wait(wait_s):
            raise TimeoutError("timed out")
        with self._lock:
            self._handshake_taken = True
        return self._handshake

    @property
    def secures(self) -> bool:
        """Whether this head start shakes hands on its connection itself (then only
        `handshake_on` may use the socket: TLS takes it over)."""
        return self._secure is not None

    def _close_handshake(self) -> None:
        secured = self._handshake[1] if self._handshake is not None else None
        if secured is not None:
            secured.close()

    def take(self, address: str, wait_s: float) -> socket.socket | None:
        """The connection to `address` (waiting up to `wait_s` for it), once; None when this
        head start did not go to that address or was already taken. Raises what connecting
        raised, or TimeoutError when it took longer than `wait_s`."""
        with self._lock:
            if self._taken:
                return None
        if not self.resolved.wait(wait_s):
            return None
        if self.address != address:
            return None
        with self._lock:
            if self._taken:
                return None
            self._taken = True
        if not self.connected.wait(wait_s):
            with self._lock:
                self._abandoned = True
                late, self._socket = self._socket, None
            if late is not None:
                late.close()
            raise TimeoutError("timed out")
        with self._lock:
            sock, self._socket = self._socket, None
        if sock is None:
            raise self._error or OSError(f"no connection to {address}")
        return sock

    def discard(self) -> None:
        """The run is over: close a connection nobody took."""
        with self._lock:
            self._taken = self._abandoned = True
            sock, self._socket = self._socket, None
            unused_handshake = self.secured.is_set() and not self._handshake_taken
        if sock is not None:
            sock.close()
        if unused_handshake:
            self._close_handshake()


_head_starts: dict[tuple[str, int], HeadStart] = {}
_head_starts_lock = threading.Lock()


def start_head_start(
    host: str,
    port: int,
    resolve: Mapping[tuple[str, int], tuple[str, ...]],
    timeout: float,
    secure: Secure | None = None,
    ask: Callable[[socket.socket], Any] | None = None,
    fallback: Callable[[Any], Probe | None] | None = None,
    prepare: Callable[[], None] | None = None,
) -> HeadStart:
    """Connect to the site now; with `secure` shake hands on the connection at once, with
    `ask` then ask for the page on it, and with `fallback` make the second handshake a failed
    first one calls for. `prepare` runs while the connection's round trip travels. The next
    run for host:port takes the connection, the handshakes' outcomes and the page."""
    started = HeadStart(host, port, resolve, timeout, secure, ask, fallback, prepare)
    with _head_starts_lock:
        _head_starts[(host, port)] = started
    return started


def take_head_start(target: Target | None) -> HeadStart | None:
    """The head start for the run's site, once (a second run makes its own connections)."""
    if target is None:
        return None
    with _head_starts_lock:
        return _head_starts.pop((target.host, target.port), None)


_IN_PROGRESS = frozenset({0, getattr(errno, "EINPROGRESS", -1), errno.EWOULDBLOCK, errno.EAGAIN})
"""What a non-blocking connect answers while its SYN travels (Windows: WSAEWOULDBLOCK), or 0."""


def connect_meanwhile(
    address: str, port: int, timeout: float, meanwhile: Callable[[], None] | None = None
) -> socket.socket:
    """`socket.create_connection` to one address, with `meanwhile` run on this thread while
    the connection's round trip travels: the handshake's modules then load in time otherwise
    spent waiting, and not on a second thread that would contend with this one for the
    interpreter. Raises what `create_connection` raises (TimeoutError, ConnectionRefusedError,
    ...); the socket it returns has `timeout` set, as that one's has. The address goes to the
    lookup as bytes (`wire_name`): `create_connection` would load the IDNA codec for it."""
    deadline = time.monotonic() + timeout
    family, kind, proto, _name, sockaddr = socket.getaddrinfo(
        wire_name(address), port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setblocking(False)
        code = sock.connect_ex(sockaddr)
        if code not in _IN_PROGRESS:
            raise OSError(code, os.strerror(code))
        if meanwhile is not None:
            meanwhile()
        with selectors.DefaultSelector() as waiting:
            waiting.register(sock, selectors.EVENT_WRITE)
            if not waiting.select(max(0.0, deadline - time.monotonic())):
                raise TimeoutError("timed out")
        code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if code:
            raise OSError(code, os.strerror(code))
        sock.settimeout(timeout)
    except BaseException:
        sock.close()
        raise
    return sock


def connect_to(address: str, port: int, timeout: float) -> socket.socket:
    """An open connection to one address, as `socket.create_connection` makes it, without
    loading the IDNA codec (`connect_meanwhile` with nothing to do meanwhile)."""
    return connect_meanwhile(address, port, timeout)


def resolve_with(
    resolve: Mapping[tuple[str, int], tuple[str, ...]], host: str, port: int
) -> list[str]:
    """Addresses for host:port, honouring `--resolve` like curl. Raises OSError on failure."""
    override = resolve.get((host.lower(), port)) or resolve.get((host.lower(), 0))
    if override:
        return list(override)
    infos = socket.getaddrinfo(wire_name(host), port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in seen:
            seen.append(address)
    return seen


class SiteConnection:
    """The one connection to the site, used the way a browser uses it.

    network.tcp opens it and hands it over, tls.handshake secures it on the same socket and
    sends the request for the page at once, site.http_status reads the answer: the facts of a
    healthy site cost no round trip beyond the browser's own.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self._page_asked = False
        self._page_done = threading.Event()
        self._page: tuple[bool, Any] = (False, None)
        self.head_start: HeadStart | None = None

    def hand_over(self, sock: socket.socket) -> None:
        """Leave an open socket for the next step (replacing one nobody took)."""
        with self._lock:
            left, self._socket = self._socket, sock
        if left is not None:
            left.close()

    def take(self) -> socket.socket | None:
        """The open socket left by the previous step, now owned by the caller; None if none."""
        with self._lock:
            sock, self._socket = self._socket, None
        return sock

    def early_handshake(self, sock: socket.socket, wait_s: float) -> Any:
        """The head start's handshake on `sock`, if it made one (`HeadStart.handshake_on`)."""
        if self.head_start is None:
            return None
        return self.head_start.handshake_on(sock, wait_s)

    def early_second_handshake(self, wait_s: float) -> Any:
        """The head start's second handshake after its first one failed, if it made one
        (`HeadStart.second_handshake`)."""
        if self.head_start is None:
            return None
        return self.head_start.second_handshake(wait_s)

    def adopt_early_page(self, convert: Callable[[Any], Any]) -> bool:
        """Take the page the head start asked for right after its handshake (its answer passed
        through `convert`) as this run's page; False when it asked for none."""
        early = self.head_start
        if early is None or not early.asks_for_page or not early.handshake_taken:
            return False

        def run() -> None:
            assert early is not None
            try:
                self._page = (True, convert(early.page(None)))
            except BaseException as exc:  # handed to whoever reads the page
                self._page = (False, exc)
            self._page_done.set()

        with self._lock:
            self._page_asked = True
        threading.Thread(target=run, daemon=True, name="site-page").start()
        return True

    def ask_for_page(self, ask: Callable[[], Any]) -> None:
        """Start `ask` (a request on the open connection) on a worker thread at once."""

        def run() -> None:
            try:
                self._page = (True, ask())
            except BaseException as exc:  # handed to whoever reads the page
                self._page = (False, exc)
            self._page_done.set()

        with self._lock:
            self._page_asked = True
        threading.Thread(target=run, daemon=True, name="site-page").start()

    @property
    def page_asked(self) -> bool:
        with self._lock:
            return self._page_asked

    def page(self, timeout: float) -> Any:
        """What the request started by `ask_for_page` returned (or raised), within `timeout`."""
        if not self._page_done.wait(timeout):
            raise TimeoutError(f"no answer within {timeout:.1f} s")
        ok, value = self._page
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Close a socket nobody took (the run is over)."""
        sock = self.take()
        if sock is not None:
            sock.close()
        if self.head_start is not None:
            self.head_start.discard()
