"""The whole wizard, driven offscreen against the loopback lab, in Japanese and English.

Each case ends on the summary naming the right cause; every page is saved as a screenshot.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from conndoctor.core import catalog
from conndoctor.ui.wizard import PageId
from tests.ui.conftest import lab_base, texts

AREA_PAGES = (PageId.CONNECTION, PageId.CLOCK, PageId.SYSTEM, PageId.BROWSER, PageId.SITE)


def drive(wizard: Any, qtbot: Any, address: str, shoot: Any, name: str) -> None:
    """Answer the questions like a person would and walk to the summary, photographing each page."""
    assert wizard.currentId() == PageId.WELCOME
    qtbot.keyClicks(wizard.welcome.address, address)
    shoot(wizard, f"{name}-01-welcome")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == PageId.DEVICE
    qtbot.waitUntil(lambda: not wizard.state.scan_running, timeout=10000)
    shoot(wizard, f"{name}-02-device")
    wizard.next()
    assert wizard.currentId() == PageId.SEEN
    shoot(wizard, f"{name}-03-seen")
    wizard.next()
    assert wizard.currentId() == PageId.CHECKING
    qtbot.waitUntil(lambda: wizard.checking.done, timeout=20000)
    shoot(wizard, f"{name}-04-checking")
    for number, page_id in enumerate(AREA_PAGES, 5):
        wizard.next()
        assert wizard.currentId() == page_id
        shoot(wizard, f"{name}-{number:02d}-{page_id.name.lower()}")
    wizard.next()
    assert wizard.currentId() == PageId.SUMMARY
    shoot(wizard, f"{name}-10-summary")


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
    drive(wizard, qtbot, site.url, screenshots, f"{case}-{lang}")
    report = wizard.state.report
    summary = texts(wizard.summary)
    if expected is None:
        assert report.causes == ()
        assert wizard.summary.tr("No problem was found from this computer.") in summary
    else:
        assert report.causes, summary
        assert report.causes[0].id == expected, [c.id for c in report.causes]
        assert catalog.cause(expected).title(lang, dict(report.causes[0].evidence)) in summary  # type: ignore[arg-type]
    if lang == "ja":
        assert any("\u3040" <= ch <= "\u30ff" for ch in summary)
