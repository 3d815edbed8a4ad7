"""The connection to the site the way a browser makes it: directly, or through the proxy tunnel
network.tcp found to be the only way (read from its result, so every later step agrees)."""

from __future__ import annotations

import socket
import time

from conndoctor.core.engine.context import CheckContext
from conndoctor.core.engine.facts import TcpFacts
from conndoctor.core.engine.model import facts_of
from conndoctor.core.probes import proxy
from conndoctor.core.probes.connectivity import TCP_TIMEOUT_S

VIA_PROXY = "network.tcp.via_proxy"
"""network.tcp's summary when only an HTTP proxy reaches the site."""


def site_connection(ctx: CheckContext, purpose: str, timeout: float) -> socket.socket:
    """A TCP connection to the site the way the browser makes it: directly, or through an HTTP
    proxy tunnel when only the proxy reaches the site (network.tcp found that out)."""
    target = ctx.options.target
    assert target is not None
    tcp = ctx.result_of("network.tcp", within=TCP_TIMEOUT_S + 2)
    facts = facts_of(tcp, TcpFacts)
    if tcp is None or tcp.summary.key != VIA_PROXY or facts is None or not facts.proxy_host:
        return ctx.connect(target.host, target.port, purpose=purpose, timeout=timeout)
    deadline = time.monotonic() + ctx.step_timeout(timeout)
    sock = ctx.connect(
        facts.proxy_host, int(facts.proxy_port or 0), purpose="proxy", timeout=timeout
    )
    ctx.note_contact(target.host, target.port, purpose)
    try:
        return proxy.open_tunnel(sock, target.host, target.port, deadline)
    except BaseException:
        sock.close()
        raise
