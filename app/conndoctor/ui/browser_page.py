"""The browser step: which browser's steps to show, its cache, and the shortcuts (its own
clear-data page, the safe "clear the cache for me", Firefox's default TLS settings). The
illustrated steps themselves are `instruction_box` boxes (data from resources/instructions).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from conndoctor.core.browsers.browser_records import BrowserInfo, Profile
from conndoctor.core.browsers.caches import ClearOutcome, clear_cache
from conndoctor.core.browsers.firefox_tls_reset import changed_tls_prefs, reset_tls_prefs
from conndoctor.core.browsers.inventory import clear_data_url, open_clear_data_page
from conndoctor.core.engine.model import Device
from conndoctor.core.engine.session import FixAction
from conndoctor.core.engine.units import human_size
from conndoctor.core.knowledge.instructions import (
    TOPIC_FOR_CAUSE,
    InstructionError,
    Step,
    load_instructions,
)
from conndoctor.ui import browser_names
from conndoctor.ui.area_page import AreaPage
from conndoctor.ui.instruction_box import InstructionBox
from conndoctor.ui.page import guarded
from conndoctor.ui.widgets import bold, fmt, muted, wrapped
from conndoctor.ui.worker import in_background


def cache_total(profiles: Iterable[Profile]) -> tuple[int, bool]:
    """The bytes the profiles' caches hold, and whether every one was measured to the end (the
    scan stops measuring at its deadline: then the total is 'at least')."""
    chosen = tuple(profiles)
    return sum(p.cache_bytes for p in chosen), all(p.cache_complete for p in chosen)


class BrowserPage(AreaPage):
    """A browser chooser with its actions on top, then that browser's own steps with pictures."""

    area = "browser"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.clear_result = ""
        self.choice: str | None = None
        """The browser picked in this page's list (None: the default for the person's answers)."""
        self.chooser: QComboBox | None = None
        self.pictures: list[QWidget] = []
        super().__init__(*args, **kwargs)

    @guarded(None)
    def initializePage(self) -> None:
        self.choice = None
        self.clear_result = ""
        super().initializePage()

    # --- which browser -----------------------------------------------------------------------
    def found(self) -> list[BrowserInfo]:
        if not self.state.on_this_computer:
            return []
        return browser_names.detected(self.state.browsers_found)

    def choices(self) -> list[tuple[str, str]]:
        """(id, label) for the list: browsers found here first, then the device's others."""
        entries: list[tuple[str, str]] = []
        for info in self.found():
            name = info.name or browser_names.name(info.id, self.lang)
            label = fmt(self.tr("%1 %2 (on this computer)"), name, info.version or "")
            entries.append((info.id, label.replace("  ", " ")))
        known = {entry[0] for entry in entries}
        for browser_id in browser_names.for_device(self.state.device):
            if browser_id not in known:
                entries.append((browser_id, browser_names.name(browser_id, self.lang)))
        return entries

    def chosen(self) -> str:
        """The browser whose steps are shown: picked here, else chosen earlier, else found first."""
        ids = [browser_id for browser_id, _ in self.choices()]
        if self.choice in ids:
            return str(self.choice)
        named = self.browser_named_by_a_cause()
        if self.state.browser in ids and (self.state.browser_picked or named not in ids):
            return str(self.state.browser)
        if named in ids:
            return str(named)
        wanted = browser_names.default_instructions(
            self.state.browser, self.state.device, self.found()
        )
        for browser_id in ids:
            if self.instructions_id(browser_id) == wanted:
                return browser_id
        return ids[0] if ids else wanted

    def browser_named_by_a_cause(self) -> str | None:
        """The browser a finding is about (e.g. Firefox with TLS 1.2 switched off)."""
        report = self.state.report
        for cause in report.causes if report is not None else ():
            if cause.id in TOPIC_FOR_CAUSE and cause.evidence.get("browser_id"):
                return str(cause.evidence["browser_id"])
        return None

    def instructions_id(self, browser_id: str) -> str:
        mapped = browser_names.instructions_for(
            browser_id, self.state.device, self.browser_info(browser_id)
        )
        return mapped or browser_names.for_device(self.state.device)[0]

    def browser_info(self, browser: str) -> BrowserInfo | None:
        return next((b for b in self.found() if b.id == browser), None)

    def display_name(self, browser_id: str) -> str:
        info = self.browser_info(browser_id)
        if info is not None and info.name:
            return info.name
        return browser_names.name(browser_id, self.lang)

    def _picked(self, index: int) -> None:
        if self.chooser is None:
            return
        self.choice = self.chooser.itemData(index)
        self.clear_result = ""
        self.rebuild()
        if self.chooser is not None:
            self.chooser.setFocus()

    # --- the page ------------------------------------------------------------------------------
    def fill_top(self, layout: QVBoxLayout) -> None:
        browser = self.chosen()
        row = QHBoxLayout()
        label = bold(QLabel(self.tr("Show the steps for:")))
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(self.tr("Browser whose steps are shown"))
        for browser_id, text_ in self.choices():
            self.chooser.addItem(text_, browser_id)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(browser)))
        self.chooser.activated.connect(self._picked)
        label.setBuddy(self.chooser)
        row.addWidget(label)
        row.addWidget(self.chooser)
        row.addStretch(1)
        layout.addLayout(row)
        if self.state.on_this_computer:
            self.add_actions(layout, browser)

    def fill_extras(self, layout: QVBoxLayout) -> None:
        self.pictures = []
        browser = self.chosen()
        report = self.state.report
        topics = ["clear_cache"]
        for cause in report.causes if report is not None else ():
            topic = TOPIC_FOR_CAUSE.get(cause.id)
            if topic and topic not in topics:
                topics.insert(0, topic)
        shown: list[tuple[Step, ...]] = []
        for topic in topics:
            self.add_instructions(layout, browser, topic, shown)
        if self.state.on_this_computer:
            self.add_cache_sizes(layout)

    def add_actions(self, layout: QVBoxLayout, browser: str) -> None:
        """The two shortcuts, right under the browser list: open its page, or clear for them."""
        info = self.browser_info(browser)
        name = self.display_name(browser)
        if info is None:
            layout.addWidget(
                muted(
                    wrapped(
                        fmt(
                            self.tr(
                                "%1 was not found on this computer. Follow its steps on the "
                                "computer that shows the error."
                            ),
                            name,
                        )
                    )
                )
            )
            return
        row = QHBoxLayout()
        if clear_data_url(browser) and info.installed:
            open_page = QPushButton(fmt(self.tr("&Open the clear-data page of %1"), name))
            open_page.setAccessibleName(fmt(self.tr("Open the clear-data page of %1"), name))
            open_page.setAutoDefault(False)
            open_page.clicked.connect(lambda: self.open_clear_page(browser))
            row.addWidget(open_page)
        clear = QPushButton(self.tr("C&lear the cache for me"))
        clear.setAccessibleName(fmt(self.tr("Clear the cache of %1 for me"), name))
        clear.setAutoDefault(False)
        clear.clicked.connect(lambda: self.clear_cache(browser))
        profiles = self.clearable_profiles(browser)
        clear.setEnabled(bool(profiles))
        row.addWidget(clear)
        row.addStretch(1)
        layout.addLayout(row)
        if self.clear_result:
            layout.addWidget(bold(wrapped(self.clear_result)))
        elif profiles:
            size, complete = cache_total(profiles)
            if complete:
                line = self.tr("%1 keeps %2 of saved copies of pages (its cache).")
            else:
                line = self.tr("%1 keeps at least %2 of saved copies of pages (its cache).")
            layout.addWidget(muted(wrapped(fmt(line, name, human_size(size)))))
        else:
            layout.addWidget(
                muted(wrapped(fmt(self.tr("The cache of %1 is empty: nothing to clear."), name)))
            )

    def add_cache_sizes(self, layout: QVBoxLayout) -> None:
        found = self.found()
        if not found:
            return
        layout.addWidget(bold(wrapped(self.tr("Browsers on this computer"))))
        for info in found:
            total, complete = cache_total(info.profiles)
            sentence = (
                self.tr("%1 %2: cache %3") if complete else self.tr("%1 %2: cache %3 or more")
            )
            line = fmt(sentence, info.name or info.id, info.version or "", human_size(total))
            layout.addWidget(wrapped(line.replace("  ", " ")))

    def add_instructions(
        self,
        layout: QVBoxLayout,
        browser: str,
        topic: str,
        shown: list[tuple[Step, ...]],
    ) -> None:
        """`browser`'s steps for `topic`, unless its instructions cannot be read; `shown`
        collects the steps already on the page, so the same steps are not shown twice."""
        try:
            steps = load_instructions(self.instructions_id(browser), topic)
        except (OSError, KeyError, ValueError):
            return
        repeated = steps.steps in shown
        shown.append(steps.steps)
        box = InstructionBox(steps, topic, browser, self.display_name(browser), self.lang, repeated)
        self.pictures.extend(box.pictures)
        layout.addWidget(box)

    # --- actions ---------------------------------------------------------------------------------
    def clearable_profiles(self, browser: str) -> list[Profile]:
        info = self.browser_info(browser)
        if info is None:
            return []
        return [p for p in info.profiles if p.cache_bytes > 0]

    def open_clear_page(self, browser: str) -> None:
        """Start the browser on its clear-data page.

        Chromium and its family refuse chrome:// and edge:// addresses handed over by another
        program (they open an empty tab), so for them the address goes to the clipboard and
        the page says where to paste it, or which keys open the same dialog.
        """
        info = self.browser_info(browser)
        if info is None:
            return
        open_clear_data_page(info)
        url = clear_data_url(browser)
        if info.family == "chromium" and url:
            QGuiApplication.clipboard().setText(url)
            shortcut = self.clear_shortcut(browser)
            hint = fmt(
                self.tr(
                    "%1 is opening. Click its address bar, paste (Ctrl+V) the address %2 "
                    "that Connection Doctor copied for you, and press Enter."
                ),
                self.display_name(browser),
                url,
            )
            if shortcut:
                hint += " " + fmt(
                    self.tr("Or press %1 in %2."), shortcut, self.display_name(browser)
                )
            self.clear_result = hint
            self.rebuild()

    def clear_shortcut(self, browser: str) -> str:
        """The keys that open the clear-data dialog, from the instruction set."""
        instruction_id = browser_names.instructions_for(browser, Device.THIS_COMPUTER)
        if instruction_id is None:
            return ""
        try:
            shortcut = load_instructions(instruction_id, "clear_cache").shortcut
        except (InstructionError, OSError, ValueError):
            return ""
        if not shortcut:
            return ""
        return shortcut.get("mac" if sys.platform == "darwin" else "pc", "")

    def confirm(self, question: str) -> bool:
        """Asks before deleting anything (tests replace this)."""
        answer = QMessageBox.question(self, self.tr("Clear the cache?"), question)
        return answer == QMessageBox.StandardButton.Yes

    def clear_cache(self, browser: str) -> None:
        name = self.display_name(browser)
        question = fmt(
            self.tr(
                "Connection Doctor will delete the cached copies of web pages that %1 keeps. "
                "Your bookmarks, passwords, history and cookies stay as they are. Continue?"
            ),
            name,
        )
        info = self.browser_info(browser)
        if info is None or not self.confirm(question):
            return
        profiles = self.clearable_profiles(browser)

        def work() -> list[ClearOutcome]:
            return [clear_cache(info, profile) for profile in profiles]

        self._clearing = in_background(work, self._cleared, self._clear_failed, self)

    def _cleared(self, outcomes: list[ClearOutcome]) -> None:
        freed = sum(o.freed_bytes for o in outcomes)
        refusals = [o.refused_reason for o in outcomes if o.refused_reason is not None]
        if refusals:
            reason = self.say(refusals[0])
            self.clear_result = fmt(self.tr("The cache was not cleared: %1"), reason)
        else:
            self.clear_result = "✓ " + fmt(
                self.tr("Done: %1 freed. Open the site again in the browser."), human_size(freed)
            )
        self.record(FixAction.CLEAR_CACHE, note=self.clear_result)
        self.rebuild()

    def _clear_failed(self, message: str) -> None:
        self.clear_result = fmt(self.tr("The cache was not cleared: %1"), message)
        self.rebuild()

    def reset_firefox_tls(self) -> None:
        """Firefox's own "Restore default settings", with consent, Firefox closed, and a
        backup of prefs.js; what changed is shown in words."""
        targets = [
            (info, profile)
            for info in self.found()
            if info.family == "firefox"
            for profile in info.profiles
            if changed_tls_prefs(profile)
        ]
        if not targets:
            self.tell(self.tr("No changed Firefox settings were found on this computer."))
            return
        question = self.tr(
            "Connection Doctor will set Firefox's secure-connection settings back to Firefox's "
            "own defaults, as Firefox's error page offers. A copy of the old settings is kept. "
            "Please close Firefox first. Continue?"
        )
        if not self.confirm(question):
            return
        lines = []
        for info, profile in targets:
            outcome = reset_tls_prefs(info, profile)
            if outcome.refused_reason is not None:
                lines.append(self.say(outcome.refused_reason))
                continue
            names = ", ".join(f"{c.name} ({c.before} → default)" for c in outcome.changes)
            lines.append(
                "✓ "
                + fmt(self.tr("Firefox's settings are back to their defaults (%1)."), names)
                + "\n"
                + fmt(self.tr("A copy of the old settings was kept: %1"), str(outcome.backup))
            )
        self.record(FixAction.RESET_FIREFOX_TLS, note="\n".join(lines))
        self.tell("\n\n".join(lines))

    def tell(self, message: str) -> None:
        """Shows what happened (tests replace this)."""
        QMessageBox.information(self, self.tr("Firefox settings"), message)

    def area_title(self) -> str:
        return self.tr("Step 4: The browser")

    def area_lead(self) -> str:
        return self.tr(
            "Old saved copies of pages (the cache) can keep an error showing after it is fixed."
        )
