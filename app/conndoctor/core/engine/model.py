"""The records every check, rule and presentation shares: messages, findings, results (the
words they use, such as `Status`, live in `kinds`).

Results are immutable (named tuples whose mappings are read-only views) so that the runner
can hand them across threads and the wizard, the command line and the PDF can all read the
same object without copying it. Named tuples, not frozen dataclasses, because every `check`
defines these records anew as it starts, and under Python 3.11 a frozen dataclass costs ten
times as much to define (`engine/facts.py`). Each record is its fields' named tuple with a
`__new__` that makes its mappings read-only and its findings a tuple (`_replace` keeps them
so only when given such values).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from conndoctor.core.engine.kinds import PHONE_OS, Area, Device, Fixer, Status
from conndoctor.core.knowledge.confidence import VERY_LIKELY

if TYPE_CHECKING:  # the records load with the checks that make them, not with every message
    from conndoctor.core.engine.facts import CheckFacts

__all__ = [
    "EMPTY",
    "PHONE_OS",
    "UNDETERMINED_KEY",
    "Area",
    "CheckResult",
    "Device",
    "Finding",
    "Fixer",
    "Message",
    "Status",
    "facts_of",
    "result",
    "when",
]

UNDETERMINED_KEY = "undetermined"
"""A check's details key, set (to the reason's id) when it could not determine its verdict
(the field `undetermined` of its facts)."""


EMPTY: Mapping[str, Any] = MappingProxyType({})


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if isinstance(mapping, MappingProxyType):
        return mapping
    return MappingProxyType(dict(mapping or {}))


class _MessageFields(NamedTuple):
    key: str
    args: Mapping[str, Any] = EMPTY


class Message(_MessageFields):
    """A user-visible sentence as a key into resources/messages plus its arguments.

    Keeping the key (not the text) in results lets one run be shown in either language.
    """

    __slots__ = ()

    def __new__(cls, key: str, args: Mapping[str, Any] | None = None) -> Message:
        return super().__new__(cls, key, _frozen(args))


class _FindingFields(NamedTuple):
    cause: str
    confidence: float = VERY_LIKELY
    evidence: Mapping[str, Any] = EMPTY
    detail: Message | None = None


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
    facts: CheckFacts | None = None
    findings: tuple[Finding, ...] = ()
    duration_s: float = 0.0


class CheckResult(_CheckResultFields):
    """What one check found: a status, a sentence for people, its facts for experts (a typed
    record of the check's own, `core.engine.facts`)."""

    __slots__ = ()

    def __new__(
        cls,
        check_id: str,
        status: Status,
        summary: Message,
        facts: CheckFacts | None = None,
        findings: Iterable[Finding] = (),
        duration_s: float = 0.0,
    ) -> CheckResult:
        return super().__new__(cls, check_id, status, summary, facts, tuple(findings), duration_s)

    @property
    def causes(self) -> tuple[str, ...]:
        return tuple(f.cause for f in self.findings)

    @property
    def details(self) -> Mapping[str, Any]:
        """The facts as the report's JSON details (made from `facts`, never stored apart)."""
        from conndoctor.core.engine.facts import facts_dict

        return MappingProxyType(facts_dict(self.facts))


FactsT = TypeVar("FactsT", bound="CheckFacts")


def facts_of(found: CheckResult | None, kind: type[FactsT]) -> FactsT | None:
    """A result's facts when they are of the kind asked for (a skipped check has none)."""
    facts = found.facts if found is not None else None
    return facts if isinstance(facts, kind) else None


def result(
    check_id: str,
    status: Status,
    key: str,
    *,
    facts: CheckFacts | None = None,
    findings: tuple[Finding, ...] | list[Finding] = (),
    **args: Any,
) -> CheckResult:
    """Shorthand used by every check: `result(check_id, Status.OK, "<area>.<what>", host=...)`.

    A check's facts go in `facts` (a record of `core.engine.facts`); `details` is refused
    rather than taken for a message argument."""
    if "details" in args:
        raise TypeError("result(): details are made from facts=, a record of engine.facts")
    return CheckResult(
        check_id=check_id,
        status=status,
        summary=Message(key, args),
        facts=facts,
        findings=tuple(findings),
    )


_MONTHS = tuple(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)


def when(moment: dt.datetime, *, seconds: bool = False) -> Mapping[str, str]:
    """A moment as people read it, in this computer's local time and in both languages
    (「2026年11月21日 16:42」, "21 November 2026, 16:42"); `text()` picks the language shown.
    A naive moment is taken as UTC; `seconds` adds them (clocks compared to the second)."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone()
    clock = f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"
    return MappingProxyType(
        {
            "ja": f"{local.year}年{local.month}月{local.day}日 {clock}",
            "en": f"{local.day} {_MONTHS[local.month - 1]} {local.year}, {clock}",
        }
    )
