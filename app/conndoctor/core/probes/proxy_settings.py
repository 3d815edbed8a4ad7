"""A proxy setting as data: which proxy serves which scheme, and which hosts bypass it.

The records every proxy reader fills (`proxy` for Windows, macOS and the environment,
`desktop_proxy` for GNOME and KDE, `firefox_proxy` for Firefox's own settings).
"""

from __future__ import annotations

import fnmatch
import ipaddress
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

_DEFAULT_PORTS = {"http": 80, "https": 443, "socks": 1080, "socks4": 1080, "socks5": 1080}


class Proxy(NamedTuple):
    """One proxy server: how to talk to it, and where the setting came from."""

    scheme: str
    host: str
    port: int
    source: str
    """"env:HTTPS_PROXY", "windows:ProxyServer" or "macos:HTTPSProxy"."""

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def is_socks(self) -> bool:
        return self.scheme.startswith("socks")

    def to_dict(self) -> dict[str, object]:
        return {
            "scheme": self.scheme,
            "address": self.address,
            "host": self.host,
            "port": self.port,
            "source": self.source,
        }


class ProxySettings(NamedTuple):
    """The proxy settings of one place (environment, Windows, macOS)."""

    origin: str
    by_scheme: Mapping[str, Proxy] = MappingProxyType({})
    """Target URL scheme ("http", "https") or "*" for every scheme -> proxy."""
    bypass: tuple[str, ...] = ()
    pac_url: str | None = None
    wpad: bool = False
    """Find the PAC script by itself (WPAD): "automatically detect settings"."""

    @property
    def is_empty(self) -> bool:
        return not self.by_scheme and not self.pac_url and not self.wpad

    def proxy_for(self, scheme: str, host: str | None, port: int) -> Proxy | None:
        """The proxy a browser would use for scheme://host:port, None for a direct connection."""
        chosen = self.by_scheme.get(scheme) or self.by_scheme.get("*")
        if chosen is None or (host is not None and bypasses(host, port, self.bypass)):
            return None
        return chosen

    def to_dict(self) -> dict[str, object]:
        return {
            "origin": self.origin,
            "proxies": {k: v.to_dict() for k, v in self.by_scheme.items()},
            "bypass": list(self.bypass),
            "pac_url": self.pac_url,
            "wpad": self.wpad,
        }


def parse_proxy(value: str, source: str, default_scheme: str = "http") -> Proxy | None:
    """`http://user:pw@host:3128`, `host:3128`, `socks5://[::1]:1080` -> Proxy (no password)."""
    value = value.strip()
    if not value:
        return None
    if "://" not in value:
        value = f"{default_scheme}://{value}"
    try:
        parts = urllib.parse.urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme == "socks5h":
        scheme = "socks5"
    if not parts.hostname or scheme not in _DEFAULT_PORTS:
        return None
    return Proxy(scheme, parts.hostname, port or _DEFAULT_PORTS[scheme], source)


def _ip_network(entry: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """`10.0.0.0/8`, `::1`, or macOS's short `169.254/16`."""
    address, _, bits = entry.partition("/")
    if bits and ":" not in address and address.count(".") < 3:
        address = ".".join([*address.split("."), "0", "0", "0"][:4])
    try:
        return ipaddress.ip_network(f"{address}/{bits}" if bits else address, strict=False)
    except ValueError:
        return None


def bypasses(host: str, port: int, entries: Sequence[str]) -> bool:
    """Whether `host` skips the proxy: curl's NO_PROXY rules plus Windows and macOS wildcards.

    `*` is everything; `.example.com` and `example.com` cover the domain and its
    subdomains; `*.corp` and `10.*` are wildcards; `10.0.0.0/8` is a network;
    `host:port` limits an entry to one port; `<local>` is every name without a dot.
    """
    host = host.strip("[]").rstrip(".").lower()
    try:
        host_ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
    except ValueError:
        host_ip = None
    for raw in entries:
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry == "*":
            return True
        if entry == "<local>":
            if host_ip is None and "." not in host:
                return True
            continue
        entry_port: int | None = None
        match = re.fullmatch(r"(\[[^\]]+\]|[^:]+):(\d+)", entry)
        if match:
            entry, entry_port = match.group(1).strip("[]"), int(match.group(2))
        if entry_port is not None and entry_port != port:
            continue
        if host_ip is not None and not any(c in entry for c in "*?"):
            network = _ip_network(entry)
            if network is not None and host_ip in network:
                return True
            continue
        if "*" in entry or "?" in entry:
            if fnmatch.fnmatchcase(host, entry):
                return True
            continue
        domain = entry.lstrip(".")
        if host == domain or host.endswith("." + domain):
            return True
    return False


def split_list(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[,;\s]+", value) if p.strip())
