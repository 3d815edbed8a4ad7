"""Turn check results into a ranked list of causes, most likely first.

Checks only report what they saw (findings). The rules decide what explains what; they are
data in resources/diagnosis_rules.json, each with its source. For example
no internet explains an unreachable site, interception software explains an 'unknown root',
and a wrong clock explains a certificate that only looks expired. The order is the
catalog's rank: network before clock, clock before the computer, the computer before the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from conndoctor.core.engine.context import Options
from conndoctor.core.engine.facts import ClockFacts, jsonable
from conndoctor.core.engine.model import (
    EMPTY,
    CheckResult,
    Device,
    Finding,
    Fixer,
    Message,
    facts_of,
)
from conndoctor.core.knowledge import catalog, confidence
from conndoctor.core.knowledge.i18n import Lang, load_json_resource, render

_RULES: Mapping[str, Any] = load_json_resource("diagnosis_rules.json")

CLOCK_CHECK: str = _RULES["clock"]["check"]
CLOCK_CAUSE: str = _RULES["clock"]["cause"]
DATE_CAUSES: tuple[str, ...] = tuple(_RULES["clock"]["date_causes"])
DEVICE_SIDE_CAUSES: tuple[str, ...] = tuple(_RULES["device_side"]["causes"])
FALLBACK_CAUSE: str = _RULES["fallback"]["cause"]
_FALLBACK_UNLESS_ERROR_IN: str = _RULES["fallback"]["unless_error_in_checks_starting"]

EXPLAINED_BY: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {cause: tuple(rule["by"]) for cause, rule in _RULES["explained_by"].items()}
)
"""Cause -> the more fundamental causes that, when present, account for it (first present wins)."""


class Cause(NamedTuple):
    """One diagnosed cause with the evidence that points to it."""

    id: str
    confidence: float
    evidence: Mapping[str, Any] = EMPTY
    checks: tuple[str, ...] = ()
    explains: tuple[str, ...] = ()
    seen_match: bool = False
    details: tuple[Message, ...] = ()

    @property
    def info(self) -> catalog.CauseInfo:
        return catalog.cause(self.id)

    @property
    def fixer(self) -> Fixer:
        return self.info.fixer

    def title(self, lang: Lang) -> str:
        return self.info.title(lang, dict(self.evidence))

    def explanation(self, lang: Lang) -> str:
        return self.info.explanation(lang, dict(self.evidence))

    def fixes(self, lang: Lang) -> list[str]:
        return self.info.fixes(lang, dict(self.evidence))

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title(lang),
            "explanation": self.explanation(lang),
            "details": [render(m, lang) for m in self.details],
            "fixes": self.fixes(lang),
            "fixer": self.fixer.value,
            "confidence": round(self.confidence, 2),
            "severity": self.info.severity,
            "checks": list(self.checks),
            "explains": list(self.explains),
            "evidence": jsonable(self.evidence),
        }


class _Candidate:
    """A cause while the rules still weigh it (mutable; it becomes a `Cause` at the end)."""

    __slots__ = ("checks", "confidence", "details", "evidence", "explains", "id", "seen_match")

    def __init__(
        self,
        id: str,
        confidence: float,
        evidence: dict[str, Any],
        checks: list[str],
        *,
        seen_match: bool = False,
    ) -> None:
        self.id = id
        self.confidence = confidence
        self.evidence = evidence
        self.checks = checks
        self.explains: list[str] = []
        self.seen_match = seen_match
        self.details: list[Message] = []


def _parse_time(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    return None


def _collect(results: Iterable[CheckResult]) -> dict[str, _Candidate]:
    found: dict[str, _Candidate] = {}
    for check_result in results:
        for finding in check_result.findings:
            _add(found, finding, check_result.check_id)
    return found


def _add(found: dict[str, _Candidate], finding: Finding, check_id: str) -> None:
    known = found.get(finding.cause)
    if known is None:
        found[finding.cause] = known = _Candidate(
            finding.cause, finding.confidence, dict(finding.evidence), [check_id]
        )
        if finding.detail is not None:
            known.details.append(finding.detail)
        return
    if finding.detail is not None and finding.detail not in known.details:
        known.details.append(finding.detail)
    known.confidence = max(known.confidence, finding.confidence)
    for key, value in finding.evidence.items():
        known.evidence.setdefault(key, value)
    if check_id not in known.checks:
        known.checks.append(check_id)


def _apply_clock(found: dict[str, _Candidate], results: Mapping[str, CheckResult]) -> None:
    """Re-judge certificate dates by trusted time: the clock outranks certificate dates."""
    clock = results.get(CLOCK_CHECK)
    offset = (facts_of(clock, ClockFacts) or ClockFacts()).offset_s
    if not isinstance(offset, int | float):
        return
    for cause_id in DATE_CAUSES:
        candidate = found.get(cause_id)
        if candidate is None:
            continue
        not_before = _parse_time(candidate.evidence.get("not_before"))
        not_after = _parse_time(candidate.evidence.get("not_after"))
        checked_at = _parse_time(candidate.evidence.get("checked_at"))
        if not (not_before and not_after and checked_at):
            continue
        trusted_time = checked_at - dt.timedelta(seconds=float(offset))
        if not_before <= trusted_time <= not_after:
            del found[cause_id]
            clock_cause = found.get(CLOCK_CAUSE)
            if clock_cause is not None:
                clock_cause.explains.append(cause_id)
                clock_cause.evidence.setdefault("certificate_not_after", not_after.isoformat())
                clock_cause.confidence = max(clock_cause.confidence, confidence.CERTAIN)


def _apply_explanations(found: dict[str, _Candidate]) -> None:
    for cause_id, explainers in EXPLAINED_BY.items():
        if cause_id not in found:
            continue
        present = [e for e in explainers if e in found and e != cause_id]
        if present:
            del found[cause_id]
            found[present[0]].explains.append(cause_id)


def _apply_seen(
    found: dict[str, _Candidate], options: Options, results: Mapping[str, CheckResult]
) -> None:
    seen_causes: list[str] = []
    for entry in catalog.match_error(options.seen or ""):
        seen_causes.extend(c for c in entry.causes if c not in seen_causes)
    for cause_id in seen_causes:
        if cause_id in found:
            found[cause_id].seen_match = True
            found[cause_id].confidence = min(
                1.0, found[cause_id].confidence + confidence.SEEN_MATCH_BONUS
            )
    if options.device != Device.THIS_COMPUTER:
        for cause_id in seen_causes:
            if cause_id in DEVICE_SIDE_CAUSES and cause_id not in found:
                found[cause_id] = _Candidate(
                    cause_id,
                    confidence.UNSURE,
                    {"device": options.device},
                    ["seen"],
                    seen_match=True,
                )
    if found or not (options.seen or options.browser_fails):
        return
    if any(
        r.status.value == "error"
        for r in results.values()
        if r.check_id.startswith(_FALLBACK_UNLESS_ERROR_IN)
    ):
        return
    found[FALLBACK_CAUSE] = _Candidate(
        FALLBACK_CAUSE,
        confidence.POSSIBLE,
        {"seen": options.seen or ""},
        ["seen"],
        seen_match=bool(options.seen),
    )


def diagnose(results: Iterable[CheckResult], options: Options) -> tuple[Cause, ...]:
    """The causes behind what the checks saw, most likely (most fundamental) first."""
    by_id = {r.check_id: r for r in results}
    found = _collect(by_id.values())
    found.pop(FALLBACK_CAUSE, None)  # only ever named by the rule in _apply_seen
    _apply_clock(found, by_id)
    _apply_explanations(found)
    _apply_seen(found, options, by_id)
    _apply_explanations(found)  # causes named for another device can explain others too
    known = catalog.causes()
    ordered = sorted(
        (c for c in found.values() if c.id in known),
        key=lambda c: (known[c.id].rank, not c.seen_match, -c.confidence),
    )
    return tuple(
        Cause(
            id=c.id,
            confidence=c.confidence,
            evidence=MappingProxyType(c.evidence),
            checks=tuple(c.checks),
            explains=tuple(dict.fromkeys(c.explains)),
            seen_match=c.seen_match,
            details=tuple(c.details),
        )
        for c in ordered
    )
