"""One diagnosis session, shared by the wizard and the command line.

A `Session` turns the help desk's flags, the person's answers and the organisation's settings
(the same file for both front ends: `--config`, CONNDOCTOR_CONFIG, then the system and user
files) into the run's Options, runs the checks and diagnoses, merges a re-check into the
report and diagnoses again, and keeps the one history of fixes tried (`FixAttempt`), which the
saved report prints. This module also keeps the order in which causes are best fixed.
The front ends only show what this module decides.
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from conndoctor.core.engine.config import OrgConfig, apply_to_options
from conndoctor.core.engine.model import PHONE_OS, Device, Status

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


def statuses(
    results: Iterable[CheckResult], only: Iterable[str] | None = None
) -> dict[str, Status]:
    keep = set(only) if only is not None else None
    return {r.check_id: r.status for r in results if keep is None or r.check_id in keep}


SEVERITY = {Status.OK: 0, Status.SKIPPED: 1, Status.WARN: 2, Status.ERROR: 3, Status.FAIL: 4}
"""How bad a status is, for 'did the fix help': an error (could not check) is worse than a
warning, and better than a failure."""


def worst(found: Iterable[Status]) -> Status:
    """The worst status among `found`; OK when there is none."""
    return max(found, key=SEVERITY.__getitem__, default=Status.OK)


class FixAction(enum.StrEnum):
    """What the person tried; the saved report words each one (messages `history.<action>`)."""

    CHECK_AGAIN = "check_again"
    CLEAR_CACHE = "clear_cache"
    RESET_FIREFOX_TLS = "reset_firefox_tls"
    WORKS_NOW = "works_now"


class _FixAttemptFields(NamedTuple):
    area: str
    action: FixAction
    before: Mapping[str, Status]
    after: Mapping[str, Status]
    cause: str | None
    at: dt.datetime
    note: str


class FixAttempt(_FixAttemptFields):
    """One fix tried in a session: the step (area) and cause it was about, what was done, when
    (`at`: now unless given), and the statuses of the checks concerned before and, after a
    'Check again', after (`after` is empty when the checks were not run again). `note` is what
    the program itself reported doing (e.g. how much cache it cleared), in words.

    The only record of fixes tried: the wizard shows it, the saved report prints it, so the help
    desk does not ask the person to do the same things again.
    """

    __slots__ = ()

    def __new__(
        cls,
        area: str,
        action: FixAction,
        before: Mapping[str, Status],
        after: Mapping[str, Status] | None = None,
        cause: str | None = None,
        at: dt.datetime | None = None,
        note: str = "",
    ) -> FixAttempt:
        moment = at if at is not None else dt.datetime.now(dt.UTC)
        return super().__new__(cls, area, action, before, dict(after or {}), cause, moment, note)

    @property
    def rechecked(self) -> bool:
        return bool(self.after)

    def changes(self) -> dict[str, tuple[Status, Status]]:
        """check id -> (before, after) for every check whose status changed."""
        return {
            check_id: (before, self.after[check_id])
            for check_id, before in self.before.items()
            if check_id in self.after and self.after[check_id] != before
        }

    @property
    def improved(self) -> bool:
        """The worst status got better after the re-check."""
        if not self.rechecked:
            return False
        return SEVERITY[worst(self.after.values())] < SEVERITY[worst(self.before.values())]

    @property
    def still_failing(self) -> bool:
        """After the re-check a check still fails, warns or could not run."""
        return any(s in (Status.FAIL, Status.WARN, Status.ERROR) for s in self.after.values())

    def concerned(self) -> dict[str, tuple[Status, Status | None]]:
        """The checks worth a line in the report: those not healthy before, or changed by the
        fix; check id -> (before, after or None when not re-checked)."""
        healthy = (Status.OK, Status.SKIPPED)
        return {
            check_id: (before, self.after.get(check_id))
            for check_id, before in self.before.items()
            if before not in healthy or self.after.get(check_id, before) != before
        }


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


def area_has_problem(report: Report | None, area: str) -> bool:
    """A cause lies in `area`, or one of its checks failed or could not reach its verdict: the
    wizard gives the area a step of its own."""
    if report is None:
        return False
    if any(c.info.area.value == area for c in report.causes):
        return True
    ids = {c.id for c in report.checks if c.area.value == area}
    return any(r.check_id in ids and r.status is Status.FAIL for r in report.results) or any(
        check_id in ids for check_id in report.undetermined
    )


def is_fixed(cause_id: str, report: Report) -> bool:
    """The cause is no longer diagnosed after a re-check."""
    return all(c.id != cause_id for c in report.causes)


class Session:
    """One diagnosis: the options it runs with, its latest report, and the fixes tried.

    `base` holds what a help desk sets (the command line's flags, the wizard's start flags);
    `answers`, when given, are what the person told the wizard; `org` is the organisation's
    settings file, applied last. The command line gives no answers: its flags are the answers.
    `first_report` is the report of the first run, before any fix.

    Running is split in two so that a front end can run the checks on another thread:
    `run_checks` only measures (it changes nothing here), `adopt` and `adopt_recheck` take the
    result in. `run` and `recheck` do both, for callers that wait.
    """

    def __init__(
        self,
        base: Options,
        org: OrgConfig | None = None,
        answers: Answers | None = None,
        target: Target | None = None,
    ) -> None:
        self.base = base
        self.org = org
        self.answers = answers
        self.target = target
        self.report: Report | None = None
        self.first_report: Report | None = None
        self.history: list[FixAttempt] = []

    @property
    def options(self) -> Options:
        if self.answers is not None:
            return session_options(self.base, self.answers, self.org, self.target)
        options = self.base if self.target is None else self.base._replace(target=self.target)
        return apply_to_options(options, self.org) if self.org is not None else options

    def run_checks(
        self,
        checks: Sequence[Check] | None = None,
        on_event: Callable[[RunEvent], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Report:
        """Run the checks (all of them by default) and diagnose, without keeping the result."""
        from conndoctor.core.engine.run_report import build_report

        return build_report(self.options, checks, on_event=on_event, cancel=cancel)

    def adopt(self, report: Report) -> Report:
        """A first run's report: the session starts from it, with no fix tried yet."""
        self.report = self.first_report = report
        self.history.clear()
        return report

    def adopt_recheck(
        self, newer: Report, area: str, cause: str | None = None
    ) -> tuple[Report, FixAttempt]:
        """Merge a re-check's report and record it as a 'Check again' on `area` (and `cause`),
        with the statuses of the area's checks that ran again (every re-run check when none of
        them is the area's): what the checks this step waits for say belongs to their own step."""
        previous = statuses(self.report.results) if self.report is not None else {}
        report = merge(self.report, newer) if self.report is not None else self.adopt(newer)
        self.report = report
        rerun = {r.check_id for r in newer.results}
        in_area = rerun & {c.id for c in report.checks if c.area.value == area}
        current = statuses(report.results, in_area or rerun)
        before = {check_id: previous.get(check_id, status) for check_id, status in current.items()}
        attempt = FixAttempt(area, FixAction.CHECK_AGAIN, before, current, cause)
        self.history.append(attempt)
        return report, attempt

    def record(
        self, area: str, action: FixAction, cause: str | None = None, note: str = ""
    ) -> FixAttempt:
        """A fix tried without checking again: the area's checks as they stand, not re-checked."""
        report = self.report
        ids = {c.id for c in report.checks if c.area.value == area} if report else set()
        before = statuses(report.results, ids) if report else {}
        attempt = FixAttempt(area, action, before, {}, cause, note=note)
        self.history.append(attempt)
        return attempt

    def checks_to_recheck(self, area: str | None = None) -> tuple[Check, ...]:
        """What 'Check again' runs: an area's checks with every check they wait for (all
        checks when `area` is None)."""
        from conndoctor.core.checks import all_checks, checks_for

        every = all_checks()
        return every if area is None else with_dependencies(checks_for({area}), every)

    def run(
        self,
        checks: Sequence[Check] | None = None,
        on_event: Callable[[RunEvent], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Report:
        """Run the checks (all of them by default) and diagnose; this is now the report."""
        return self.adopt(self.run_checks(checks, on_event, cancel))

    def recheck(
        self,
        checks: Iterable[Check],
        on_event: Callable[[RunEvent], None] | None = None,
        cancel: threading.Event | None = None,
        *,
        area: str = "site",
        cause: str | None = None,
    ) -> Report:
        """Run `checks` again with every check they wait for, merged into the report and
        recorded in the history as a 'Check again' on `area`."""
        from conndoctor.core.checks import all_checks

        again = with_dependencies(checks, all_checks())
        newer = self.run_checks(again, on_event, cancel)
        if self.report is None:
            return self.adopt(newer)
        return self.adopt_recheck(newer, area, cause)[0]
