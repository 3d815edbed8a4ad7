"""The browser step: the right browser's steps by default, switching browsers, compact steps
with their drawings, the version note, and the device page's browser list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QApplication, QComboBox, QFrame, QLabel, QPushButton

from conndoctor.core.browsers.inventory import BrowserInfo, Profile
from conndoctor.core.engine.model import Device
from conndoctor.core.knowledge import instructions
from conndoctor.ui.browser_page import BrowserPage
from conndoctor.ui.instruction_box import PICTURE_WIDTH
from conndoctor.ui.start_panels import DevicePanel
from conndoctor.ui.state import WizardState
from conndoctor.ui.widgets import StepRow
from tests.ui.conftest import texts


def browser(browser_id: str, name: str, family: str, cache: int = 0) -> BrowserInfo:
    profiles: tuple[Profile, ...] = ()
    if cache:
        folder = Path("/nonexistent") / browser_id
        profiles = (Profile(folder, "Default", folder, folder, cache_bytes=cache),)
    return BrowserInfo(browser_id, name, family, "100.0", True, False, Path("/x"), profiles)


CHROMIUM = browser("chromium", "Chromium", "chromium")
FIREFOX = browser("firefox", "Firefox", "firefox", cache=5_000_000)


@pytest.fixture
def make_page(qtbot: Any, app_font: Any) -> Callable[..., BrowserPage]:
    def make(device: str = "this_computer", chosen: str | None = None, found: Any = ()) -> Any:
        state = WizardState(lang="en", device=device, browser=chosen, browsers_found=found)
        page = BrowserPage(state)
        qtbot.addWidget(page)
        page.resize(852, 520)
        page.show()
        qtbot.waitExposed(page)
        page.initializePage()
        QApplication.processEvents()
        return page

    return make


def step_texts(page: BrowserPage) -> list[str]:
    return [row.sentence.text() for row in visible_rows(page)]


def visible_rows(page: BrowserPage) -> list[StepRow]:
    """The step rows on screen (rows of a previous browser wait hidden for deletion)."""
    QApplication.processEvents()
    return [row for row in page.findChildren(StepRow) if row.isVisibleTo(page)]


def expected_steps(browser_id: str, topic: str = "clear_cache") -> list[str]:
    return [s.text["en"] for s in instructions.load_instructions(browser_id, topic).steps]


def test_default_is_the_first_browser_found_not_internet_explorer(make_page: Any) -> None:
    page = make_page(found=(CHROMIUM, FIREFOX))
    assert page.chooser.currentData() == "chromium"
    assert step_texts(page) == expected_steps("chrome")
    assert "How to clear the cache in Chromium" in texts(page)


def test_default_is_the_browser_chosen_on_the_device_page(make_page: Any) -> None:
    page = make_page(chosen="firefox", found=(CHROMIUM, FIREFOX))
    assert page.chooser.currentData() == "firefox"
    assert step_texts(page) == expected_steps("firefox")
    other = make_page(device="other_computer", chosen="safari_mac")
    assert step_texts(other) == expected_steps("safari_mac")


@pytest.mark.parametrize(
    ("device", "expected"), [("iphone", "safari_ios"), ("android", "chrome_android")]
)
def test_phones_show_their_own_browser(make_page: Any, device: str, expected: str) -> None:
    page = make_page(device=device, chosen=None, found=(CHROMIUM,))
    assert step_texts(page) == expected_steps(expected)
    assert not any("clear-data" in b.text() for b in page.findChildren(QPushButton))


def test_the_browser_list_switches_the_steps(make_page: Any, qtbot: Any) -> None:
    page = make_page(found=(CHROMIUM, FIREFOX))
    chooser = page.chooser
    assert isinstance(chooser, QComboBox)
    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # keyboard only: the next entry is Firefox
    assert page.chooser.currentData() == "firefox"
    assert step_texts(page) == expected_steps("firefox")
    index = page.chooser.findData("edge")
    page.chooser.setCurrentIndex(index)
    page.chooser.activated.emit(index)
    assert step_texts(page) == expected_steps("edge")
    assert "How to clear the cache in Microsoft Edge" in texts(page)
    assert "Edge was not found on this computer" in texts(page)


def test_actions_sit_above_the_steps(make_page: Any) -> None:
    page = make_page(chosen="firefox", found=(CHROMIUM, FIREFOX))
    buttons = {b.text(): b for b in page.findChildren(QPushButton) if b.isVisibleTo(page)}
    clear = buttons["C&lear the cache for me"]
    opener = buttons["&Open the clear-data page of Firefox"]
    assert clear.isEnabled()  # Firefox has 5 MB of cache
    first_step = visible_rows(page)[0]
    for button in (clear, opener):
        assert (
            button.mapTo(page, button.rect().topLeft()).y()
            < first_step.mapTo(page, first_step.rect().topLeft()).y()
        )
        assert button.mapTo(page, button.rect().bottomLeft()).y() < page.height()
    chromium = make_page(chosen="chromium", found=(CHROMIUM, FIREFOX))
    clear = next(b for b in chromium.findChildren(QPushButton) if "ear the cache" in b.text())
    assert not clear.isEnabled()
    assert "The cache of Chromium is empty" in texts(chromium)


def test_steps_are_compact_rows_with_a_round_number(make_page: Any) -> None:
    page = make_page(found=(CHROMIUM,))
    rows = visible_rows(page)
    assert len(rows) == len(expected_steps("chrome"))
    for row in rows:
        badge = row.badge
        assert badge.width() <= 32 and badge.width() == badge.height()
        gap = row.sentence.geometry().left() - badge.geometry().right()
        assert 0 < gap <= 16, gap
        assert abs(badge.geometry().top() - row.sentence.geometry().top()) <= 6


def test_every_drawing_loads_once_at_a_sensible_width(make_page: Any) -> None:
    for browser_id in instructions.BROWSERS:
        device = next(
            device
            for device, offered in instructions.DEVICE_BROWSERS.items()
            if browser_id in offered and device != Device.THIS_COMPUTER
        )
        page = make_page(device=device, chosen=browser_id)
        for topic in instructions.TOPICS:
            wanted = instructions.load_instructions(browser_id, topic).images()
            page.pictures = []
            page.add_instructions(page.body_layout, browser_id, topic, [])
            assert [p.objectName() for p in page.pictures] == list(wanted), (browser_id, topic)
            for picture in page.pictures:
                assert isinstance(picture, QSvgWidget)
                assert picture.renderer().isValid(), picture.objectName()
                assert 200 <= picture.width() <= min(480, PICTURE_WIDTH)
                assert picture.accessibleName().startswith("Picture for steps")
        page.close()


def test_developer_notes_are_not_shown_to_the_person(make_page: Any) -> None:
    page = make_page(found=(CHROMIUM,))
    note = instructions.load_instructions("chrome", "clear_cache").version_note["en"]
    assert note
    assert all(note not in label.text() for label in page.findChildren(QLabel))
    assert page.findChild(QFrame, "instructions_clear_cache") is not None


def test_only_the_browsers_own_codes_are_shown_beside_a_message() -> None:
    from conndoctor.ui.start_panels import shown_code

    assert shown_code("Your connection is not private", "CHROME_PRIVACY_ERROR_PAGE") == (
        "Your connection is not private"
    )
    assert shown_code("Date invalid", "NET::ERR_CERT_DATE_INVALID").endswith(
        "(NET::ERR_CERT_DATE_INVALID)"
    )


def test_times_are_local_and_in_the_persons_language() -> None:
    import datetime as dt

    from conndoctor.ui.area_pages import _local_time

    moment = dt.datetime(2026, 11, 21, 7, 42, tzinfo=dt.UTC)
    local = moment.astimezone()
    assert _local_time(moment.isoformat(), "ja") == (f"2026年11月{local.day}日 {local:%H:%M:%S}")
    assert _local_time(moment, "en").endswith(f"November 2026, {local:%H:%M:%S}")


def test_device_page_starts_on_the_first_browser_found(qtbot: Any, app_font: Any) -> None:
    state = WizardState(lang="en")
    page = DevicePanel(state)
    qtbot.addWidget(page)
    assert page.browser.currentData() is None  # nothing found yet: "I don't know", no guess
    state.browsers_found = (CHROMIUM, FIREFOX)
    page.browsers_scanned()
    assert page.browser.currentData() == "chromium"
    assert "Chromium 100.0 (on this computer)" in page.browser.currentText()
    firefox = page.browser.findData("firefox")
    page.browser.setCurrentIndex(firefox)
    page.browser.activated.emit(firefox)
    page.browsers_scanned()  # a later refill keeps the person's choice
    assert page.browser.currentData() == "firefox"
    unknown = page.browser.count() - 1
    page.browser.setCurrentIndex(unknown)
    page.browser.activated.emit(unknown)
    page.browsers_scanned()
    assert page.browser.currentData() is None


def test_a_phone_starts_on_its_only_browser(qtbot: Any, app_font: Any) -> None:
    page = DevicePanel(WizardState(lang="en", device="iphone"))
    qtbot.addWidget(page)
    page.start()
    assert page.device == "iphone"
    assert page.browser.currentData() == "safari_ios"
    assert "iOS" in page.os_label.text()  # set when the device is chosen, not only on retranslate


def test_the_version_label_follows_the_device_chosen(qtbot: Any, app_font: Any) -> None:
    page = DevicePanel(WizardState(lang="en"))
    qtbot.addWidget(page)
    page.start()
    page.device_buttons["android"].setChecked(True)
    assert "Android" in page.os_label.text()
    page.device_buttons["iphone"].setChecked(True)
    assert "iOS" in page.os_label.text() and "Android" not in page.os_label.text()


def test_chromium_gets_the_address_on_the_clipboard_and_the_keys(make_page: Any) -> None:
    """Chromium opens an empty tab for chrome:// addresses given by another program."""
    page = make_page(found=(CHROMIUM, FIREFOX))
    QApplication.clipboard().clear()
    page.open_clear_page("chromium")
    assert QApplication.clipboard().text() == "chrome://settings/clearBrowserData"
    QApplication.processEvents()
    shown = " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))
    assert "chrome://settings/clearBrowserData" in shown
    assert "Ctrl+Shift+Delete" in shown


def test_firefox_opens_its_page_directly_without_clipboard_hints(make_page: Any) -> None:
    page = make_page(found=(CHROMIUM, FIREFOX))
    QApplication.clipboard().setText("untouched")
    page.open_clear_page("firefox")
    assert QApplication.clipboard().text() == "untouched"


def test_a_cache_measured_only_up_to_the_deadline_is_at_least_its_size(make_page: Any) -> None:
    folder = Path("/nonexistent/firefox")
    measured = Profile(folder, "Default", folder, folder, cache_bytes=5_000_000)
    stopped = measured._replace(name="Work", cache_bytes=2_000_000, cache_complete=False)
    firefox = FIREFOX._replace(profiles=(measured, stopped))
    shown = texts(make_page(chosen="firefox", found=(CHROMIUM, firefox)))
    assert "Firefox keeps at least 7.0 MB of saved copies of pages (its cache)." in shown
    assert "Firefox 100.0: cache 7.0 MB or more" in shown
    complete = texts(make_page(chosen="firefox", found=(CHROMIUM, FIREFOX)))
    assert "Firefox keeps 5.0 MB of saved copies of pages (its cache)." in complete
    assert "Firefox 100.0: cache 5.0 MB" in complete and "5.0 MB or more" not in complete
