"""Which languages the program speaks and which one this computer prefers.

Kept apart from the message files (i18n) so that the wizard can choose its language before
anything else of the core is loaded.
"""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")


def normalize_lang(value: str | None) -> Lang | None:
    if not value:
        return None
    value = value.strip().lower()
    if value.startswith("ja"):
        return "ja"
    if value.startswith("en"):
        return "en"
    return None


def system_lang() -> Lang:
    """The system locale's language if it is Japanese or English, else English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        found = normalize_lang(os.environ.get(variable))
        if found:
            return found
        if os.environ.get(variable):
            break
    import locale  # only where the environment does not say: it loads before the first packet

    try:
        found = normalize_lang(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or "en"
