"""One GET without following redirects: what a connectivity check, a PAC download and the
command line's early connectivity questions (`core/engine/early.py`) ask.

It is given how to connect (a run connects through its context, which records the contact),
so it loads nothing of the run and can be asked before the checks have loaded.
"""

from __future__ import annotations

import datetime as dt
import socket
import time
import urllib.parse
from collections.abc import Callable
from typing import NamedTuple

from conndoctor.core.probes.http_reply import exchange, host_header

Connect = Callable[[str, int, float], socket.socket]
"""(host, port, timeout) -> an open connection, or OSError."""


class HttpAnswer(NamedTuple):
    """One plain HTTP answer, or why there was none."""

    status: int | None = None
    location: str | None = None
    date_header: str | None = None
    received_at: str | None = None
    body: bytes = b""
    error: str = ""
    elapsed_ms: float = 0.0
    complete: bool = True
    """False when the body was longer than the limit and cut."""


PROBE_TIMEOUT_S = 4.0
"""A connectivity-check URL's time limit (network.connectivity)."""
MAX_PROBE_BODY = 64 * 1024
"""A connectivity answer is a few bytes; a portal's login page is judged by its first 64 KB."""


def get(
    connect: Connect,
    url: str,
    timeout: float,
    now: Callable[[], dt.datetime],
    max_body: int = MAX_PROBE_BODY,
) -> HttpAnswer:
    """GET `url` within `timeout` and `max_body` bytes of body; `now` dates the answer."""
    began = time.monotonic()
    deadline = began + timeout
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return HttpAnswer(error=f"not a web address: {url}")
    secure = parts.scheme == "https"
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return HttpAnswer(error=f"not a web address: {url}")
    try:
        port = port or (443 if secure else 80)
        sock = connect(host, port, timeout)
        if secure:
            import ssl

            from conndoctor.core.trust.truststores import certifi_file

            tls = ssl.create_default_context(cafile=certifi_file())
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            sock = tls.wrap_socket(sock, server_hostname=host)
        with sock:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            headers = [
                ("Host", host_header(host, port, 443 if secure else 80)),
                ("User-Agent", "conndoctor"),
                ("Accept", "*/*"),
                ("Cache-Control", "no-cache"),
                ("Connection", "close"),
            ]
            reply = exchange(sock, "GET", path, headers, deadline, max_body=max_body)
            received_at = now().isoformat()
    except (OSError, ValueError) as exc:  # HttpError is a ValueError, OutOfTime a TimeoutError
        elapsed = round((time.monotonic() - began) * 1000, 1)
        return HttpAnswer(error=f"{type(exc).__name__}: {exc}", elapsed_ms=elapsed)
    location = reply.header("Location")
    date = reply.header("Date")
    return HttpAnswer(
        status=reply.status,
        location=urllib.parse.urljoin(url, location) if location else None,
        date_header=date,
        received_at=received_at if date else None,
        body=reply.body,
        elapsed_ms=round((time.monotonic() - began) * 1000, 1),
        complete=reply.complete,
    )
