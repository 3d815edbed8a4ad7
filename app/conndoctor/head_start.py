"""What the command line starts before its checks are loaded: the site's first packets, and
the certificate judgement's own process.

On a slow link a check's time goes to round trips, and on a fast one to the CPU of one Python
process. So, as soon as the target is read, the command line forks the judgement's process
(`core/trust/worker.py`, which loads `cryptography` on another core) and starts the head start
(`core/engine/connection.HeadStart`): it connects, shakes hands as tls.handshake would, asks
for the page as site.http_status would, and after a version alert makes the legacy probe.
Right after its ClientHello the time servers and the connectivity URLs are asked too
(`ask_time_and_connectivity`), and the report's modules load while the checks wait
(`start_preparing_output`). The run's checks take what came back and judge it themselves.
The wizard starts none of this.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt
    import socket
    import ssl

    from conndoctor.core.engine.connection import HeadStart, Probe
    from conndoctor.core.engine.target import Target
    from conndoctor.core.knowledge.languages import Lang
    from conndoctor.core.trust.trust_files import TrustFiles

HEAD_START_TIMEOUT_S = 5.0
"""network.tcp's own limit for one connection (`connectivity.TCP_TIMEOUT_S`)."""


def start_early(
    target: Target,
    resolve: Mapping[tuple[str, int], tuple[str, ...]],
    timeout: float,
    skip: Collection[str],
    roots: TrustFiles | None,
    now: dt.datetime | None = None,
) -> None:
    """Start what the run will take: the judgement's process first, with `roots` (before any
    thread runs: only a process that runs none may fork), then the head start, which asks it
    about the chain as soon as the handshake is over (at `now`: `--now`, else the clock).

    Returns once the head start's ClientHello has left, its connection failed, or
    `AFTER_HELLO_WAIT_S` passed: until then this thread would only compete with it for the
    interpreter (on a fast link the site's first packet waited up to 10 ms for this one)."""
    from conndoctor.core.engine.connection import start_head_start

    secure_it = target.scheme == "https" and "tls.handshake" not in skip
    page = secure_it and "site.http_status" not in skip
    hello = threading.Event()
    secure = (
        SecureOnOpen(target, page=page, hello=hello, roots=roots, now=now) if secure_it else None
    )
    ask = ask_for_page(target) if page else None
    again = legacy_after_alert(target) if secure_it else None
    if secure_it and roots is not None:
        from conndoctor.core.trust import worker

        worker.start(roots)
    started = start_head_start(
        target.host,
        target.port,
        resolve,
        min(timeout, HEAD_START_TIMEOUT_S),
        secure,
        ask,
        again,
        prepare=secure.prepare if secure is not None else None,
    )
    if secure_it:
        _wait_for_hello(started, hello)


def _wait_for_hello(started: HeadStart, hello: threading.Event) -> None:
    deadline = time.monotonic() + AFTER_HELLO_WAIT_S
    if started.connected.wait(AFTER_HELLO_WAIT_S) and started.opened:
        hello.wait(max(0.0, deadline - time.monotonic()))


class SecureOnOpen:
    """tls.handshake's own handshake, made on the head start's connection as soon as it is
    open: on a slow link the ClientHello's round trip overlaps loading the checks too. With
    `page` (the page will be asked for on it), the page request's modules load while the
    ClientHello's answer travels, not before it leaves. `hello` is set once it has left (or
    the handshake is over). With `roots`, the judgement's process (if one was forked) is asked
    about the chain as soon as it is there, at `now` (None: the clock's time then); with
    `page` by the thread that loaded the page's modules, so that the request for the page
    leaves first."""

    def __init__(
        self,
        target: Target,
        *,
        page: bool,
        hello: threading.Event | None,
        roots: TrustFiles | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        self._target = target
        self._page = page
        self._hello = hello
        self._roots = roots
        self._now = now
        self._context: ssl.SSLContext | None = None
        self._chain: Sequence[bytes] = ()
        self._shaken = threading.Event()

    def prepare(self) -> None:
        """While the connection's round trip travels, on the head start's own thread: the
        handshake's modules load and its context is made (the first reads OpenSSL's
        configuration). Only saves time: the handshake makes what is missing itself."""
        with contextlib.suppress(Exception):
            from conndoctor.core.probes.handshake import browser_context

            self._context = browser_context()

    def _after_hello(self) -> None:
        if self._hello is not None:
            self._hello.set()
        if self._page:
            threading.Thread(
                target=self._load_page_modules, daemon=True, name="page-modules"
            ).start()

    def __call__(self, sock: socket.socket, timeout: float) -> tuple[Any, socket.socket | None]:
        from conndoctor.core.probes.handshake import shake_hands  # on the head start's thread

        try:
            outcome = shake_hands(
                sock, self._target, timeout, after_hello=self._after_hello, context=self._context
            )
            self._chain = outcome[0].chain
        finally:
            self._shaken.set()
            if self._hello is not None:
                self._hello.set()
        if not self._page:
            self._ask_the_judgement()
        return outcome

    def _load_page_modules(self) -> None:
        """The page request's modules (its parser, httptools, and `urllib.parse`), loaded while the
        handshake's round trip travels: else the request leaves only after they are loaded, one
        such load later. Then, once the handshake is over, the judgement's question."""
        with contextlib.suppress(Exception):  # only saves time
            import httptools  # noqa: F401

            from conndoctor.core.probes import page_request  # noqa: F401
            from conndoctor.core.trust import worker

            worker.prepare_to_ask()
        if self._shaken.wait(HEAD_START_TIMEOUT_S):
            self._ask_the_judgement()

    def _ask_the_judgement(self) -> None:
        if self._roots is None or not self._chain:
            return
        with contextlib.suppress(Exception):  # the run asks itself
            import datetime as dt

            from conndoctor.core.trust import worker

            now = self._now or dt.datetime.now(dt.UTC)
            worker.ask_early(self._chain, self._target.host, now, self._roots)


def legacy_after_alert(target: Target) -> Callable[[Any], Probe | None]:
    """After a version alert, tls.handshake's legacy-version probe, made at once: a server
    that refuses TLS 1.2 and 1.3 is asked again before the checks have even loaded."""

    def fallback(outcome: tuple[Any, socket.socket | None]) -> Probe | None:
        if outcome[0].failure != "old_version":
            return None

        def legacy(address: str, timeout: float) -> Any:
            from conndoctor.core.probes.handshake import legacy_probe

            return legacy_probe(address, target, timeout)

        return legacy

    return fallback


def ask_for_page(target: Target) -> Callable[[socket.socket], Any]:
    """site.http_status's request, sent on the secured connection at once, as a browser does."""

    def ask(secured: socket.socket) -> Any:
        from conndoctor.core.probes.page_request import REQUEST_S, request_page

        return request_page(secured, target, target.path, REQUEST_S)

    return ask


Resolve = Mapping[tuple[str, int], tuple[str, ...]]
AFTER_HELLO_WAIT_S = 0.05
"""On a real link the site's connection takes a round trip to open: the command line does not
wait for its ClientHello that long before it asks the time and connectivity questions and
loads the checks."""


def ask_time_and_connectivity(
    ntp_servers: Sequence[str],
    connectivity_urls: Sequence[str],
    resolve: Resolve,
    timeout: float,
    skip: Collection[str],
    settings_file: str | None,
) -> None:
    """clock.network_time's and network.connectivity's questions, asked now, beside the site's
    head start: their round trips then overlap loading the checks (`core/engine/early.py`).
    Each goes where and as the check's own would (empty lists: the defaults); a skipped check
    asks nothing. Only where no settings file will be read (`settings_file`: --config), as an
    organisation's may name other servers, and only servers and URLs the run will accept:
    else the run asks them itself. Never raises: asking early only saves time.

    Asked from the main thread after `start_early` (the site's first packet leaves first) and
    before it loads the checks (a thread of their own would wait for its turn behind those
    imports)."""
    with contextlib.suppress(Exception):
        if _only_its_own_servers(ntp_servers, connectivity_urls, settings_file):
            _ask_time_and_connectivity(ntp_servers, connectivity_urls, resolve, timeout, skip)


def _only_its_own_servers(
    ntp_servers: Sequence[str], connectivity_urls: Sequence[str], settings_file: str | None
) -> bool:
    from conndoctor.core.engine.config_files import no_settings_file
    from conndoctor.core.engine.target import TargetError, check_web_url, parse_server

    try:
        for server in ntp_servers:
            parse_server(server, 123)
        for url in connectivity_urls:
            check_web_url(url)
    except TargetError:
        return False
    return no_settings_file(settings_file)


def _ask_time_and_connectivity(
    ntp_servers: Sequence[str],
    connectivity_urls: Sequence[str],
    resolve: Resolve,
    timeout: float,
    skip: Collection[str],
) -> None:
    if "clock.network_time" not in skip:
        from conndoctor.core.probes.ntp_exchange import DEFAULT_NTP_SERVERS

        for server in ntp_servers or DEFAULT_NTP_SERVERS:
            _ask_ntp_early(server, resolve, timeout)
    if "network.connectivity" not in skip:
        from conndoctor.core.probes.connectivity_list import probe_list

        for probe in probe_list(tuple(connectivity_urls)):
            _ask_connectivity_early(probe.url, resolve, timeout)


def _ask_ntp_early(server: str, resolve: Resolve, timeout: float) -> None:
    from conndoctor.core.engine.connection import resolve_with
    from conndoctor.core.engine.early import ask_early
    from conndoctor.core.engine.target import parse_server
    from conndoctor.core.probes.ntp_exchange import NTP_PORT, NTP_TIMEOUT_S, exchange_ntp

    host, port = parse_server(server, NTP_PORT)

    def ask(left: Callable[[], None]) -> Any:
        address = resolve_with(resolve, host, port)[0]
        left()
        return exchange_ntp(address, port, min(NTP_TIMEOUT_S, timeout))

    ask_early("ntp", server, host, port, "time", ask)


def _ask_connectivity_early(url: str, resolve: Resolve, timeout: float) -> None:
    import datetime as dt
    import urllib.parse

    from conndoctor.core.engine.connection import connect_to, resolve_with
    from conndoctor.core.engine.early import ask_early
    from conndoctor.core.probes.plain_get import PROBE_TIMEOUT_S, get

    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)

    def ask(left: Callable[[], None]) -> Any:
        def connect(host: str, port: int, wait_s: float) -> socket.socket:
            failure: OSError = OSError(f"no address for {host}")
            for address in resolve_with(resolve, host, port):
                left()
                try:
                    return connect_to(address, port, wait_s)
                except OSError as exc:
                    failure = exc
            raise failure

        return get(connect, url, min(PROBE_TIMEOUT_S, timeout), lambda: dt.datetime.now(dt.UTC))

    ask_early("connectivity", url, host, port, "connectivity", ask)


def start_preparing_output(lang: Lang, *, json_document: bool) -> threading.Thread:
    """Load what turning the results into the report and its output needs (the causes, the
    texts and, for a JSON document, the report's modules and its masking's patterns) on a
    thread, while the checks wait for answers: after the last answer only the work itself is
    left. Join it before writing the output."""
    preparing = threading.Thread(
        target=_prepare_output, args=(lang, json_document), name="output-modules"
    )
    preparing.start()
    return preparing


def _prepare_output(lang: Lang, json_document: bool) -> None:
    """Only saves time: a failure here is met again where it matters, and reported there."""
    with contextlib.suppress(Exception):
        from conndoctor.core.knowledge import catalog
        from conndoctor.core.knowledge.i18n import text

        catalog.causes()
        text("cli.heading", lang)
        if json_document:
            from conndoctor.report import contract  # noqa: F401
            from conndoctor.report.privacy import Masker, current_identity

            Masker(current_identity())  # its patterns compile now, and `re` keeps them
