"""The words every layer shares: how a check went, the wizard's areas, who can fix a cause,
which device shows the error.

Kept apart from the result records (`model`) so that the wizard's first page can name a device
without loading what the records need (`dataclasses`, `datetime`): `bench/bench_startup.py`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType


class Status(enum.StrEnum):
    """How a check went, from the user's point of view."""

    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    SKIPPED = "skipped"
    ERROR = "error"


class Area(enum.StrEnum):
    """The wizard's steps, in the order a person should look at them."""

    CONNECTION = "connection"
    CLOCK = "clock"
    SYSTEM = "system"
    BROWSER = "browser"
    SITE = "site"


class Fixer(enum.StrEnum):
    """Who can make the fix: the person at the computer, their IT staff, or the site's owner."""

    USER = "user"
    IT_ADMIN = "it_admin"
    SITE_OWNER = "site_owner"


class Device(enum.StrEnum):
    """Which device shows the error; only this computer can be checked directly."""

    THIS_COMPUTER = "this_computer"
    IPHONE = "iphone"
    ANDROID = "android"
    OTHER_COMPUTER = "other_computer"


PHONE_OS: Mapping[str, str] = MappingProxyType({Device.IPHONE: "ios", Device.ANDROID: "android"})
"""The operating system a phone runs, as the OS rules table (os_tls_rules.json) names it."""
