"""Japanese and English texts for everything the core says, kept as data in resources/messages.

Both languages are loaded from the same key set; a test keeps them equal.
"""

from __future__ import annotations

import json
import locale
import os
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal

from conndoctor.core.model import Message

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")


def resource_path(*parts: str) -> Any:
    """A Traversable in the bundled resources (from a wheel, an editable install, a frozen app)."""
    node: Any = resources.files("conndoctor.resources")
    for part in parts:
        node = node.joinpath(part)
    return node


@cache
def load_json_resource(*parts: str) -> Any:
    return json.loads(resource_path(*parts).read_text(encoding="utf-8"))


def messages(lang: Lang) -> dict[str, str]:
    merged: dict[str, str] = {}
    folder = resource_path("messages", lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(load_json_resource("messages", lang, entry.name))
    return merged


_cached_messages: dict[str, dict[str, str]] = {}


def text(key: str, lang: Lang, **args: Any) -> str:
    """The sentence for `key` in `lang`, with its arguments filled in.

    A missing key or argument never raises: people see the key rather than a traceback.
    """
    table = _cached_messages.get(lang)
    if table is None:
        table = _cached_messages[lang] = messages(lang)
    template = table.get(key)
    if template is None:
        return key
    localized = {name: _in_language(value, lang) for name, value in args.items()}
    try:
        return template.format(**localized)
    except (KeyError, IndexError, ValueError):
        return template


def _in_language(value: Any, lang: Lang) -> Any:
    """An argument given in both languages ({"en": ..., "ja": ...}) picks the one shown."""
    if isinstance(value, Mapping) and lang in value and set(value) <= set(LANGS):
        return value[lang]
    return value


def render(message: Message, lang: Lang) -> str:
    return text(message.key, lang, **dict(message.args))


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
    try:
        found = normalize_lang(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or "en"
