"""Which proxy this computer tells browsers to use for a site, and whether that proxy works.

Browsers take their proxy from the system: the Internet Options registry key on Windows, the
network settings on macOS, GNOME's or KDE's settings on those Linux desktops (`desktop_proxy`),
environment variables elsewhere. A proxy that is set but
gone (a laptop taken home from the office) makes every secure site fail, so the settings
are read here as data and the proxy is tried the way a browser would: TCP, then
`CONNECT host:443`.
"""

from __future__ import annotations

import socket
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple, Protocol

from conndoctor.core.engine.child_env import child_environment
from conndoctor.core.platforms.registry import RecordedRegistry, RegistryData
from conndoctor.core.probes.http_reply import (
    CLOSED_WITHOUT_ANSWER,
    HttpError,
    exchange,
    host_header,
)
from conndoctor.core.probes.proxy_settings import (  # noqa: F401 - part of this module's API
    Proxy,
    ProxySettings,
    bypasses,
    parse_proxy,
    split_list,
)

WINDOWS_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings"


def from_environment(environ: Mapping[str, str]) -> ProxySettings:
    """Proxies named by environment variables, read the way curl reads them.

    Lower case wins over upper case; `HTTP_PROXY` in upper case is honoured too, since
    desktop sessions set it (curl ignores it only for CGI safety).
    """

    def first(*names: str) -> tuple[str, str] | None:
        for name in names:
            value = environ.get(name, "").strip()
            if value:
                return name, value
        return None

    by_scheme: dict[str, Proxy] = {}
    for scheme, names in (
        ("https", ("https_proxy", "HTTPS_PROXY")),
        ("http", ("http_proxy", "HTTP_PROXY")),
        ("*", ("all_proxy", "ALL_PROXY")),
    ):
        found = first(*names)
        if found:
            proxy = parse_proxy(found[1], f"env:{found[0]}")
            if proxy is not None:
                by_scheme[scheme] = proxy
    no_proxy = first("no_proxy", "NO_PROXY")
    return ProxySettings("env", by_scheme, split_list(no_proxy[1]) if no_proxy else ())


WINDOWS_VALUES = ("ProxyEnable", "ProxyServer", "ProxyOverride", "AutoConfigURL")


def from_windows(values: Mapping[str, RegistryData | None]) -> ProxySettings:
    """Internet Options settings: `ProxyServer` is `host:port` or `http=a:1;https=b:2;socks=c:3`."""

    def text(name: str) -> str:
        value = values.get(name)
        return value if isinstance(value, str) else ""

    pac = text("AutoConfigURL") or None
    if not values.get("ProxyEnable"):
        return ProxySettings("windows", {}, (), pac)
    server = text("ProxyServer")
    by_scheme: dict[str, Proxy] = {}
    if "=" in server:
        for part in split_list(server):
            name, _, address = part.partition("=")
            name = name.strip().lower()
            scheme = "socks4" if name == "socks" else "http"
            proxy = parse_proxy(address, f"windows:ProxyServer {name}", scheme)
            if proxy is None:
                continue
            if name in ("http", "https"):
                by_scheme[name] = proxy
            elif name == "socks":
                by_scheme.setdefault("*", proxy)
    else:
        proxy = parse_proxy(server, "windows:ProxyServer")
        if proxy is not None:
            by_scheme["*"] = proxy
    bypass = tuple(p for p in text("ProxyOverride").split(";") if p.strip())
    return ProxySettings("windows", by_scheme, bypass, pac)


def parse_scutil_proxy(text: str) -> dict[str, str | list[str]]:
    """`scutil --proxy` output (a printed CFDictionary) -> flat dict, arrays as lists."""
    values: dict[str, str | list[str]] = {}
    array: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if array is not None:
            if stripped == "}":
                array = None
                continue
            _, sep, item = stripped.partition(" : ")
            if sep:
                array.append(item.strip())
            continue
        name, sep, value = stripped.partition(" : ")
        if not sep:
            continue
        if value.strip() == "<array> {":
            array = []
            values[name.strip()] = array
        else:
            values[name.strip()] = value.strip()
    return values


def from_scutil(values: Mapping[str, str | list[str]]) -> ProxySettings:
    """macOS network settings: one host and port per protocol, each with its own switch."""

    def text(name: str) -> str:
        value = values.get(name, "")
        return value if isinstance(value, str) else ""

    by_scheme: dict[str, Proxy] = {}
    for prefix, scheme, proxy_scheme in (
        ("HTTPS", "https", "http"),
        ("HTTP", "http", "http"),
        ("SOCKS", "*", "socks5"),
    ):
        if text(f"{prefix}Enable") == "1" and text(f"{prefix}Proxy"):
            host = text(f"{prefix}Proxy")
            port = int(text(f"{prefix}Port")) if text(f"{prefix}Port").isdigit() else 0
            address = f"[{host}]" if ":" in host else host
            proxy = parse_proxy(
                f"{address}:{port}" if port else address, f"macos:{prefix}Proxy", proxy_scheme
            )
            if proxy is not None:
                by_scheme[scheme] = proxy
    exceptions = values.get("ExceptionsList", [])
    bypass = list(exceptions) if isinstance(exceptions, list) else []
    if text("ExcludeSimpleHostnames") == "1":
        bypass.append("<local>")
    pac = text("ProxyAutoConfigURLString") if text("ProxyAutoConfigEnable") == "1" else ""
    wpad = text("ProxyAutoDiscoveryEnable") == "1"  # "Auto proxy discovery"
    return ProxySettings("macos", by_scheme, tuple(bypass), pac or None, wpad=wpad and not pac)


Runner = Callable[[Sequence[str], float], str | None]


def run_command(command: Sequence[str], timeout: float) -> str | None:
    """Output of a short system command, or None if it is missing, fails or takes too long."""
    import subprocess

    try:
        done = subprocess.run(
            list(command),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console flash on Windows
            env=child_environment(),
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class SystemProxyReader(Protocol):
    """Reads the operating system's own proxy settings (not the environment)."""

    def __call__(self, run: Runner, timeout: float) -> ProxySettings | None: ...


def read_windows(run: Runner, timeout: float) -> ProxySettings | None:
    """`reg query` of the Internet Options key, read by the same parser as recorded outputs."""
    text = run(["reg", "query", WINDOWS_KEY], timeout)
    if text is None:
        return None
    registry = RecordedRegistry(text)
    return from_windows({name: registry.value(WINDOWS_KEY, name) for name in WINDOWS_VALUES})


def read_macos(run: Runner, timeout: float) -> ProxySettings | None:
    text = run(["scutil", "--proxy"], timeout)
    return from_scutil(parse_scutil_proxy(text)) if text is not None else None


def read_linux(run: Runner, timeout: float) -> ProxySettings | None:
    """GNOME's or KDE's settings on those desktops (see desktop_proxy)."""
    import os

    if not any(os.environ.get(n) for n in ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION")):
        return None  # no desktop session: browsers read the environment only
    from pathlib import Path

    from conndoctor.core.platforms.desktop_proxy import read_linux_desktop

    return read_linux_desktop(run, timeout, os.environ, Path.home())


SYSTEM_READERS: Mapping[str, SystemProxyReader] = {
    "win32": read_windows,
    "darwin": read_macos,
    "linux": read_linux,
}


def current_settings(
    environ: Mapping[str, str],
    platform: str = sys.platform,
    timeout: float = 2.0,
    run: Runner = run_command,
) -> list[ProxySettings]:
    """Every non-empty set of proxy settings on this computer: the system's first, then env."""
    found: list[ProxySettings] = []
    reader = SYSTEM_READERS.get(platform)
    if reader is not None:
        system = reader(run, timeout)
        if system is not None and not system.is_empty:
            found.append(system)
    env = from_environment(environ)
    if not env.is_empty:
        found.append(env)
    return found


class ProxyTrial(NamedTuple):
    """How a proxy answered: "works", "needs_login" (407), "refused", "timeout" (no answer, or
    too slow an answer), "closed" (accepted, then hung up or reset), "error" (another HTTP
    status), "bad_answer" (not HTTP)."""

    proxy: Proxy
    outcome: str
    status: int | None = None
    connect_ms: float | None = None
    error: str = ""

    @property
    def works(self) -> bool:
        return self.outcome == "works"

    def to_dict(self) -> dict[str, object]:
        return {
            **self.proxy.to_dict(),
            "outcome": self.outcome,
            "status": self.status,
            "connect_ms": self.connect_ms,
            "error": self.error,
        }


Connector = Callable[[str, int, float], socket.socket]
MAX_PROXY_ANSWER = 16 * 1024
"""A proxy's answer to CONNECT is a status line and a few headers."""


class TunnelError(OSError):
    """The proxy did not open a tunnel; `status` is its HTTP answer (None: no valid answer)."""

    def __init__(self, message: str, status: int | None = None, outcome: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.outcome = outcome or ("bad_answer" if status is None else "error")


def open_tunnel(sock: socket.socket, host: str, port: int, deadline: float) -> socket.socket:
    """Ask the HTTP proxy on `sock` for a tunnel to host:port (HTTP CONNECT); the same socket
    then carries the TLS handshake as if it were a direct connection, as browsers do.

    The answer is read within `deadline` and 16 KB; TimeoutError when the proxy is too slow.
    """
    authority = host_header(host, port, 0)
    try:
        reply = exchange(
            sock, "CONNECT", authority, [("Host", authority)], deadline, max_head=MAX_PROXY_ANSWER
        )
    except HttpError as exc:
        closed = str(exc) == CLOSED_WITHOUT_ANSWER
        raise TunnelError(str(exc), outcome="closed" if closed else "bad_answer") from None
    except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError) as exc:
        raise TunnelError(f"{type(exc).__name__}: {exc}", outcome="closed") from None
    if reply.status == 407:
        raise TunnelError("proxy answered HTTP 407", 407, "needs_login")
    if not 200 <= reply.status < 300:
        raise TunnelError(f"proxy answered HTTP {reply.status}", reply.status)
    if reply.leftover:
        raise TunnelError("the proxy sent bytes before the site did")
    return sock


def try_proxy(
    proxy: Proxy, target: tuple[str, int] | None, connect: Connector, timeout: float
) -> ProxyTrial:
    """Connect to the proxy, then ask an HTTP proxy to open a tunnel to `target` (bounded)."""
    began = time.monotonic()
    try:
        sock = connect(proxy.host, proxy.port, timeout)
    except ConnectionRefusedError as exc:
        return ProxyTrial(proxy, "refused", error=str(exc))
    except TimeoutError as exc:
        return ProxyTrial(proxy, "timeout", error=str(exc) or "timed out")
    except OSError as exc:
        return ProxyTrial(proxy, "refused", error=f"{type(exc).__name__}: {exc}")
    connect_ms = round((time.monotonic() - began) * 1000, 1)
    with sock:
        if target is None or proxy.is_socks:
            return ProxyTrial(proxy, "works", connect_ms=connect_ms)
        try:
            open_tunnel(sock, *target, began + timeout)
        except TunnelError as exc:
            return ProxyTrial(proxy, exc.outcome, exc.status, connect_ms, str(exc))
        except TimeoutError:
            return ProxyTrial(proxy, "timeout", connect_ms=connect_ms, error="no answer to CONNECT")
        except OSError as exc:
            return ProxyTrial(proxy, "closed", connect_ms=connect_ms, error=str(exc))
    return ProxyTrial(proxy, "works", 200, connect_ms)
