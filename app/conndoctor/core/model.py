"""The vocabulary every check, rule and presentation shares: statuses, messages, results.

Results are frozen so that the runner can hand them across threads and the wizard,
the command line and the PDF can all read the same object without copying it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


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


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Message:
    """A user-visible sentence as a key into resources/messages plus its arguments.

    Keeping the key (not the text) in results lets one run be shown in either language.
    """

    key: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "args", _frozen(self.args))


@dataclass(frozen=True)
class Finding:
    """A check's claim that a cause from the catalog may be behind the failure."""

    cause: str
    confidence: float = 0.9
    evidence: Mapping[str, Any] = field(default_factory=dict)
    detail: Message | None = None
    """A specific sentence for this case ("the certificate expired on 1 May"); the catalog's
    title and explanation stay generic."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "evidence", _frozen(self.evidence))


@dataclass(frozen=True)
class CheckResult:
    """What one check found: a status, a sentence for people, evidence for experts."""

    check_id: str
    status: Status
    summary: Message
    details: Mapping[str, Any] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    duration_s: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "details", _frozen(self.details))

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
