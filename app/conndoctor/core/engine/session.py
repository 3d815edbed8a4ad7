"""One diagnosis session, shared by the wizard and the command line.

A `Session` turns the help desk's flags, the person's answers and the organisation's settings
(the same file for both front ends: `--config`, CONNDOCTOR_CONFIG, then the system and user
files) into the run's Options, runs the checks and diagnoses, and merges a re-check into the
report and diagnoses again. This module also keeps the order in which causes are best fixed.
The front ends only show what this module decides.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from conndoctor.core.engine.config import OrgConfig, apply_to_options
from conndoctor.core.engine.model import PHONE_OS, Device

if TYPE_CHECKING:
    from conndoctor.core.engine.context import Options
    from conndoctor.core.engine.model import CheckResult
    from conndoctor.core.engine.run_report import Report
    from conndoctor.core.engine.runner import Check, RunEvent
    from conndoctor.core.engine.target import Target
    from conndoctor.core.knowledge.diagnosis import Cause

AREA_ORDER = ("connection", "clock", "system", "browser", "site")
"""The wizard's walk, most fundamental first: nothing else can be judged without a connection,
and a wrong clock makes every certificate look wrong."""


class Answers(NamedTuple):
    """What the person told the wizard."""

    device: Device | str = Device.THIS_COMPUTER
    """A `Device` or its value (the wizard keeps the value); the options get the `Device`."""
    os_version: str = ""
    browser: str | None = None
    seen: str | None = None


def phone_os(device: Device, version: str | None) -> tuple[str, str] | None:
    """(os, version) of a phone the person names, judged by the OS rules table."""
    if device not in PHONE_OS or not (version or "").strip():
        return None
    return (PHONE_OS[device], (version or "").strip())


def session_options(
    base: Options,
    answers: Answers,
    org: OrgConfig | None = None,
    target: Target | None = None,
) -> Options:
    """The run's options: the help desk's flags (`base`), the answers, the organisation's file."""
    device = Device(answers.device)
    os_override = phone_os(device, answers.os_version)
    options = base._replace(
        target=target if target is not None else base.target,
        device=device,
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
    from conndoctor.core.knowledge.diagnosis import diagnose

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


@dataclass
class Session:
    """One diagnosis: the options it runs with, and its latest report.

    `base` holds what a help desk sets (the command line's flags, the wizard's start flags);
    `answers`, when given, are what the person told the wizard; `org` is the organisation's
    settings file, applied last. The command line gives no answers: its flags are the answers.
    """

    base: Options
    org: OrgConfig | None = None
    answers: Answers | None = None
    target: Target | None = None
    report: Report | None = None

    @property
    def options(self) -> Options:
        if self.answers is not None:
            return session_options(self.base, self.answers, self.org, self.target)
        options = self.base if self.target is None else self.base._replace(target=self.target)
        return apply_to_options(options, self.org) if self.org is not None else options

    def run(
        self,
        checks: Sequence[Check] | None = None,
        on_event: Callable[[RunEvent], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Report:
        """Run the checks (all of them by default) and diagnose; this is now the report."""
        from conndoctor.core.engine.run_report import build_report

        self.report = build_report(self.options, checks, on_event=on_event, cancel=cancel)
        return self.report

    def recheck(
        self,
        checks: Iterable[Check],
        on_event: Callable[[RunEvent], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Report:
        """Run `checks` again with every check they wait for, merged into the report."""
        if self.report is None:
            return self.run(tuple(checks), on_event, cancel)
        from conndoctor.core.checks import all_checks
        from conndoctor.core.engine.run_report import build_report

        again = with_dependencies(checks, all_checks())
        newer = build_report(self.options, again, on_event=on_event, cancel=cancel)
        self.report = merge(self.report, newer)
        return self.report
