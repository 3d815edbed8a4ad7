"""Words for the core's objects that carry their meaning in different shapes.

A phone's OS verdict, a cache-clearing refusal or a finding's detail may be a Message, a
{lang: text} map or plain text; the pages only want the sentence in the person's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conndoctor.core.knowledge.languages import Lang


VERDICT_MARKS = {"default": "✓", "needs_setting_or_update": "⚠", "unsupported": "×"}
"""A shape for each verdict, so the meaning never rests on colour (the font has ✓ and ⚠)."""


def verdict_text(os_name: str, version: str, lang: Lang) -> str:
    """The core's judgement of a phone's OS version and what to do, in words (empty if unknown)."""
    from conndoctor.core.checks import system  # the package first (tests/test_layers.py)

    verdict = system.judge_os(os_name, version)  # never raises: unknown versions are "unknown"
    said = describe(verdict.message, lang)
    mark = VERDICT_MARKS.get(verdict.tls12, "")
    fix = describe(verdict.fix_message, lang)
    if said and fix and mark != "✓":
        said = ("" if lang == "ja" else " ").join((said, fix))
    return f"{mark} {said}" if said and mark else said


def describe(value: Any, lang: Lang) -> str:
    """Words for a core object that may carry a Message, a {lang: text} map or plain text."""
    from conndoctor.core.engine.model import Message
    from conndoctor.core.knowledge.i18n import render

    if value is None:
        return ""
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or "")
    if isinstance(value, str):
        return value
    for attribute in ("message", "summary", "text", "detail"):
        inner = getattr(value, attribute, None)
        if inner is not None and not callable(inner):
            return describe(inner, lang)
    return ""
