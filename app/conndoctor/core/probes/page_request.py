"""The request for the page, as a browser sends it: one GET with the browser's few headers.

site.http_status sends it on the run's one connection; the command line's head start sends it
the moment its handshake is done. Both read the answer with `http_reply.exchange` (httptools).
"""

from __future__ import annotations

import datetime as dt
import socket
import time
import urllib.parse

from conndoctor.core.engine.target import Target
from conndoctor.core.probes.http_reply import Reply, exchange, host_header

REQUEST_S = 8.0
USER_AGENT = "Mozilla/5.0 (compatible; conndoctor/0.1; +connection check)"


def request_page(
    sock: socket.socket, target: Target, path: str, timeout: float
) -> tuple[Reply, dt.datetime]:
    """Ask an open connection for `path` within `timeout`: the answer and the real time it
    arrived (a run turns it into this computer's time). The socket is closed afterwards."""
    deadline = time.monotonic() + timeout
    headers = [
        ("Host", authority(target)),
        ("User-Agent", USER_AGENT),
        ("Accept", "text/html,*/*"),
        ("Connection", "close"),
    ]
    with sock:
        sock.settimeout(timeout)
        quoted = urllib.parse.quote(path, safe="/%?&=:@!$'()*+,;~")
        reply = exchange(sock, "GET", quoted, headers, deadline)
    return reply, dt.datetime.now(dt.UTC)


def authority(target: Target) -> str:
    """The Host header and the URL authority of the site (the default port left out)."""
    return host_header(target.host, target.port, 443 if target.scheme == "https" else 80)
