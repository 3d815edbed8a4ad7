"""Illustrated, numbered instructions for each browser, kept as data in resources/instructions.

One JSON file per browser holds every topic (clear the cache, turn on TLS 1.2, update) in
Japanese and English, with the drawing and call-out numbers for each step and a note of which
browser version the menu path was checked against. The wizard and the report only read these
sets, so adding a browser or fixing a menu name never touches their code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from conndoctor.core.knowledge.i18n import Lang, load_json_resource, resource_path

TOPICS: tuple[str, ...] = ("clear_cache", "enable_tls12", "update")


def _table(name: str) -> Mapping[str, Any]:
    """One table of resources/browser_instructions.json, without its 'source' note."""
    table = load_json_resource("browser_instructions.json")[name]
    return MappingProxyType({key: value for key, value in table.items() if key != "source"})


DEVICE_BROWSERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {device: tuple(ids) for device, ids in _table("device_browsers").items()}
)
"""The instruction sets offered per device (Device values), in the order of the list."""
BROWSERS: tuple[str, ...] = tuple(
    dict.fromkeys(browser for ids in DEVICE_BROWSERS.values() for browser in ids)
)
"""Every instruction set: one resources/instructions/<id>.json each."""
BY_INVENTORY_ID: Mapping[str, str] = _table("by_inventory_id")
BY_PRODUCT: Mapping[str, str] = _table("by_product")
BY_FAMILY: Mapping[str, str] = _table("by_family")
PHONE_BROWSER: Mapping[str, str] = _table("phone")
TOPIC_FOR_CAUSE: Mapping[str, str] = _table("topic_for_cause")
"""The topic that fixes a browser cause; any other cause shows 'clear_cache'."""


class InstructionError(ValueError):
    """A browser, topic, device or drawing name that the instructions do not know."""


@dataclass(frozen=True)
class Step:
    """One action; `callouts` are the numbers in its drawing that belong to this step."""

    number: int
    text: Mapping[str, str]
    image: str | None
    callouts: tuple[int, ...]

    def text_in(self, lang: Lang) -> str:
        return self.text[lang]


@dataclass(frozen=True)
class InstructionSet:
    """The steps of one topic for one browser.

    `open_url` is the browser's own page for the topic. Chromium ignores chrome:// and edge://
    addresses handed over by another program (seen on Chromium 156), so offer it to copy into the
    address bar; `shortcut` ({"pc": ..., "mac": ...}) opens the same dialog from the keyboard.
    """

    browser: str
    topic: str
    name: Mapping[str, str]
    steps: tuple[Step, ...]
    version_note: Mapping[str, str]
    open_url: str | None
    intro: Mapping[str, str] | None = None
    see_also: str | None = None
    shortcut: Mapping[str, str] | None = None

    def images(self) -> tuple[str, ...]:
        """The drawings in the order the steps use them, each once (for a list view)."""
        seen: dict[str, None] = {}
        for step in self.steps:
            if step.image:
                seen.setdefault(step.image)
        return tuple(seen)

    def steps_with_image(self, image: str) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.image == image)


_WHAT_JA = {"browser": "ブラウザー", "topic": "説明の項目", "device": "機器"}


def _require(value: str, known: tuple[str, ...], what: str) -> None:
    if value not in known:
        raise InstructionError(
            f"Unknown {what} {value!r} (known: {', '.join(known)}). "
            f"不明な{_WHAT_JA[what]}です: {value!r}"
        )


def _steps(raw: list[dict[str, Any]]) -> tuple[Step, ...]:
    return tuple(
        Step(
            number=index,
            text=dict(entry["text"]),
            image=entry.get("image"),
            callouts=tuple(entry.get("callouts", ())),
        )
        for index, entry in enumerate(raw, start=1)
    )


def load_browser(browser: str) -> dict[str, Any]:
    """The raw JSON of one browser (cached by the i18n loader)."""
    _require(browser, BROWSERS, "browser")
    data: dict[str, Any] = load_json_resource("instructions", f"{browser}.json")
    return data


def load_instructions(browser: str, topic: str) -> InstructionSet:
    """The steps for `topic` in `browser`; a topic may borrow another topic's ("steps_from")."""
    data = load_browser(browser)
    _require(topic, TOPICS, "topic")
    entry = data["topics"][topic]
    source = entry
    if "steps_from" in entry:
        source = data["topics"][entry["steps_from"]]
    return InstructionSet(
        browser=browser,
        topic=topic,
        name=dict(data["name"]),
        steps=_steps(source["steps"]),
        version_note=dict(entry["version_note"]),
        open_url=entry.get("open_url"),
        intro=dict(entry["intro"]) if entry.get("intro") else None,
        see_also=entry.get("see_also"),
        shortcut=dict(entry["shortcut"]) if entry.get("shortcut") else None,
    )


def illustration_path(name: str) -> Any:
    """The drawing as a Traversable (read_bytes / open), also inside a wheel or a frozen app."""
    if "/" in name or "\\" in name or not name.endswith(".svg"):
        raise InstructionError(f"Not an illustration name: {name!r}")
    return resource_path("illustrations", name)


def browsers_for_device(device: str) -> tuple[str, ...]:
    """Which browsers' instructions to offer for the device that shows the error."""
    _require(device, tuple(DEVICE_BROWSERS), "device")
    return DEVICE_BROWSERS[device]


def browser_name(browser_id: str, lang: str) -> str:
    """The name people know a browser by, for instruction ids and inventory ids alike."""
    try:
        return str(load_browser(browser_id)["name"][lang])
    except (InstructionError, KeyError, OSError, ValueError):
        pass
    from conndoctor.core.browsers.inventory import rules

    for entry in rules()["browsers"]:
        if entry["id"] == browser_id:
            return str(entry["name"])
    return browser_id
