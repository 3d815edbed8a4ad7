"""Does the proxy this computer (or the person's Firefox) sends web traffic to work?

The settings come from `proxy` (environment, Windows, macOS), `desktop_proxy` (GNOME, KDE),
`firefox_proxy` and, for a PAC script or WPAD, `pac`. The chosen proxy is asked for a tunnel
to the site as a browser asks: a 407 is `proxy_auth_required`; refused, silent, hung up, an
HTTP error or garbage is `proxy_misconfigured`, with what it did.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from conndoctor.core.engine.context import CheckContext
from conndoctor.core.engine.facts import InventoryFacts, ProxyFacts
from conndoctor.core.engine.model import CheckResult, Finding, Message, Status, facts_of, result
from conndoctor.core.knowledge.confidence import LIKELY, PROBABLE
from conndoctor.core.probes import proxy

PROXY_TIMEOUT_S = 4.0
PAC_RUN_S = 3.0


def _proxy_finding(trial: proxy.ProxyTrial) -> Finding:
    """A 407 asks for a sign-in (proxy_auth_required); anything else is a broken proxy."""
    args = {"proxy": trial.proxy.address, "status": trial.status}
    evidence = {**args, "source": trial.proxy.source, "outcome": trial.outcome}
    if trial.error:
        evidence["error"] = trial.error
    login = trial.outcome == "needs_login"
    return Finding(
        "proxy_auth_required" if login else "proxy_misconfigured",
        PROBABLE if login else LIKELY,
        evidence,
        Message(f"network.detail.proxy_{trial.outcome}", args),
    )


def check_proxy(ctx: CheckContext) -> CheckResult:
    check_id = "network.proxy"
    target = ctx.options.target
    settings = proxy.current_settings(os.environ, timeout=ctx.step_timeout(2.0))
    firefox = _firefox_settings(ctx)
    facts = ProxyFacts(
        settings=tuple(s.to_dict() for s in settings),
        firefox=firefox.to_dict() if firefox is not None else None,
    )
    if firefox is not None:  # Firefox's own choice overrides the system's
        settings = [] if firefox.is_empty else [firefox]
    if not settings:
        return result(check_id, Status.OK, "network.proxy.none", facts=facts)
    scheme, host, port = (
        (target.scheme, target.host, target.port) if target else ("https", None, 443)
    )
    chosen = list(
        {p.address: p for s in settings if (p := s.proxy_for(scheme, host, port))}.values()
    )
    automatic = next((s for s in settings if s.pac_url or s.wpad), None)
    if not chosen and automatic is not None and target is not None:
        found, facts = _proxy_from_pac(ctx, automatic, facts)
        if isinstance(found, CheckResult):
            return found
        chosen = [found]
    if not chosen:
        if automatic is not None:
            from conndoctor.core.probes import pac as pac_module  # a PAC script is configured

            pac = automatic.pac_url or pac_module.WPAD_URL
            return result(check_id, Status.WARN, "network.proxy.pac", facts=facts, pac_url=pac)
        shown = target.display_host if target else ""
        return result(check_id, Status.OK, "network.proxy.bypassed", facts=facts, host=shown)
    return _try_proxies(ctx, chosen, (host, port) if host else None, facts)


def _firefox_settings(ctx: CheckContext) -> proxy.ProxySettings | None:
    """The proxy settings of the Firefox the person named (--browser), from its first profile
    as the browser inventory found it; None for other browsers or a Firefox that follows the
    system."""
    browser_id = ctx.options.browser
    if not browser_id:
        return None
    from conndoctor.core.browsers import firefox_proxy
    from conndoctor.core.browsers import inventory as browsers

    if browsers.browser_spec(browser_id).get("family") != "firefox":
        return None
    inventory = facts_of(
        ctx.result_of("browsers.inventory", within=PROXY_TIMEOUT_S), InventoryFacts
    )
    found = [b for b in (inventory.browsers if inventory else ()) if b.id == browser_id]
    home = ctx.options.home or Path.home()
    for profile in found[0].profiles if found else ():
        shown = str(profile.get("path") or "")
        path = home / shown[2:] if shown.startswith("~/") else Path(shown)
        if (path / "prefs.js").is_file():
            return firefox_proxy.from_prefs(
                firefox_proxy.profile_prefs(path), f"firefox:{profile['name']}"
            )
    return None


def _proxy_from_pac(
    ctx: CheckContext, settings: proxy.ProxySettings, facts: ProxyFacts
) -> tuple[proxy.Proxy | CheckResult, ProxyFacts]:
    """The proxy the PAC script picks for the site, or the check's result when it picks none
    or cannot be read (browsers then connect directly, so that is no cause by itself); with
    the facts that now tell what the script said."""
    from conndoctor.core.probes import pac as pac_module  # only where a PAC script is set

    check_id = "network.proxy"
    target = ctx.options.target
    assert target is not None
    url = settings.pac_url or pac_module.WPAD_URL
    pac_info: dict[str, Any] = {"url": url, "origin": settings.origin}
    script = pac_module.fetch_script(ctx, url)
    if script.text is None:
        pac_info["problem"] = script.problem
        facts = facts._replace(pac=pac_info)
        key = "network.proxy.pac_unavailable"
        unavailable = result(
            check_id, Status.WARN, key, facts=facts, pac_url=url, reason=script.problem
        )
        return unavailable, facts
    try:
        answers = pac_module.find_proxies(
            script.text,
            target.display,
            target.host,
            max(0.05, min(PAC_RUN_S, ctx.remaining() - 0.3)),
        )
    except pac_module.PacError as exc:
        pac_info["problem"] = str(exc)
        facts = facts._replace(pac=pac_info)
        key = "network.proxy.pac_failed"
        failed = result(check_id, Status.WARN, key, facts=facts, pac_url=url, reason=str(exc))
        return failed, facts
    pac_info["answer"] = answers
    facts = facts._replace(pac=pac_info)
    first = answers[0]
    found = None if first == "DIRECT" else proxy.parse_proxy(first, f"pac:{url}")
    if found is None:
        shown = target.display_host
        key = "network.proxy.pac_direct"
        direct = result(check_id, Status.OK, key, facts=facts, pac_url=url, host=shown)
        return direct, facts
    return found, facts


def _try_proxies(
    ctx: CheckContext,
    chosen: list[proxy.Proxy],
    target: tuple[str, int] | None,
    facts: ProxyFacts,
) -> CheckResult:
    check_id = "network.proxy"

    def connect(proxy_host: str, proxy_port: int, timeout: float) -> socket.socket:
        return ctx.connect(proxy_host, proxy_port, purpose="proxy", timeout=timeout)

    trials = [
        proxy.try_proxy(p, target, connect, ctx.step_timeout(PROXY_TIMEOUT_S)) for p in chosen[:3]
    ]
    facts = facts._replace(
        trials=tuple(t.to_dict() for t in trials),
        proxy_works=all(t.works for t in trials),
    )
    broken = [t for t in trials if not t.works]
    if not broken:
        return result(
            check_id, Status.OK, "network.proxy.ok", facts=facts, proxy=trials[0].proxy.address
        )
    findings = [_proxy_finding(t) for t in broken]
    login = broken[0].outcome == "needs_login"
    return result(
        check_id,
        Status.FAIL,
        "network.proxy.needs_login" if login else "network.proxy.broken",
        facts=facts,
        findings=findings,
        proxy=broken[0].proxy.address,
    )
