"""The live list while the checks run: each spinner turns into a result as it arrives."""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from conndoctor.core.checks import all_checks
from conndoctor.core.engine.model import CheckResult
from conndoctor.core.engine.session import AREA_ORDER as AREAS
from conndoctor.ui.page import Page, guarded
from conndoctor.ui.state import WizardState
from conndoctor.ui.widgets import StatusRow, bold, fmt, muted, scrolling, wrapped
from conndoctor.ui.worker import CheckRun


class CheckingPage(Page):
    """Runs every check in the background; the window stays responsive and Cancel always works."""

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.run: CheckRun | None = None
        self.rows: dict[str, StatusRow] = {}
        self.results: dict[str, CheckResult] = {}
        self.done = False
        self.cancelled = False
        self.error = ""
        self._elapsed = QElapsedTimer()
        self._seconds = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._show_elapsed)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.elapsed = muted(QLabel())
        self.stop = QPushButton()
        self.stop.setAutoDefault(False)
        self.stop.clicked.connect(self.cancel)
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.elapsed)
        top.addWidget(self.stop)
        self.outer.addLayout(top)

        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setSpacing(6)
        self.area_headings: dict[str, QLabel] = {}
        self.area_layouts: dict[str, QVBoxLayout] = {}
        for area in AREAS:
            heading = bold(wrapped())
            heading.setVisible(False)
            rows = QVBoxLayout()
            rows.setContentsMargins(12, 0, 0, 4)
            self.list_layout.addWidget(heading)
            self.list_layout.addLayout(rows)
            self.area_headings[area] = heading
            self.area_layouts[area] = rows
        self.list_layout.addStretch(1)
        self.outer.addWidget(scrolling(self.list_widget), 1)
        self.status_line = wrapped()
        self.outer.addWidget(self.status_line)
        self.retranslate()

    @guarded(None)
    def initializePage(self) -> None:
        self.start()

    def start(self) -> None:
        self.shutdown()
        for row in self.rows.values():
            row.deleteLater()
        for heading in self.area_headings.values():
            heading.setVisible(False)
        self.rows.clear()
        self.results.clear()
        self.done = self.cancelled = False
        self.error = ""
        self.progress.setRange(0, 0)
        self.stop.setEnabled(True)
        self._elapsed.start()
        self._tick.start()
        self.run = CheckRun(self.state.current_session(), parent=self)
        self.run.event.connect(self._on_event)
        self.run.finished.connect(self._on_finished)
        self.run.failed.connect(self._on_failed)
        self.run.start()
        self.retranslate()
        self.completeChanged.emit()

    def cancel(self) -> None:
        if self.run is not None and not self.done:
            self.cancelled = True
            self.stop.setEnabled(False)
            self.run.cancel()
            self.retranslate()

    def shutdown(self) -> None:
        if self.run is not None:
            self.run.shutdown()
            self.run = None

    def _row(self, check_id: str) -> StatusRow:
        """The check's row, placed in the wizard's step order whatever order the checks
        start in (the runner starts those that wait on servers first)."""
        row = self.rows.get(check_id)
        if row is None:
            row = StatusRow(self.core(f"check.{check_id}.title"))
            row.setAccessibleName(row.title.text())
            rank = _step_order()
            area = _area_of().get(check_id, "site")
            mine = [c for c in self.rows if _area_of().get(c, "site") == area]
            place = sum(1 for other in mine if rank.get(other, 99) <= rank.get(check_id, 99))
            self.area_layouts[area].insertWidget(place, row)
            self.area_headings[area].setVisible(True)
            self.rows[check_id] = row
        return row

    def _on_event(self, event: Any) -> None:
        if self.done:
            return  # a late event queued before the end must not move the bar back
        row = self._row(event.check_id)
        if event.total:
            self.progress.setRange(0, event.total)
            self.progress.setValue(event.done)
        if event.kind == "finished" and event.result is not None:
            self.results[event.check_id] = event.result
            self._show_result(row, event.result)

    def _show_result(self, row: StatusRow, found: CheckResult) -> None:
        row.set_result(
            found.status.value,
            self.core(f"check.{found.check_id}.title"),
            self.say(found.summary),
            self.lang,
        )

    def _on_finished(self, report: Any) -> None:
        self.done = True
        self._tick.stop()
        self._seconds = self._elapsed.elapsed() / 1000
        for found in report.results:
            self.results[found.check_id] = found
            self._show_result(self._row(found.check_id), found)
        self.progress.setRange(0, max(1, len(report.results)))
        self.progress.setValue(max(1, len(report.results)))
        self.stop.setEnabled(False)
        self.state.session.adopt(report)
        self.run = None
        self.retranslate()
        self.completeChanged.emit()
        self.wizard().button(QWizard.WizardButton.NextButton).setFocus()

    def _on_failed(self, message: str) -> None:
        self.done = True
        self._tick.stop()
        self._seconds = self._elapsed.elapsed() / 1000
        self.error = message
        self.stop.setEnabled(False)
        self.run = None
        self.retranslate()
        self.completeChanged.emit()

    @guarded(False)
    def isComplete(self) -> bool:
        return self.done and self.state.report is not None

    @guarded(None)
    def cleanupPage(self) -> None:
        self.cancel()
        self.shutdown()

    def _show_elapsed(self) -> None:
        if not self.done and self._elapsed.isValid():
            self._seconds = self._elapsed.elapsed() / 1000
        shown = f"{self._seconds:.1f}" if self._seconds < 10 else f"{self._seconds:.0f}"
        self.elapsed.setText(fmt(self.tr("%1 s"), shown))

    def retranslate(self) -> None:
        self.set_heading(
            self.tr("Checking…"),
            self.tr(
                "Connection Doctor is checking the connection, the clock, this computer "
                "and the site."
            ),
        )
        self.stop.setText(self.tr("&Stop checking"))
        self.stop.setAccessibleName(self.tr("Stop checking"))
        self.progress.setAccessibleName(self.tr("Progress of the checks"))
        self._show_elapsed()
        if self.error:
            line = fmt(self.tr("The checks could not run: %1"), self.error)
        elif self.done and self.cancelled:
            line = self.tr("Checking was stopped. Press Next to see what was found so far.")
        elif self.done:
            line = self.tr("All checks are done. Press Next to see what we found.")
        elif self.cancelled:
            line = self.tr("Stopping…")
        else:
            line = self.tr("This usually takes a few seconds. You can keep using your computer.")
        self.status_line.setText(line)
        names = {
            "connection": self.tr("Step 1: The connection"),
            "clock": self.tr("Step 2: The clock"),
            "system": self.tr("Step 3: The system and the browser"),
            "browser": self.tr("Step 4: The browser"),
            "site": self.tr("Step 5: The website"),
        }
        for area, heading in self.area_headings.items():
            heading.setText(names[area])
        for check_id, row in self.rows.items():
            found = self.results.get(check_id)
            if found is not None:
                self._show_result(row, found)
            else:
                row.title.setText(self.core(f"check.{check_id}.title"))


@cache
def _area_of() -> dict[str, str]:
    return {check.id: check.area.value for check in all_checks()}


@cache
def _step_order() -> dict[str, int]:
    return {check.id: index for index, check in enumerate(all_checks())}
