"""The one report object that the command line, the wizard and the PDF all present.

`Report.to_dict` is the `conndoctor.report/1` JSON contract: help desks script against it,
so keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from conndoctor import __version__
from conndoctor.core.context import Options
from conndoctor.core.diagnosis import Cause, _jsonable, diagnose
from conndoctor.core.i18n import Lang, render, text
from conndoctor.core.model import UNDETERMINED_KEY, CheckResult, Message
from conndoctor.core.runner import Check, RunEvent, RunOutcome, run_checks

SCHEMA = "conndoctor.report/1"


def _os_facts() -> dict[str, str]:
    """What platform.system/release/version/machine say, from os.uname where there is one
    (the platform module is slow to load; Windows has no uname)."""
    if hasattr(os, "uname"):
        facts = os.uname()
        return {
            "system": facts.sysname,
            "release": facts.release,
            "version": facts.version,
            "machine": facts.machine,
        }
    import platform

    return {
        "system": platform.system(),
        "release": platform.release(),
        "version": platform.version(),
        "machine": platform.machine(),
    }


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
        return tuple(r.check_id for r in self.results if r.details.get(UNDETERMINED_KEY))

    def no_causes_sentence(self, lang: Lang) -> str:
        """What to say when no cause was found: all is well only if every verdict was reached."""
        return no_causes_sentence(self.undetermined, lang)

    @property
    def exit_code(self) -> int:
        """0 nothing wrong, 1 causes found, 3 no cause but a verdict could not be reached."""
        return 1 if self.causes else 3 if self.undetermined else 0

    def environment(self) -> dict[str, Any]:
        return {
            "program": {"name": "conndoctor", "version": __version__},
            "os": _os_facts(),
            "python": sys.version.split()[0],
            "timeout_s": self.options.timeout_s,
            "device": self.options.device,
            "browser": self.options.browser,
            "seen": self.options.seen,
            "contacted": [
                {"host": c.host, "port": c.port, "purpose": c.purpose}
                for c in self.outcome.contacts
            ],
        }

    def check_to_dict(self, check_result: CheckResult, lang: Lang) -> dict[str, Any]:
        area = next((c.area.value for c in self.checks if c.id == check_result.check_id), None)
        return {
            "id": check_result.check_id,
            "area": area,
            "title": text(f"check.{check_result.check_id}.title", lang),
            "status": check_result.status.value,
            "summary": render(check_result.summary, lang),
            "summary_key": check_result.summary.key,
            "details": _jsonable(check_result.details),
            "findings": [f.cause for f in check_result.findings],
            "duration_s": check_result.duration_s,
        }

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        target = self.options.target
        return {
            "schema": SCHEMA,
            "lang": lang,
            "target": target.to_dict() if target else None,
            "checks": [self.check_to_dict(r, lang) for r in self.outcome.results],
            "causes": [c.to_dict(lang) for c in self.causes],
            "environment": self.environment(),
            "started_at": self.outcome.started_at.isoformat(),
            "duration_s": self.outcome.duration_s,
            "cancelled": self.outcome.cancelled,
        }


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
