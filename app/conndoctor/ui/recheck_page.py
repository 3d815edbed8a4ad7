"""The shape the answer page and the five area pages share: content that scrolls under the
heading, and a "Check again" row at the bottom that re-runs checks through the core's session
in the background and says how it went."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from conndoctor.core.engine.runner import Check
from conndoctor.ui.page import Page, guarded
from conndoctor.ui.state import WizardState
from conndoctor.ui.widgets import fmt, wrapped
from conndoctor.ui.worker import CheckRun


class RecheckPage(Page):
    """A page with scrolling content (`body_layout`) and a "Check again" row (`again`,
    `again_note`); subclasses say what to re-run (`checks_to_run`) and what it changed
    (`rechecked`)."""

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.recheck: CheckRun | None = None
        self.body_layout = self.add_scrolled_body()
        bottom = QHBoxLayout()
        self.again = QPushButton()
        self.again.setAutoDefault(False)
        self.again.clicked.connect(self.check_again)
        self.again_note = wrapped()
        bottom.addWidget(self.again, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.again_note, 1)
        self.outer.addLayout(bottom)

    def checks_to_run(self) -> tuple[Check, ...]:
        """What 'Check again' re-runs (every check by default)."""
        return self.state.current_session().checks_to_recheck()

    def check_again(self) -> None:
        if self.recheck is not None or self.state.report is None:
            return
        selected = self.checks_to_run()
        if not selected:
            return
        self.again.setEnabled(False)
        self.again_note.setText(self.tr("Checking again…"))
        self.recheck = CheckRun(self.state.current_session(), checks=selected, parent=self)
        self.recheck.finished.connect(self._rechecked)
        self.recheck.failed.connect(self._recheck_failed)
        self.recheck.start()

    def _rechecked(self, newer: Any) -> None:
        self.recheck = None
        self.again.setEnabled(True)
        self.again_note.setText("")
        if self.state.report is not None:
            self.rechecked(newer)

    def rechecked(self, newer: Any) -> None:
        """Hand the re-check's report to the session and show what changed."""

    def _recheck_failed(self, message: str) -> None:
        self.recheck = None
        self.again.setEnabled(True)
        self.again_note.setText(fmt(self.tr("The checks could not run: %1"), message))

    @guarded(None)
    def cleanupPage(self) -> None:
        if self.recheck is not None:
            self.recheck.shutdown()
            self.recheck = None
            self.again.setEnabled(True)
