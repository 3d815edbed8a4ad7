"""The decision data (resources/diagnosis_rules.json) and the named confidence levels.

Adding a rule touches the data only; these tests walk the data, so a new rule is checked too.
"""

from __future__ import annotations

from typing import Any

import pytest

from conndoctor.core.engine.context import Options
from conndoctor.core.engine.model import CheckResult, Device, Finding, Message, Status
from conndoctor.core.knowledge import catalog, confidence
from conndoctor.core.knowledge.diagnosis import (
    DEVICE_SIDE_CAUSES,
    EXPLAINED_BY,
    FALLBACK_CAUSE,
    diagnose,
)
from conndoctor.core.knowledge.i18n import load_json_resource

RULES: dict[str, Any] = load_json_resource("diagnosis_rules.json")


def _failed(check_id: str, *causes: str) -> CheckResult:
    findings = tuple(Finding(cause, confidence.LIKELY) for cause in causes)
    return CheckResult(check_id, Status.FAIL, Message("x"), findings=findings)


def test_every_rule_names_catalog_causes_and_gives_its_source() -> None:
    known = set(catalog.causes())
    for explained, rule in RULES["explained_by"].items():
        assert explained in known, explained
        assert set(rule["by"]) <= known, explained
        assert explained not in rule["by"], explained
        assert rule["source"].strip(), explained
    for section in ("clock", "device_side", "fallback"):
        assert RULES[section]["source"].strip(), section
    assert set(RULES["clock"]["date_causes"]) | {RULES["clock"]["cause"]} <= known
    assert set(DEVICE_SIDE_CAUSES) <= known
    assert FALLBACK_CAUSE in known


def test_no_cause_explains_itself_through_others() -> None:
    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        for explainer in EXPLAINED_BY.get(start, ()):
            if explainer == goal or (
                explainer not in seen and reaches(explainer, goal, seen | {explainer})
            ):
                return True
        return False

    for cause in EXPLAINED_BY:
        assert not reaches(cause, cause), cause


@pytest.mark.parametrize(
    ("explained", "explainer"),
    [(explained, by) for explained, rule in RULES["explained_by"].items() for by in rule["by"]],
)
def test_each_rule_is_applied(explained: str, explainer: str) -> None:
    results = [_failed("a.first", explained), _failed("b.second", explainer)]
    causes = diagnose(results, Options())
    ids = [c.id for c in causes]
    assert explained not in ids
    assert explained in next(c for c in causes if c.id == explainer).explains


@pytest.mark.parametrize("cause_id", DEVICE_SIDE_CAUSES)
def test_device_side_causes_come_from_the_seen_error_on_another_device(cause_id: str) -> None:
    seen = next((e.code for e in catalog.error_codes() if cause_id in e.causes and e.code), None)
    if seen is None:
        pytest.skip(f"no error code in error_codes.json names {cause_id}")
    options = Options(device=Device.IPHONE, seen=seen, browser_fails=True)
    ids = [c.id for c in diagnose([], options)]
    assert cause_id in ids


def test_the_fallback_is_named_only_when_nothing_else_is() -> None:
    options = Options(seen="ERR_CACHE_MISS", browser_fails=True)
    assert [c.id for c in diagnose([], options)] == [FALLBACK_CAUSE]
    busy = [_failed("network.dns", "no_internet")]
    assert FALLBACK_CAUSE not in [c.id for c in diagnose(busy, options)]


def test_confidence_levels_are_ordered_probabilities() -> None:
    levels = [
        confidence.CERTAIN,
        confidence.VERY_LIKELY,
        confidence.LIKELY,
        confidence.PROBABLE,
        confidence.PLAUSIBLE,
        confidence.POSSIBLE,
        confidence.UNSURE,
        confidence.FAINT,
    ]
    assert levels == sorted(levels, reverse=True)
    assert len(set(levels)) == len(levels)
    assert all(0 < level <= 1 for level in levels)
    assert confidence.CERTAIN + confidence.SEEN_MATCH_BONUS <= 1.0
