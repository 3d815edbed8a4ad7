"""Safe saving: no overwrite without consent, no half-written file, a clear message on failure."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from conndoctor.core.knowledge.i18n import render, text
from conndoctor.report import export
from conndoctor.report.contract import SCHEMA, contract_document
from conndoctor.report.export import ReportWriteError, safe_write, write_json
from conndoctor.report.reference import reference_code
from tests.report import samples


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = safe_write(tmp_path / "r.pdf", b"%PDF-1.4 data", overwrite=False)
    assert target.read_bytes() == b"%PDF-1.4 data"
    assert _leftovers(tmp_path) == []


def test_existing_file_is_not_overwritten_without_consent(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(b"old")
    with pytest.raises(ReportWriteError) as caught:
        safe_write(path, b"new", overwrite=False)
    assert path.read_bytes() == b"old"
    assert caught.value.message.key == "report.write.exists"
    assert str(path) in render(caught.value.message, "ja")
    safe_write(path, b"new", overwrite=True)
    assert path.read_bytes() == b"new"
    assert _leftovers(tmp_path) == []


def _unwritable_folder(tmp_path: Path) -> Path:
    if os.geteuid() == 0:  # root ignores permission bits; the kernel's /sys refuses new files
        return Path("/sys")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


def test_unwritable_folder_is_a_clear_message_and_leaves_nothing(tmp_path: Path) -> None:
    folder = _unwritable_folder(tmp_path)
    with pytest.raises(ReportWriteError) as caught:
        safe_write(folder / "report.pdf", b"data", overwrite=False)
    assert caught.value.message.key == "report.write.denied"
    assert str(folder) in render(caught.value.message, "en")
    assert "ドキュメント" in render(caught.value.message, "ja")
    assert not (folder / "report.pdf").exists()
    assert _leftovers(folder) == []


def test_full_disk_leaves_no_half_written_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", disk_full)
    with pytest.raises(ReportWriteError) as caught:
        safe_write(tmp_path / "r.json", b"{}" * 1000, overwrite=False)
    assert caught.value.message.key == "report.write.full"
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_and_folder_as_file(tmp_path: Path) -> None:
    with pytest.raises(ReportWriteError) as caught:
        safe_write(tmp_path / "nope" / "r.pdf", b"x", overwrite=False)
    assert caught.value.message.key == "report.write.no_folder"
    with pytest.raises(ReportWriteError) as caught:
        safe_write(tmp_path, b"x", overwrite=True)
    assert caught.value.message.key == "report.write.is_folder"


def test_json_file_is_the_check_document_plus_history(tmp_path: Path) -> None:
    report = samples.make_report("expired")
    path = write_json(
        report,
        tmp_path / "r.json",
        "ja",
        history=samples.sample_history(),
        user_note="支払いできない",
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    assert set(contract_document(report, "ja")) <= set(document)
    assert document["schema"] == SCHEMA
    assert document["reference"] == reference_code(report)
    assert document["user_note"] == "支払いできない"
    assert [h["step"] for h in document["history"]] == ["clock.network_time", "browsers.cache"]
    assert [h["before"] for h in document["history"]] == ["fail", "warn"]
    assert document["history"][0]["after"] == "fail"
    assert document["history"][1]["after"] is None
    cleared = text("history.cleared_cache", "ja", area=text("area.browser", "ja"))
    assert document["history"][1]["action"] == f"{cleared} (120 MB)"
    assert document["causes"][0]["id"] == "cert_expired"
    assert document["personal_details"] == "masked"


def test_offscreen_is_chosen_only_without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export.sys, "platform", "linux")
    for variable in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    export.prefer_offscreen_qt()
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("DISPLAY", ":0")
    export.prefer_offscreen_qt()
    assert "QT_QPA_PLATFORM" not in os.environ
    monkeypatch.delenv("DISPLAY")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    export.prefer_offscreen_qt()
    assert os.environ["QT_QPA_PLATFORM"] == "xcb"


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    path = safe_write(tmp_path / "r.pdf", b"x", overwrite=False)
    assert path.stat().st_mode & 0o777 == 0o666 & ~export._umask()
    path.chmod(0o600)
    safe_write(path, b"y", overwrite=True)
    assert path.stat().st_mode & 0o777 == 0o600
