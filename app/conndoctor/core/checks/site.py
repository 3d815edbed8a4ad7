"""Once the secure connection works: does the site itself answer, or is it failing?

One GET for the page the person wanted, on the connection the handshake secured (sent the
moment the handshake ended, as a browser sends it), or on a connection of its own when there
is none to reuse; redirects within the site are followed on new connections. Trust was judged
by tls.handshake, so the ssl layer does not verify here. The answer's Date header is kept
because the clock check uses it as a time source when NTP is blocked. The first answer also
tells what the handshake cannot: a TLS 1.3 server demands a client certificate only after the
handshake, and an http:// address on a port that speaks TLS gets no HTTP answer at all.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import urllib.parse
from typing import Any

from conndoctor.core.engine.context import CheckContext
from conndoctor.core.engine.facts import SiteFacts, TlsFacts
from conndoctor.core.engine.model import (
    Area,
    CheckResult,
    Finding,
    Message,
    Status,
    facts_of,
    result,
    when,
)
from conndoctor.core.engine.runner import Check
from conndoctor.core.knowledge.confidence import PROBABLE, VERY_LIKELY
from conndoctor.core.probes.handshake import browser_context, classify
from conndoctor.core.probes.http_reply import HttpError, OutOfTime, Reply, http_date
from conndoctor.core.probes.page_request import REQUEST_S, authority, request_page
from conndoctor.core.probes.site_connection import site_connection
from conndoctor.core.probes.tls_probe import handshake, io_timeout

CHECK_ID = "site.http_status"
TLS_CHECK = "tls.handshake"
LEGACY_ONLY_CAUSES = ("server_tls_obsolete", "tls_cipher_mismatch")
SITE_ERRORS = (500, 502, 504)
"""Internal Server Error, Bad Gateway, Gateway Timeout (RFC 9110 15.6): the site's own failure.
503 is the site saying it is down on purpose (maintenance), a cause of its own."""
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 20
"""Chromium gives up after 20 redirects (net/url_request/url_request.cc kMaxRedirects)."""


def _handshake_state(ctx: CheckContext) -> str:
    """'ok', 'cert_problem' (a session exists, a browser would refuse it) or 'failed'.

    The page is fetched even behind a bad certificate: its Date header is what tells a
    wrong clock from a really expired certificate when NTP is blocked.
    """
    target = ctx.options.target
    if TLS_CHECK in ctx.options.skip or (target is not None and target.scheme != "https"):
        return "ok"
    tls = ctx.given(TLS_CHECK)
    if tls is None or tls.status in (Status.OK, Status.WARN):
        return "ok"
    legacy_only = any(c in LEGACY_ONLY_CAUSES for c in tls.causes)
    version = (facts_of(tls, TlsFacts) or TlsFacts()).version
    if tls.status == Status.FAIL and version and not legacy_only:
        return "cert_problem"
    return "failed"


def _request(ctx: CheckContext, sock: socket.socket, path: str) -> tuple[Reply, str]:
    """Ask an open connection for `path`, read within REQUEST_S and the run's deadline; the
    answer's status and headers, and when it arrived (the socket is closed afterwards)."""
    target = ctx.options.target
    assert target is not None
    reply, arrived = request_page(sock, target, path, io_timeout(ctx, REQUEST_S))
    return reply, ctx.computer_time(arrived).isoformat()


def _seen_at(ctx: CheckContext, arrived: dt.datetime) -> str:
    return ctx.computer_time(arrived).isoformat()


def ask_for_page(ctx: CheckContext, secured: ssl.SSLSocket) -> None:
    """Send the request on the connection tls.handshake just secured, without waiting for the
    verdict (a browser does the same); the socket is closed when the answer is read."""
    target = ctx.options.target
    if target is None or (ctx.planned is not None and CHECK_ID not in ctx.planned):
        secured.close()
        return
    if ctx.site.adopt_early_page(lambda answer: (answer[0], _seen_at(ctx, answer[1]))):
        return  # the command line asked for it right after its own handshake
    ctx.site.ask_for_page(lambda: _request(ctx, secured, target.path))


def _first_answer(ctx: CheckContext) -> tuple[Reply, str]:
    """The answer for the page the person asked for, on the run's one connection to the site
    when network.tcp or tls.handshake left it open, else on a connection of its own."""
    target = ctx.options.target
    assert target is not None
    if ctx.site.page_asked:
        answer: tuple[Reply, str] = ctx.site.page(io_timeout(ctx, REQUEST_S))
        return answer
    sock = ctx.site.take() or site_connection(ctx, "site", io_timeout(ctx, 5.0))
    return _request(ctx, _secured(ctx, sock), target.path)


def _get(ctx: CheckContext, path: str) -> tuple[Reply, str]:
    """A further page (a redirect's target), on a new connection as `Connection: close` asks."""
    sock = site_connection(ctx, "site", io_timeout(ctx, 5.0))
    return _request(ctx, _secured(ctx, sock), path)


def _secured(ctx: CheckContext, sock: socket.socket) -> socket.socket:
    """The connection with TLS on it for an https:// address (any chain: trust is judged by
    tls.handshake); closed if the handshake fails."""
    target = ctx.options.target
    assert target is not None
    if target.scheme != "https" or isinstance(sock, ssl.SSLSocket):
        return sock
    sock.settimeout(io_timeout(ctx, REQUEST_S))
    try:
        return browser_context().wrap_socket(
            sock, server_hostname=None if target.is_ip else target.host
        )
    except BaseException:
        sock.close()
        raise


class RedirectLoop(Exception):
    """The site redirects to itself in a circle (or more than a browser follows)."""

    def __init__(self, paths: list[str], sets_cookies: bool) -> None:
        super().__init__(" -> ".join(paths))
        self.paths = paths
        self.sets_cookies = sets_cookies


def _follow(ctx: CheckContext) -> tuple[Reply, str, list[str]]:
    """GET the page, following redirects within the same site as a browser would (up to
    Chromium's 20); a redirect elsewhere ends here (we contact only the named site)."""
    target = ctx.options.target
    assert target is not None
    paths = [target.path]
    reply, received_at = _first_answer(ctx)
    sets_cookies = False
    while reply.status in REDIRECTS and reply.header("Location"):
        sets_cookies = sets_cookies or reply.header("Set-Cookie") is not None
        base = f"{target.scheme}://{authority(target)}{paths[-1]}"
        try:
            parts = urllib.parse.urlsplit(urllib.parse.urljoin(base, reply.header("Location")))
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            break
        same_site = (parts.scheme, (parts.hostname or "").lower(), port) == (
            target.scheme,
            target.host.lower(),
            target.port,
        )
        if not same_site:
            break
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if path in paths or len(paths) > MAX_REDIRECTS:
            raise RedirectLoop([*paths, path], sets_cookies)
        paths.append(path)
        reply, received_at = _get(ctx, path)
    return reply, received_at, paths


def _redirect_loop(ctx: CheckContext, loop: RedirectLoop) -> CheckResult:
    target = ctx.options.target
    assert target is not None
    shown = target.display_host
    facts = SiteFacts(
        redirects=tuple(loop.paths[: MAX_REDIRECTS + 2]), sets_cookies=loop.sets_cookies
    )
    if loop.sets_cookies:  # a browser sends the cookie back and may get out of the circle
        key = "site.redirect_loop_cookies"
        return result(CHECK_ID, Status.WARN, key, facts=facts, host=shown)
    evidence = {"host": shown, "redirects": len(loop.paths) - 1}
    finding = Finding(
        "site_redirect_loop", PROBABLE, evidence, Message("site.detail.redirect_loop", evidence)
    )
    return result(
        CHECK_ID,
        Status.FAIL,
        "site.redirect_loop",
        facts=facts,
        findings=[finding],
        host=shown,
    )


def retry_after_text(value: str) -> dict[str, Any]:
    """Retry-After as seconds or as a date (RFC 9110 10.2.3), for the detail sentence."""
    value = value.strip()
    if value.isdigit():
        return {"retry_seconds": int(value)}
    moment = http_date(value)
    return {} if moment is None else {"retry_at": when(moment)}


def _run(ctx: CheckContext) -> CheckResult:
    target = ctx.options.target
    assert target is not None
    handshake = _handshake_state(ctx)
    if handshake == "failed":
        return result(CHECK_ID, Status.SKIPPED, "site.skipped_no_tls", host=target.display_host)
    try:
        response, received_at, paths = _follow(ctx)
    except RedirectLoop as loop:
        return _redirect_loop(ctx, loop)
    except (OSError, ssl.SSLError, HttpError) as exc:
        return _no_answer(ctx, exc)
    status = response.status
    facts = SiteFacts(
        status=status,
        reason=response.reason,
        retry_after=response.header("Retry-After"),
        server=response.header("Server"),
        date_header=response.header("Date"),
        date_header_received_at=received_at,
        location=response.header("Location"),
        redirects=tuple(paths) if len(paths) > 1 else None,
    )
    if status == 503:
        retry = retry_after_text(facts.retry_after or "")
        key = "site.detail.maintenance_" + (
            "seconds" if "retry_seconds" in retry else "until" if "retry_at" in retry else "plain"
        )
        evidence = {"status": status, "retry_after": facts.retry_after or ""}
        finding = Finding(
            "site_maintenance",
            VERY_LIKELY,
            evidence,
            Message(key, {"host": target.display_host, **retry}),
        )
        return result(
            CHECK_ID,
            Status.FAIL,
            "site.maintenance",
            facts=facts,
            findings=[finding],
            host=target.display_host,
            code=status,
        )
    if status in SITE_ERRORS:
        retry_after = facts.retry_after or ""
        finding = Finding(
            "site_error",
            VERY_LIKELY,
            {"status": status, "reason": response.reason, "retry_after": retry_after},
            Message(
                "site.detail.site_error" + ("_retry" if retry_after else ""),
                {"host": target.display_host, "code": status, "retry_after": retry_after},
            ),
        )
        return result(
            CHECK_ID,
            Status.FAIL,
            "site.site_error",
            facts=facts,
            findings=[finding],
            host=target.display_host,
            code=status,
        )
    if status >= 500:
        return result(
            CHECK_ID,
            Status.WARN,
            "site.server_error",
            facts=facts,
            host=target.display_host,
            code=status,
        )
    return result(
        CHECK_ID,
        Status.OK,
        "site.answered" if handshake == "ok" else "site.answered_despite_certificate",
        facts=facts,
        host=target.display_host,
        code=status,
    )


def client_cert_finding(host: str, alert: str, *, after_handshake: bool) -> Finding:
    """The site asks for a certificate of the person's own: refused in the handshake (TLS 1.2,
    tls.handshake) or right after it (TLS 1.3, when the page is asked for here).

    Built here for both checks because `tls` already reads this module and this one cannot read
    `tls` without a loop.
    """
    evidence = {"alert": alert, "after_handshake": after_handshake}
    return Finding(
        "client_cert_required",
        VERY_LIKELY,
        evidence,
        Message("tls.detail.client_cert_required", {"host": host}),
    )


def _no_answer(ctx: CheckContext, exc: BaseException) -> CheckResult:
    """No HTTP answer: a client certificate demanded after a TLS 1.3 handshake, an http://
    address on a port that speaks TLS (proved by a handshake there), or just no answer."""
    target = ctx.options.target
    assert target is not None
    host = target.display_host
    facts = SiteFacts(error=f"{type(exc).__name__}: {exc}")
    kind = classify(exc)
    if target.scheme == "https" and (
        kind == "client_cert" or (kind in ("closed", "reset") and _certificate_required(ctx))
    ):
        finding = client_cert_finding(host, "certificate_required", after_handshake=True)
        return result(
            CHECK_ID,
            Status.FAIL,
            "tls.client_cert_required",
            facts=facts,
            findings=[finding],
            host=host,
        )
    if target.scheme == "http" and _speaks_tls(ctx):
        facts = SiteFacts(error=facts.error, speaks_tls=True)
        finding = Finding(
            "tls_protocol_error",
            VERY_LIKELY,
            {"kind": "http_on_tls_port", "port": target.port},
            Message("tls.detail.protocol_http_on_tls_port", {"host": host, "port": target.port}),
        )
        return result(
            CHECK_ID,
            Status.FAIL,
            "site.http_on_tls_port",
            facts=facts,
            findings=[finding],
            host=host,
        )
    key = (
        "site.bad_answer"
        if isinstance(exc, HttpError)
        else "site.slow_answer"
        if isinstance(exc, OutOfTime)
        else "site.no_answer"
    )
    return result(CHECK_ID, Status.WARN, key, facts=facts, host=host)


def _certificate_required(ctx: CheckContext) -> bool:
    """Whether the server, asked nothing, answers a fresh TLS 1.3 session with the
    certificate_required alert (once the request is sent, a server that hangs up on unread
    data may reset the connection before that alert can be read)."""
    target = ctx.options.target
    assert target is not None
    try:
        sock = site_connection(ctx, "site", io_timeout(ctx, 5.0))
        sock.settimeout(io_timeout(ctx, 2.0))
        with browser_context().wrap_socket(
            sock, server_hostname=None if target.is_ip else target.host
        ) as tls:
            tls.recv(1)
    except (OSError, ssl.SSLError) as exc:
        return classify(exc) == "client_cert"
    return False


def _speaks_tls(ctx: CheckContext) -> bool:
    target = ctx.options.target
    assert target is not None
    try:
        return handshake(ctx, target).version is not None
    except OSError:
        return False


CHECKS: tuple[Check, ...] = (
    Check(CHECK_ID, Area.SITE, _run, needs=("network.tcp", TLS_CHECK), waits_on_network=True),
)
