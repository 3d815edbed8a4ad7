"""The saved report's history rows come from the session's fix attempts."""

from __future__ import annotations

import datetime as dt

from conndoctor.core.engine.model import Status
from conndoctor.core.engine.session import FixAction, FixAttempt
from conndoctor.core.knowledge.i18n import text
from conndoctor.report.history import attempt_words, history_rows

AT = dt.datetime(2026, 11, 21, 7, 42, tzinfo=dt.UTC)


def test_a_recheck_gives_a_row_per_check_that_was_bad_or_changed() -> None:
    attempt = FixAttempt(
        "clock",
        FixAction.CHECK_AGAIN,
        {"clock.network_time": Status.FAIL, "clock.local": Status.OK, "a.b": Status.OK},
        {"clock.network_time": Status.OK, "clock.local": Status.OK, "a.b": Status.WARN},
        "clock_wrong",
        AT,
    )
    rows = history_rows([attempt], "en")
    assert [(r["step"], r["before"], r["after"]) for r in rows] == [
        ("clock.network_time", "fail", "ok"),
        ("a.b", "ok", "warn"),
    ]
    assert {r["at"] for r in rows} == {AT.isoformat()}
    assert rows[0]["action"] == text("history.checked_again", "en", area=text("area.clock", "en"))


def test_a_fix_on_a_healthy_step_is_one_row_not_rechecked() -> None:
    attempt = FixAttempt("browser", FixAction.WORKS_NOW, {"browsers.cache": Status.OK}, at=AT)
    rows = history_rows([attempt], "ja")
    assert rows == [
        {
            "step": "browser",
            "action": text("history.works_now", "ja", area=text("area.browser", "ja")),
            "before": "ok",
            "after": None,
            "at": AT.isoformat(),
        }
    ]


def test_the_cache_cleared_says_what_the_program_did() -> None:
    attempt = FixAttempt("browser", FixAction.CLEAR_CACHE, {}, at=AT, note="12 MB")
    assert attempt_words(attempt, "en").endswith(" (12 MB)")
    assert not attempt.rechecked and not attempt.improved
