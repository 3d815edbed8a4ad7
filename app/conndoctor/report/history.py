"""What the person already tried in the wizard, with the result before and after.

The wizard appends one `FixAttempt` per fix it walks the person through; the report shows them
so the help desk does not ask the person to do the same things again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from conndoctor.core.engine.model import Status


@dataclass(frozen=True)
class FixAttempt:
    """One fix tried: which wizard step, what was done, and the check's status before and after."""

    step: str
    """The check id or cause id the step was about, e.g. "clock.network_time" or "clock_wrong"."""
    action: str
    """What the person did, in words they saw (already in the report's language)."""
    before: Status
    after: Status | None
    """None: the person did the step but did not run the check again."""
    at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "action": self.action,
            "before": self.before.value,
            "after": self.after.value if self.after is not None else None,
            "at": self.at.isoformat(),
        }
