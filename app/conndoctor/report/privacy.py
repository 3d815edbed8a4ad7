"""Mask what a help desk does not need: the user name, the home folder, the computer name, and
private network addresses.

The report is masked by default; the person can choose to include these details. Masking walks
the whole report document (keys and values), so a check that puts a path or an address into
its details is covered without knowing about it.
"""

from __future__ import annotations

import getpass
import ipaddress
import os
import re
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

USER = "<user>"
HOME = "<home>"
COMPUTER = "<computer>"
PRIVATE_ADDRESS = "<private-address>"

_PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",
        "fc00::/7",
        "fe80::/10",
    )
)
"""RFC 1918 and RFC 4193 private ranges and link-local ones; loopback stays (it names nobody)."""

_GENERIC_ACCOUNTS = frozenset(
    {"root", "admin", "administrator", "user", "guest", "default", "public", "owner", "home"}
)
"""Account names that are also ordinary words: masked inside paths only, not in sentences."""

_PROFILE_PATH = re.compile(
    r"(?P<prefix>(?:[A-Za-z]:)?[\\/](?:home|Users|usr[\\/]home|Documents and Settings)[\\/])"
    r"(?P<name>[^\\/\s\"'<>]+)",
    re.IGNORECASE,
)
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%[\w.-]+)?")


class Identity(NamedTuple):
    """The personal details of this computer that the report must not reveal by default."""

    user_names: tuple[str, ...]
    homes: tuple[str, ...]
    computer_names: tuple[str, ...]


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        if value and value.strip() and value not in found:
            found.append(value)
    return tuple(found)


def node_name() -> str:
    """The computer's name as platform.node() gives it, without loading `platform`."""
    return os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")


def current_identity() -> Identity:
    """This computer's user name(s), home folder and computer name(s), read now."""
    try:
        login = getpass.getuser()
    except (OSError, KeyError, ImportError):
        login = None
    home = os.environ.get("HOME") or os.environ.get("USERPROFILE")
    try:
        expanded = str(Path.home())
    except RuntimeError:
        expanded = None
    homes = _unique([home, expanded])
    names = _unique(
        [
            login,
            os.environ.get("USER"),
            os.environ.get("USERNAME"),
            os.environ.get("LOGNAME"),
            *(Path(h).name for h in homes),
        ]
    )
    hosts: list[str | None] = []
    for host in (socket.gethostname(), node_name()):
        hosts.extend([host, host.split(".")[0] if host else None])
    computers = _unique(
        h for h in hosts if h and h.lower() not in {"localhost", "localhost.localdomain"}
    )
    return Identity(names, homes, computers)


def _is_private(text: str) -> bool:
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    if address.is_loopback:
        return False
    return any(
        address in network for network in _PRIVATE_NETWORKS if address.version == network.version
    )


def _mask_addresses(text: str, keep: frozenset[str] = frozenset()) -> str:
    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        return PRIVATE_ADDRESS if found not in keep and _is_private(found) else found

    return _IPV6.sub(replace, _IPV4.sub(replace, text))


def _home_replacement(home: str) -> str:
    """/home/alice -> /home/<user> (still tells the platform); anywhere else -> <home>."""
    match = _PROFILE_PATH.fullmatch(home)
    return match.group("prefix") + USER if match else HOME


class Masker:
    """Replaces one identity's personal details in strings; built once per report."""

    def __init__(self, identity: Identity, keep: frozenset[str] = frozenset()) -> None:
        """`keep`: addresses that stay, such as the intranet site the person asked about."""
        self.identity = identity
        self._keep = keep
        homes = [h.rstrip("/\\") for h in identity.homes if len(h.rstrip("/\\")) > 1]
        self._homes = [
            (
                re.compile(r"(?<![\w.-])" + re.escape(h) + r"(?![\w-])", re.IGNORECASE),
                _home_replacement(h),
            )
            for h in sorted(homes, key=len, reverse=True)
        ]
        words = [
            n for n in identity.user_names if len(n) >= 3 and n.lower() not in _GENERIC_ACCOUNTS
        ]
        words += [c for c in identity.computer_names if len(c) >= 2]
        self._computers = {c.lower() for c in identity.computer_names}
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        self._words = (
            re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE) if words else None
        )
        every = [pattern for pattern, _ in self._homes] + [_PROFILE_PATH, _IPV4, _IPV6]
        every += [self._words] if self._words is not None else []
        self._anything = re.compile(
            "|".join(f"(?:{pattern.pattern})" for pattern in every), re.IGNORECASE
        )
        self._masked: dict[str, str] = {}

    def _word(self, match: re.Match[str]) -> str:
        return COMPUTER if match.group(1).lower() in self._computers else USER

    def text(self, value: str) -> str:
        """`value` with the details masked; a report repeats its keys and values many times,
        so each distinct string is masked once."""
        masked = self._masked.get(value)
        if masked is None:
            masked = self._masked[value] = self._mask(value)
        return masked

    def _mask(self, value: str) -> str:
        """Most of a report's strings (keys, check ids, sentences) hold nothing to mask: one
        search for any of the patterns then replaces trying each of them."""
        if self._anything.search(value) is None:  # then no replacement below changes it
            return value
        return self.replace_all(value)

    def replace_all(self, value: str) -> str:
        """Every replacement, in order, without first asking whether any applies."""
        for pattern, replacement in self._homes:
            value = pattern.sub(replacement.replace("\\", "\\\\"), value)
        value = _PROFILE_PATH.sub(lambda m: m.group("prefix") + USER, value)
        if self._words is not None:
            value = self._words.sub(self._word, value)
        return _mask_addresses(value, self._keep)

    def document(self, value: Any) -> Any:
        """A copy of a JSON-like document with every string (keys too) masked."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(str(k)): self.document(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.document(v) for v in value]
        return value


def mask_document(
    document: Any, identity: Identity | None = None, keep: frozenset[str] = frozenset()
) -> Any:
    """The document with this computer's personal details replaced by <user>, <home>, ..."""
    return Masker(identity or current_identity(), keep).document(document)
