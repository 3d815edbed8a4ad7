"""Proxy settings of Linux desktops: GNOME's `org.gnome.system.proxy` and KDE's `kioslaverc`.

On a GNOME or KDE desktop, Chromium (net/proxy_resolution/proxy_config_service_linux.cc) and
Firefox ("use system proxy settings", its default) take the proxy from the desktop's settings,
not from environment variables; an office laptop set up there is invisible to `env`. The
desktop is told by XDG_CURRENT_DESKTOP, as Chromium's base::nix::GetDesktopEnvironment does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from conndoctor.core.probes.proxy_settings import Proxy, ProxySettings, parse_proxy

GVariant = str | bool | int | list[str]
Runner = Callable[[Sequence[str], float], str | None]
MAX_KIOSLAVERC = 256 * 1024
_TYPE_PREFIX = re.compile(r"^(?:@\w+|u?int(?:16|32|64)|byte|double)\s+")


def desktop_of(environ: Mapping[str, str]) -> str | None:
    """ "gnome" (and the desktops built on its settings), "kde", or None (no desktop settings)."""
    names = environ.get("XDG_CURRENT_DESKTOP", "") or environ.get("DESKTOP_SESSION", "")
    parts = {p.strip().lower() for p in names.split(":") if p.strip()}
    if not parts:
        return None
    if parts & {"kde", "plasma"} or environ.get("KDE_FULL_SESSION"):
        return "kde"
    return "gnome"


def _gvariant(text: str) -> GVariant | None:
    """One value as `gsettings` prints it: 'text', true, 3128, ['a', 'b'], uint32 5, @as []."""
    import ast  # here: most computers have no desktop proxy settings to read

    text = _TYPE_PREFIX.sub("", text.strip())
    if text in ("true", "false"):
        return text == "true"
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def parse_gsettings(text: str) -> dict[str, GVariant]:
    """`gsettings list-recursively org.gnome.system.proxy` -> {"https host": "proxy", ...}.

    Passwords are never kept (the schema has one, `authentication-password`).
    """
    values: dict[str, GVariant] = {}
    for line in text.splitlines():
        schema, _, rest = line.partition(" ")
        key, _, raw = rest.partition(" ")
        if not schema.startswith("org.gnome.system.proxy") or "password" in key:
            continue
        value = _gvariant(raw)
        if value is not None:
            sub = schema.removeprefix("org.gnome.system.proxy").lstrip(".")
            values[f"{sub} {key}".strip()] = value
    return values


def from_gnome(values: Mapping[str, GVariant]) -> ProxySettings:
    """GNOME's modes: 'none', 'manual' (a host and port per protocol), 'auto' (PAC, or WPAD
    when the script's address is empty)."""

    def text(name: str) -> str:
        value = values.get(name)
        return value if isinstance(value, str) else ""

    ignore = values.get("ignore-hosts")
    bypass = tuple(ignore) if isinstance(ignore, list) else ()
    mode = text("mode")
    if mode == "auto":
        pac = text("autoconfig-url")
        return ProxySettings("gnome", {}, bypass, pac or None, wpad=not pac)
    if mode != "manual":
        return ProxySettings("gnome")
    by_scheme: dict[str, Proxy] = {}
    for protocol, scheme, proxy_scheme in (
        ("https", "https", "http"),
        ("http", "http", "http"),
        ("socks", "*", "socks5"),
    ):
        host, port = text(f"{protocol} host"), values.get(f"{protocol} port")
        if host and isinstance(port, int) and not isinstance(port, bool) and 0 < port < 65536:
            shown = f"[{host}]" if ":" in host else host
            proxy = parse_proxy(f"{shown}:{port}", f"gnome:{protocol}", proxy_scheme)
            if proxy is not None:
                by_scheme[scheme] = proxy
    if values.get("use-same-proxy") is True and "http" in by_scheme:
        by_scheme.setdefault("https", by_scheme["http"])
    return ProxySettings("gnome", by_scheme, bypass)


def parse_kioslaverc(text: str) -> dict[str, str]:
    """The [Proxy Settings] group of kioslaverc (a KConfig INI file)."""
    import configparser  # here: only KDE desktops have the file

    config = configparser.ConfigParser(interpolation=None, strict=False)
    config.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        config.read_string(text)
    except configparser.Error:
        return {}
    return dict(config["Proxy Settings"]) if config.has_section("Proxy Settings") else {}


def _kde_proxy(value: str, source: str, default_scheme: str) -> Proxy | None:
    """KDE writes "http://host 3128" (a space before the port) as well as "host:3128"."""
    value = value.strip()
    match = re.fullmatch(r"(.+?)\s+(\d{1,5})", value)
    if match:
        value = f"{match.group(1)}:{match.group(2)}"
    return parse_proxy(value, source, default_scheme)


def from_kde(values: Mapping[str, str]) -> ProxySettings:
    """KDE's ProxyType: 0 none, 1 manual, 2 PAC script, 3 WPAD, 4 environment variables."""
    kind = values.get("ProxyType", "0").strip()
    bypass = tuple(p.strip() for p in values.get("NoProxyFor", "").split(",") if p.strip())
    if values.get("ReversedException", "false").strip().lower() == "true":
        bypass = ()  # the list names the only hosts that use the proxy: read as "all do"
    if kind == "2":
        return ProxySettings("kde", {}, bypass, values.get("Proxy Config Script", "") or None)
    if kind == "3":
        return ProxySettings("kde", {}, bypass, None, wpad=True)
    if kind != "1":
        return ProxySettings("kde")
    by_scheme: dict[str, Proxy] = {}
    for name, scheme, proxy_scheme in (
        ("httpsProxy", "https", "http"),
        ("httpProxy", "http", "http"),
        ("socksProxy", "*", "socks5"),
    ):
        proxy = _kde_proxy(values.get(name, ""), f"kde:{name}", proxy_scheme)
        if proxy is not None:
            by_scheme[scheme] = proxy
    return ProxySettings("kde", by_scheme, bypass)


def read_linux_desktop(
    run: Runner, timeout: float, environ: Mapping[str, str], home: Path
) -> ProxySettings | None:
    """The desktop's proxy settings, or None where there is no desktop or nothing to read."""
    desktop = desktop_of(environ)
    if desktop == "gnome":
        text = run(["gsettings", "list-recursively", "org.gnome.system.proxy"], timeout)
        return from_gnome(parse_gsettings(text)) if text else None
    if desktop == "kde":
        folder = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
        path = folder / "kioslaverc"
        try:
            if not path.is_file() or path.stat().st_size > MAX_KIOSLAVERC:
                return None
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        return from_kde(parse_kioslaverc(text))
    return None
