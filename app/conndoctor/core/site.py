"""Once the secure connection works: does the site itself answer, or is it down for maintenance?

One GET for the page the person wanted, on the connection the handshake secured (sent the
moment the handshake ended, as a browser sends it), or on a connection of its own when there
is none to reuse. Trust was judged by tls.handshake, so the ssl layer does not verify here.
The answer's Date header is kept because the clock check uses it as a time source when NTP
is blocked.
"""

from __future__ import annotations

import socket
import ssl
from typing import Any

from conndoctor.core.context import CheckContext
from conndoctor.core.http_reply import HttpError, Reply, read_head
from conndoctor.core.model import Area, CheckResult, Finding, Message, Status, result, when
from conndoctor.core.network import site_connection
from conndoctor.core.runner import Check
from conndoctor.core.tls_probe import browser_context, io_timeout

CHECK_ID = "site.http_status"
TLS_CHECK = "tls.handshake"
LEGACY_ONLY_CAUSES = ("server_tls_obsolete", "tls_cipher_mismatch")
REQUEST_S = 8.0
USER_AGENT = "Mozilla/5.0 (compatible; conndoctor/0.1; +connection check)"


def _handshake_state(ctx: CheckContext) -> str:
    """'ok', 'cert_problem' (a session exists, a browser would refuse it) or 'failed'.

    The page is fetched even behind a bad certificate: its Date header is what tells a
    wrong clock from a really expired certificate when NTP is blocked.
    """
    if TLS_CHECK in ctx.options.skip:
        return "ok"
    tls = ctx.given(TLS_CHECK)
    if tls is None or tls.status in (Status.OK, Status.WARN):
        return "ok"
    legacy_only = any(c in LEGACY_ONLY_CAUSES for c in tls.causes)
    if tls.status == Status.FAIL and tls.details.get("version") and not legacy_only:
        return "cert_problem"
    return "failed"


def _request(ctx: CheckContext, sock: socket.socket) -> tuple[Reply, str]:
    """Ask an open connection for the page; the answer's head and when it arrived."""
    target = ctx.options.target
    assert target is not None
    host = f"[{target.host}]" if target.ip_version == 6 else target.host
    if target.port != (443 if target.scheme == "https" else 80):
        host += f":{target.port}"
    request = (
        f"GET {target.path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {USER_AGENT}\r\n"
        "Accept: text/html,*/*\r\nConnection: close\r\n\r\n"
    )
    with sock:
        sock.settimeout(io_timeout(ctx, REQUEST_S))
        sock.sendall(request.encode("ascii", "replace"))
        reply, _body = read_head(sock)
    return reply, ctx.computer_now().isoformat()


def ask_for_page(ctx: CheckContext, secured: ssl.SSLSocket) -> None:
    """Send the request on the connection tls.handshake just secured, without waiting for the
    verdict (a browser does the same); the socket is closed when the answer is read."""
    if ctx.planned is not None and CHECK_ID not in ctx.planned:
        secured.close()
        return
    ctx.site.ask_for_page(lambda: _request(ctx, secured))


def _get(ctx: CheckContext) -> tuple[Reply, str]:
    target = ctx.options.target
    assert target is not None
    if ctx.site.page_asked:
        answer: tuple[Reply, str] = ctx.site.page(io_timeout(ctx, REQUEST_S))
        return answer
    sock = ctx.site.take() or site_connection(ctx, "site", io_timeout(ctx, 5.0))
    if target.scheme == "https" and not isinstance(sock, ssl.SSLSocket):
        sock.settimeout(io_timeout(ctx, REQUEST_S))
        try:
            sock = browser_context().wrap_socket(
                sock, server_hostname=None if target.is_ip else target.host
            )
        except BaseException:
            sock.close()
            raise
    return _request(ctx, sock)


def retry_after_text(value: str) -> dict[str, Any]:
    """Retry-After as seconds or as a date (RFC 9110 10.2.3), for the detail sentence."""
    value = value.strip()
    if value.isdigit():
        return {"retry_seconds": int(value)}
    try:
        import email.utils

        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return {}
    return {"retry_at": when(moment)}


def _run(ctx: CheckContext) -> CheckResult:
    target = ctx.options.target
    assert target is not None
    handshake = _handshake_state(ctx)
    if handshake == "failed":
        return result(CHECK_ID, Status.SKIPPED, "site.skipped_no_tls", host=target.display_host)
    try:
        response, received_at = _get(ctx)
    except (OSError, ssl.SSLError, HttpError) as exc:
        error = {"error": f"{type(exc).__name__}: {exc}"}
        return result(
            CHECK_ID, Status.WARN, "site.no_answer", details=error, host=target.display_host
        )
    status = response.status
    details: dict[str, Any] = {
        "status": status,
        "reason": response.reason,
        "retry_after": response.header("Retry-After"),
        "server": response.header("Server"),
        "date_header": response.header("Date"),
        "date_header_received_at": received_at,
        "location": response.header("Location"),
    }
    if status == 503:
        retry = retry_after_text(details["retry_after"] or "")
        key = "site.detail.maintenance_" + (
            "seconds" if "retry_seconds" in retry else "until" if "retry_at" in retry else "plain"
        )
        evidence = {"status": status, "retry_after": details["retry_after"] or ""}
        finding = Finding(
            "site_maintenance", 0.9, evidence, Message(key, {"host": target.display_host, **retry})
        )
        return result(
            CHECK_ID,
            Status.FAIL,
            "site.maintenance",
            details=details,
            findings=[finding],
            host=target.display_host,
            code=status,
        )
    if status >= 500:
        return result(
            CHECK_ID,
            Status.WARN,
            "site.server_error",
            details=details,
            host=target.display_host,
            code=status,
        )
    return result(
        CHECK_ID,
        Status.OK,
        "site.answered" if handshake == "ok" else "site.answered_despite_certificate",
        details=details,
        host=target.display_host,
        code=status,
    )


CHECKS: tuple[Check, ...] = (
    Check(CHECK_ID, Area.SITE, _run, needs=("network.tcp", TLS_CHECK), waits_on_network=True),
)
