"""Organisation settings reach the command line's reports; a bad file never stops a run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _run(tmp_path: Path, config_text: str, *extra: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.write_text(config_text, encoding="utf-8")
    env = {**os.environ, "CONNDOCTOR_CONFIG": str(config)}
    env.pop("DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    command = [
        sys.executable,
        "-m",
        "conndoctor",
        "check",
        "https://localhost:1/",
        "--timeout",
        "2",
        "--skip",
        "network.connectivity",
        "--skip",
        "clock.network_time",
        *extra,
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)


def test_the_organisation_name_is_in_the_saved_reports(tmp_path: Path) -> None:
    out_json, out_pdf = tmp_path / "r.json", tmp_path / "r.pdf"
    done = _run(
        tmp_path,
        '[organisation]\nname = "Example Trading 株式会社"\n',
        "--json-file",
        str(out_json),
        "--pdf",
        str(out_pdf),
        "--lang",
        "ja",
    )
    assert done.returncode == 1, done.stderr
    document = json.loads(out_json.read_text(encoding="utf-8"))
    assert "Example Trading 株式会社" in json.dumps(document["organisation"], ensure_ascii=False)
    text = subprocess.run(
        ["pdftotext", str(out_pdf), "-"], capture_output=True, text=True, check=True
    )
    assert "Example Trading" in text.stdout


def test_a_broken_config_file_names_the_line_and_the_run_goes_on(tmp_path: Path) -> None:
    done = _run(tmp_path, '[organisation]\nname = "unterminated\n', "--json", "--lang", "en")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "line 2" in done.stderr
    assert json.loads(done.stdout)["schema"] == "conndoctor.report/1"


def test_a_device_as_settings_file_is_one_line_and_the_run_goes_on(tmp_path: Path) -> None:
    done = _run(tmp_path, "", "--config", "/dev/zero", "--json", "--lang", "ja")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if "/dev/zero" in line]
    assert len(lines) == 1 and "既定の設定" in lines[0]
    assert json.loads(done.stdout)["schema"] == "conndoctor.report/1"


def test_deeply_nested_settings_are_one_line_and_the_run_goes_on(tmp_path: Path) -> None:
    nested = "[organisation]\nx = " + "[" * 100_000 + "]" * 100_000 + "\n"
    done = _run(tmp_path, nested, "--json", "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "Connection Doctor goes on with its default settings" in done.stderr
