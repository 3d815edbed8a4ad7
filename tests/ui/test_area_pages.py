"""The area steps' own helpers: the clock's difference and its steps in words."""

from __future__ import annotations

from typing import Any

import pytest

from conndoctor.core.engine.kinds import Device
from conndoctor.ui.clock_steps import clock_steps, describe_offset


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
    assert describe_offset(seconds) == expected


@pytest.mark.parametrize("device", list(Device))
def test_every_device_has_its_own_clock_steps(device: Device, qtbot: Any) -> None:
    steps = clock_steps(device, "linux")
    assert len(steps) >= 3 and all(steps)
    others = [clock_steps(d, "linux") for d in Device if d != device]
    assert steps not in others


def test_this_computers_clock_steps_follow_its_system(qtbot: Any) -> None:
    windows, mac, linux = (clock_steps(Device.THIS_COMPUTER, p) for p in ("win32", "darwin", "x"))
    assert "Sync now" in windows[-1] and "System Settings" in mac[0] and "timedatectl" in linux[2]
