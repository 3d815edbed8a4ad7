"""One diagnosis session, shared by the wizard and any other front end.

It turns the person's answers plus the organisation's settings (the same file `conndoctor
check` reads: `--config`, CONNDOCTOR_CONFIG, then the system and user files) into the run's
Options, merges a re-check into the report and diagnoses again, and keeps the order in which
causes are best fixed. The wizard only shows what this module decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from conndoctor.core.config import OrgConfig, apply_to_options
from conndoctor.core.model import PHONE_OS, Device

if TYPE_CHECKING:
    from conndoctor.core.context import Options
    from conndoctor.core.diagnosis import Cause
    from conndoctor.core.model import CheckResult
    from conndoctor.core.report import Report
    from conndoctor.core.runner import Check
    from conndoctor.core.target import Target

AREA_ORDER = ("connection", "clock", "system", "browser", "site")
"""The wizard's walk, most fundamental first: nothing else can be judged without a connection,
and a wrong clock makes every certificate look wrong."""


class Answers(NamedTuple):
    """What the person told the wizard."""

    device: str = Device.THIS_COMPUTER
    os_version: str = ""
    browser: str | None = None
    seen: str | None = None


def session_options(
    base: Options,
    answers: Answers,
    org: OrgConfig | None = None,
    target: Target | None = None,
) -> Options:
    """The run's options: the help desk's flags (`base`), the answers, the organisation's file."""
    os_override = None
    if answers.device in PHONE_OS and answers.os_version.strip():
        os_override = (PHONE_OS[answers.device], answers.os_version.strip())
    options = base._replace(
        target=target if target is not None else base.target,
        device=answers.device,
        browser=answers.browser,
        seen=answers.seen or base.seen,
        browser_fails=bool(answers.seen) or base.browser_fails,
        os_override=os_override or base.os_override,
    )
    return apply_to_options(options, org) if org is not None else options


def fix_order(causes: Iterable[Cause]) -> list[Cause]:
    """Blocking causes before warnings, then the most fundamental area first (stable)."""

    def rank(cause: Cause) -> tuple[int, int]:
        area = cause.info.area.value
        place = AREA_ORDER.index(area) if area in AREA_ORDER else len(AREA_ORDER)
        return (0 if cause.info.severity == "blocking" else 1, place)

    return sorted(causes, key=rank)


def with_dependencies(selected: Iterable[Check], every: Iterable[Check]) -> tuple[Check, ...]:
    """The checks to re-run plus every check they wait for, in the catalogue's order."""
    everything = list(every)
    by_id = {c.id: c for c in everything}
    wanted = {c.id for c in selected}
    pending = list(wanted)
    while pending:
        check = by_id.get(pending.pop())
        for need in check.needs if check else ():
            if need not in wanted and need in by_id:
                wanted.add(need)
                pending.append(need)
    return tuple(c for c in everything if c.id in wanted)


def statuses(results: Iterable[CheckResult], only: Iterable[str] | None = None) -> dict[str, str]:
    keep = set(only) if only is not None else None
    return {r.check_id: r.status.value for r in results if keep is None or r.check_id in keep}


def merge(report: Report, newer: Report) -> Report:
    """The report after a re-check: newer results replace older ones, then diagnose again."""
    from conndoctor.core.diagnosis import diagnose

    fresh = {r.check_id: r for r in newer.results}
    results = tuple(fresh.pop(r.check_id, r) for r in report.results) + tuple(fresh.values())
    checks = report.checks + tuple(c for c in newer.checks if c not in report.checks)
    outcome = report.outcome._replace(
        results=results,
        contacts=tuple(dict.fromkeys(report.outcome.contacts + newer.outcome.contacts)),
    )
    causes = diagnose(results, report.options)
    return report._replace(outcome=outcome, causes=causes, checks=checks)


def is_fixed(cause_id: str, report: Report) -> bool:
    """The cause is no longer diagnosed after a re-check."""
    return all(c.id != cause_id for c in report.causes)
