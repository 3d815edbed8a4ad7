"""Which browser's instructions a person gets: inventory ids mapped to instruction sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from conndoctor.core.browsers.inventory import BrowserInfo, rules
from conndoctor.core.engine.model import Device
from conndoctor.core.knowledge import catalog, instructions
from conndoctor.ui import browser_names


def info(browser_id: str, family: str = "chromium", product: str = "") -> BrowserInfo:
    return BrowserInfo(
        browser_id, browser_id.title(), family, "1.0", True, False, Path("/x"), product=product
    )


@pytest.mark.parametrize(
    ("browser_id", "expected"),
    [
        ("chromium", "chrome"),
        ("chrome", "chrome"),
        ("brave", "chrome"),
        ("vivaldi", "chrome"),
        ("opera", "chrome"),
        ("chromium_snap", "chrome"),
        ("edge", "edge"),
        ("firefox", "firefox"),
        ("firefox_esr", "firefox"),
        ("firefox_snap", "firefox"),
        ("firefox_flatpak", "firefox"),
        ("safari", "safari_mac"),
        ("ie", "ie"),
    ],
)
def test_computer_browsers_map_to_their_menus(browser_id: str, expected: str) -> None:
    assert browser_names.instructions_for(browser_id, "this_computer") == expected
    assert browser_names.instructions_for(browser_id, "other_computer") == expected


@pytest.mark.parametrize(
    ("device", "expected"), [("iphone", "safari_ios"), ("android", "chrome_android")]
)
def test_phones_get_their_own_browser(device: str, expected: str) -> None:
    for chosen in (None, "chrome", "firefox", expected):
        assert browser_names.instructions_for(chosen, device) == expected


def test_unknown_ids_follow_product_then_family() -> None:
    assert browser_names.instructions_for("yandex", "this_computer", info("yandex")) == "chrome"
    assert (
        browser_names.instructions_for("arc", "this_computer", info("arc", product="edge"))
        == "edge"
    )
    librewolf = info("librewolf", family="firefox")
    assert browser_names.instructions_for("librewolf", "this_computer", librewolf) == "firefox"
    assert browser_names.instructions_for("netscape", "this_computer") is None
    assert browser_names.instructions_for(None, "this_computer") is None


def test_every_inventory_browser_has_instructions() -> None:
    """A browser added to browser_rules.json must land on an instruction set that exists."""
    for entry in rules()["browsers"]:
        found = info(entry["id"], entry.get("family", ""), entry.get("product", ""))
        mapped = browser_names.instructions_for(entry["id"], "this_computer", found)
        assert mapped in instructions.BROWSERS, entry["id"]


def test_default_is_the_choice_then_the_first_browser_found() -> None:
    found = (info("chromium"), info("firefox", family="firefox"))
    default = browser_names.default_instructions
    assert default("firefox", "this_computer", found) == "firefox"
    assert default("edge", "this_computer", found) == "edge"
    assert default(None, "this_computer", found) == "chrome"
    assert default(None, "this_computer", found[::-1]) == "firefox"
    assert default(None, "this_computer", ()) == browser_names.for_device("this_computer")[0]
    assert default("chromium", "iphone", found) == "safari_ios"
    absent = BrowserInfo("brave", "Brave", "chromium", None, False, False, None)
    assert default(None, "this_computer", (absent, found[1])) == "firefox"


def test_every_device_offers_browsers_that_have_instructions_in_both_languages() -> None:
    """Adding a browser is data only: its instructions file, and its name in the tables."""
    assert set(instructions.DEVICE_BROWSERS) == set(Device)
    for device in Device:
        offered = browser_names.for_device(device)
        assert offered, device
        for browser_id in offered:
            set_ = instructions.load_instructions(browser_id, "clear_cache")
            assert set_.name["ja"].strip() and set_.name["en"].strip(), browser_id
            assert browser_names.name(browser_id, "ja") == set_.name["ja"]


def test_every_table_leads_to_an_instruction_set() -> None:
    for table in (
        instructions.BY_INVENTORY_ID,
        instructions.BY_PRODUCT,
        instructions.BY_FAMILY,
        instructions.PHONE_BROWSER,
    ):
        assert set(table.values()) <= set(instructions.BROWSERS), table
    assert set(instructions.PHONE_BROWSER) <= set(Device)


def test_a_computer_browser_offered_in_the_list_opens_its_own_steps() -> None:
    for device in (Device.THIS_COMPUTER, Device.OTHER_COMPUTER):
        for browser_id in instructions.DEVICE_BROWSERS[device]:
            assert browser_names.instructions_for(browser_id, device) == browser_id


def test_browser_causes_name_a_topic_of_the_instructions() -> None:
    for cause_id, topic in instructions.TOPIC_FOR_CAUSE.items():
        assert cause_id in catalog.causes(), cause_id
        assert topic in instructions.TOPICS, topic
