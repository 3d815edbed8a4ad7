"""Confidence is named, never spelled as a number: every finding in the core takes its
confidence from `core/knowledge/confidence.py`, so that a change of judgement is made there.
The levels themselves are tested in test_diagnosis_rules.py."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from conndoctor.core.knowledge import catalog, confidence

CORE = Path(confidence.__file__).resolve().parents[1]
LEVELS = (
    "CERTAIN",
    "VERY_LIKELY",
    "LIKELY",
    "PROBABLE",
    "PLAUSIBLE",
    "POSSIBLE",
    "UNSURE",
    "FAINT",
)


def _confidence_arguments(call: ast.Call, causes: set[str]) -> Iterator[ast.expr]:
    """The expressions a call passes as a confidence: a `confidence=` keyword, or the second
    argument of `Finding(...)` or of any call whose first argument is a cause id."""
    yield from (k.value for k in call.keywords if k.arg == "confidence")
    func = call.func
    callee = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    first = call.args[0] if call.args else None
    names_cause = isinstance(first, ast.Constant) and first.value in causes
    if (callee == "Finding" or names_cause) and len(call.args) > 1:
        yield call.args[1]


def _float_literals(source: str, causes: set[str]) -> list[tuple[int, float]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for argument in _confidence_arguments(node, causes):
                found += [
                    (sub.lineno, sub.value)
                    for sub in ast.walk(argument)
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, float)
                ]
    return found


def test_no_module_in_core_passes_a_float_literal_as_confidence() -> None:
    causes = set(catalog.causes())
    spelled = {
        f"{path.relative_to(CORE)}:{line} ({value})"
        for path in sorted(CORE.rglob("*.py"))
        for line, value in _float_literals(path.read_text(encoding="utf-8"), causes)
    }
    assert not spelled, f"use a level of core/knowledge/confidence.py: {sorted(spelled)}"


def test_the_scan_sees_every_way_a_literal_is_passed() -> None:
    causes = {"site_error"}
    source = (
        "Finding(cause, 0.9, {}, m)\n"
        "verdict.add('site_error', 0.6 if x else LIKELY, {}, 'k')\n"
        "_finding('site_error', round(0.9 * weight, 2), {}, 'k')\n"
        "Cause('x', confidence=0.5)\n"
        "Finding(cause, LIKELY, {}, m)\n"
        "budget = max(0.05, end - began)\n"
    )
    assert _float_literals(source, causes) == [(1, 0.9), (2, 0.6), (3, 0.9), (4, 0.5)]
