"""Turn whatever a person typed or pasted into the address of one web site.

People paste `ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ` from a Japanese IME, leave out `https://`, or paste a
whole sentence. The first two must work; the last must get a clear message, never a traceback.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
import urllib.parse
from typing import NamedTuple

from conndoctor.core.model import Message

_DEFAULT_PORTS = {"https": 443, "http": 80}
_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
"""A host label as browsers take it: letters, digits, '-' inside, and '_' (Chromium loads
'foo_bar.example.com'; measured with x509-limbo rfc5280::san::underscore-dns)."""
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


def _error(key: str, **args: object) -> TargetError:
    return TargetError(Message(f"target.{key}", args))


def _ascii_host(host: str) -> tuple[str, str]:
    """(wire form, display form) of a DNS name, or TargetError."""
    host = host.rstrip(".").lower()
    if not host:
        raise _error("empty_host")
    labels = host.split(".")
    wire: list[str] = []
    for label in labels:
        if not label:
            raise _error("bad_host", host=host)
        if label.isascii():
            ascii_label = label
        else:
            try:
                ascii_label = label.encode("idna").decode("ascii")
            except UnicodeError as exc:
                raise _error("bad_host", host=host) from exc
        if not _LABEL.match(ascii_label):
            raise _error("bad_host", host=host)
        wire.append(ascii_label)
    if len(wire) < 2 and wire[0] != "localhost":
        raise _error("no_dot", host=host)
    wire_host = ".".join(wire)
    try:
        display_host = ".".join(
            part.encode("ascii").decode("idna") if part.startswith("xn--") else part
            for part in wire
        )
    except UnicodeError:
        display_host = wire_host
    return wire_host, display_host


def parse_target(raw: str) -> Target:
    """Parse what a person entered; TargetError (with a message for people) if it is no address."""
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
            raise _error("bad_host", host=host_part) from exc
        wire_host = display_host = str(address)
        ip_version = 6
    else:
        try:
            v4 = ipaddress.IPv4Address(host_part)
        except ValueError:
            if re.fullmatch(r"[0-9.]+", host_part):
                raise _error("bad_host", host=host_part) from None
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
            raise _error("bad_host", host=netloc)
        host, rest = netloc[: end + 1], netloc[end + 1 :]
        if rest and not rest.startswith(":"):
            raise _error("bad_host", host=netloc)
        port_text = rest[1:] if rest else ""
    elif netloc.count(":") > 1:
        raise _error("ipv6_needs_brackets", host=netloc)
    elif ":" in netloc:
        host, port_text = netloc.split(":", 1)
    else:
        host, port_text = netloc, ""
    if port_text == "":
        return host, _DEFAULT_PORTS[scheme]
    if not port_text.isdigit():
        raise _error("bad_port", port=port_text)
    port = int(port_text)
    if not 1 <= port <= 65535:
        raise _error("bad_port", port=port_text)
    return host, port
