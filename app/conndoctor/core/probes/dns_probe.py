"""When a name does not resolve: is it this name, this network's DNS, or the whole connection?

The same question Chromium's DNS probe answers before it shows DNS_PROBE_FINISHED_NXDOMAIN,
_BAD_CONFIG or _NO_INTERNET (chrome/browser/net/dns_probe_runner.cc, dns_probe_service.cc):
names that certainly exist are looked up through this computer's resolver (the one the browser
uses); if those fail too, public resolvers are asked directly by address with dnspython.

- the system resolver answers for known names -> the site's name itself is the problem;
- only public resolvers answer -> this network's DNS is broken (`dns_broken`);
- nothing answers at all -> no internet.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from conndoctor.core.engine.context import CheckContext, all_at_once
from conndoctor.core.engine.target import parse_server
from conndoctor.core.knowledge.i18n import load_json_resource

DNS_PORT = 53


class ProbeOutcome(NamedTuple):
    """What the probe found; `verdict` is one of the module docstring's three, or "unknown"."""

    verdict: str
    """"resolver_works", "dns_broken", "no_internet" or "unknown"."""
    system: tuple[dict[str, Any], ...]
    public: tuple[dict[str, Any], ...]
    site_rcode: str | None = None
    """The response code the system's name server gave for the site (NXDOMAIN, SERVFAIL...)."""
    system_servers: tuple[str, ...] = ()
    """The name servers this computer uses (what IT staff need to look at)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "system": list(self.system),
            "public": list(self.public),
            "site_rcode": self.site_rcode,
            "system_servers": list(self.system_servers),
        }


def probe_config() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(known names, public resolvers) from resources/connectivity.json."""
    entry = load_json_resource("connectivity.json")["dns_probe"]
    return tuple(entry["known_names"]), tuple(entry["resolvers"])


def _system_lookup(ctx: CheckContext, name: str) -> dict[str, Any]:
    began = time.monotonic()
    try:
        infos = socket.getaddrinfo(name, 443, type=socket.SOCK_STREAM)
    except OSError as exc:
        return {"name": name, "ok": False, "error": f"{type(exc).__name__}: {exc}"}
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    elapsed = round((time.monotonic() - began) * 1000, 1)
    return {"name": name, "ok": True, "addresses": addresses[:4], "elapsed_ms": elapsed}


def ask_server(
    ctx: CheckContext, server: str, name: str, timeout: float, purpose: str = "dns"
) -> dict[str, Any]:
    """One A query for `name` sent straight to `server` (IP[:PORT]) over UDP with dnspython.

    `answered` is whether any reply came; `correct` whether it held at least one address.
    """
    import dns.exception
    import dns.message
    import dns.query
    import dns.rcode
    import dns.rdatatype

    shown: dict[str, Any] = {"server": server, "name": name}
    try:
        host, port = parse_server(server, DNS_PORT)
        ctx.note_contact(host, port, purpose)
        query = dns.message.make_query(name, dns.rdatatype.A)
        reply = dns.query.udp(query, host, timeout=timeout, port=port)
    except (OSError, ValueError, dns.exception.DNSException) as exc:
        return {**shown, "answered": False, "correct": False, "error": type(exc).__name__}
    addresses = [
        item.address for rrset in reply.answer if rrset.rdtype == dns.rdatatype.A for item in rrset
    ]
    rcode = dns.rcode.to_text(reply.rcode())
    return {
        **shown,
        "answered": True,
        "correct": rcode == "NOERROR" and bool(addresses),
        "rcode": rcode,
        "addresses": addresses[:4],
    }


def system_name_servers() -> tuple[str, ...]:
    """The name servers this computer's resolver uses, as dnspython reads them (resolv.conf,
    the Windows registry); empty if it cannot tell."""
    import dns.exception
    import dns.resolver

    try:
        return tuple(str(s) for s in dns.resolver.Resolver(configure=True).nameservers)
    except (OSError, ValueError, dns.exception.DNSException):
        return ()


def address_targets(urls: tuple[str, ...]) -> list[tuple[str, int]]:
    """(IP, port) of the connectivity URLs written with an IP address: reachable without DNS."""
    import ipaddress
    import urllib.parse

    found: list[tuple[str, int]] = []
    for url in urls:
        try:
            parts = urllib.parse.urlsplit(url)
            address = str(ipaddress.ip_address(parts.hostname or ""))
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            continue
        found.append((address, port))
    return found


def _connect(ctx: CheckContext, address: str, port: int, timeout: float) -> dict[str, Any]:
    shown = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
    try:
        ctx.connect(address, port, purpose="connectivity", timeout=timeout, address=address).close()
    except OSError as exc:
        return {"server": shown, "answered": False, "correct": False, "error": type(exc).__name__}
    return {"server": shown, "answered": True, "correct": True, "by_address": True}


def judge(system: list[dict[str, Any]], public: list[dict[str, Any]]) -> str:
    """Chromium's evaluation (dns_probe_service.cc EvaluateResults), with 'unknown' when
    neither resolver side gave a result to go by. `public` also holds connectivity URLs
    reached by address: anything answering by address shows the connection works."""
    if any(s.get("ok") for s in system):
        return "resolver_works"
    if any(p.get("answered") for p in public):
        return "dns_broken"
    if system or public:
        return "no_internet"
    return "unknown"


def _tagged(
    kind: str, work: Callable[[], dict[str, Any]]
) -> Callable[[], tuple[str, dict[str, Any]]]:
    return lambda: (kind, work())


def run_probe(ctx: CheckContext, site_name: str, budget: float) -> ProbeOutcome:
    """Known names through the system resolver, public resolvers by address, and the site's
    response code from the system's own name server: all at once, within `budget` seconds."""
    known_names, default_resolvers = probe_config()
    resolvers = ctx.options.dns_servers or default_resolvers
    timeout = ctx.step_timeout(budget)
    all_own_servers = system_name_servers()
    own_servers = all_own_servers[:1]
    jobs = [_tagged("system", partial(_system_lookup, ctx, name)) for name in known_names]
    jobs += [
        _tagged("public", partial(ask_server, ctx, resolver, known_names[0], timeout))
        for resolver in resolvers
    ]
    jobs += [
        _tagged("site", partial(ask_server, ctx, server, site_name, timeout))
        for server in own_servers
    ]
    jobs += [
        _tagged("public", partial(_connect, ctx, address, port, timeout))
        for address, port in address_targets(ctx.options.connectivity_urls)
    ]
    answers = all_at_once(jobs, timeout + 0.1, name="dns-probe")
    system = [a for kind, a in answers if kind == "system"]
    public = [a for kind, a in answers if kind == "public"]
    answered = {a["name"] for a in system} | {a["server"] for a in public}
    system += [
        {"name": n, "ok": False, "error": "no answer in time"}
        for n in known_names
        if n not in answered
    ]
    public += [
        {"server": r, "name": known_names[0], "answered": False, "correct": False}
        for r in resolvers
        if r not in answered
    ]
    public.sort(key=lambda p: not p.get("correct"))
    site = next((a for kind, a in answers if kind == "site" and a.get("answered")), None)
    return ProbeOutcome(
        judge(system, public),
        tuple(system),
        tuple(public),
        site["rcode"] if site else None,
        all_own_servers,
    )
