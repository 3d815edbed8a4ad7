"""Browser ids the core uses, the names people know them by, and which devices have them."""

from __future__ import annotations

from conndoctor.core.i18n import Lang

_NAMES: dict[str, dict[str, str]] = {
    "ie": {"en": "Internet Explorer", "ja": "Internet Explorer"},
    "edge": {"en": "Microsoft Edge", "ja": "Microsoft Edge"},
    "firefox": {"en": "Firefox", "ja": "Firefox"},
    "safari_mac": {"en": "Safari (Mac)", "ja": "Safari（Mac）"},
    "chrome": {"en": "Google Chrome", "ja": "Google Chrome"},
    "chromium": {"en": "Chromium", "ja": "Chromium"},
    "safari_ios": {"en": "Safari (iPhone / iPad)", "ja": "Safari（iPhone / iPad）"},
    "chrome_android": {"en": "Chrome (Android)", "ja": "Chrome（Android）"},
}
_COMPUTER = ["chrome", "edge", "firefox", "safari_mac", "ie"]
_FALLBACK = {
    "this_computer": _COMPUTER,
    "other_computer": _COMPUTER,
    "iphone": ["safari_ios"],
    "android": ["chrome_android"],
}


def name(browser_id: str, lang: Lang) -> str:
    return _NAMES.get(browser_id, {}).get(lang, browser_id)


def for_device(device: str) -> list[str]:
    """Browser ids to offer for a device: the instruction sets' list when the core has it."""
    try:
        from conndoctor.core.instructions import browsers_for_device  # type: ignore[import-not-found]

        found = list(browsers_for_device(device))
    except (ImportError, KeyError, ValueError, OSError):
        found = []
    return found or list(_FALLBACK.get(device, _COMPUTER))
