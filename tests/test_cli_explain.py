"""`conndoctor explain`, run the way a help desk runs it: as a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conndoctor.core.knowledge import catalog

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


def test_the_new_browser_codes_point_to_the_new_causes() -> None:
    """Client certificates, invalid certificates and the site's own 5xx pages (issue 10)."""
    wanted = {
        "ERR_SSL_CLIENT_AUTH_CERT_NEEDED": "client_cert_required",
        "SSL_ERROR_RX_CERTIFICATE_REQUIRED_ALERT": "client_cert_required",
        "NET::ERR_CERT_INVALID": "cert_invalid",
        "ERR_SSL_SERVER_CERT_BAD_FORMAT": "cert_invalid",
        "SEC_ERROR_BAD_DER": "cert_invalid",
        "HTTP ERROR 502": "site_error",
        "504 Gateway Time-out": "site_error",
        "503 Service Unavailable": "site_maintenance",
    }
    for seen, cause_id in wanted.items():
        entries = catalog.match_error(seen)
        assert entries and entries[0].causes[0] == cause_id, seen
    done = explain("ERR_SSL_CLIENT_AUTH_CERT_NEEDED", "--lang", "ja")
    assert done.returncode == 0, done.stderr
    assert catalog.cause("client_cert_required").title("ja") in done.stdout
