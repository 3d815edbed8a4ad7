"""The summary's buttons: the report preview, saving (asking before overwriting), copying."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication

from conndoctor.ui.summary_page import PreviewDialog
from conndoctor.ui.wizard import PageId
from tests.ui.conftest import lab_base


def _to_checked(wizard: Any, qtbot: Any, url: str) -> None:
    wizard.welcome.address.setText(url)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.checking.done, timeout=20000)


def _to_summary(wizard: Any, qtbot: Any, url: str) -> None:
    _to_checked(wizard, qtbot, url)
    while wizard.currentId() != PageId.SUMMARY:
        wizard.next()


@pytest.fixture
def expired_summary(
    make_wizard: Any, qtbot: Any, lab_site: Any, http_lab: Any, ntp_server: Any
) -> Callable[[str], Any]:
    """A wizard in the given language on the summary of an expired-certificate site."""

    def make(lang: str) -> Any:
        site = lab_site("expired")
        wizard = make_wizard(lang, lab_base(site, http_lab, ntp_server(0.0)))
        _to_summary(wizard, qtbot, site.url)
        return wizard

    return make


def test_save_json_asks_before_overwriting(
    expired_summary: Callable[[str], Any], tmp_path: Path, monkeypatch: Any, screenshots: Any
) -> None:
    wizard = expired_summary("en")
    target = tmp_path / "report.json"
    summary = wizard.summary
    monkeypatch.setattr(summary, "choose_path", lambda kind: target)
    asked: list[Path] = []
    monkeypatch.setattr(summary, "confirm_overwrite", lambda path: asked.append(path) or False)  # type: ignore[func-returns-value]
    assert summary.save("json")
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["causes"][0]["id"] == "cert_expired"
    assert asked == []
    target.write_text("keep me", encoding="utf-8")
    assert not summary.save("json")
    assert asked == [target] and target.read_text(encoding="utf-8") == "keep me"
    screenshots(wizard, "summary-not-overwritten-en")


def test_save_pdf_with_the_persons_words(
    expired_summary: Callable[[str], Any], tmp_path: Path, monkeypatch: Any
) -> None:
    wizard = expired_summary("ja")
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(wizard.summary, "choose_path", lambda kind: target)
    monkeypatch.setattr(wizard.summary, "ask_details", lambda: ("経理の画面", False))
    assert not wizard.summary.open_saved.isVisibleTo(wizard)
    assert wizard.summary.save("pdf"), wizard.summary.saved.text()
    assert target.read_bytes().startswith(b"%PDF")
    assert wizard.summary.open_saved.isVisibleTo(wizard)
    assert wizard.summary.show_saved.isVisibleTo(wizard)
    assert wizard.summary.saved_path == target


def test_the_pdf_carries_the_organisations_help_desk(
    expired_summary: Callable[[str], Any], tmp_path: Path, monkeypatch: Any
) -> None:
    from pypdf import PdfReader

    from conndoctor.core.engine.config import load_config
    from tests.core.engine.test_session import ORG

    config = tmp_path / "org.toml"
    config.write_text(ORG, encoding="utf-8")
    wizard = expired_summary("en")
    wizard.state.org, _ = load_config(config)
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(wizard.summary, "choose_path", lambda kind: target)
    monkeypatch.setattr(wizard.summary, "ask_details", lambda: ("", False))
    assert wizard.summary.save("pdf"), wizard.summary.saved.text()
    words = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "03-1234-5678" in words


def test_saving_starts_in_documents(
    expired_summary: Callable[[str], Any], monkeypatch: Any
) -> None:
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    wizard = expired_summary("en")
    offered: list[str] = []

    def offer(*args: Any, **kwargs: Any) -> tuple[str, str]:
        offered.append(args[2])
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", offer)
    assert wizard.summary.choose_path("pdf") is None
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert offered and offered[0].startswith(documents)


def test_copy_summary_and_preview(
    expired_summary: Callable[[str], Any], qtbot: Any, screenshots: Any
) -> None:
    wizard = expired_summary("ja")
    wizard.summary.copy.click()
    copied = QGuiApplication.clipboard().text()
    assert wizard.state.report.causes[0].title("ja") in copied
    from conndoctor.report.reference import reference_code

    first = copied.splitlines()[0]
    assert first.startswith("接続ドクター") and reference_code(wizard.state.report) in first
    dialog = PreviewDialog(wizard.state, wizard)
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("給与システムに入ろうとしていました")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.personal.isChecked()
    assert "給与システム" in dialog.preview.toPlainText()
    screenshots(dialog, "report-preview-ja")
    dialog.reject()


def test_check_again_records_before_and_after(
    make_wizard: Any, qtbot: Any, lab_site: Any, http_lab: Any, ntp_server: Any
) -> None:
    site = lab_site("healthy")
    wizard = make_wizard("en", lab_base(site, http_lab, ntp_server(0.0)))
    _to_checked(wizard, qtbot, site.url)
    wizard.next()
    assert wizard.currentId() == PageId.ANSWER
    wizard.answer.again.click()
    qtbot.waitUntil(lambda: wizard.answer.recheck is None, timeout=20000)
    attempt = wizard.state.history[-1]
    assert attempt.action == "check_again" and attempt.rechecked
    assert set(attempt.after) == set(attempt.before)  # every check it ran again, before and after
    assert attempt is wizard.state.session.history[-1]  # the core session keeps the history
    wizard.clock.initializePage()
    wizard.clock.again.click()
    qtbot.waitUntil(lambda: wizard.clock.recheck is None, timeout=20000)
    assert wizard.state.history[-1].area == "clock"
    assert "clock.network_time" in wizard.state.history[-1].after


def test_saving_into_a_missing_folder_says_why_and_writes_nothing(
    expired_summary: Callable[[str], Any], tmp_path: Path, monkeypatch: Any
) -> None:
    wizard = expired_summary("ja")
    target = tmp_path / "no-such-folder" / "report.pdf"
    monkeypatch.setattr(wizard.summary, "choose_path", lambda kind: target)
    monkeypatch.setattr(wizard.summary, "ask_details", lambda: ("", False))
    assert not wizard.summary.save("pdf")
    message = wizard.summary.saved.text()
    assert "no-such-folder" in message and "フォルダー" in message
    assert not target.parent.exists()
