"""The first questions: address validation like the CLI, live language switching, settings,
keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QWizard

from conndoctor.core.engine.target import TargetError, parse_target
from conndoctor.core.knowledge.i18n import render
from conndoctor.ui.wizard import PageId

BAD_INPUTS = ["", "please help me", "example.com:99999", "ftp://example.com", "localhost:abc"]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("raw", BAD_INPUTS)
def test_address_problems_use_the_cli_messages(
    raw: str, lang: str, make_wizard: Any, qtbot: Any
) -> None:
    wizard = make_wizard(lang)
    wizard.welcome.address.setText(raw)
    with pytest.raises(TargetError) as caught:
        parse_target(raw)
    if raw:
        assert render(caught.value.message, lang) in wizard.welcome.problem_text()  # type: ignore[arg-type]
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_full_width_address_is_accepted(make_wizard: Any) -> None:
    wizard = make_wizard("ja")
    wizard.welcome.address.setText("ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ：４４３")
    assert wizard.welcome.problem_text() == ""
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "www.example.com" in wizard.welcome.address_ok.text()


def test_language_switches_live(make_wizard: Any, qtbot: Any, screenshots: Any) -> None:
    wizard = make_wizard("en")
    wizard.welcome.address.setText("no dots")
    english = wizard.welcome.heading.text()
    english_problem = wizard.welcome.problem_text()
    wizard.welcome.language.setCurrentIndex(wizard.welcome.language.findData("ja"))
    assert wizard.state.lang == "ja"
    assert wizard.welcome.heading.text() != english
    assert any("\u3040" <= ch <= "\u30ff" for ch in wizard.welcome.heading.text())
    assert wizard.welcome.problem_text() != english_problem  # core message re-rendered
    assert "次へ" in wizard.button(QWizard.WizardButton.NextButton).text()
    assert (
        "次へ" in wizard.device.lead.text()
        or wizard.device.heading.text() != "Where do you see the error?"
    )
    screenshots(wizard, "switch-language-to-ja")
    wizard.welcome.language.setCurrentIndex(wizard.welcome.language.findData("en"))
    assert wizard.welcome.heading.text() == english
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Next >"


def test_language_and_address_are_remembered(make_wizard: Any, settings: QSettings) -> None:
    wizard = make_wizard("en")
    wizard.welcome.language.setCurrentIndex(wizard.welcome.language.findData("ja"))
    wizard.welcome.address.setText("www.example.com")
    assert wizard.welcome.validatePage()
    settings.sync()
    assert settings.value("language") == "ja"
    assert settings.value("last_address") == "www.example.com"
    again = make_wizard(None)
    assert again.state.lang == "ja"
    assert again.welcome.address.text() == "www.example.com"


def test_keyboard_only(make_wizard: Any, qtbot: Any) -> None:
    wizard = make_wizard("en")
    qtbot.waitUntil(lambda: wizard.welcome.address.hasFocus())
    qtbot.keyClicks(wizard.welcome.address, "www.example.com")
    assert wizard.currentId() == PageId.WELCOME  # device and message are on the start page
    iphone = wizard.device.device_buttons["iphone"]
    assert "&" in iphone.text()
    iphone.setFocus()
    qtbot.keyClick(iphone, Qt.Key.Key_Space)
    assert wizard.device.device == "iphone"
    assert wizard.device.os_version.isVisibleTo(wizard)
    assert wizard.device.os_label.buddy() is wizard.device.os_version


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_interactive_widget_has_an_accessible_name(make_wizard: Any, lang: str) -> None:
    wizard = make_wizard(lang)
    kinds = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit)
    missing = [
        f"{type(page).__name__}.{type(w).__name__}"
        for page in wizard.pages()
        for kind in kinds
        for w in page.findChildren(kind)
        if not w.accessibleName()
        and not isinstance(w.parent(), QComboBox | QLineEdit)
        and w.objectName() != "qt_spinbox_lineedit"
    ]
    assert missing == []
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton):
        assert wizard.button(which).accessibleName()


def test_window_fits_a_small_laptop(make_wizard: Any) -> None:
    wizard = make_wizard("ja")
    assert wizard.minimumWidth() <= 1366 - 100 and wizard.minimumHeight() <= 768 - 100
    assert wizard.minimumSizeHint().height() <= 700


def test_other_device_gets_phone_questions(make_wizard: Any, qtbot: Any, screenshots: Any) -> None:
    wizard = make_wizard("en")
    wizard.welcome.address.setText("www.example.com")
    wizard.device.device_buttons["android"].setChecked(True)
    wizard.device.os_version.setText("4.4")
    assert (
        next(wizard.device.browser.itemData(i) for i in range(wizard.device.browser.count()))
        == "chrome_android"
    )
    screenshots(wizard, "device-android-en")
    assert wizard.welcome.validatePage()
    assert wizard.state.device == "android" and wizard.state.options().os_override == (
        "android",
        "4.4",
    )
