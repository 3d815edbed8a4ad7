"""Words for the core's objects: a phone's OS verdict shows a shape and what to do."""

from __future__ import annotations

import pytest

from conndoctor.core.checks.system import judge_os
from conndoctor.core.knowledge.i18n import render
from conndoctor.ui.phrases import verdict_text


@pytest.mark.parametrize(
    ("version", "mark", "says_what_to_do"),
    [("4.0", "×", True), ("4.4", "⚠", True), ("14", "✓", False)],
)
def test_phone_verdict_has_a_shape_and_the_fix(
    version: str, mark: str, says_what_to_do: bool
) -> None:
    verdict = judge_os("android", version)
    for lang in ("en", "ja"):
        shown = verdict_text("android", version, lang)  # type: ignore[arg-type]
        assert shown.startswith(mark + " ")
        assert render(verdict.message, lang) in shown  # type: ignore[arg-type]
        assert (render(verdict.fix_message, lang) in shown) == says_what_to_do  # type: ignore[arg-type]
