"""The vocabulary every check, rule and presentation shares: statuses, messages, results.

Results are immutable (frozen dataclasses whose mappings are read-only views) so that the
runner can hand them across threads and the wizard, the command line and the PDF can all read
the same object without copying it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from conndoctor.core.confidence import VERY_LIKELY

UNDETERMINED_KEY = "undetermined"
"""A check's details key, set (to the reason's id) when it could not determine its verdict."""


class Status(enum.StrEnum):
    """How a check went, from the user's point of view."""

    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    SKIPPED = "skipped"
    ERROR = "error"


class Area(enum.StrEnum):
    """The wizard's steps, in the order a person should look at them."""

    CONNECTION = "connection"
    CLOCK = "clock"
    SYSTEM = "system"
    BROWSER = "browser"
    SITE = "site"


class Fixer(enum.StrEnum):
    """Who can make the fix: the person at the computer, their IT staff, or the site's owner."""

    USER = "user"
    IT_ADMIN = "it_admin"
    SITE_OWNER = "site_owner"


class Device(enum.StrEnum):
    """Which device shows the error; only this computer can be checked directly."""

    THIS_COMPUTER = "this_computer"
    IPHONE = "iphone"
    ANDROID = "android"
    OTHER_COMPUTER = "other_computer"


PHONE_OS: Mapping[str, str] = MappingProxyType({Device.IPHONE: "ios", Device.ANDROID: "android"})
"""The operating system a phone runs, as the OS rules table (os_tls_rules.json) names it."""

EMPTY: Mapping[str, Any] = MappingProxyType({})


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if isinstance(mapping, MappingProxyType):
        return mapping
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Message:
    """A user-visible sentence as a key into resources/messages plus its arguments.

    Keeping the key (not the text) in results lets one run be shown in either language.
    """

    key: str
    args: Mapping[str, Any] = field(default_factory=lambda: EMPTY)

    def __post_init__(self) -> None:
        object.__setattr__(self, "args", _frozen(self.args))


@dataclass(frozen=True, slots=True)
class Finding:
    """A check's claim that a cause from the catalog may be behind the failure.

    `detail` is a specific sentence for this case ("the certificate expired on 1 May"); the
    catalog's title and explanation stay generic.
    """

    cause: str
    confidence: float = VERY_LIKELY
    evidence: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    detail: Message | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "evidence", _frozen(self.evidence))


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What one check found: a status, a sentence for people, evidence for experts."""

    check_id: str
    status: Status
    summary: Message
    details: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    findings: tuple[Finding, ...] = ()
    duration_s: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "details", _frozen(self.details))
        object.__setattr__(self, "findings", tuple(self.findings))

    @property
    def causes(self) -> tuple[str, ...]:
        return tuple(f.cause for f in self.findings)


def result(
    check_id: str,
    status: Status,
    key: str,
    *,
    details: Mapping[str, Any] | None = None,
    findings: tuple[Finding, ...] | list[Finding] = (),
    **args: Any,
) -> CheckResult:
    """Shorthand used by every check: `result(check_id, Status.OK, "<area>.<what>", host=...)`."""
    return CheckResult(
        check_id=check_id,
        status=status,
        summary=Message(key, args),
        details=details or {},
        findings=tuple(findings),
    )


def when(moment: dt.datetime) -> str:
    """A date people read the same in both languages: 2026-05-01 09:00 UTC."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
