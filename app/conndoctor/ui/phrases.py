"""A phone's OS verdict in words: the core's judgement and what to do, with a mark that does
not rest on colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conndoctor.core.knowledge.i18n import render

if TYPE_CHECKING:
    from conndoctor.core.knowledge.languages import Lang


VERDICT_MARKS = {"default": "✓", "needs_setting_or_update": "⚠", "unsupported": "×"}
"""A shape for each verdict, so the meaning never rests on colour (the font has ✓ and ⚠)."""


def verdict_text(os_name: str, version: str, lang: Lang) -> str:
    """The core's judgement of a phone's OS version and what to do, in words (empty if unknown)."""
    from conndoctor.core.checks import system  # the package first (tests/test_layers.py)

    verdict = system.judge_os(os_name, version)  # never raises: unknown versions are "unknown"
    said = render(verdict.message, lang)
    mark = VERDICT_MARKS.get(verdict.tls12, "")
    fix = render(verdict.fix_message, lang)
    if said and fix and mark != "✓":
        said = ("" if lang == "ja" else " ").join((said, fix))
    return f"{mark} {said}" if said and mark else said
