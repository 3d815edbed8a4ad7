"""Browser ids the core uses, the names people know them by, and which devices have them.

Two kinds of id meet here: the browser inventory's (`chromium`, `brave`, `firefox_snap`...,
what `scan_browsers` finds) and the instruction sets' (`chrome`, `firefox`, `safari_mac`...,
one per family of menus). `instructions_for` maps the first to the second by the tables of
resources/browser_instructions.json; adding a browser touches that data, not this code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from conndoctor.core.browsers.browser_records import BrowserInfo
from conndoctor.core.engine.model import Device
from conndoctor.core.knowledge.instructions import (
    BY_FAMILY,
    BY_INVENTORY_ID,
    BY_PRODUCT,
    DEVICE_BROWSERS,
    PHONE_BROWSER,
    browser_name,
)

if TYPE_CHECKING:
    from conndoctor.core.knowledge.languages import Lang


def name(browser_id: str, lang: Lang) -> str:
    return browser_name(browser_id, lang)


def for_device(device: str) -> list[str]:
    """Browser ids to offer for a device (the instruction sets'); every computer's for unknowns."""
    return list(DEVICE_BROWSERS.get(device, DEVICE_BROWSERS[Device.THIS_COMPUTER]))


def instructions_for(
    browser_id: str | None, device: str, info: BrowserInfo | None = None
) -> str | None:
    """The instruction set for a browser the person uses (None: no set fits it).

    `browser_id` is an inventory id (`chromium`, `firefox_esr`, `brave`...) or already an
    instruction id; `info` is its BrowserInfo when the scan found it (its product and family
    decide for ids this table does not know). On a phone the phone's own browser applies.
    """
    if device in PHONE_BROWSER:
        return PHONE_BROWSER[device]
    if not browser_id:
        return None
    if browser_id in BY_INVENTORY_ID:
        return BY_INVENTORY_ID[browser_id]
    if info is not None:
        for table, value in ((BY_PRODUCT, info.product), (BY_FAMILY, info.family)):
            if value in table:
                return table[value]
    # Packagings of a known browser: firefox_snap, firefox_esr, chromium_snap...
    return BY_INVENTORY_ID.get(browser_id.split("_")[0])


def detected(found: Iterable[BrowserInfo]) -> list[BrowserInfo]:
    """The browsers the scan found on this computer (installed, or with profiles here)."""
    return [b for b in found if b.present]


def default_instructions(chosen: str | None, device: str, found: Iterable[BrowserInfo]) -> str:
    """Which browser's steps to show first: the chosen one, else the first found, else the first."""
    on_computer = device not in PHONE_BROWSER
    found = tuple(found)
    infos = {b.id: b for b in found} if on_computer else {}
    candidates = [chosen] if chosen else []
    if on_computer and device == Device.THIS_COMPUTER:
        candidates += [b.id for b in detected(found)]
    for candidate in candidates:
        mapped = instructions_for(candidate, device, infos.get(candidate))
        if mapped:
            return mapped
    return for_device(device)[0]
