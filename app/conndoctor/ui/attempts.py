"""One fix the person tried in the wizard ('Check again', 'clear the cache for me') and its
effect; loaded with the first step page, not at start-up (see bench/bench_startup.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FixAttempt:
    """One 'Check again' (or 'clear the cache for me'): which step, and the statuses before
    and after."""

    area: str
    action: str
    before: dict[str, str]
    after: dict[str, str]
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    note: str = ""

    @property
    def improved(self) -> bool:
        rank = {"ok": 0, "skipped": 1, "warn": 2, "error": 3, "fail": 4}
        worse_before = max((rank.get(s, 3) for s in self.before.values()), default=0)
        worse_after = max((rank.get(s, 3) for s in self.after.values()), default=0)
        return worse_after < worse_before

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "action": self.action,
            "before": dict(self.before),
            "after": dict(self.after),
            "at": self.at.isoformat(),
            "note": self.note,
            "improved": self.improved,
        }
