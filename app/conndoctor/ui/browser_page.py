"""The browser step: cache sizes, illustrated numbered instructions, and the safe clear-cache action."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from conndoctor.ui import browser_names
from conndoctor.ui.area_page import AreaPage
from conndoctor.ui.state import FixAttempt
from conndoctor.ui.widgets import bold, fmt, muted, wrapped
from conndoctor.ui.worker import in_background

TOPIC_FOR_CAUSE = {"browser_tls_disabled": "enable_tls12", "browser_outdated": "update"}


def human_size(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def cache_bytes(profile: Any) -> int | None:
    for attribute in ("cache_bytes", "cache_size", "cache_size_bytes", "size"):
        value = getattr(profile, attribute, None)
        if isinstance(value, int):
            return value
    return None


def illustration(name: str, width: int = 520) -> QWidget | None:
    """An instruction picture (SVG) at a readable width, keeping its proportions."""
    try:
        from PySide6.QtSvgWidgets import QSvgWidget

        from conndoctor.core.instructions import illustration_path  # type: ignore[import-not-found]

        path = illustration_path(name)
    except (ImportError, OSError, KeyError, ValueError):
        return None
    widget = QSvgWidget(str(path))
    renderer = widget.renderer()
    if not renderer.isValid():
        return None
    size = renderer.defaultSize()
    height = int(width * size.height() / max(1, size.width()))
    widget.setFixedSize(QSize(width, height))
    return widget


class BrowserPage(AreaPage):
    """Each browser's cache, then the chosen browser's own steps with pictures."""

    area = "browser"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clear_result = ""

    def fill_extras(self, layout: QVBoxLayout) -> None:
        if self.state.on_this_computer:
            self.add_cache_sizes(layout)
        browser = self.state.browser
        if not browser:
            layout.addWidget(
                muted(wrapped(self.tr("Choose your browser on the earlier page to see its steps.")))
            )
            return
        report = self.state.report
        topics = ["clear_cache"]
        for cause in report.causes if report is not None else ():
            topic = TOPIC_FOR_CAUSE.get(cause.id)
            if topic and topic not in topics:
                topics.insert(0, topic)
        for topic in topics:
            self.add_instructions(layout, browser, topic)
        if self.state.on_this_computer:
            self.add_actions(layout, browser)

    def add_cache_sizes(self, layout: QVBoxLayout) -> None:
        found = [b for b in self.state.browsers_found if getattr(b, "installed", True)]
        if not found:
            return
        layout.addWidget(bold(wrapped(self.tr("Browsers on this computer"))))
        for info in found:
            sizes = [cache_bytes(p) for p in getattr(info, "profiles", ())]
            total = sum(s for s in sizes if s)
            version = getattr(info, "version", "") or ""
            line = fmt(
                self.tr("%1 %2: cache %3"),
                getattr(info, "name", info.id),
                str(version),
                human_size(total),
            )
            layout.addWidget(wrapped(line))

    def add_instructions(self, layout: QVBoxLayout, browser: str, topic: str) -> None:
        try:
            from conndoctor.core.instructions import load_instructions  # type: ignore[import-not-found]

            steps = load_instructions(browser, topic)
        except (ImportError, OSError, KeyError, ValueError):
            return
        titles = {
            "clear_cache": self.tr("How to clear the cache in %1"),
            "enable_tls12": self.tr("How to turn on TLS 1.2 in %1"),
            "update": self.tr("How to update %1"),
        }
        name = browser_names.name(browser, self.lang)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(box)
        inner.setSpacing(10)
        inner.addWidget(bold(wrapped(fmt(titles.get(topic, "%1"), name))))
        for step in steps.steps:
            row = QHBoxLayout()
            number = bold(QLabel(str(step.number)))
            number.setFixedWidth(28)
            number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            column = QVBoxLayout()
            column.addWidget(wrapped(str(step.text.get(self.lang, "")), selectable=True))
            picture = illustration(step.image) if getattr(step, "image", None) else None
            if picture is not None:
                picture.setAccessibleName(fmt(self.tr("Picture for step %1"), str(step.number)))
                column.addWidget(picture)
            row.addWidget(number, 0, Qt.AlignmentFlag.AlignTop)
            row.addLayout(column, 1)
            inner.addLayout(row)
        note = getattr(steps, "version_note", None)
        if isinstance(note, dict) and note.get(self.lang):
            inner.addWidget(muted(wrapped(str(note[self.lang]))))
        layout.addWidget(box)

    def add_actions(self, layout: QVBoxLayout, browser: str) -> None:
        row = QHBoxLayout()
        open_page = QPushButton(self.tr("&Open the browser's clear-data page"))
        open_page.setAccessibleName(self.tr("Open the browser's own page for clearing data"))
        open_page.setAutoDefault(False)
        open_page.clicked.connect(lambda: self.open_clear_page(browser))
        row.addWidget(open_page)
        profiles = self.clearable_profiles(browser)
        if profiles:
            clear = QPushButton(self.tr("C&lear the cache for me"))
            clear.setAccessibleName(self.tr("Clear this browser's cache for me"))
            clear.setAutoDefault(False)
            clear.clicked.connect(lambda: self.clear_cache(browser))
            row.addWidget(clear)
        row.addStretch(1)
        layout.addLayout(row)
        if self.clear_result:
            layout.addWidget(wrapped(self.clear_result))

    def clearable_profiles(self, browser: str) -> list[Any]:
        info = next((b for b in self.state.browsers_found if b.id == browser), None)
        if info is None:
            return []
        return [p for p in getattr(info, "profiles", ()) if (cache_bytes(p) or 0) > 0]

    def browser_info(self, browser: str) -> Any:
        return next((b for b in self.state.browsers_found if b.id == browser), None)

    def open_clear_page(self, browser: str) -> None:
        from conndoctor.core.browsers import clear_data_url, open_clear_data_page

        info = self.browser_info(browser)
        if info is not None and open_clear_data_page(info):
            return
        url = clear_data_url(browser)
        if url:
            from conndoctor.ui.system_links import open_url

            open_url(url)

    def confirm(self, question: str) -> bool:
        """Asks before deleting anything (tests replace this)."""
        answer = QMessageBox.question(self, self.tr("Clear the cache?"), question)
        return answer == QMessageBox.StandardButton.Yes

    def clear_cache(self, browser: str) -> None:
        name = browser_names.name(browser, self.lang)
        question = fmt(
            self.tr(
                "Connection Doctor will delete the cached copies of web pages that %1 keeps. "
                "Your bookmarks, passwords, history and cookies stay as they are. Continue?"
            ),
            name,
        )
        if not self.confirm(question):
            return
        profiles = self.clearable_profiles(browser)
        info = self.browser_info(browser)

        def work() -> list[Any]:
            from conndoctor.core.caches import clear_cache

            return [clear_cache(info, profile) for profile in profiles]

        self._clearing = in_background(work, self._cleared, self._clear_failed, self)

    def _cleared(self, outcomes: list[Any]) -> None:
        freed = sum(getattr(o, "freed_bytes", 0) or 0 for o in outcomes)
        refusals = [o.refused_reason for o in outcomes if getattr(o, "refused_reason", None)]
        from conndoctor.ui.start_pages import describe

        if refusals:
            reason = describe(refusals[0], self.lang) or str(refusals[0])
            self.clear_result = fmt(self.tr("The cache was not cleared: %1"), reason)
        else:
            self.clear_result = fmt(
                self.tr("Done: %1 freed. Open the site again in the browser."), human_size(freed)
            )
        self.record(FixAttempt("browser", "clear_cache", {}, {}, note=self.clear_result))
        self.rebuild()

    def _clear_failed(self, message: str) -> None:
        self.clear_result = fmt(self.tr("The cache was not cleared: %1"), message)
        self.rebuild()

    def area_title(self) -> str:
        return self.tr("Step 4: The browser")

    def area_lead(self) -> str:
        return self.tr(
            "Old saved copies of pages (the cache) can keep an error showing after it is fixed."
        )
