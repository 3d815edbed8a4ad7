"""The vocabulary every check, rule and presentation shares: statuses, messages, results.

Results are immutable so that the runner can hand them across threads and the wizard,
the command line and the PDF can all read the same object without copying it. They are
`NamedTuple`s rather than frozen dataclasses because the command line defines some thirty such
records at every start, and a frozen dataclass costs several times more to define (it compiles
six methods) than the whole check of a healthy site spends on them (bench/bench_check.py).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from conndoctor.core.confidence import VERY_LIKELY


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


class _MessageFields(NamedTuple):
    key: str
    args: Mapping[str, Any]


class Message(_MessageFields):
    """A user-visible sentence as a key into resources/messages plus its arguments.

    Keeping the key (not the text) in results lets one run be shown in either language.
    """

    __slots__ = ()

    def __new__(cls, key: str, args: Mapping[str, Any] | None = None) -> Message:
        return super().__new__(cls, key, _frozen(args))


class _FindingFields(NamedTuple):
    cause: str
    confidence: float
    evidence: Mapping[str, Any]
    detail: Message | None


class Finding(_FindingFields):
    """A check's claim that a cause from the catalog may be behind the failure.

    `detail` is a specific sentence for this case ("the certificate expired on 1 May"); the
    catalog's title and explanation stay generic.
    """

    __slots__ = ()

    def __new__(
        cls,
        cause: str,
        confidence: float = VERY_LIKELY,
        evidence: Mapping[str, Any] | None = None,
        detail: Message | None = None,
    ) -> Finding:
        return super().__new__(cls, cause, confidence, _frozen(evidence), detail)


class _CheckResultFields(NamedTuple):
    check_id: str
    status: Status
    summary: Message
    details: Mapping[str, Any]
    findings: tuple[Finding, ...]
    duration_s: float


class CheckResult(_CheckResultFields):
    """What one check found: a status, a sentence for people, evidence for experts."""

    __slots__ = ()

    def __new__(
        cls,
        check_id: str,
        status: Status,
        summary: Message,
        details: Mapping[str, Any] | None = None,
        findings: tuple[Finding, ...] = (),
        duration_s: float = 0.0,
    ) -> CheckResult:
        return super().__new__(
            cls, check_id, status, summary, _frozen(details), tuple(findings), duration_s
        )

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
