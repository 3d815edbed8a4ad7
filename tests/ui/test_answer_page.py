"""The answer page: clock steps for this system without a dead button, Esc asks first, and a
healthy result still offers next steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from conndoctor.ui.wizard import PageId
from tests.ui.conftest import lab_base, texts


def _to_answer(wizard: Any, qtbot: Any, url: str) -> None:
    wizard.welcome.address.setText(url)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.checking.done, timeout=20000)
    wizard.next()
    assert wizard.currentId() == PageId.ANSWER


def _buttons(page: Any) -> list[str]:
    return [
        b.text().replace("&", "") for b in page.findChildren(QPushButton) if b.isVisibleTo(page)
    ]


def test_wrong_clock_gives_this_systems_steps_and_no_dead_button(
    make_wizard: Any, qtbot: Any, lab_site: Any, http_lab: Any, ntp_server: Any, monkeypatch: Any
) -> None:
    from conndoctor.ui import system_links

    monkeypatch.setattr(system_links, "can_open_date_time_settings", lambda: False)
    site = lab_site("healthy")
    base = lab_base(site, http_lab, ntp_server(0.0))
    wizard = make_wizard("en", base, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    _to_answer(wizard, qtbot, site.url)
    shown = texts(wizard.answer)
    assert wizard.answer.current().id == "clock_wrong"
    assert "timedatectl" in shown and "iPhone" not in shown and "Windows" not in shown
    assert not any("date and time settings" in b for b in _buttons(wizard.answer))
    monkeypatch.setattr(system_links, "can_open_date_time_settings", lambda: True)
    wizard.answer.rebuild()
    qtbot.wait(20)  # Qt shows widgets added to a shown layout on the next event loop turn
    assert any("date and time settings" in b for b in _buttons(wizard.answer)), _buttons(
        wizard.answer
    )


def test_esc_asks_before_closing(make_wizard: Any, qtbot: Any) -> None:
    wizard = make_wizard("en")
    asked: list[bool] = []

    def refuse() -> bool:
        asked.append(True)
        return False

    wizard.ask_to_leave_answer = refuse
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert asked and wizard.isVisible()
    wizard.ask_to_leave_answer = lambda: True
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()


def test_a_healthy_site_still_offers_the_next_steps(
    make_wizard: Any, qtbot: Any, lab_site: Any, http_lab: Any, ntp_server: Any
) -> None:
    site = lab_site("healthy")
    wizard = make_wizard("ja", lab_base(site, http_lab, ntp_server(0.0)))
    _to_answer(wizard, qtbot, site.url)
    buttons = " ".join(_buttons(wizard.answer))
    assert "キャッシュ" in buttons and "レポート" in buttons and "開けるようになった" in buttons
    assert "別のブラウザ" in texts(wizard.answer)
    wizard.answer.show_cache_steps()
    assert wizard.currentId() == PageId.BROWSER
    wizard.back()
    works = next(b for b in wizard.answer.findChildren(QPushButton) if "開けるように" in b.text())
    works.click()
    assert wizard.currentId() == PageId.SUMMARY
    assert wizard.state.history[-1].action == "works_now"
