"""The site's TLS handshakes within a run (`handshake.shake_hands` under the run's deadline),
and the AIA issuer download.

The handshake accepts any chain: we always want the chain the server sent, and a connection
that survives a bad certificate still carries the request for the page; `tls_verdict` judges
the chain. A second, deliberately old-fashioned handshake (TLS 1.0/1.1, every cipher) tells
'the server is obsolete' from 'the server is broken', and one offering a throw-away client
certificate tells 'the server demands a client certificate' from 'no cipher in common'.
"""

from __future__ import annotations

import socket
import ssl
import time
import urllib.parse
from typing import NamedTuple

from conndoctor.core.engine.context import CheckContext
from conndoctor.core.engine.target import Target
from conndoctor.core.probes.handshake import Handshake, shake_hands
from conndoctor.core.probes.http_reply import HttpError, exchange, host_header
from conndoctor.core.probes.site_connection import site_connection

MARGIN_S = 0.3
"""Time kept back from the deadline so a check still reports what it saw."""
HANDSHAKE_S = 8.0
AIA_S = 3.0
AIA_MAX_BYTES = 64 * 1024


def io_timeout(ctx: CheckContext, wanted: float) -> float:
    """A step's timeout that leaves the check time to report before the run's deadline."""
    return max(0.05, min(wanted, ctx.remaining() - MARGIN_S))


def handshake(
    ctx: CheckContext,
    target: Target,
    *,
    legacy: bool = False,
    client_certificate: bool = False,
) -> Handshake:
    """Connect and shake hands once. Raises OSError only when the TCP connection fails.

    Nothing is verified here: trust is judged by `tls_verdict`, on the chain as sent.
    With `client_certificate` a throw-away self-signed client certificate is offered, to
    learn whether the server demands one (it is no one's identity and proves nothing).
    """
    sock = site_connection(ctx, "site", io_timeout(ctx, 5.0))
    session, tls = handshake_on(
        ctx, target, sock, legacy=legacy, client_certificate=client_certificate
    )
    if tls is not None:
        tls.close()
    return session


def handshake_on(
    ctx: CheckContext,
    target: Target,
    sock: socket.socket,
    *,
    legacy: bool = False,
    client_certificate: bool = False,
) -> tuple[Handshake, ssl.SSLSocket | None]:
    """Shake hands on an open connection; on success the secured socket stays open for the
    page, so the page costs no connection of its own (the caller closes it)."""
    return shake_hands(
        sock,
        target,
        io_timeout(ctx, HANDSHAKE_S),
        legacy=legacy,
        client_certificate=client_certificate,
    )


class IssuerFetch(NamedTuple):
    """What came of downloading an issuer certificate: its bytes, or why there are none."""

    body: bytes | None
    problem: str = ""
    """"", "no_time", "refused", "timeout", "too_large", "not_http", "status NNN", "closed"."""


def fetch_ca_issuer_answer(ctx: CheckContext, url: str) -> IssuerFetch:
    """Download a missing intermediate from the leaf's AIA address: plain HTTP, at most
    AIA_MAX_BYTES, within AIA_S and the run's deadline (a dripping server runs out of time)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        return IssuerFetch(None, "not_http")
    if ctx.remaining() < 2 * MARGIN_S:
        return IssuerFetch(None, "no_time")
    try:
        port = parts.port or 80
    except ValueError:
        return IssuerFetch(None, "not_http")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + io_timeout(ctx, AIA_S)
    try:
        sock = ctx.connect(parts.hostname, port, purpose="aia", timeout=io_timeout(ctx, AIA_S))
    except TimeoutError:
        return IssuerFetch(None, "timeout")
    except OSError:
        return IssuerFetch(None, "refused")
    headers = [
        ("Host", host_header(parts.hostname, port, 80)),
        ("User-Agent", "conndoctor"),
        ("Connection", "close"),
    ]
    try:
        with sock:
            reply = exchange(sock, "GET", path, headers, deadline, max_body=AIA_MAX_BYTES + 1)
    except TimeoutError:
        return IssuerFetch(None, "timeout")
    except HttpError:
        return IssuerFetch(None, "not_http")
    except OSError:
        return IssuerFetch(None, "closed")
    if reply.status != 200:
        return IssuerFetch(None, f"status {reply.status}")
    if len(reply.body) > AIA_MAX_BYTES:
        return IssuerFetch(None, "too_large")
    return IssuerFetch(reply.body or None, "" if reply.body else "closed")


def fetch_ca_issuer(ctx: CheckContext, url: str) -> bytes | None:
    """The issuer certificate's bytes, or None (the reason is in `fetch_ca_issuer_answer`)."""
    return fetch_ca_issuer_answer(ctx, url).body
