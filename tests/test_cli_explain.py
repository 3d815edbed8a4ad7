"""`conndoctor explain`, run the way a help desk runs it: as a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conndoctor.core import catalog

ROOT = Path(__file__).resolve().parent.parent


def explain(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "conndoctor", "explain", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_explain_prints_the_japanese_meaning_and_cause_titles() -> None:
    done = explain("NET::ERR_CERT_DATE_INVALID", "--lang", "ja")
    assert done.returncode == 0, done.stderr
    (entry,) = catalog.match_error("NET::ERR_CERT_DATE_INVALID")
    assert entry.meaning["ja"] in done.stdout
    for cause_id in entry.causes:
        assert catalog.cause(cause_id).title("ja") in done.stdout
    assert "コンピューターの時計がずれています" in done.stdout
    assert "Traceback" not in done.stderr


def test_explain_json_parses_and_names_the_causes() -> None:
    done = explain("NET::ERR_CERT_DATE_INVALID", "--lang", "en", "--json")
    assert done.returncode == 0, done.stderr
    entries = json.loads(done.stdout)
    assert [e["code"] for e in entries] == ["NET::ERR_CERT_DATE_INVALID"]
    assert entries[0]["meaning"] == catalog.match_error("ERR_CERT_DATE_INVALID")[0].meaning["en"]
    assert entries[0]["causes"][0]["id"] == "clock_wrong"
    assert all(c["title"] for c in entries[0]["causes"])


def test_explain_understands_pasted_japanese_page_text() -> None:
    done = explain("安全な接続を確立できませんでした", "--lang", "ja")
    assert done.returncode == 0, done.stderr
    assert "FIREFOX_SECURE_CONNECTION_FAILED" in done.stdout


def test_an_unknown_code_exits_2_with_one_line_and_no_traceback() -> None:
    done = explain("ERR_NOT_A_REAL_CODE", "--lang", "en")
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "ERR_NOT_A_REAL_CODE" in lines[0]
    assert "Traceback" not in done.stderr


def test_an_unknown_code_is_reported_in_japanese_too() -> None:
    done = explain("ERR_NOT_A_REAL_CODE", "--lang", "ja")
    assert done.returncode == 2
    assert "エラーコード" in done.stderr
