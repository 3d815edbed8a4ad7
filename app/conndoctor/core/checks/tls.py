"""The website's secure handshake: can a browser agree on TLS with it, and is its certificate good?

The handshake runs on the connection network.tcp opened, as a browser's does, and accepts
any chain so that the connection survives a bad certificate: the request for the page goes
out on it at once (site.http_status reads the answer) while the chain is judged. A failed
handshake is sorted into what a person can act on: the server speaks an outdated TLS version
(proved by a second, old-fashioned handshake), no common cipher, a client certificate
demanded, no TLS at all, a server that hangs up or never answers. A successful handshake hands
the chain the server sent to `tls_verdict`: one judgement on pyca cryptography's verifier, for
healthy and broken sites alike; `cryptography` is loaded while the sockets wait.

Over 400 lines on purpose: the failures are told apart in one order (refused, no TLS, old
version, no cipher, client certificate, hang-up), and that order reads best in one module.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from conndoctor.core.checks.site import ask_for_page, client_cert_finding
from conndoctor.core.engine.context import CheckContext, Options
from conndoctor.core.engine.facts import ClockFacts, TlsFacts
from conndoctor.core.engine.model import (
    UNDETERMINED_KEY,
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
from conndoctor.core.knowledge.confidence import (
    CERTAIN,
    LIKELY,
    PLAUSIBLE,
    POSSIBLE,
    PROBABLE,
    VERY_LIKELY,
)
from conndoctor.core.probes.handshake import BROWSER_CIPHERS, Handshake
from conndoctor.core.probes.site_connection import site_connection
from conndoctor.core.probes.tls_probe import (
    HANDSHAKE_S,
    fetch_ca_issuer_answer,
    handshake,
    handshake_on,
    io_timeout,
)
from conndoctor.core.trust.trust_files import TrustFiles
from conndoctor.core.trust.verdict import NETWORK_TIME_IGNORED_WITHIN

CHECK_ID = "tls.handshake"
JUDGEMENT_S = 10.0
"""How long the judgement's own process may take to answer (it loads `cryptography` first)."""
TCP_CHECK = "network.tcp"
CLOCK_CHECK = "clock.network_time"
OBSOLETE_VERSIONS = {"SSLv3": "SSL 3.0", "TLSv1": "TLS 1.0", "TLSv1.1": "TLS 1.1"}
"""Chrome 84 and Firefox 78 (2020) stopped accepting TLS 1.0 and 1.1 (RFC 8996 deprecates them)."""


def _finding(
    cause: str, confidence: float, evidence: dict[str, Any], key: str, **args: Any
) -> Finding:
    return Finding(cause, confidence, evidence, Message(f"tls.detail.{key}", args))


def _connect_failed(ctx: CheckContext, exc: OSError, details: dict[str, Any]) -> CheckResult:
    """No TCP connection: network.tcp names that cause; only without it do we."""
    target = ctx.options.target
    assert target is not None
    tcp = ctx.given(TCP_CHECK)
    details["connect_error"] = f"{type(exc).__name__}: {exc}"
    if tcp is not None and tcp.status in (Status.FAIL, Status.SKIPPED):
        return result(
            CHECK_ID,
            Status.SKIPPED,
            "tls.skipped_unreachable",
            facts=TlsFacts.of(details),
            host=target.display_host,
        )
    kind = (
        "refused"
        if isinstance(exc, ConnectionRefusedError)
        else "timeout"
        if isinstance(exc, TimeoutError)
        else "dns"
        if exc.__class__.__name__ == "gaierror"
        else "other"
    )
    finding = _finding(
        "site_unreachable",
        PROBABLE,
        {"kind": kind, "port": target.port},
        f"unreachable_{kind}",
        host=target.display_host,
        port=target.port,
    )
    return result(
        CHECK_ID,
        Status.FAIL,
        "tls.connect_failed",
        facts=TlsFacts.of(details),
        findings=[finding],
        host=target.display_host,
        port=target.port,
    )


def _failed_handshake(
    ctx: CheckContext, first: Handshake, details: dict[str, Any]
) -> CheckResult | Handshake:
    """Name why the browser-like handshake failed; return the legacy session if one worked."""
    target = ctx.options.target
    assert target is not None
    details["browser_handshake"] = {"failure": first.failure, "error": first.error}
    host = target.display_host
    if first.failure == "no_answer":
        finding = _finding(
            "site_unreachable",
            LIKELY,
            {"kind": "no_answer", "port": target.port},
            "no_answer",
            host=host,
        )
        return result(
            CHECK_ID,
            Status.FAIL,
            "tls.no_answer",
            facts=TlsFacts.of(details),
            findings=[finding],
            host=host,
        )
    if first.failure in ("reset", "closed", "not_tls"):
        kind = str(first.failure)
        detail = f"protocol_{kind}"
        if kind == "not_tls" and _speaks_plain_http(ctx):
            details["speaks_plain_http"] = True
            detail = "protocol_tls_on_http_port"
        finding = _finding(
            "tls_protocol_error", LIKELY, {"kind": kind}, detail, host=host, port=target.port
        )
        return result(
            CHECK_ID,
            Status.FAIL,
            f"tls.protocol_{kind}",
            facts=TlsFacts.of(details),
            findings=[finding],
            host=host,
        )
    if first.failure in ("no_cipher", "client_cert") and _demands_client_certificate(
        ctx, first, details
    ):
        finding = client_cert_finding(host, first.error, after_handshake=False)
        return result(
            CHECK_ID,
            Status.FAIL,
            "tls.client_cert_required",
            facts=TlsFacts.of(details),
            findings=[finding],
            host=host,
        )
    try:
        legacy = ctx.site.early_second_handshake(io_timeout(ctx, HANDSHAKE_S))
    except TimeoutError as exc:  # the head start's probe, waited for as long as one's own
        legacy = Handshake(failure="no_answer", error=f"TimeoutError: {exc}")
    if legacy is None:
        try:
            legacy = handshake(ctx, target, legacy=True)
        except OSError as exc:
            legacy = Handshake(failure="other", error=f"{type(exc).__name__}: {exc}")
    details["legacy_handshake"] = {
        "version": legacy.version,
        "cipher": legacy.cipher,
        "failure": legacy.failure,
        "error": legacy.error,
    }
    if legacy.ok:
        return legacy
    if first.failure == legacy.failure == "no_cipher":
        finding = _finding(
            "tls_cipher_mismatch",
            LIKELY,
            {"cipher": "", "version": "", "error": first.error},
            "no_common_cipher",
            host=host,
        )
        return result(
            CHECK_ID,
            Status.FAIL,
            "tls.no_common_cipher",
            facts=TlsFacts.of(details),
            findings=[finding],
            host=host,
        )
    finding = _finding(
        "tls_protocol_error",
        PLAUSIBLE,
        {"kind": "failed", "error": first.error},
        "protocol_failed",
        host=host,
        error=first.error,
    )
    return result(
        CHECK_ID,
        Status.FAIL,
        "tls.handshake_failed",
        facts=TlsFacts.of(details),
        findings=[finding],
        host=host,
        error=first.error,
    )


def _speaks_plain_http(ctx: CheckContext) -> bool:
    """Whether the port answers a plain HTTP request: then the address wants http://."""
    import time

    from conndoctor.core.probes.http_reply import HttpError, exchange, host_header

    target = ctx.options.target
    assert target is not None
    deadline = time.monotonic() + io_timeout(ctx, 3.0)
    headers = [("Host", host_header(target.host, target.port, 80)), ("Connection", "close")]
    try:
        with site_connection(ctx, "site", io_timeout(ctx, 3.0)) as sock:
            exchange(sock, "HEAD", "/", headers, deadline)
    except (OSError, HttpError):
        return False
    return True


def _demands_client_certificate(
    ctx: CheckContext, first: Handshake, details: dict[str, Any]
) -> bool:
    """Whether the server refused only for want of a client certificate: the same handshake
    offering a throw-away one gets further (accepted, or refused for that certificate)."""
    if first.failure == "client_cert":
        return True
    target = ctx.options.target
    assert target is not None
    try:
        probe = handshake(ctx, target, client_certificate=True)
    except OSError:
        return False
    details["client_certificate_handshake"] = {"failure": probe.failure, "error": probe.error}
    return probe.ok or probe.failure in ("other", "client_cert")


def _legacy_findings(session: Handshake) -> list[Finding]:
    version = session.version or ""
    if version in OBSOLETE_VERSIONS:
        shown = OBSOLETE_VERSIONS[version]
        return [
            _finding(
                "server_tls_obsolete",
                CERTAIN,
                {"version": shown, "legacy_version": version},
                "obsolete",
                version=shown,
            )
        ]
    cipher = session.cipher or ""
    # A cipher browsers do offer means the mismatch lies elsewhere (key exchange, signatures).
    offered = cipher in BROWSER_CIPHERS.split(":") or cipher.startswith("TLS_")
    return [
        _finding(
            "tls_cipher_mismatch",
            POSSIBLE if offered else VERY_LIKELY,
            {"cipher": cipher, "version": version},
            "cipher_mismatch",
            cipher=cipher,
            version=version,
        )
    ]


def _run(ctx: CheckContext) -> CheckResult:
    target = ctx.options.target
    assert target is not None
    if target.scheme != "https":
        return result(CHECK_ID, Status.SKIPPED, "tls.not_https", url=target.display)
    tcp = ctx.given(TCP_CHECK)
    if tcp is not None and tcp.status in (Status.FAIL, Status.SKIPPED):
        return result(CHECK_ID, Status.SKIPPED, "tls.skipped_unreachable", host=target.display_host)
    details: dict[str, Any] = {
        "host": target.host,
        "port": target.port,
        "sni": None if target.is_ip else target.host,
    }
    try:
        sock = ctx.site.take() or site_connection(ctx, "site", io_timeout(ctx, 5.0))
    except OSError as exc:
        return _connect_failed(ctx, exc, details)
    try:
        early = ctx.site.early_handshake(sock, io_timeout(ctx, HANDSHAKE_S))
    except TimeoutError as exc:
        sock.close()
        early = (Handshake(failure="no_answer", error=f"TimeoutError: {exc}"), None)
    session, secured = early if early is not None else handshake_on(ctx, target, sock)
    if secured is not None:
        ask_for_page(ctx, secured)
    details["address"] = session.address
    findings: list[Finding] = []
    if not session.ok:
        outcome = _failed_handshake(ctx, session, details)
        if isinstance(outcome, CheckResult):
            return outcome
        session = outcome
        findings += _legacy_findings(session)
    details.update(
        version=session.version, cipher=session.cipher, full_chain_received=session.full_chain
    )
    return _judge_chain(ctx, session, details, findings)


def _load_judgement(options: Options) -> None:
    """Load `cryptography` and read the root files while the first packets travel, unless the
    judgement's own process (`trust.worker`) does that beside the run: then only what asking
    it needs."""
    if options.target is None or options.target.scheme != "https":
        return
    from conndoctor.core.trust import worker

    if worker.started():
        worker.prepare_to_ask()
        return
    from conndoctor.core.trust.judgement import read_root_files

    read_root_files(trust_files(options))


def trust_files(options: Options) -> TrustFiles:
    """Where the run's roots are: the public list, this computer's and the organisation's."""
    return TrustFiles(
        options.public_ca_file,
        [*options.system_ca_files, *options.org_ca_files],
        options.org_ca_files,
    )


def _healthy(details: dict[str, Any], version: str, host: str, until: dt.datetime) -> CheckResult:
    return result(
        CHECK_ID,
        Status.OK,
        "tls.ok",
        facts=TlsFacts.of(details),
        version=version,
        host=host,
        not_after=when(until.astimezone(dt.UTC)),
    )


def _judge_chain(
    ctx: CheckContext, session: Handshake, details: dict[str, Any], findings: list[Finding]
) -> CheckResult:
    """The certificate judgement (`tls_verdict`), with this computer's stores and clock."""
    target = ctx.options.target
    assert target is not None
    options = ctx.options
    if not session.chain:
        return result(
            CHECK_ID,
            Status.ERROR,
            "tls.no_certificate",
            facts=TlsFacts.of(details),
            findings=findings,
        )
    now = ctx.computer_now()
    unfetched: list[dict[str, str]] = []
    fetched: dict[str, bytes | None] = {}

    def fetch_issuer(url: str) -> bytes | None:
        """An issuer download that failed (too slow, too big) is noted: the chain stays unknown.
        Downloaded once, whoever judges (the worker, or the run after a worker failed)."""
        if url not in fetched:
            answer = fetch_ca_issuer_answer(ctx, url)
            if answer.problem:
                unfetched.append({"url": url, "problem": answer.problem})
            fetched[url] = answer.body
        return fetched[url]

    from conndoctor.core.trust import worker

    roots = trust_files(options)
    asked_at = worker.asked_at(session.chain, target.host, roots)  # by the head start
    now = asked_at or now
    network_now = _network_now(ctx, now)
    if asked_at and network_now and abs(network_now - now) <= NETWORK_TIME_IGNORED_WITHIN:
        network_now = None  # then the head start's question is the run's
    wait_s = io_timeout(ctx, JUDGEMENT_S)
    verdict = worker.judge(
        session.chain, target.host, now, network_now, roots, fetch_issuer, wait_s
    )
    if verdict is None:  # no worker here, or it could not answer
        from conndoctor.core.trust.judgement import judge_with_candidates

        verdict = judge_with_candidates(
            session.chain, target.host, now, network_now, roots, fetch_issuer
        )
    details.update(verdict.details, checked_at=now.isoformat())
    if unfetched:
        details["aia_not_fetched"] = unfetched
    findings += verdict.findings
    version = session.version or "?"
    if len(findings) > len(verdict.findings):  # only the legacy handshake worked
        first = findings[0]
        key = "tls.obsolete" if first.cause == "server_tls_obsolete" else "tls.cipher_mismatch"
        return result(
            CHECK_ID,
            Status.FAIL,
            key,
            facts=TlsFacts.of(details),
            findings=findings,
            version=str(first.evidence.get("version", version)),
            cipher=str(session.cipher or ""),
            host=target.display_host,
        )
    if verdict.blocking:
        return result(
            CHECK_ID,
            Status.FAIL,
            "tls.cert_problem",
            facts=TlsFacts.of(details),
            findings=findings,
            version=version,
            host=target.display_host,
        )
    if verdict.undetermined:
        details[UNDETERMINED_KEY] = verdict.undetermined
        return result(
            CHECK_ID,
            Status.WARN,
            f"tls.undetermined.{verdict.undetermined}",
            facts=TlsFacts.of(details),
            findings=findings,
            version=version,
            host=target.display_host,
        )
    if findings:
        root = str(findings[0].evidence.get("root", ""))
        return result(
            CHECK_ID,
            Status.WARN,
            "tls.ok_intercepted",
            facts=TlsFacts.of(details),
            findings=findings,
            version=version,
            root=root,
        )
    leaf_until = dt.datetime.fromisoformat(details["chain"][0]["not_after"])
    return _healthy(details, version, target.display_host, leaf_until)


def _network_now(ctx: CheckContext, now: dt.datetime) -> dt.datetime | None:
    """Network time, when the clock check has already measured this computer's offset
    (never waited for: the judgement then leaves the clock to the diagnosis)."""
    clock = ctx.result_of(CLOCK_CHECK, wait=False)
    offset = (facts_of(clock, ClockFacts) or ClockFacts()).offset_s
    if not isinstance(offset, int | float):
        return None
    return now - dt.timedelta(seconds=float(offset))


CHECKS: tuple[Check, ...] = (
    Check(
        CHECK_ID,
        Area.SITE,
        _run,
        needs=(TCP_CHECK,),
        waits_on_network=True,
        warm_up=_load_judgement,
    ),
)
