"""The area steps' own helpers: the clock's difference in words."""

from __future__ import annotations

from typing import Any

import pytest

from conndoctor.ui.area_pages import ClockPage
from conndoctor.ui.state import WizardState


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0.4, "no difference (less than a second)"),
        (-0.9, "no difference (less than a second)"),
        (-5, "this computer is 5 seconds behind"),
        (3 * 86400, "this computer is 3 days ahead"),
        (-90 * 60, "this computer is 1.5 hours behind"),
    ],
)
def test_clock_difference_in_words(
    seconds: float, expected: str, qtbot: Any, app_font: Any
) -> None:
    page = ClockPage(WizardState(lang="en"))
    qtbot.addWidget(page)
    assert page.describe_offset(seconds) == expected
