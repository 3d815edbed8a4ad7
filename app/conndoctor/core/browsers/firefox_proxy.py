"""Firefox's own proxy settings (Settings > Network Settings), which win over the system's.

Firefox follows the system only while `network.proxy.type` is 5, its default; 0 is "no
proxy", 1 manual, 2 a PAC script at `network.proxy.autoconfig_url`, 4 WPAD
(modules/libpref/init/all.js and netwerk/base/nsProtocolProxyService.cpp). When the person
says Firefox shows the error, its profile's prefs.js decides which proxy is tried.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conndoctor.core.probes.proxy_settings import Proxy, ProxySettings, parse_proxy

SYSTEM = 5


def _proxy(prefs: Mapping[str, Any], name: str, scheme: str) -> Proxy | None:
    host, port = prefs.get(f"network.proxy.{name}"), prefs.get(f"network.proxy.{name}_port")
    if not isinstance(host, str) or not host.strip():
        return None
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        return None
    shown = f"[{host.strip()}]" if ":" in host else host.strip()
    return parse_proxy(f"{shown}:{port}", f"firefox:network.proxy.{name}", scheme)


def from_prefs(prefs: Mapping[str, Any], origin: str = "firefox") -> ProxySettings | None:
    """Firefox's settings, or None while it follows the system's (type 5, or unreadable)."""
    kind = prefs.get("network.proxy.type", SYSTEM)
    bypass_text = prefs.get("network.proxy.no_proxies_on", "")
    bypass = tuple(p.strip() for p in str(bypass_text).replace(";", ",").split(",") if p.strip())
    if kind == 0:
        return ProxySettings(origin)
    if kind == 2:
        url = prefs.get("network.proxy.autoconfig_url")
        return ProxySettings(origin, {}, bypass, url if isinstance(url, str) and url else None)
    if kind == 4:
        return ProxySettings(origin, {}, bypass, None, wpad=True)
    if kind != 1:
        return None
    by_scheme: dict[str, Proxy] = {}
    http = _proxy(prefs, "http", "http")
    secure = http if prefs.get("network.proxy.share_proxy_settings") is True else None
    secure = secure or _proxy(prefs, "ssl", "http")
    socks_version = prefs.get("network.proxy.socks_version", 5)
    socks = _proxy(prefs, "socks", "socks4" if socks_version == 4 else "socks5")
    for scheme, found in (("http", http), ("https", secure), ("*", socks)):
        if found is not None:
            by_scheme[scheme] = found
    return ProxySettings(origin, by_scheme, bypass)


def profile_prefs(profile: Path) -> dict[str, Any]:
    """prefs.js and user.js of one profile, read as Firefox reads them (user.js wins)."""
    from conndoctor.core.browsers.browser_settings import firefox_prefs

    return firefox_prefs(profile / "prefs.js", profile / "user.js")
