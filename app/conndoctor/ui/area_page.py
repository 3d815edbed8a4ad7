"""One wizard step per area (connection, clock, computer, browser, site): what was found,
and how to fix it.

Every area page shows a one-line verdict first. When nothing is wrong that line is all the
person needs; otherwise each cause comes with its plain explanation, who can fix it, numbered
steps, and a "Check again" button that re-runs this area's checks and shows before → after.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from conndoctor.core.engine.model import CheckResult
from conndoctor.core.engine.runner import Check
from conndoctor.core.engine.session import FixAction, FixAttempt
from conndoctor.core.knowledge.catalog import who_can_fix
from conndoctor.core.knowledge.diagnosis import Cause
from conndoctor.core.knowledge.i18n import render
from conndoctor.ui.page import guarded
from conndoctor.ui.recheck_page import RecheckPage
from conndoctor.ui.state import WizardState
from conndoctor.ui.widgets import (
    StatusRow,
    StepRow,
    bold,
    clear_layout,
    fmt,
    hline,
    status_pixmap,
    wrapped,
)


class CauseBox(QFrame):
    """A cause in plain words: title, who can fix it, why, and numbered steps."""

    def __init__(self, cause: Cause, lang: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(10)
        title_row = QHBoxLayout()
        mark = QLabel()
        severity = "fail" if cause.info.severity == "blocking" else "warn"
        mark.setPixmap(status_pixmap(severity, 22, self))
        title = bold(wrapped(cause.title(lang)))
        title_row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        title_row.addWidget(title, 1)
        layout.addLayout(title_row)
        layout.addWidget(wrapped(who_can_fix(cause.fixer, lang)))
        layout.addWidget(wrapped(cause.explanation(lang), selectable=True))
        for detail in cause.details:
            layout.addWidget(wrapped(render(detail, lang), selectable=True))
        for number, step in enumerate(cause.fixes(lang), 1):
            layout.addWidget(StepRow(number, step))
        self.setAccessibleName(cause.title(lang))


class AreaPage(RecheckPage):
    """The shared shape of the five area steps; subclasses add their own helpers (`fill_extras`)."""

    area = ""

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.last_attempt: FixAttempt | None = None
        self.details_open = False
        verdict_row = QHBoxLayout()
        self.verdict_mark = QLabel()
        self.verdict_mark.setFixedSize(28, 28)
        self.verdict = bold(wrapped())
        verdict_row.addWidget(self.verdict_mark, 0, Qt.AlignmentFlag.AlignTop)
        verdict_row.addWidget(self.verdict, 1)
        self.outer.insertLayout(self.outer.indexOf(self.lead) + 1, verdict_row)
        self.retranslate()

    # --- what this area found -------------------------------------------------------------
    def area_results(self) -> list[CheckResult]:
        report = self.state.report
        if report is None:
            return []
        ids = {c.id for c in report.checks if c.area.value == self.area}
        return [r for r in report.results if r.check_id in ids]

    def area_causes(self) -> list[Cause]:
        report = self.state.report
        if report is None:
            return []
        return [c for c in report.causes if c.info.area.value == self.area]

    def result(self, check_id: str) -> CheckResult | None:
        report = self.state.report
        return report.result(check_id) if report is not None else None

    # --- page life --------------------------------------------------------------------------
    @guarded(None)
    def initializePage(self) -> None:
        self.last_attempt = None
        self.rebuild()

    def rebuild(self) -> None:
        clear_layout(self.body_layout)
        causes = self.area_causes()
        results = self.area_results()
        problem = bool(causes) or any(r.status.value == "fail" for r in results)
        warning = not problem and any(r.status.value in ("warn", "error") for r in results)
        mark = "fail" if problem else "warn" if warning else "ok"
        self.verdict_mark.setPixmap(status_pixmap(mark, 26, self))
        undetermined = [r for r in results if r.facts is not None and r.facts.undetermined]
        if warning and undetermined:
            self.verdict.setText(self.say(undetermined[0].summary))
        else:
            self.verdict.setText(self.verdict_sentence(mark, causes))
        self.verdict.setAccessibleName(self.verdict.text())
        self.fill_top(self.body_layout)
        for cause in causes:
            self.body_layout.addWidget(CauseBox(cause, self.lang))
        self.fill_extras(self.body_layout)
        if results:
            self.body_layout.addWidget(hline())
            self.add_details(results, problem)
        self.body_layout.addStretch(1)
        self.again.setVisible(bool(results) or bool(causes))
        self.show_attempt()

    def add_details(self, results: list[CheckResult], problem: bool) -> None:
        """What we checked, in technical words, folded away until asked for."""
        toggle = QPushButton(
            self.tr("▾ Hide the technical details")
            if self.details_open
            else self.tr("▸ Show the &technical details")
        )
        toggle.setAccessibleName(self.tr("Show or hide the technical details"))
        toggle.setFlat(True)
        toggle.setAutoDefault(False)
        toggle.clicked.connect(self.toggle_details)
        row = QHBoxLayout()
        row.addWidget(toggle)
        row.addStretch(1)
        self.body_layout.addLayout(row)
        box = QWidget()
        box.setObjectName("technicalDetails")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(12, 0, 0, 0)
        for found in results:
            status, summary = found.status.value, self.say(found.summary)
            if found.check_id == "site.http_status" and problem and status == "ok":
                # the answer came over a connection the browser refuses: not a green tick
                status = "warn"
                summary = self.tr(
                    "The site answered, but only over a connection your browser does not accept."
                )
            line = StatusRow("")
            line.set_result(status, self.core(f"check.{found.check_id}.title"), summary, self.lang)
            inner.addWidget(line)
        box.setVisible(self.details_open)
        self.body_layout.addWidget(box)

    def toggle_details(self) -> None:
        self.details_open = not self.details_open
        self.rebuild()

    def verdict_sentence(self, mark: str, causes: list[Cause]) -> str:
        if mark == "ok":
            return self.tr("Nothing is wrong here. You can go on to the next step.")
        if mark == "warn":
            return self.tr("Something here could not be checked fully, but it is not the cause.")
        if causes:
            return fmt(self.tr("We found a problem here: %1"), causes[0].title(self.lang))
        return self.tr("We found a problem here.")

    def fill_top(self, layout: QVBoxLayout) -> None:
        """What the person acts on first (a settings button, the browser list), above the causes."""

    def fill_extras(self, layout: QVBoxLayout) -> None:
        """Area-specific helpers (buttons, pictures, times) under the causes; nothing by default."""

    # --- check again ----------------------------------------------------------------------
    def checks_to_run(self) -> tuple[Check, ...]:
        return self.state.current_session().checks_to_recheck(self.area)

    def rechecked(self, newer: Any) -> None:
        causes = self.area_causes()
        cause = causes[0].id if causes else None
        _, self.last_attempt = self.state.session.adopt_recheck(newer, self.area, cause)
        self.rebuild()

    def record(self, action: FixAction, note: str = "") -> None:
        """A fix done on this step without checking again (the browser's cache, its settings)."""
        causes = self.area_causes()
        cause = causes[0].id if causes else None
        self.last_attempt = self.state.session.record(self.area, action, cause, note)

    def show_attempt(self) -> None:
        attempt = self.last_attempt
        if attempt is None or not attempt.rechecked:
            self.again_note.setText("")
            return
        changes = [
            fmt(
                self.tr("%1: %2 → %3"),
                self.core(f"check.{check_id}.title"),
                self.core(f"status.{before}"),
                self.core(f"status.{after}"),
            )
            for check_id, (before, after) in attempt.changes().items()
        ]
        if attempt.still_failing:
            lead = "✗ " + self.tr("Not fixed yet:")
        elif attempt.improved:
            lead = "✓ " + self.tr("Fixed:")
        else:
            lead = self.tr("Checked again:")
        if not changes:
            changes = [self.tr("nothing changed")]
        self.again_note.setText(lead + "\n" + "\n".join(changes))

    def retranslate(self) -> None:
        self.set_heading(self.area_title(), self.area_lead())
        self.again.setText(self.tr("Check &again"))
        self.again.setAccessibleName(self.tr("Check this step again"))
        if self.state.report is not None:
            self.rebuild()

    def area_title(self) -> str:
        return ""

    def area_lead(self) -> str:
        return ""
