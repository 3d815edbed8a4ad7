"""The start page: which site (and language), which device and browser, and what the error
page said, all on one page so the answer is two clicks away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from conndoctor.ui.page import Page, guarded, note_label
from conndoctor.ui.page_ids import PageId
from conndoctor.ui.state import WizardState
from conndoctor.ui.widgets import bold, fmt, muted, wrapped

if TYPE_CHECKING:
    from conndoctor.core.engine.target import Target
    from conndoctor.core.knowledge.languages import Lang
    from conndoctor.ui.start_panels import DevicePanel, SeenPanel

LANGUAGE_CHOICES: tuple[tuple[Lang, str], ...] = (("ja", "日本語"), ("en", "English"))


class WelcomePage(Page):
    """Language and the address that fails: the one thing every diagnosis needs."""

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.target: Target | None = None
        self.device: DevicePanel | None = None
        self.seen: SeenPanel | None = None
        self.outer = self.add_scrolled_body()  # the whole start page scrolls, questions and all
        self.language_label = QLabel()
        self.language = QComboBox()
        for lang, name in LANGUAGE_CHOICES:
            self.language.addItem(name, lang)
        self.language.setAccessibleName("Language / 言語")
        self.language_label.setBuddy(self.language)
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language)
        row.addStretch(1)
        self.outer.addLayout(row)
        self.outer.addSpacing(10)

        self.address_label = bold(QLabel())
        self.address = QLineEdit()
        self.address.setClearButtonEnabled(True)
        self.address.setMinimumHeight(36)
        self.address_label.setBuddy(self.address)
        self.paste = QPushButton()
        self.paste.setAutoDefault(False)
        field_row = QHBoxLayout()
        field_row.addWidget(self.address, 1)
        field_row.addWidget(self.paste)
        self.address_hint = muted(wrapped())
        self.address_problem = note_label()
        self.address_problem.setObjectName("addressProblem")
        self.address_ok = note_label()
        self.outer.addWidget(self.address_label)
        self.outer.addLayout(field_row)
        self.outer.addWidget(self.address_problem)
        self.outer.addWidget(self.address_ok)
        self.outer.addWidget(self.address_hint)
        self.outer.addStretch(1)

        self.language.currentIndexChanged.connect(self._language_chosen)
        self.address.textChanged.connect(self._validate)
        self.paste.clicked.connect(self._paste)
        self.setTabOrder(self.language, self.address)
        self.setTabOrder(self.address, self.paste)
        self.retranslate()

    @guarded(None)
    def initializePage(self) -> None:
        index = self.language.findData(self.state.lang)
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, index))
        self.language.blockSignals(False)
        if not self.address.text() and self.state.address:
            self.address.setText(self.state.address)
        QTimer.singleShot(0, self.address.setFocus)
        if self.device is not None:
            self.device.start()

    def add_panels(self, device: DevicePanel, seen: SeenPanel) -> None:
        """The device and error-message questions, added just after the page first shows."""
        self.device, self.seen = device, seen
        place = self.outer.count() - 1  # above the closing stretch
        self.outer.insertWidget(place, seen)
        self.outer.insertWidget(place, device)
        self.setTabOrder(self.paste, device)
        if self.isVisible():
            device.start()

    def _language_chosen(self, index: int) -> None:
        lang = self.language.itemData(index)
        if lang:
            self.doctor().set_language(lang)

    def _paste(self) -> None:
        pasted = QGuiApplication.clipboard().text().strip()
        if pasted:
            self.address.setText(pasted)
            self.address.setFocus()

    def _validate(self) -> None:
        raw = self.address.text()
        self.target = None
        self.address_problem.setVisible(False)
        self.address_ok.setVisible(False)
        if raw.strip():
            from conndoctor.core.engine.target import TargetError, parse_target

            try:
                self.target = parse_target(raw)
            except TargetError as exc:
                self.address_problem.setText("⚠ " + self.say(exc.message))
                self.address_problem.setVisible(True)
            else:
                self.address_ok.setText(
                    "✓ " + fmt(self.tr("We will check %1"), self.target.display)
                )
                self.address_ok.setVisible(True)
        self.address.setAccessibleDescription(
            self.address_problem.text() if self.address_problem.isVisible() else ""
        )
        self.completeChanged.emit()

    def problem_text(self) -> str:
        return self.address_problem.text() if not self.address_problem.isHidden() else ""

    @guarded(False)
    def isComplete(self) -> bool:
        return self.target is not None

    def nextId(self) -> int:
        return PageId.CHECKING  # added just after this page first shows

    @guarded(True)
    def validatePage(self) -> bool:
        if self.target is None:
            return False
        self.doctor().add_remaining_pages()
        self.state.address = self.address.text().strip()
        self.state.target = self.target
        self.doctor().remember_address(self.state.address)
        if self.device is not None and self.seen is not None:
            self.device.apply()
            self.seen.apply()
        return True

    def retranslate(self) -> None:
        self.set_heading(
            self.tr("Let's find out why the site does not open"),
            self.tr(
                "Your browser said it could not make a secure connection. "
                "Answer a few questions and Connection Doctor will look for the reason "
                "and show you how to fix it, step by step."
            ),
        )
        self.language_label.setText(self.tr("&Language / 言語:"))
        self.address_label.setText(self.tr("&Which address shows the error?"))
        self.address.setPlaceholderText(self.tr("for example www.example.com"))
        self.address.setAccessibleName(self.tr("Address of the site that shows the error"))
        self.paste.setText(self.tr("&Paste"))
        self.paste.setAccessibleName(self.tr("Paste the address from the clipboard"))
        self.address_hint.setText(
            self.tr(
                "Tip: copy the address from the browser's address bar and paste it here. "
                "You can leave out https://."
            )
        )
        self._validate()
