"""Japanese and English texts for everything the core says, kept as data in resources/messages.

Both languages are loaded from the same key set; a test keeps them equal.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conndoctor.core.knowledge.languages import LANGS, Lang, normalize_lang, system_lang

if TYPE_CHECKING:
    from conndoctor.core.engine.model import Message


@cache
def _resources_root() -> Any:
    """The resources folder itself where it is one (wheel, editable install, frozen app), else
    importlib.resources' view into a zip (which costs more to load than reading a file)."""
    package = importlib.import_module("conndoctor.resources")
    folder = Path(package.__file__).parent if package.__file__ else None
    if folder is not None and folder.is_dir():
        return folder
    from importlib import resources

    return resources.files("conndoctor.resources")


def resource_path(*parts: str) -> Any:
    """A path or Traversable in the bundled resources; both have joinpath, read_text, iterdir."""
    node: Any = _resources_root()
    for part in parts:
        node = node.joinpath(part)
    return node


@cache
def load_json_resource(*parts: str) -> Any:
    import json

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


__all__ = [
    "LANGS",
    "Lang",
    "load_json_resource",
    "messages",
    "normalize_lang",
    "render",
    "resource_path",
    "system_lang",
    "text",
]
