"""What the person already tried, as the saved report says it: the session's history in words.

The core's session keeps one `FixAttempt` per fix the wizard walks the person through; this
module words each one in the report's language (also for the wizard's summary) and turns it
into the report's `history` rows, one per check concerned, so the help desk does not ask the
person to do the same things again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from conndoctor.core.engine.session import FixAction, FixAttempt, worst
from conndoctor.core.knowledge.i18n import Lang, text


def attempt_words(attempt: FixAttempt, lang: Lang) -> str:
    """What was done, in the words the person saw ('The clock: checked again after a fix')."""
    area = text(f"area.{attempt.area}", lang)
    if attempt.action == FixAction.CLEAR_CACHE:
        done = text("history.cleared_cache", lang, area=area)
        return done + (f" ({attempt.note})" if attempt.note else "")
    if attempt.action in (FixAction.RESET_FIREFOX_TLS, FixAction.WORKS_NOW):
        return text(f"history.{attempt.action.value}", lang, area=area)
    return text("history.checked_again", lang, area=area)


def history_rows(attempts: Sequence[FixAttempt], lang: Lang) -> list[dict[str, Any]]:
    """The report's `history`: a row per check an attempt concerned (one for the whole step
    when none was unhealthy or changed), with the status before and after (None: not
    re-checked)."""
    rows: list[dict[str, Any]] = []
    for attempt in attempts:
        action = attempt_words(attempt, lang)
        at = attempt.at.isoformat()
        concerned = attempt.concerned()
        if not concerned:
            step = attempt.cause or attempt.area
            before = worst(attempt.before.values())
            after = worst(attempt.after.values()).value if attempt.rechecked else None
            rows.append(
                {"step": step, "action": action, "before": before.value, "after": after, "at": at}
            )
        for check_id, (before, after_status) in concerned.items():
            rows.append(
                {
                    "step": check_id,
                    "action": action,
                    "before": before.value,
                    "after": after_status.value if after_status is not None else None,
                    "at": at,
                }
            )
    return rows
