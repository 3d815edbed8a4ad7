"""The wizard's page ids, in the order of the walk; a module of its own so pages can name them."""

from __future__ import annotations

import enum


class PageId(enum.IntEnum):
    WELCOME = 0
    CHECKING = 1
    ANSWER = 2
    CONNECTION = 3
    CLOCK = 4
    SYSTEM = 5
    BROWSER = 6
    SITE = 7
    SUMMARY = 8


AREA_PAGES = {
    "connection": PageId.CONNECTION,
    "clock": PageId.CLOCK,
    "system": PageId.SYSTEM,
    "browser": PageId.BROWSER,
    "site": PageId.SITE,
}
"""Each area's page (the areas of core.model.Area)."""
