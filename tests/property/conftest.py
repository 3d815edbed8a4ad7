"""Hypothesis profiles: quick by default, many more examples with
CONNDOCTOR_HYPOTHESIS_PROFILE=thorough (e.g. before a release)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink)
"""No 'explain' phase: its line tracing is very slow on Python 3.11."""

settings.register_profile(
    "fast",
    max_examples=60,
    deadline=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=3000,
    deadline=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("CONNDOCTOR_HYPOTHESIS_PROFILE", "fast"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The thorough profile runs for minutes: past pytest-timeout's default for one test."""
    if settings.default is not None and settings.default.max_examples > 1000:
        for item in items:
            item.add_marker(pytest.mark.timeout(3600))
