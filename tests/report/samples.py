"""Hand-made reports in the shapes the checks produce, so report tests do not need a network.

Facts carry personal data on purpose (the home path, user and computer names, private
addresses) so the privacy tests can prove that masking finds them anywhere in the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from conndoctor.core.engine.context import Contact, Options
from conndoctor.core.engine.facts import (
    BrowserFacts,
    BrowserTlsFacts,
    CacheFacts,
    CertificateFacts,
    ClockFacts,
    ConnectivityFacts,
    DiskFacts,
    DnsFacts,
    InterfacesFacts,
    InventoryFacts,
    OsTlsFacts,
    ProxyFacts,
    SiteFacts,
    TcpFacts,
    TlsFacts,
)
from conndoctor.core.engine.model import Area, CheckResult, Finding, Message, Status, result
from conndoctor.core.engine.run_report import Report
from conndoctor.core.engine.runner import Check, RunOutcome
from conndoctor.core.engine.session import FixAction, FixAttempt
from conndoctor.core.engine.target import parse_target
from conndoctor.core.knowledge.diagnosis import diagnose

STARTED = dt.datetime(2026, 11, 26, 1, 2, 3, tzinfo=dt.UTC)
USER = "tanaka"
HOME = f"/home/{USER}"
COMPUTER = "TANAKA-LAPTOP"
PRIVATE_V4 = "192.168.10.23"
PRIVATE_V6 = "fe80::1c2b:3aff:fe4d:5e6f"

AREAS = {
    "network": Area.CONNECTION,
    "clock": Area.CLOCK,
    "system": Area.SYSTEM,
    "browsers": Area.BROWSER,
    "tls": Area.SITE,
    "site": Area.SITE,
}

LEAF = CertificateFacts(
    subject="CN=shop.example.jp",
    issuer="CN=Example Issuing CA R3, O=Example Trust, C=JP",
    not_before="2025-10-01T00:00:00+00:00",
    not_after="2026-10-31T23:59:59+00:00",
    sha256="3F2A9C0B7D11E4A58C6B2F90D3E7A14C55B8E0F2A9D6C3B17E40F9A2C8D5B6E1",
    key="EC 256",
    signature_hash="sha256",
    names=("shop.example.jp",),
)
ROOT = CertificateFacts(
    subject="CN=Example Issuing CA R3, O=Example Trust, C=JP",
    issuer="CN=Example Root CA, O=Example Trust, C=JP",
    not_before="2020-01-01T00:00:00+00:00",
    not_after="2030-01-01T00:00:00+00:00",
    sha256="AA11BB22CC33DD44EE55FF6600770088009911AA22BB33CC44DD55EE66FF7700",
    key="RSA 2048",
    signature_hash="sha256",
)
PROFILE = f"{HOME}/.mozilla/firefox/ab12.default"


def _noop(ctx: object) -> CheckResult:  # pragma: no cover - never run
    raise AssertionError


def _check(check_id: str) -> Check:
    return Check(id=check_id, area=AREAS[check_id.split(".")[0]], run=_noop)


def healthy_results() -> list[CheckResult]:
    return [
        result(
            "network.interfaces",
            Status.OK,
            "network.interfaces.ok",
            names="wlan0",
            facts=InterfacesFacts(
                interfaces=({"name": "wlan0", "addresses": [PRIVATE_V4, PRIVATE_V6]},),
                default_route=True,
            ),
        ),
        result(
            "network.connectivity",
            Status.OK,
            "network.connectivity.online",
            server="127.0.0.1",
            facts=ConnectivityFacts(
                probes=({"url": "http://127.0.0.1:9/generate_204", "status": 204},)
            ),
        ),
        result(
            "network.proxy",
            Status.OK,
            "network.proxy.none",
            facts=ProxyFacts(
                settings=({"origin": "environment", "proxies": {}, "bypass": [f"{COMPUTER}.corp"]},)
            ),
        ),
        result(
            "network.dns",
            Status.OK,
            "network.dns.ok",
            host="shop.example.jp",
            addresses="127.0.0.1",
            facts=DnsFacts(addresses=("127.0.0.1",), source="dns", elapsed_ms=1.5),
        ),
        result(
            "network.tcp",
            Status.OK,
            "network.tcp.ok",
            host="shop.example.jp",
            address="127.0.0.1",
            connect_ms=0.4,
            facts=TcpFacts(address="127.0.0.1", port=443, connect_ms=0.4),
        ),
        result(
            "clock.network_time",
            Status.OK,
            "clock.ok",
            seconds=0.1,
            facts=ClockFacts(
                servers=({"server": "127.0.0.1:1123", "offset_s": 0.12},),
                agreed=("127.0.0.1:1123",),
                offset_s=0.12,
                source="ntp",
            ),
        ),
        result(
            "system.os_tls",
            Status.OK,
            "system.os_tls.default",
            os="Linux 6.1",
            facts=OsTlsFacts(
                os="linux", os_name="Linux 6.1", version="3.0.15", openssl="OpenSSL 3.0.15"
            ),
        ),
        result(
            "system.disk",
            Status.OK,
            "system.disk.ok",
            free="48.4 GB",
            facts=DiskFacts(
                free_bytes=52_000_000_000,
                total_bytes=250_000_000_000,
                threshold_bytes=1_000_000_000,
                percent_free=20.8,
            ),
        ),
        result(
            "browsers.inventory",
            Status.OK,
            "browsers.inventory.found",
            count=1,
            browsers="Firefox 128.5.0esr",
            facts=InventoryFacts(
                browsers=(
                    BrowserFacts(
                        id="firefox",
                        name="Firefox",
                        family="firefox",
                        installed=True,
                        version="128.5.0esr",
                        profiles=({"name": "default", "path": PROFILE},),
                    ),
                )
            ),
        ),
        result(
            "browsers.tls_settings",
            Status.OK,
            "browsers.tls.ok",
            facts=BrowserTlsFacts(
                browsers=({"id": "firefox", "version": "128.5.0esr", "minimum": "27"},)
            ),
        ),
        result(
            "browsers.cache",
            Status.OK,
            "browsers.cache.summary",
            megabytes=700,
            profiles=1,
            facts=CacheFacts(
                profiles=(
                    {
                        "browser": "firefox",
                        "profile": "default",
                        "path": f"{HOME}/.cache/mozilla/firefox/ab12.default/cache2",
                        "bytes": 734_003_200,
                        "complete": True,
                    },
                ),
                total_bytes=734_003_200,
            ),
        ),
        result(
            "tls.handshake",
            Status.OK,
            "tls.ok",
            version="TLS 1.3",
            host="shop.example.jp",
            not_after="2027-02-01",
            facts=TlsFacts(version="TLSv1.3", cipher="TLS_AES_256_GCM_SHA384", chain=(LEAF, ROOT)),
        ),
        result(
            "site.http_status",
            Status.OK,
            "site.answered",
            host="shop.example.jp",
            code=200,
            facts=SiteFacts(status=200),
        ),
    ]


def _replace(results: list[CheckResult], new: CheckResult) -> list[CheckResult]:
    return [new if r.check_id == new.check_id else r for r in results]


def expired_results() -> list[CheckResult]:
    expired = LEAF._replace(not_after="2026-11-01T00:00:00+00:00")
    finding = Finding(
        "cert_expired",
        0.95,
        evidence={
            "not_after": expired.not_after,
            "not_before": expired.not_before,
            "checked_at": STARTED.isoformat(),
        },
        detail=Message(
            "tls.detail.expired_site",
            {
                "subject": "shop.example.jp",
                "not_after": "2026-11-01 00:00 UTC",
                "checked_at": "2026-11-26 01:02 UTC",
            },
        ),
    )
    return _replace(
        healthy_results(),
        result(
            "tls.handshake",
            Status.FAIL,
            "tls.cert_problem",
            version="TLS 1.3",
            facts=TlsFacts(
                version="TLSv1.3", cipher="TLS_AES_128_GCM_SHA256", chain=(expired, ROOT)
            ),
            findings=[finding],
        ),
    )


def clock_results() -> list[CheckResult]:
    results = expired_results()
    clock = result(
        "clock.network_time",
        Status.FAIL,
        "clock.wrong",
        computer_time="2026-12-27 01:02",
        trusted_time="2026-11-26 01:02",
        facts=ClockFacts(
            servers=({"server": "127.0.0.1:1123", "offset_s": 2_678_400.0},),
            agreed=("127.0.0.1:1123",),
            offset_s=2_678_400.0,
            source="ntp",
            computer_time="2026-12-27T01:02:03+00:00",
            trusted_time="2026-11-26T01:02:03+00:00",
        ),
        findings=[
            Finding(
                "clock_wrong",
                0.95,
                evidence={"offset_s": 2678400.0},
                detail=Message("clock.detail.ahead.days", {"n": 31}),
            )
        ],
    )
    return _replace(results, clock)


def no_internet_results() -> list[CheckResult]:
    results = healthy_results()
    results = _replace(
        results,
        result(
            "network.connectivity",
            Status.FAIL,
            "network.connectivity.offline",
            facts=ConnectivityFacts(
                probes=({"url": "http://127.0.0.1:9/", "verdict": "no_answer"},),
                site="unreachable",
            ),
            findings=[Finding("no_internet", 0.9)],
        ),
    )
    results = _replace(
        results,
        result(
            "network.dns",
            Status.FAIL,
            "network.dns.no_answer",
            host="shop.example.jp",
            facts=DnsFacts(kind="no_answer", error="gaierror: Name or service not known"),
            findings=[Finding("dns_failure", 0.8)],
        ),
    )
    results = _replace(
        results,
        result(
            "tls.handshake",
            Status.SKIPPED,
            "tls.skipped_unreachable",
            host="shop.example.jp",
        ),
    )
    return _replace(
        results,
        result(
            "site.http_status",
            Status.SKIPPED,
            "site.skipped_no_tls",
            host="shop.example.jp",
            facts=SiteFacts(error="no connection"),
        ),
    )


SCENARIOS: dict[str, Callable[[], list[CheckResult]]] = {
    "healthy": healthy_results,
    "expired": expired_results,
    "clock": clock_results,
    "no_internet": no_internet_results,
}


def make_report(scenario: str = "healthy", *, lang: str = "en", seen: str | None = None) -> Report:
    results = tuple(SCENARIOS[scenario]())
    options = Options(
        target=parse_target("https://shop.example.jp/cart"),
        lang="en" if lang == "en" else "ja",
        seen=seen,
    )
    outcome = RunOutcome(
        results=results,
        contacts=(
            Contact("shop.example.jp", 443, "site"),
            Contact("127.0.0.1", 1123, "time"),
            Contact(PRIVATE_V4, 3128, "proxy"),
        ),
        started_at=STARTED,
        duration_s=3.2,
    )
    return Report(
        options, outcome, diagnose(results, options), tuple(_check(r.check_id) for r in results)
    )


def sample_history() -> list[FixAttempt]:
    """A clock fix checked again (still wrong), then a cache cleared without checking again."""
    return [
        FixAttempt(
            "clock",
            FixAction.CHECK_AGAIN,
            {"clock.network_time": Status.FAIL, "clock.local": Status.OK},
            {"clock.network_time": Status.FAIL, "clock.local": Status.OK},
            "clock_wrong",
            STARTED + dt.timedelta(minutes=3),
        ),
        FixAttempt(
            "browser",
            FixAction.CLEAR_CACHE,
            {"browsers.cache": Status.WARN},
            at=STARTED + dt.timedelta(minutes=5),
            note="120 MB",
        ),
    ]
