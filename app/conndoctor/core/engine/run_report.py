"""The one report object that the command line, the wizard and the PDF all present.

It holds the run's records (options, results, causes); turning them into the
`conndoctor.report/1` JSON document is the report layer's job (`conndoctor.report.contract`),
so the core knows nothing of any presentation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import NamedTuple

from conndoctor.core.engine.context import Options
from conndoctor.core.engine.model import CheckResult, Message
from conndoctor.core.engine.runner import Check, RunEvent, RunOutcome, run_checks
from conndoctor.core.knowledge.diagnosis import Cause, diagnose
from conndoctor.core.knowledge.i18n import Lang, render, text


def no_causes_sentence(undetermined: Sequence[str], lang: Lang) -> str:
    """The sentence for a report without causes, given the checks that could not decide."""
    if not undetermined:
        return text("cli.no_causes", lang)
    check = text(f"check.{undetermined[0]}.title", lang)
    return render(Message("cli.no_causes_undetermined", {"check": check}), lang)


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
    def undetermined(self) -> tuple[str, ...]:
        """The checks that could not determine their verdict (the certificate's, when pyca's
        verifier refuses what Chromium accepts): "no cause" then is no "all is well"."""
        return tuple(
            r.check_id for r in self.results if r.facts is not None and r.facts.undetermined
        )

    def no_causes_sentence(self, lang: Lang) -> str:
        """What to say when no cause was found: all is well only if every verdict was reached."""
        return no_causes_sentence(self.undetermined, lang)

    @property
    def exit_code(self) -> int:
        """0 nothing wrong, 1 causes found, 3 no cause but a verdict could not be reached."""
        return 1 if self.causes else 3 if self.undetermined else 0


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
