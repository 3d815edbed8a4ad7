"""What the wizard knows so far: the person's answers, the latest report, the fixes tried.

Kept free of Qt so the rules (which checks to re-run, how a re-check updates the report)
can be read and tested on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conndoctor.core.context import Options
    from conndoctor.core.languages import Lang
    from conndoctor.core.model import CheckResult
    from conndoctor.core.report import Report
    from conndoctor.core.runner import Check
    from conndoctor.core.target import Target
    from conndoctor.ui.attempts import FixAttempt

DEVICES = ("this_computer", "iphone", "android", "other_computer")
PHONE_OS = {"iphone": "ios", "android": "android"}


class WizardState:
    """The person's answers and what the checks found; shared by every page.

    A plain class rather than a dataclass: it is made at start-up, before the first page shows.
    """

    def __init__(
        self,
        base: Options | None = None,
        lang: Lang = "en",
        *,
        device: str = "this_computer",
        os_version: str = "",
        browser: str | None = None,
        browsers_found: tuple[Any, ...] = (),
        seen: str | None = None,
    ) -> None:
        self.base = base
        """Run options that tests and help desks set; None means the defaults."""
        self.lang: Lang = lang
        self.address = ""
        self.target: Target | None = None
        self.device = device
        self.os_version = os_version
        self.browser = browser
        self.browser_picked = False
        """The person chose `browser` themselves (not just the first browser found)."""
        self.seen = seen
        self.browsers_found = browsers_found
        self.scan_running = False
        self.first_report: Report | None = None
        self.report: Report | None = None
        self.history: list[FixAttempt] = []

    def options(self) -> Options:
        """The run's options: the base (tests and help desks set these) plus the answers."""
        os_override = None
        if self.device in PHONE_OS and self.os_version.strip():
            os_override = (PHONE_OS[self.device], self.os_version.strip())
        from conndoctor.core.context import Options

        base = self.base or Options()
        return base._replace(
            target=self.target,
            lang=self.lang,
            device=self.device,
            browser=self.browser,
            seen=self.seen or base.seen,
            browser_fails=bool(self.seen) or base.browser_fails,
            os_override=os_override or base.os_override,
        )

    @property
    def on_this_computer(self) -> bool:
        return self.device == "this_computer"


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
