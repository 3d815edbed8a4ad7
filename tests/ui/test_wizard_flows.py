"""The whole wizard, driven offscreen against the loopback lab, in Japanese and English.

Each case ends on the summary naming the right cause; every page is saved as a screenshot.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from conndoctor.core.knowledge import catalog
from conndoctor.ui.wizard import AREA_PAGES, PageId
from tests.ui.conftest import lab_base, texts


def drive(wizard: Any, qtbot: Any, address: str, shoot: Any, name: str) -> list[int]:
    """Answer like a person would: type the address, two clicks to the answer, then Next
    through the areas with a problem to the summary, photographing each page."""
    assert wizard.currentId() == PageId.WELCOME
    qtbot.keyClicks(wizard.welcome.address, address)
    qtbot.waitUntil(lambda: not wizard.state.scan_running, timeout=10000)
    shoot(wizard, f"{name}-01-start")
    clicks = 0
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    clicks += 1
    assert wizard.currentId() == PageId.CHECKING
    qtbot.waitUntil(lambda: wizard.checking.done, timeout=20000)
    shoot(wizard, f"{name}-02-checking")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    clicks += 1
    assert wizard.currentId() == PageId.ANSWER and clicks <= 2
    shoot(wizard, f"{name}-03-answer")
    visited = [wizard.currentId()]
    for number in range(4, 12):
        wizard.next()
        visited.append(wizard.currentId())
        shoot(wizard, f"{name}-{number:02d}-{PageId(wizard.currentId()).name.lower()}")
        if wizard.currentId() == PageId.SUMMARY:
            break
    assert visited[-1] == PageId.SUMMARY
    return visited


CASES = ["healthy", "expired", "wrong_clock", "captive_portal", "tls10_only"]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("case", CASES)
def test_wizard_names_the_cause(
    case: str,
    lang: str,
    make_wizard: Any,
    qtbot: Any,
    lab_site: Any,
    http_lab: Any,
    ntp_server: Any,
    screenshots: Any,
) -> None:
    kind = {"wrong_clock": "healthy", "captive_portal": "healthy"}.get(case, case)
    site = lab_site(kind)
    base = lab_base(site, http_lab, ntp_server(0.0))
    expected = site.expected_cause
    if case == "wrong_clock":
        base = base._replace(now=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
        expected = "clock_wrong"
    elif case == "captive_portal":
        base = base._replace(connectivity_urls=(http_lab.url("/portal"),))
        expected = "captive_portal"
    wizard = make_wizard(lang, base)
    visited = drive(wizard, qtbot, site.url, screenshots, f"{case}-{lang}")
    report = wizard.state.report
    answer = texts(wizard.answer)
    summary = texts(wizard.summary)
    if expected is None:
        assert report.causes == ()
        assert visited == [PageId.ANSWER, PageId.SUMMARY]
        healthy = wizard.answer.tr("From this computer, the site can be reached securely.")
        assert healthy in answer
    else:
        assert report.causes, summary
        assert report.causes[0].id == expected, [c.id for c in report.causes]
        title = catalog.cause(expected).title(lang, dict(report.causes[0].evidence))  # type: ignore[arg-type]
        assert title in answer and title in summary
        area_page = AREA_PAGES[catalog.cause(expected).area.value]
        assert area_page in visited
        assert visited == sorted(visited)
    if lang == "ja":
        assert any("\u3040" <= ch <= "\u30ff" for ch in summary)
