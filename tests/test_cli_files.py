"""`conndoctor check --pdf/--json-file`: files are refused before anything is written, and
saving is reported on stderr by the command line (the report layer never prints)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from conndoctor.cli import write_report_files
from conndoctor.core.engine.config import OrgConfig
from conndoctor.report.export import ReportWriteError
from tests.report import samples


def _args(pdf: Path | None, json_file: Path | None) -> argparse.Namespace:
    return argparse.Namespace(
        pdf=str(pdf) if pdf else None,
        json_file=str(json_file) if json_file else None,
        include_personal=False,
    )


def test_cli_refuses_existing_files_before_writing_anything(tmp_path: Path) -> None:
    pdf, json_file = tmp_path / "r.pdf", tmp_path / "r.json"
    pdf.write_bytes(b"keep me")
    with pytest.raises(ReportWriteError) as caught:
        write_report_files(_args(pdf, json_file), samples.make_report(), "ja", OrgConfig())
    assert str(pdf) in str(caught.value) and "すでにあります" in str(caught.value)
    assert pdf.read_bytes() == b"keep me"
    assert not json_file.exists()
    assert isinstance(caught.value, OSError)  # main prints OSErrors as one line, exit 2


def test_cli_writes_both_files_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    """qapp: pytest-qt's QApplication first, as the wizard's tests in the same run need widgets."""
    pdf, json_file = tmp_path / "r.pdf", tmp_path / "r.json"
    write_report_files(_args(pdf, json_file), samples.make_report(), "en", OrgConfig())
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert json.loads(json_file.read_text(encoding="utf-8"))["personal_details"] == "masked"
    err = capsys.readouterr().err
    assert err.count("Report saved") == 2 and str(pdf) in err and str(json_file) in err


def test_report_layer_does_not_print(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from conndoctor.report.export import write_json

    write_json(samples.make_report(), tmp_path / "r.json", "en")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
