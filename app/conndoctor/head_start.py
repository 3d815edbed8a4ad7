"""What the command line starts before its checks are loaded: the site's first packets, and
the certificate judgement's own process.

On a slow link a check's time goes to round trips, and on a fast one to the CPU of one Python
process. So, as soon as the target is read, the command line forks the judgement's process
(`core/trust/worker.py`, which loads `cryptography` on another core) and starts the head start
(`core/engine/connection.HeadStart`): it connects, shakes hands as tls.handshake would, asks
for the page as site.http_status would, and after a version alert makes the legacy probe. The
run's checks take what came back and judge it themselves. The wizard starts none of this.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import socket

    from conndoctor.core.engine.connection import Probe
    from conndoctor.core.engine.target import Target
    from conndoctor.core.trust.trust_files import TrustFiles

HEAD_START_TIMEOUT_S = 5.0
"""network.tcp's own limit for one connection (`connectivity.TCP_TIMEOUT_S`)."""


def start_early(
    target: Target,
    resolve: Mapping[tuple[str, int], tuple[str, ...]],
    timeout: float,
    skip: Collection[str],
    roots: TrustFiles | None,
) -> None:
    """Start what the run will take: the judgement's process first, with `roots` (before any
    thread runs: only a process that runs none may fork), then the head start."""
    from conndoctor.core.engine.connection import start_head_start

    secure_it = target.scheme == "https" and "tls.handshake" not in skip
    page = secure_it and "site.http_status" not in skip
    secure = secure_on_open(target, page=page) if secure_it else None
    ask = ask_for_page(target) if page else None
    again = legacy_after_alert(target) if secure_it else None
    if secure_it and roots is not None:
        from conndoctor.core.trust import worker

        worker.start(roots)
    start_head_start(
        target.host, target.port, resolve, min(timeout, HEAD_START_TIMEOUT_S), secure, ask, again
    )
    if secure_it:  # the ClientHello's modules load while the connection opens, first
        from conndoctor.core.probes import handshake  # noqa: F401


def secure_on_open(
    target: Target, *, page: bool
) -> Callable[[socket.socket, float], tuple[Any, socket.socket | None]]:
    """tls.handshake's own handshake, made on the head start's connection as soon as it is
    open: on a slow link the ClientHello's round trip overlaps loading the checks too. With
    `page` (the page will be asked for on it), the page request's modules load while the
    ClientHello's answer travels, not before it leaves."""

    def secure(sock: socket.socket, timeout: float) -> tuple[Any, socket.socket | None]:
        from conndoctor.core.probes.handshake import shake_hands  # on the head start's thread

        load = _start_loading_page_request if page else None  # once the ClientHello has left
        return shake_hands(sock, target, timeout, after_hello=load)

    return secure


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


def _start_loading_page_request() -> None:
    threading.Thread(target=_load_page_request, daemon=True, name="page-modules").start()


def _load_page_request() -> None:
    """The page request's modules (h11 is the largest), loaded while the handshake's round trip
    travels: else the request leaves only after they are loaded, one such load later."""
    import h11  # noqa: F401

    from conndoctor.core.probes import page_request  # noqa: F401
