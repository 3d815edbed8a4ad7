"""The start page's panels for the device and browser and for what the error page said.

They join the start page just after it first shows (`DoctorWizard.add_remaining_pages`), so
the browser tables and the error-code list are not read before the first window appears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from conndoctor.core.engine.model import PHONE_OS, Device
from conndoctor.core.knowledge.catalog import ErrorCode, error_codes, match_error
from conndoctor.ui import browser_names
from conndoctor.ui.page import Panel, note_label
from conndoctor.ui.phrases import verdict_text
from conndoctor.ui.state import DEVICES, WizardState
from conndoctor.ui.widgets import bold, fmt, muted, wrapped

if TYPE_CHECKING:
    pass


class DevicePanel(Panel):
    """Which device shows the error, its OS version (phones), and which browser."""

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._scan_started = False
        self._picked: tuple[str | None] | None = None
        """The person's own choice of browser (a 1-tuple, since "I don't know" is None)."""
        self.device_group = QButtonGroup(self)
        self.device_buttons: dict[str, QRadioButton] = {}
        box = QVBoxLayout()
        box.setSpacing(8)
        for index, device in enumerate(DEVICES):
            button = QRadioButton()
            self.device_group.addButton(button, index)
            self.device_buttons[device] = button
            box.addWidget(button)
        self.device_buttons[Device.THIS_COMPUTER].setChecked(True)
        self.outer.addLayout(box)

        form = QFormLayout()
        form.setSpacing(10)
        self.os_label = QLabel()
        self.os_version = QLineEdit()
        self.os_version.setMaximumWidth(160)
        self.os_label.setBuddy(self.os_version)
        self.os_verdict = note_label()
        self.browser_label = QLabel()
        self.browser = QComboBox()
        self.browser.setMinimumWidth(320)
        self.browser_label.setBuddy(self.browser)
        self.scan_note = muted(wrapped())
        form.addRow(self.os_label, self.os_version)
        form.addRow("", self.os_verdict)
        form.addRow(self.browser_label, self.browser)
        form.addRow("", self.scan_note)
        self.outer.addSpacing(6)
        self.outer.addLayout(form)

        self.device_group.idToggled.connect(self._device_changed)
        self.os_version.textChanged.connect(self._judge_os)
        self.browser.activated.connect(self._browser_picked)
        self.retranslate()

    @property
    def device(self) -> str:
        return DEVICES[max(0, self.device_group.checkedId())]

    def start(self) -> None:
        """Show the remembered answer and start looking for browsers (once)."""
        self.device_buttons[self.state.device].setChecked(True)
        self._device_changed()
        doctor = self.doctor()
        if not self._scan_started and doctor is not None:
            self._scan_started = True
            doctor.scan_browsers()

    def browsers_scanned(self) -> None:
        self._fill_browsers()

    def _device_changed(self, *_: Any) -> None:
        phone = self.device in PHONE_OS
        self.os_label.setText(
            self.tr("iOS &version:")
            if self.device == Device.IPHONE
            else self.tr("Android &version:")
        )
        self.os_label.setVisible(phone)
        self.os_version.setVisible(phone)
        self.os_verdict.setVisible(phone and bool(self.os_verdict.text()))
        self._fill_browsers()
        self._judge_os()

    def _fill_browsers(self) -> None:
        """Browsers found here first (with versions), then the others this device can have.

        The scan finishes after the page first shows: the list is refilled then, keeping the
        person's own choice if they made one, else starting on the first browser found.
        """
        wanted = self._picked[0] if self._picked else self.state.browser
        self.browser.blockSignals(True)
        self.browser.clear()
        covered: set[str] = set()
        if self.device == Device.THIS_COMPUTER:
            for info in browser_names.detected(self.state.browsers_found):
                name = info.name or browser_names.name(info.id, self.lang)
                version = info.version
                if version:
                    label = fmt(self.tr("%1 %2 (on this computer)"), name, str(version))
                else:
                    label = fmt(self.tr("%1 (on this computer)"), name)
                self.browser.addItem(label, info.id)
                covered.add(info.id)
        for browser_id in browser_names.for_device(self.device):
            if browser_id not in covered:
                self.browser.addItem(browser_names.name(browser_id, self.lang), browser_id)
        self.browser.addItem(self.tr("I don't know"), None)
        guessing = not covered and self.browser.count() > 2
        if wanted is None and (self._picked or guessing):
            # nothing chosen and nothing found (yet): "I don't know", never a guess
            index = self.browser.count() - 1
        else:
            index = self.browser.findData(wanted) if wanted else 0
        self.browser.setCurrentIndex(index if index >= 0 else 0)
        self.browser.blockSignals(False)
        scanning = self.device == Device.THIS_COMPUTER and self.doctor_scan_running()
        self.scan_note.setText(
            self.tr("Looking for browsers on this computer…") if scanning else ""
        )
        self.scan_note.setVisible(scanning)

    def _browser_picked(self, index: int) -> None:
        self._picked = (self.browser.itemData(index),)

    def doctor_scan_running(self) -> bool:
        return self.state.scan_running

    def _judge_os(self, *_: Any) -> None:
        version = self.os_version.text().strip()
        os_name = PHONE_OS.get(self.device)
        message = ""
        if os_name and version:
            message = verdict_text(os_name, version, self.lang)
        self.os_verdict.setText(message)
        self.os_verdict.setVisible(bool(message))

    def apply(self) -> None:
        self.state.device = self.device
        self.state.os_version = self.os_version.text().strip() if self.device in PHONE_OS else ""
        self.state.browser = self.browser.currentData()
        self.state.browser_picked = bool(self._picked)

    def retranslate(self) -> None:
        self.set_heading(
            self.tr("Where do you see the error?"),
            self.tr("Choose the device and the browser that show the error page."),
        )
        labels: dict[str, str] = {
            Device.THIS_COMPUTER: self.tr("On &this computer"),
            Device.IPHONE: self.tr("On an &iPhone or iPad"),
            Device.ANDROID: self.tr("On an &Android phone or tablet"),
            Device.OTHER_COMPUTER: self.tr("On an&other computer"),
        }
        for device, button in self.device_buttons.items():
            button.setText(labels[device])
            button.setAccessibleName(labels[device].replace("&", ""))
        self.os_label.setText(
            self.tr("iOS &version:")
            if self.device == Device.IPHONE
            else self.tr("Android &version:")
        )
        self.os_version.setPlaceholderText(self.tr("for example 17.2"))
        self.os_version.setAccessibleName(self.tr("Version of the phone's system"))
        self.browser_label.setText(self.tr("&Browser:"))
        self.browser.setAccessibleName(self.tr("Browser that shows the error"))
        self._fill_browsers()
        self._judge_os()


class SeenPanel(Panel):
    """Optionally, what the error page said: sharpens the diagnosis, never required."""

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.pick_label = bold(QLabel())
        self.pick = QComboBox()
        self.pick.setMinimumWidth(420)
        self.pick_label.setBuddy(self.pick)
        self.paste_label = bold(QLabel())
        self.pasted = QPlainTextEdit()
        self.pasted.setTabChangesFocus(True)
        self.pasted.setMaximumHeight(80)
        self.paste_label.setBuddy(self.pasted)
        self.meaning = note_label()
        for widget in (self.pick_label, self.pick, self.paste_label, self.pasted, self.meaning):
            if widget is self.paste_label:
                self.outer.addSpacing(8)
            self.outer.addWidget(widget)
        self.pick.currentIndexChanged.connect(self._match)
        self.pasted.textChanged.connect(self._match)
        self.retranslate()

    def seen(self) -> str | None:
        pasted = self.pasted.toPlainText().strip()
        if pasted:
            return pasted
        code = self.pick.currentData()
        return str(code) if code else None

    def _fill_codes(self) -> None:
        chosen = self.pick.currentData()
        self.pick.blockSignals(True)
        self.pick.clear()
        self.pick.addItem(self.tr("I don't remember / skip this question"), None)
        for entry in common_error_codes():
            shown = entry.label.get(self.lang)
            self.pick.addItem(shown_code(shown, entry.code), entry.code)
        index = self.pick.findData(chosen) if chosen else 0
        self.pick.setCurrentIndex(max(0, index))
        self.pick.blockSignals(False)

    def _match(self) -> None:
        seen = self.seen()
        if not seen:
            self.meaning.setVisible(False)
            return
        try:
            entries = match_error(seen)
        except (OSError, ValueError, KeyError):
            entries = ()
        if entries:
            meaning = entries[0].meaning.get(self.lang, "")
            self.meaning.setText("✓ " + fmt(self.tr("We recognise this message: %1"), meaning))
        else:
            self.meaning.setText(
                self.tr("We do not recognise this text. That is fine: the checks will still run.")
            )
        self.meaning.setVisible(True)

    def apply(self) -> None:
        self.state.seen = self.seen()

    def retranslate(self) -> None:
        self.set_heading(
            self.tr("What did the error page say?"),
            self.tr(
                "This question is optional. If you remember the message or the code "
                "(such as NET::ERR_CERT_DATE_INVALID), it helps to find the cause faster."
            ),
        )
        self.pick_label.setText(self.tr("The &error message you saw:"))
        self.pick.setAccessibleName(self.tr("Message or code shown on the error page"))
        self.paste_label.setText(self.tr("Or paste the te&xt of the error page:"))
        self.pasted.setPlaceholderText(self.tr("Paste here (optional)"))
        self.pasted.setAccessibleName(self.tr("Text copied from the error page"))
        self._fill_codes()
        self._match()


def common_error_codes() -> list[ErrorCode]:
    try:
        entries = list(error_codes())
    except (OSError, ValueError, KeyError):
        return []
    common = [e for e in entries if e.common]
    return common or entries


def shown_code(label: str | None, code: str) -> str:
    """The browser's own code beside the label (NET::ERR_…, SEC_ERROR_…), never our ids for
    error pages without a code (CHROME_PRIVACY_ERROR_PAGE)."""
    browser_code = "::" in code or code.startswith(("ERR_", "SEC_ERROR_", "SSL_ERROR_", "MOZILLA_"))
    if label and browser_code:
        return f"{label} ({code})"
    return label or code
