"""Turn whatever a person typed or pasted into the address of one web site.

People paste `ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ` from a Japanese IME, leave out `https://`, or paste a
whole sentence. The first two must work; the last must get a clear message, never a traceback.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
import urllib.parse
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from conndoctor.core.engine.model import Message

_DEFAULT_PORTS = {"https": 443, "http": 80}
_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
"""An ASCII label as browsers accept it: letters, digits, hyphens inside, and underscores
(Chromium loads `foo_bar.example.com`; only DNS host names proper forbid the underscore)."""
_MAX_HOST = 253
_IDEOGRAPHIC_DOTS = str.maketrans({"。": ".", "｡": ".", "、": "."})


class TargetError(ValueError):
    """The input is not a web address; `message` says why in words for people."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


class Target(NamedTuple):
    """One web site: where to connect and what to call it."""

    scheme: str
    host: str
    """ASCII form used on the wire: punycode for Unicode names, no brackets for IPv6."""
    display_host: str
    """The form a person recognises: Unicode host names stay Unicode."""
    port: int
    path: str
    ip_version: int | None = None

    @property
    def is_ip(self) -> bool:
        return self.ip_version is not None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if self.ip_version == 6 else self.host
        default = _DEFAULT_PORTS.get(self.scheme)
        port = "" if self.port == default else f":{self.port}"
        return f"{self.scheme}://{host}{port}{self.path}"

    @property
    def display(self) -> str:
        host = f"[{self.display_host}]" if self.ip_version == 6 else self.display_host
        default = _DEFAULT_PORTS.get(self.scheme)
        port = "" if self.port == default else f":{self.port}"
        return f"{self.scheme}://{host}{port}{self.path}"

    def to_dict(self) -> dict[str, object]:
        return {
            "url": self.url,
            "display": self.display,
            "scheme": self.scheme,
            "host": self.host,
            "display_host": self.display_host,
            "port": self.port,
            "path": self.path,
            "ip_version": self.ip_version,
        }


def wire_name(host: str) -> str | bytes:
    """`host` as `socket.getaddrinfo` and the TLS SNI are given it. A name given as text is
    first encoded with Python's IDNA 2003 codec, whose modules take about 3 ms to load; a
    target's name is already ASCII (its A-labels, from UTS #46) and an address always is, so
    those go as bytes, the very bytes that codec would make."""
    return host.encode("ascii") if host.isascii() else host


def _error(key: str, **args: object) -> TargetError:
    from conndoctor.core.engine.model import Message  # the records load after the first packet

    return TargetError(Message(f"target.{key}", args))


def ascii_port(text: str) -> int | None:
    """A port written in ASCII digits, 1-65535, or None.

    `str.isdigit()` accepts `²`, `①` or `፩`, which `int()` then refuses: only 0-9 count.
    """
    if not text or len(text) > 5 or not all("0" <= ch <= "9" for ch in text):
        return None
    port = int(text)
    return port if 1 <= port <= 65535 else None


def _ascii_host(host: str, *, single_label: bool = False) -> tuple[str, str]:
    """(wire form, display form) of a DNS name, or TargetError.

    Unicode names are converted as browsers do (IDNA 2008 with UTS #46, non-transitional:
    `straße.de` is `xn--strae-oqa.de`), with the maintained `idna` package. A name that is
    ASCII and has no `xn--` label needs none of it: UTS #46 maps ASCII by lowercasing only
    (tests/core/engine/test_target.py checks that against `idna` for every ASCII character),
    so the package is not loaded before the site's first packets.
    """
    host = host.rstrip(".")
    if not host:
        raise _error("empty_host")
    shown = host[:80]
    plain = host.isascii() and "xn--" not in host.lower()
    if plain:
        host = host.lower()
    else:
        import idna

        try:
            host = idna.uts46_remap(host, std3_rules=False, transitional=False)
        except (idna.IDNAError, UnicodeError, ValueError) as exc:
            raise _error("bad_host", host=shown) from exc
    wire: list[str] = []
    for label in host.split("."):
        if not label:
            raise _error("bad_host", host=shown)
        wire.append(label if label.isascii() else _a_label(label, shown))
        if not _LABEL.match(wire[-1]):
            raise _error("bad_host", host=shown)
    if len(wire) < 2 and wire[0] != "localhost" and not single_label:
        raise _error("no_dot", host=shown)
    wire_host = ".".join(wire)
    if len(wire_host) > _MAX_HOST:
        raise _error("bad_host", host=shown)
    return wire_host, wire_host if plain else _display_host(wire)


def _a_label(label: str, shown: str) -> str:
    import idna

    try:
        return str(idna.alabel(label).decode("ascii"))
    except (idna.IDNAError, UnicodeError, ValueError) as exc:
        raise _error("bad_host", host=shown) from exc


def _display_host(wire: list[str]) -> str:
    """The name as people read it: `xn--` labels in their own script."""
    import idna

    try:
        return ".".join(idna.ulabel(part) if part.startswith("xn--") else part for part in wire)
    except (idna.IDNAError, UnicodeError, ValueError):
        return ".".join(wire)


def parse_server(text: str, default_port: int) -> tuple[str, int]:
    """`HOST`, `HOST:PORT`, `IPv4[:PORT]`, `IPv6` or `[IPv6]:PORT` of a server (NTP, DNS).

    Returns the wire host (IP addresses without brackets) and the port; TargetError if the
    text is no server address. Single-label names (`ntp`) are allowed: intranets use them.
    """
    if _odd_digit_port(text or "") is not None:
        raise _error("bad_server", value=text[:80])
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text or any(ch.isspace() or not ch.isprintable() for ch in text):
        raise _error("bad_server", value=text[:80])
    port_text = ""
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise _error("bad_server", value=text[:80])
        port_text = rest[1:] if rest else ""
        if rest == ":" or ":" not in host:
            raise _error("bad_server", value=text[:80])
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
        if not port_text:
            raise _error("bad_server", value=text[:80])
    else:
        host = text
    port = ascii_port(port_text) if port_text else default_port
    if port is None:
        raise _error("bad_server", value=text[:80])
    try:
        return str(ipaddress.ip_address(host.split("%", 1)[0])), port
    except ValueError:
        pass
    if ":" in host or re.fullmatch(r"[0-9.]+", host):
        raise _error("bad_server", value=text[:80])
    try:
        wire_host, _display = _ascii_host(host, single_label=True)
    except TargetError as exc:
        raise _error("bad_server", value=text[:80]) from exc
    return wire_host, port


def check_web_url(url: str) -> str:
    """The URL if it is a usable http:// or https:// address (host and port valid), else
    TargetError. urllib raises ValueError for `http://[::1` or a port like `:99999`."""
    text = url.strip()

    def problem() -> TargetError:  # built only when raised: a message loads the run's records
        return _error("bad_url", value=text[:80])

    if not text or any(ch.isspace() or not ch.isprintable() for ch in text):
        raise problem()
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
        hostname = parts.hostname
    except ValueError as exc:
        raise problem() from exc
    if parts.scheme.lower() not in _DEFAULT_PORTS or not hostname or port == 0:
        raise problem()
    netloc = parts.netloc.rsplit("@", 1)[-1]
    port_text = netloc.rsplit("]", 1)[-1].rpartition(":")[2] if ":" in netloc else ""
    if port_text and netloc.endswith(":" + port_text) and ascii_port(port_text) is None:
        raise problem()
    if netloc.startswith("["):
        try:
            ipaddress.IPv6Address(hostname.split("%", 1)[0])
        except ValueError as exc:
            raise problem() from exc
        return text
    try:
        ipaddress.IPv4Address(hostname)
    except ValueError:
        if re.fullmatch(r"[0-9.]+", hostname):
            raise problem() from None
        try:
            _ascii_host(hostname, single_label=True)
        except TargetError as exc:
            raise problem() from exc
    return text


def _odd_digit_port(raw: str) -> str | None:
    """The port as typed when it has digits other than 0-9 or full-width ０-９ (`²`, `①`, `፩`).

    NFKC would quietly turn `²` into 2; a port is only ever typed with plain digits.
    """
    authority = re.split(r"[/?#／？＃]", raw.replace("：", ":").split("://", 1)[-1], maxsplit=1)[0]
    port = authority.rpartition("]")[2].rpartition(":")[2].strip() if ":" in authority else ""
    for ch in port:
        if unicodedata.digit(ch, None) is not None and not ("0" <= ch <= "9" or "０" <= ch <= "９"):
            return port[:20]
    return None


def parse_target(raw: str) -> Target:
    """Parse what a person entered; TargetError (with a message for people) if it is no address."""
    odd_port = _odd_digit_port(raw or "")
    if odd_port is not None:
        raise _error("bad_port", port=odd_port)
    text = unicodedata.normalize("NFKC", raw or "").translate(_IDEOGRAPHIC_DOTS).strip()
    if not text:
        raise _error("empty")
    if any(ch.isspace() for ch in text):
        raise _error("has_spaces", text=text[:80])
    if "://" not in text:
        text = ("https:" if text.startswith("//") else "https://") + text
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError as exc:
        raise _error("unparsable", text=text[:80]) from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise _error("bad_scheme", scheme=scheme)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = netloc.rsplit("@", 1)[1]
    host_part, port = _split_port(netloc, scheme)
    ip_version: int | None = None
    if host_part.startswith("[") and host_part.endswith("]"):
        try:
            address = ipaddress.IPv6Address(host_part[1:-1].split("%", 1)[0])
        except ValueError as exc:
            raise _error("bad_host", host=host_part[:80]) from exc
        wire_host = display_host = str(address)
        ip_version = 6
    else:
        try:
            v4 = ipaddress.IPv4Address(host_part)
        except ValueError:
            if re.fullmatch(r"[0-9.]+", host_part):
                raise _error("bad_host", host=host_part[:80]) from None
            wire_host, display_host = _ascii_host(host_part)
        else:
            wire_host = display_host = str(v4)
            ip_version = 4
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(scheme, wire_host, display_host, port, path, ip_version)


def _split_port(netloc: str, scheme: str) -> tuple[str, int]:
    if not netloc:
        raise _error("empty_host")
    if netloc.startswith("["):
        end = netloc.find("]")
        if end < 0:
            raise _error("bad_host", host=netloc[:80])
        host, rest = netloc[: end + 1], netloc[end + 1 :]
        if rest and not rest.startswith(":"):
            raise _error("bad_host", host=netloc[:80])
        port_text = rest[1:] if rest else ""
    elif netloc.count(":") > 1:
        raise _error("ipv6_needs_brackets", host=netloc[:80])
    elif ":" in netloc:
        host, port_text = netloc.split(":", 1)
    else:
        host, port_text = netloc, ""
    if port_text == "":
        return host, _DEFAULT_PORTS[scheme]
    port = ascii_port(port_text)
    if port is None:
        raise _error("bad_port", port=port_text[:20])
    return host, port
