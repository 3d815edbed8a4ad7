"""The one report object that the command line, the wizard and the PDF all present.

It holds the run's records (options, results, causes); turning them into the
`conndoctor.report/1` JSON document is the report layer's job (`conndoctor.report.contract`),
so the core knows nothing of any presentation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import NamedTuple

from conndoctor.core.context import Options
from conndoctor.core.diagnosis import Cause, diagnose
from conndoctor.core.model import CheckResult
from conndoctor.core.runner import Check, RunEvent, RunOutcome, run_checks


class Report(NamedTuple):
    options: Options
    outcome: RunOutcome
    causes: tuple[Cause, ...]
    checks: tuple[Check, ...]

    @property
    def results(self) -> tuple[CheckResult, ...]:
        return self.outcome.results

    def result(self, check_id: str) -> CheckResult | None:
        return next((r for r in self.outcome.results if r.check_id == check_id), None)

    @property
    def exit_code(self) -> int:
        return 1 if self.causes else 0


def build_report(
    options: Options,
    checks: Sequence[Check] | None = None,
    on_event: Callable[[RunEvent], None] | None = None,
    cancel: threading.Event | None = None,
) -> Report:
    """Run the checks and diagnose: the single entry point for every front end."""
    from conndoctor.core.checks import all_checks

    selected = tuple(all_checks() if checks is None else checks)
    outcome = run_checks(selected, options, on_event=on_event, cancel=cancel)
    return Report(options, outcome, diagnose(outcome.results, options), selected)
