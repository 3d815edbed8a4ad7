"""What a check is given: the options of this run, its share of the deadline, and safe I/O helpers.

All network access of the checks goes through `CheckContext.connect` so that `--resolve`
works everywhere, every step is bounded by the run's one deadline, and the report can list
every server the program contacted (privacy: the user sees exactly whom we talked to).
"""

from __future__ import annotations

import datetime as dt
import queue
import socket
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TypeVar

from conndoctor.core.engine.kinds import Device
from conndoctor.core.engine.model import CheckResult
from conndoctor.core.engine.target import Target

T = TypeVar("T")

DEFAULT_NTP_SERVERS: tuple[str, ...] = (
    "ntp.nict.jp",
    "time.google.com",
    "time.cloudflare.com",
    "pool.ntp.org",
)
"""Japan's national time service beside big public pools; queried at once, first answers win."""


class Options(NamedTuple):
    """Everything a run depends on besides the machine itself. Built by the CLI or the wizard."""

    target: Target | None = None
    timeout_s: float = 10.0
    lang: Literal["ja", "en"] = "en"
    ntp_servers: tuple[str, ...] = DEFAULT_NTP_SERVERS
    connectivity_urls: tuple[str, ...] = ()
    """Empty means the built-in list of operating systems' and browsers' check URLs."""
    public_ca_file: str | None = None
    """Replaces certifi as 'the public trust store'."""
    system_ca_files: tuple[str, ...] = ()
    """Extra roots that 'this computer trusts', beside the OS store."""
    org_ca_files: tuple[str, ...] = ()
    """Roots that belong to the user's own organisation (its inspection proxy is not an attack)."""
    dns_servers: tuple[str, ...] = ()
    """Public resolvers to ask by address (IP[:PORT]) when names fail; empty: the built-in ones."""
    resolve: Mapping[tuple[str, int], tuple[str, ...]] = MappingProxyType({})
    now: dt.datetime | None = None
    """Pretend the computer's clock reads this (help desks reproduce a user's situation)."""
    seen: str | None = None
    """What the person's browser showed: an error code or pasted text."""
    browser_fails: bool = False
    """The person says the browser fails even if every check here passes."""
    home: Path | None = None
    """Home folder to scan for browsers; None means the real one."""
    skip: frozenset[str] = frozenset()
    device: Device = Device.THIS_COMPUTER
    """Which device shows the error (spelled as its value in the CLI and the JSON)."""
    browser: str | None = None
    """Which browser the person uses (a browser id from the browser inventory)."""
    os_override: tuple[str, str] | None = None
    """(os, version) of another device the person names, judged by the OS rules table."""


class Contact(NamedTuple):
    host: str
    port: int
    purpose: str


class HeadStart:
    """The site's first packets, sent while the program still loads its checks.

    The command line starts it as soon as it has read the target, so that on a slow link the
    connection's round trip overlaps the start-up. It resolves the name and connects to the
    first address exactly as `CheckContext.connect` would; the run's network.tcp then takes this
    connection instead of opening its own (the same address, or it is not used). Given a
    `secure` function (the command line's TLS handshake, as tls.handshake would make it), it
    shakes hands on the connection at once, and tls.handshake takes that outcome.
    """

    def __init__(
        self,
        host: str,
        port: int,
        resolve: Mapping[tuple[str, int], tuple[str, ...]],
        timeout: float,
        secure: Callable[[socket.socket, float], tuple[Any, socket.socket | None]] | None = None,
        ask: Callable[[socket.socket], Any] | None = None,
    ) -> None:
        self.host, self.port = host, port
        self._ask = ask
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
                sock = socket.create_connection((self.address, self.port), timeout=self._timeout)
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
            finally:
                self.secured.set()
            with self._lock:
                unwanted = self._abandoned and not self._handshake_taken
            if unwanted:
                self._close_handshake()
            elif self._ask is not None and self._handshake[1] is not None:
                self._ask_for_page(self._ask, self._handshake[1])

    def _ask_for_page(self, ask: Callable[[socket.socket], Any], secured: socket.socket) -> None:
        try:
            self._page = (True, ask(secured))
        except BaseException as exc:  # handed to whoever reads the page
            self._page = (False, exc)
        finally:
            self.page_done.set()

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
    secure: Callable[[socket.socket, float], tuple[Any, socket.socket | None]] | None = None,
    ask: Callable[[socket.socket], Any] | None = None,
) -> None:
    """Connect to the site now; with `secure` shake hands on the connection at once, and with
    `ask` then ask for the page on it. The next run for host:port takes the connection, the
    handshake's outcome and the page."""
    started = HeadStart(host, port, resolve, timeout, secure, ask)
    with _head_starts_lock:
        _head_starts[(host, port)] = started


def _take_head_start(options: Options) -> HeadStart | None:
    target = options.target
    if target is None:
        return None
    with _head_starts_lock:
        return _head_starts.pop((target.host, target.port), None)


def resolve_with(
    resolve: Mapping[tuple[str, int], tuple[str, ...]], host: str, port: int
) -> list[str]:
    """Addresses for host:port, honouring `--resolve` like curl. Raises OSError on failure."""
    override = resolve.get((host.lower(), port)) or resolve.get((host.lower(), 0))
    if override:
        return list(override)
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
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


class CheckContext:
    """Handed to every check; shared by all checks of one run (thread-safe)."""

    def __init__(
        self,
        options: Options,
        deadline: float,
        results: Mapping[str, CheckResult] | None = None,
        cancelled: threading.Event | None = None,
        planned: Collection[str] | None = None,
    ) -> None:
        self.options = options
        self.planned = frozenset(planned) if planned is not None else None
        """The checks of this run: waiting for any other one would only wait out the deadline."""
        self.deadline = deadline
        self.cancelled = cancelled or threading.Event()
        self._results: dict[str, CheckResult] = dict(results or {})
        self._result_ready: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._contacts: list[Contact] = []
        self.site = SiteConnection()
        self.site.head_start = _take_head_start(options)
        self._clock_skew = (
            (options.now - dt.datetime.now(dt.UTC)).total_seconds()
            if options.now is not None
            else 0.0
        )

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def step_timeout(self, wanted: float) -> float:
        """A timeout for one I/O step: what it wants, but never past the run's deadline."""
        return max(0.05, min(wanted, self.remaining() - 0.05))

    def computer_time(self, real: dt.datetime) -> dt.datetime:
        """What this computer's clock (or `--now`) showed at the real moment `real`."""
        return real + dt.timedelta(seconds=self._clock_skew)

    def computer_now(self) -> dt.datetime:
        """The time this computer's clock shows (or `--now`, advancing as the run goes)."""
        return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self._clock_skew)

    def resolve(self, host: str, port: int) -> list[str]:
        """Addresses for host:port, honouring `--resolve` like curl. Raises OSError on failure."""
        early = self.site.head_start
        overridden = any((host.lower(), p) in self.options.resolve for p in (port, 0))
        if (
            not overridden
            and early is not None
            and (early.host, early.port) == (host, port)
            and early.resolved.is_set()
            and early.addresses
        ):
            return list(early.addresses)  # the head start's answer: one question, not two
        return resolve_with(self.options.resolve, host, port)

    def note_contact(self, host: str, port: int, purpose: str) -> None:
        with self._lock:
            contact = Contact(host, port, purpose)
            if contact not in self._contacts:
                self._contacts.append(contact)

    @property
    def contacts(self) -> tuple[Contact, ...]:
        early = self.site.head_start
        if early is not None and early.address is not None:  # its packets left, used or not
            self.note_contact(early.host, early.port, "site")
        with self._lock:
            return tuple(self._contacts)

    def connect(
        self,
        host: str,
        port: int,
        *,
        purpose: str,
        timeout: float = 5.0,
        address: str | None = None,
    ) -> socket.socket:
        """A TCP connection to host:port (or a given address of it) within the deadline."""
        addresses = [address] if address else self.resolve(host, port)
        self.note_contact(host, port, purpose)
        last_error: OSError = OSError(f"no address for {host}")
        early = self.site.head_start
        for candidate in addresses:
            try:
                if early is not None and (early.host, early.port) == (host, port):
                    sock = early.take(candidate, self.step_timeout(timeout))
                    if sock is not None:
                        if not early.secures:
                            sock.settimeout(self.step_timeout(timeout))
                        return sock
                return socket.create_connection(
                    (candidate, port), timeout=self.step_timeout(timeout)
                )
            except OSError as exc:
                last_error = exc
            if self.remaining() <= 0.05:
                break
        raise last_error

    def publish(self, check_result: CheckResult) -> None:
        with self._lock:
            self._results[check_result.check_id] = check_result
            event = self._result_ready.setdefault(check_result.check_id, threading.Event())
        event.set()

    def given(self, check_id: str) -> CheckResult | None:
        """The result of a check this one `needs`: the runner starts a check only after its
        needs, so this never waits. None when that check is not part of this run."""
        with self._lock:
            return self._results.get(check_id)

    def result_of(
        self, check_id: str, wait: bool = True, within: float | None = None
    ) -> CheckResult | None:
        """Another check's result, waiting for it if it is part of this run and still running.

        The wait ends `within` seconds from now at most, and always a little before the deadline
        so that the waiting check still has time to report.
        """
        with self._lock:
            found = self._results.get(check_id)
            event = self._result_ready.setdefault(check_id, threading.Event())
        if found is not None or not wait:
            return found
        if self.planned is not None and check_id not in self.planned:
            return None
        limit = self.remaining() - 0.3
        if within is not None:
            limit = min(limit, within)
        event.wait(max(0.0, limit))
        with self._lock:
            return self._results.get(check_id)


def all_at_once(
    jobs: Sequence[Callable[[], T]],
    wait_s: float,
    *,
    name: str,
    enough: Callable[[T], bool] = lambda _answer: False,
) -> list[T]:
    """Run `jobs` on daemon threads at once and collect answers as they arrive.

    Stops after `wait_s`, when every job has answered, or as soon as one answer is `enough`;
    a job that hangs keeps only its own thread. Answers come in arrival order.
    """
    answers: queue.Queue[T] = queue.Queue()
    for job in jobs:
        threading.Thread(target=lambda j=job: answers.put(j()), daemon=True, name=name).start()
    end = time.monotonic() + wait_s
    collected: list[T] = []
    while len(collected) < len(jobs):
        try:
            answer = answers.get(timeout=max(0.01, end - time.monotonic()))
        except queue.Empty:
            break
        collected.append(answer)
        if enough(answer):
            break
    return collected
