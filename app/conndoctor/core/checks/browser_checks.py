"""The browser checks: which browsers there are, whether their versions and TLS settings can
reach the site, and how much they cache. One scan of the home folder serves all three."""

from __future__ import annotations

import threading
import weakref
from pathlib import Path

from conndoctor.core.browsers.browser_settings import TlsSetting, secure_protocols, tls_settings_of
from conndoctor.core.browsers.inventory import (
    SCAN_DEADLINE_S,
    BrowserInfo,
    older_than,
    rules,
    scan_browsers,
)
from conndoctor.core.engine.context import CheckContext, Options
from conndoctor.core.engine.facts import BrowserFacts, BrowserTlsFacts, CacheFacts, InventoryFacts
from conndoctor.core.engine.model import Area, CheckResult, Device, Finding, Message, Status, result
from conndoctor.core.engine.runner import Check
from conndoctor.core.knowledge.confidence import (
    FAINT,
    PLAUSIBLE,
    PROBABLE,
    VERY_LIKELY,
    WEIGHT_OTHER_BROWSER,
)
from conndoctor.core.platforms import current_platform


class _SharedScan:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.browsers: tuple[BrowserInfo, ...] = ()


_SCANS: weakref.WeakKeyDictionary[CheckContext, _SharedScan] = weakref.WeakKeyDictionary()
_SCANS_LOCK = threading.Lock()


def scan_for(ctx: CheckContext) -> tuple[BrowserInfo, ...] | None:
    """One scan per run, shared by the browser checks (None: it did not finish in time)."""
    with _SCANS_LOCK:
        shared = _SCANS.get(ctx)
        first = shared is None
        if shared is None:
            shared = _SCANS[ctx] = _SharedScan()
    if first:
        try:
            budget = max(0.1, min(2 * SCAN_DEADLINE_S, ctx.remaining() - 0.5))
            shared.browsers = scan_browsers(ctx.options.home, deadline_s=budget)
        finally:
            shared.done.set()
    elif not shared.done.wait(ctx.remaining()):
        return None
    return shared.browsers


def _shown(path: Path | None, home: Path) -> str | None:
    """A path as people read it, '~/…' inside the home folder (keeps user names out of reports)."""
    if path is None:
        return None
    try:
        return "~/" + path.relative_to(home).as_posix()
    except ValueError:
        return str(path)


def _weight(options: Options, browser: BrowserInfo) -> float:
    """Findings about a browser the person does not use count for less."""
    named = options.browser
    if not named or browser.id == named or browser.id.split("_")[0] == named.split("_")[0]:
        return 1.0
    return WEIGHT_OTHER_BROWSER


def _prologue(ctx: CheckContext, check_id: str) -> CheckResult | tuple[BrowserInfo, ...]:
    if ctx.options.device != Device.THIS_COMPUTER:
        return result(check_id, Status.SKIPPED, "browsers.other_device")
    found = scan_for(ctx)
    if found is None:
        return result(check_id, Status.ERROR, "browsers.scan_timed_out")
    return tuple(b for b in found if b.present)


def check_inventory(ctx: CheckContext) -> CheckResult:
    check_id = "browsers.inventory"
    found = _prologue(ctx, check_id)
    if isinstance(found, CheckResult):
        return found
    home = ctx.options.home or Path.home()
    facts = InventoryFacts(
        browsers=tuple(
            BrowserFacts(
                id=b.id,
                name=b.name,
                family=b.family,
                installed=b.installed,
                version=b.version,
                version_source=b.version_source,
                running=b.running,
                executable=_shown(b.executable, home),
                profiles=tuple(
                    {
                        "name": p.name,
                        "path": _shown(p.path, home),
                        "last_version": p.last_version,
                        "cache_bytes": p.cache_bytes,
                        "cache_complete": p.cache_complete,
                    }
                    for p in b.profiles
                ),
            )
            for b in found
        )
    )
    if not found:
        return result(check_id, Status.WARN, "browsers.inventory.none", facts=facts)
    listing = ", ".join(f"{b.name} {b.version or '?'}" for b in found)
    return result(
        check_id,
        Status.OK,
        "browsers.inventory.found",
        facts=facts,
        count=len(found),
        browsers=listing,
    )


def _outdated(browser: BrowserInfo, weight: float) -> Finding | None:
    product = rules()["products"].get(browser.product, {})
    minimum = product.get("tls12_default_from")
    if not minimum or not older_than(browser.version, minimum):
        return None
    args = {"browser": browser.name, "version": browser.version, "minimum": minimum}
    confidence = (VERY_LIKELY if browser.installed else PLAUSIBLE) * weight
    return Finding(
        "browser_outdated",
        round(confidence, 2),
        {**args, "browser_id": browser.id, "source": product.get("source", "")},
        Message(product["update_steps"], args),
    )


def _disabled(setting: TlsSetting, browser: BrowserInfo, weight: float) -> Finding:
    args = {
        "browser": browser.name,
        "profile": setting.profile,
        "setting": setting.setting,
        "value": setting.value,
    }
    key = (
        "browsers.tls_disabled.policy"
        if setting.origin == "policy"
        else f"browsers.tls_disabled.{setting.setting}"
    )
    return Finding(
        "browser_tls_disabled",
        round(VERY_LIKELY * weight, 2),
        {**args, "browser_id": browser.id, "origin": setting.origin},
        Message(key, args),
    )


def check_tls_settings(ctx: CheckContext) -> CheckResult:
    check_id = "browsers.tls_settings"
    found = _prologue(ctx, check_id)
    if isinstance(found, CheckResult):
        return found
    plat = current_platform(ctx.options.home)
    findings: list[Finding] = []
    checked = []
    for browser in found:
        weight = _weight(ctx.options, browser)
        outdated = _outdated(browser, weight)
        findings += [outdated] if outdated else []
        findings += [_disabled(s, browser, weight) for s in tls_settings_of(browser, plat)]
        checked.append(
            {
                "id": browser.id,
                "version": browser.version,
                "minimum": rules()["products"].get(browser.product, {}).get("tls12_default_from"),
            }
        )
    mask = secure_protocols(plat)
    if mask is not None and not mask & 0x800:
        # Internet Options' "Use TLS 1.2" box: Internet Explorer and Edge's IE mode obey it.
        named = ctx.options.browser
        weight = 1.0 if not named or named in ("ie", "edge") else WEIGHT_OTHER_BROWSER
        findings.append(
            Finding(
                "browser_tls_disabled",
                round(VERY_LIKELY * weight, 2),
                {
                    "browser": "Internet Explorer",
                    "browser_id": "ie",
                    "setting": "SecureProtocols",
                    "value": hex(mask),
                    "origin": "windows",
                },
                Message("browsers.tls_disabled.secure_protocols", {"value": hex(mask)}),
            )
        )
    facts = BrowserTlsFacts(browsers=tuple(checked), secure_protocols=mask)
    if not findings:
        return result(check_id, Status.OK, "browsers.tls.ok", facts=facts)
    strong = any(f.confidence >= PROBABLE for f in findings)
    return result(
        check_id,
        Status.FAIL if strong else Status.WARN,
        "browsers.tls.problems",
        facts=facts,
        findings=findings,
        count=len(findings),
    )


def check_cache(ctx: CheckContext) -> CheckResult:
    check_id = "browsers.cache"
    found = _prologue(ctx, check_id)
    if isinstance(found, CheckResult):
        return found
    home = ctx.options.home or Path.home()
    rows = [
        {
            "browser": b.id,
            "profile": p.name,
            "path": _shown(p.cache_root, home),
            "bytes": p.cache_bytes,
            "complete": p.cache_complete,
        }
        for b in found
        for p in b.profiles
    ]
    total = sum(int(r["bytes"] or 0) for r in rows)
    complete = all(r["complete"] for r in rows)
    megabytes = round(total / (1 << 20), 1)
    key = "browsers.cache.summary" if complete else "browsers.cache.at_least"
    # Never a cause by itself: the diagnosis keeps browser_cache only when everything else is fine.
    findings = [Finding("browser_cache", FAINT, {"bytes": total})] if total else []
    return result(
        check_id,
        Status.OK,
        key,
        facts=CacheFacts(profiles=tuple(rows), total_bytes=total, complete=complete),
        findings=findings,
        megabytes=megabytes,
        profiles=len(rows),
    )


CHECKS: tuple[Check, ...] = (
    # Versions and TLS settings belong to the wizard's "system and browser support" step;
    # the browser step is about the cache and the illustrated steps.
    Check(id="browsers.inventory", area=Area.SYSTEM, run=check_inventory, needs_target=False),
    Check(id="browsers.tls_settings", area=Area.SYSTEM, run=check_tls_settings, needs_target=False),
    Check(id="browsers.cache", area=Area.BROWSER, run=check_cache, needs_target=False),
)
