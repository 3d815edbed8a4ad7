"""Checks run off the GUI thread: the window stays responsive and Cancel stops a hanging run."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QTimer

from conndoctor.ui.wizard import PageId
from tests.ui.conftest import lab_base, texts


def _to_checking(wizard: Any, url: str) -> None:
    wizard.welcome.address.setText(url)
    wizard.next()
    assert wizard.currentId() == PageId.CHECKING


def test_window_stays_responsive_while_a_server_hangs(
    make_wizard: Any, qtbot: Any, lab_site: Any, http_lab: Any, ntp_server: Any
) -> None:
    site = lab_site("silent")
    wizard = make_wizard("en", lab_base(site, http_lab, ntp_server(0.0)), timeout_s=3.0)
    gaps: list[float] = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    _to_checking(wizard, site.url)
    last[0] = time.monotonic()
    qtbot.waitUntil(lambda: wizard.checking.done, timeout=15000)
    timer.stop()
    assert len(gaps) > 50
    assert max(gaps) < 0.25, f"event loop blocked for {max(gaps):.3f} s"
    assert wizard.state.report.causes[0].id == "site_unreachable"


def test_cancel_stops_a_hanging_run(
    make_wizard: Any, qtbot: Any, lab_site: Any, http_lab: Any, ntp_server: Any, screenshots: Any
) -> None:
    site = lab_site("silent")
    wizard = make_wizard("ja", lab_base(site, http_lab, ntp_server(0.0)), timeout_s=30.0)
    _to_checking(wizard, site.url)
    qtbot.wait(300)
    screenshots(wizard, "checking-running-ja")
    started = time.monotonic()
    wizard.checking.stop.click()
    qtbot.waitUntil(lambda: wizard.checking.done, timeout=5000)
    assert time.monotonic() - started < 2.0
    assert wizard.checking.cancelled and wizard.state.report.outcome.cancelled
    wizard.next()
    assert wizard.currentId() == PageId.ANSWER
    shown = texts(wizard.answer)
    assert "判断できません" in shown and "安全に接続できます" not in shown, shown


def test_finished_run_shows_a_full_bar_and_a_stopped_clock(
    make_wizard: Any, qtbot: Any, lab_site: Any, http_lab: Any, ntp_server: Any
) -> None:
    from conndoctor.core.engine.runner import RunEvent

    site = lab_site("healthy")
    wizard = make_wizard("en", lab_base(site, http_lab, ntp_server(0.0)))
    _to_checking(wizard, site.url)
    qtbot.waitUntil(lambda: wizard.checking.done, timeout=15000)
    page = wizard.checking
    elapsed = page.elapsed.text()
    page._on_event(RunEvent("finished", "network.dns", 3, 12))  # arrives after the report
    assert page.progress.value() == page.progress.maximum() > 0
    qtbot.wait(1100)
    page.retranslate()
    assert page.elapsed.text() == elapsed


def test_the_live_list_keeps_the_steps_order(
    make_wizard: Any, qtbot: Any, lab_site: Any, http_lab: Any, ntp_server: Any
) -> None:
    """The runner starts the checks that wait on servers first; the list still reads in the
    order of the wizard's steps (connection, clock, computer, browser, website)."""
    from conndoctor.core.checks import all_checks
    from conndoctor.core.engine.session import AREA_ORDER

    site = lab_site("healthy")
    wizard = make_wizard("en", lab_base(site, http_lab, ntp_server(0.0)))
    _to_checking(wizard, site.url)
    qtbot.waitUntil(lambda: wizard.checking.done, timeout=20000)
    page = wizard.checking
    shown = [
        page.area_layouts[area].itemAt(i).widget()
        for area in AREA_ORDER
        for i in range(page.area_layouts[area].count())
    ]
    by_row = {row: check_id for check_id, row in page.rows.items()}
    order = [by_row[w] for w in shown if w in by_row]
    areas = {c.id: AREA_ORDER.index(c.area.value) for c in all_checks()}
    expected = sorted(
        (c.id for c in all_checks() if c.id in page.rows), key=lambda check_id: areas[check_id]
    )
    assert all(page.area_headings[AREA_ORDER[areas[c]]].isVisibleTo(page) for c in order)
    assert order == expected and len(order) >= 10
