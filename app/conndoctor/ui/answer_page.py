"""The answer, right after the checks: the most likely cause in one sentence, who can fix it,
the one thing to do now, and a large "Check again" that says plainly whether it is fixed.

Several causes are fixed one after another, most fundamental first (core.session.fix_order).
Everything else found stays folded under "Other findings"; each area is one line there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from conndoctor.core.engine.facts import ClockFacts
from conndoctor.core.engine.model import Device, facts_of
from conndoctor.core.engine.session import (
    AREA_ORDER,
    FixAction,
    area_has_problem,
    fix_order,
    is_fixed,
)
from conndoctor.core.knowledge.catalog import who_can_fix
from conndoctor.core.knowledge.diagnosis import Cause
from conndoctor.ui import system_links
from conndoctor.ui.browser_page import BrowserPage
from conndoctor.ui.clock_steps import clock_steps, describe_offset
from conndoctor.ui.page import guarded
from conndoctor.ui.page_ids import PageId
from conndoctor.ui.recheck_page import RecheckPage
from conndoctor.ui.state import WizardState
from conndoctor.ui.widgets import (
    StepRow,
    action_button,
    bold,
    clear_layout,
    fmt,
    muted,
    on_the_left,
    status_pixmap,
    wrapped,
)

BROWSER_TOPIC = {
    "browser_tls_disabled": "enable_tls12",
    "browser_outdated": "update",
    "browser_cache": "clear_cache",
}


class AnswerPage(RecheckPage):
    """The cause to fix now; after Check again, "Fixed" or "Not yet", then the next cause."""

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.outcome: tuple[str, bool] | None = None
        """(cause title, fixed?) of the last Check again, shown above the next cause."""
        self.others_open = False
        self.again.setMinimumHeight(44)  # the one thing to press after a fix: large and bold
        font = QFont(self.again.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.again.setFont(font)
        self.retranslate()

    # --- what to show --------------------------------------------------------------------------
    def open_causes(self) -> list[Cause]:
        report = self.state.report
        if report is None:
            return []
        return [c for c in fix_order(report.causes) if c.id not in self.state.cause_done]

    def current(self) -> Cause | None:
        causes = self.open_causes()
        return causes[0] if causes else None

    @guarded(None)
    def initializePage(self) -> None:
        self.outcome = None
        self.state.go_to_browser = False
        self.rebuild()

    def rebuild(self) -> None:
        clear_layout(self.body_layout)
        if self.state.report is None:
            return
        if self.outcome is not None:
            self.add_outcome(*self.outcome)
        cause = self.current()
        if cause is None and self.state.report.outcome.cancelled:
            self.add_unknown()
        elif cause is None:
            self.add_healthy()
        else:
            self.add_cause(cause)
        self.add_others(cause)
        self.body_layout.addStretch(1)

    def add_outcome(self, title: str, fixed: bool) -> None:
        box = QFrame()
        box.setObjectName("fixedBanner" if fixed else "notFixedBanner")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(box)
        mark = QLabel()
        mark.setPixmap(status_pixmap("ok" if fixed else "fail", 30, self))
        if fixed:
            words = fmt(self.tr("Fixed: %1"), title)
        else:
            words = fmt(self.tr("Not fixed yet: %1. Please try the steps again."), title)
        label = bold(wrapped(words))
        label.setAccessibleName(words)
        row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(label, 1)
        self.body_layout.addWidget(box)

    def add_sentence(self, status: str, sentence: str) -> QLabel:
        """The page's one-sentence answer (object name `causeSentence`) beside a large mark."""
        row = QHBoxLayout()
        mark = QLabel()
        mark.setPixmap(status_pixmap(status, 34, self))
        title = bold(wrapped(sentence))
        title.setObjectName("causeSentence")
        row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(title, 1)
        self.body_layout.addLayout(row)
        return title

    def add_cause(self, cause: Cause) -> None:
        status = "fail" if cause.info.severity == "blocking" else "warn"
        sentence = fmt(self.tr("The most likely cause: %1"), cause.title(self.lang))
        title = self.add_sentence(status, sentence)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        self.body_layout.addWidget(wrapped(who_can_fix(cause.fixer, self.lang)))
        self.body_layout.addWidget(muted(wrapped(cause.explanation(self.lang), selectable=True)))
        self.body_layout.addWidget(bold(wrapped(self.tr("What to do now"))))
        self.add_steps(cause)
        left = len(self.open_causes()) - 1
        if left > 0:
            note = self.tr("After this, %1 more thing(s) to fix. We will show them one by one.")
            self.body_layout.addWidget(muted(wrapped(fmt(note, str(left)))))

    def add_steps(self, cause: Cause) -> None:
        """The cause's steps: the browser's own illustrated steps, this system's clock steps,
        or the catalogue's steps, with a button when the program can do it itself."""
        layout = self.body_layout
        topic = BROWSER_TOPIC.get(cause.id)
        browser_page = self.wizard().page(PageId.BROWSER)
        if (
            topic
            and self.state.device != Device.OTHER_COMPUTER
            and isinstance(browser_page, BrowserPage)
        ):
            before = layout.count()
            browser_page.add_instructions(layout, browser_page.chosen(), topic, [])
            if layout.count() > before:
                if cause.id == "browser_tls_disabled":
                    self.add_firefox_reset(cause, browser_page)
                return
        if cause.id == "clock_wrong":
            report = self.state.report
            clock = report.result("clock.network_time") if report is not None else None
            offset = (facts_of(clock, ClockFacts) or ClockFacts()).offset_s
            if offset is not None and self.state.on_this_computer:
                difference = describe_offset(offset)
                layout.addWidget(bold(wrapped(difference[:1].upper() + difference[1:])))
            for number, step in enumerate(clock_steps(self.state.device), 1):
                layout.addWidget(StepRow(number, step))
            row = system_links.date_time_settings_row() if self.state.on_this_computer else None
            if row is not None:
                layout.addLayout(row)
            return
        for number, step in enumerate(cause.fixes(self.lang), 1):
            layout.addWidget(StepRow(number, step))
        url = str(cause.evidence.get("portal_url") or "") if cause.id == "captive_portal" else ""
        if url:
            layout.addLayout(system_links.login_page_row(url))

    def add_firefox_reset(self, cause: Cause, browser_page: BrowserPage) -> None:
        if str(cause.evidence.get("browser_id", "firefox")).startswith("firefox"):
            button = action_button(
                self.tr("&Restore Firefox's default settings…"),
                self.tr("Restore Firefox's default secure-connection settings"),
            )
            button.clicked.connect(browser_page.reset_firefox_tls)
            self.body_layout.addLayout(on_the_left(button))

    def add_unknown(self) -> None:
        """Stopped checks are never a clean bill of health."""
        self.add_sentence(
            "warn",
            self.tr(
                "The checks were stopped, so we could not determine the cause. "
                "Press Check again to run them to the end."
            ),
        )

    def add_healthy(self) -> None:
        """No cause found. Only when every verdict was reached is that "reached securely"; a
        certificate verdict that could not be determined is said as such (never an all-clear)."""
        report = self.state.report
        if report is not None and report.undetermined:
            self.add_sentence("warn", report.no_causes_sentence(self.lang))
        else:
            self.add_sentence(
                "ok", self.tr("From this computer, the site can be reached securely.")
            )
        self.body_layout.addWidget(
            wrapped(
                self.tr(
                    "If your browser still shows the error, one of these usually helps. "
                    "Try them in this order:"
                )
            )
        )
        cache = action_button(
            self.tr("1. Show how to clear the browser's &cache"),
            self.tr("Show how to clear the browser's cache"),
        )
        cache.clicked.connect(self.show_cache_steps)
        self.body_layout.addLayout(on_the_left(cache))
        self.body_layout.addWidget(
            wrapped(
                self.tr(
                    "2. Try another browser (for example Firefox, Chrome, Edge or Safari). If the "
                    "site opens there, the problem is in the first browser's settings."
                )
            )
        )
        save = action_button(
            self.tr("3. &Save a report for the help desk"),
            self.tr("Save a report for the help desk"),
        )
        save.clicked.connect(self.go_to_summary)
        self.body_layout.addLayout(on_the_left(save))
        works = action_button(self.tr("It &works now"), self.tr("The site works now"))
        works.clicked.connect(self.works_now)
        self.body_layout.addLayout(on_the_left(works))

    def add_others(self, shown: Cause | None) -> None:
        """Every area as one short line (the walk Next follows: problems first), then the other
        causes, folded away until asked for."""
        self.body_layout.addWidget(bold(wrapped(self.tr("Every area at a glance"))))
        areas = sorted(AREA_ORDER, key=lambda area: not area_has_problem(self.state.report, area))
        for area in areas:
            bad = area_has_problem(self.state.report, area)
            line = QHBoxLayout()
            mark = QLabel()
            mark.setPixmap(status_pixmap("fail" if bad else "ok", 18, self))
            words = self.tr("a problem was found") if bad else self.tr("nothing wrong")
            line.addWidget(mark)
            line.addWidget(wrapped(fmt(self.tr("%1: %2"), self.area_name(area), words)), 1)
            self.body_layout.addLayout(line)
        report = self.state.report
        others = [
            cause
            for cause in (fix_order(report.causes) if report is not None else [])
            if shown is None or cause.id != shown.id
        ]
        if not others:
            return
        toggle = action_button(
            self.tr("▾ Hide the other findings")
            if self.others_open
            else self.tr("▸ Show &other findings"),
            self.tr("Show or hide the other findings"),
        )
        toggle.setObjectName("othersToggle")
        toggle.setFlat(True)
        toggle.clicked.connect(self.toggle_others)
        self.body_layout.addLayout(on_the_left(toggle))
        box = QWidget()
        box.setObjectName("otherFindings")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(12, 0, 0, 0)
        for cause in others:
            fixer = self.core(f"fixer.{cause.fixer.value}")
            inner.addWidget(wrapped(f"• {cause.title(self.lang)} — {fixer}"))
        box.setVisible(self.others_open)
        self.body_layout.addWidget(box)

    def area_name(self, area: str) -> str:
        return {
            "connection": self.tr("The connection"),
            "clock": self.tr("The clock"),
            "system": self.tr("The system"),
            "browser": self.tr("The browser"),
            "site": self.tr("The website"),
        }[area]

    # --- actions -------------------------------------------------------------------------------
    def toggle_others(self) -> None:
        self.others_open = not self.others_open
        self.rebuild()

    def show_cache_steps(self) -> None:
        self.state.go_to_browser = True
        self.wizard().next()

    def go_to_summary(self) -> None:
        self.state.go_to_browser = False
        wizard = self.wizard()
        while wizard.currentId() not in (PageId.SUMMARY, -1):
            before = wizard.currentId()
            wizard.next()
            if wizard.currentId() == before:
                break

    def works_now(self) -> None:
        self.state.session.record("browser", FixAction.WORKS_NOW)
        self.go_to_summary()

    def rechecked(self, newer: Any) -> None:
        """Every check ran again: is the cause being fixed gone? Then the next one."""
        cause = self.current()
        area = cause.info.area.value if cause is not None else "site"
        report, _ = self.state.session.adopt_recheck(
            newer, area, cause.id if cause is not None else None
        )
        if cause is not None:
            self.outcome = (cause.title(self.lang), is_fixed(cause.id, report))
        self.rebuild()

    def retranslate(self) -> None:
        self.set_heading(self.tr("What we found"))
        self.again.setText(self.tr("Check &again"))
        self.again.setAccessibleName(self.tr("Check again whether it is fixed"))
        if self.state.report is not None:
            self.rebuild()
