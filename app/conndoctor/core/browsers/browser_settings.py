"""Browser settings that switch TLS 1.2 off: Firefox prefs, admin policies, Internet Options.

The seed article's cause 2: a browser that could use TLS 1.2 but has it turned off in its
settings. Kept apart from the inventory so each reads on its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from conndoctor.core.browsers.browser_records import (
    BrowserInfo,
    Profile,
    browser_spec,
    read_text,
    rules,
)
from conndoctor.core.platforms import Platform


class TlsSetting(NamedTuple):
    """A browser setting that keeps it from using TLS 1.2 (Firefox pref or admin policy)."""

    browser_id: str
    profile: str
    setting: str
    value: Any
    origin: str = "prefs"


TLS_LEVELS = {"tls1": 1, "tls1.0": 1, "tls1.1": 2, "tls1.2": 3, "tls1.3": 4}
_PREF = re.compile(
    r'^\s*(user_pref|pref|defaultPref|lockPref)\(\s*"([^"]+)"\s*,\s*(.+?)\s*\)\s*;', re.M
)


def firefox_prefs(*files: Path) -> dict[str, Any]:
    """Preferences from prefs.js/user.js-style files; later files win, lockPref wins over all."""
    values: dict[str, Any] = {}
    locked: dict[str, Any] = {}
    for file in files:
        for kind, name, raw in _PREF.findall(read_text(file) or ""):
            try:
                value = json.loads(raw if raw.startswith('"') else raw.split(",")[0])
            except ValueError:
                value = raw
            (locked if kind == "lockPref" else values)[name] = value
    return {**values, **locked}


def firefox_tls_problems(
    browser_id: str, profile: Profile, system_files: Iterable[Path] = ()
) -> list[TlsSetting]:
    """security.tls.version.max below 3 (TLS 1.2) or .min above it, as this profile sees them."""
    prefs = firefox_prefs(*system_files, profile.path / "prefs.js", profile.path / "user.js")
    problems = []
    high, low = prefs.get("security.tls.version.max"), prefs.get("security.tls.version.min")
    if isinstance(high, int) and high < 3:
        problems.append(TlsSetting(browser_id, profile.name, "security.tls.version.max", high))
    if isinstance(low, int) and low > 3:
        problems.append(TlsSetting(browser_id, profile.name, "security.tls.version.min", low))
    return problems


def policy_tls_problems(
    browser_id: str, profile: str, policies: Mapping[str, Any]
) -> list[TlsSetting]:
    """Administrator policies SSLVersionMin above TLS 1.2 or SSLVersionMax below it."""
    problems = []
    low = TLS_LEVELS.get(str(policies.get("SSLVersionMin", "")).lower())
    high = TLS_LEVELS.get(str(policies.get("SSLVersionMax", "")).lower())
    if low is not None and low > 3:
        problems.append(
            TlsSetting(browser_id, profile, "SSLVersionMin", policies["SSLVersionMin"], "policy")
        )
    if high is not None and high < 3:
        problems.append(
            TlsSetting(browser_id, profile, "SSLVersionMax", policies["SSLVersionMax"], "policy")
        )
    return problems


def secure_protocols(plat: Platform) -> int | None:
    """The Internet Options 'Use TLS 1.x' boxes as a bit mask (None: not set, or not Windows)."""
    for key in rules()["secure_protocols_keys"]["keys"]:
        value = plat.registry_value(key, "SecureProtocols")
        if isinstance(value, int):
            return value
    return None


def tls_settings_of(browser: BrowserInfo, plat: Platform) -> list[TlsSetting]:
    """What keeps one browser from using TLS 1.2: its profiles' prefs, its admin policies."""
    spec = browser_spec(browser.id).get(plat.os_id, {})
    if browser.family not in ("firefox", "chromium"):
        return []
    policies = plat.policies(spec, ("SSLVersionMin", "SSLVersionMax"))
    found = policy_tls_problems(browser.id, "", policies)
    system_files = [plat.expand(t) for t in spec.get("pref_files", ())]
    if browser.family == "firefox":
        found += [
            s for p in browser.profiles for s in firefox_tls_problems(browser.id, p, system_files)
        ]
    return found
