"""Reports of real runs against the loopback lab: what the help desk gets from `build_report`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pypdf

from conndoctor.core.engine.context import Options
from conndoctor.core.engine.run_report import Report, build_report
from conndoctor.core.engine.target import parse_target
from conndoctor.core.knowledge.i18n import LANGS, Lang
from conndoctor.report.export import write_json
from conndoctor.report.pdf import write_pdf
from conndoctor.report.reference import reference_code
from tests.lab.http_servers import HttpLab
from tests.lab.tls_servers import LabSite
from tests.report.pdftools import pdf_text, render_first_page

ROOT = Path(__file__).resolve().parents[2]


def _squash(value: str) -> str:
    return "".join(value.split())


def _write_both(report: Report, folder: Path, lang: Lang, artifacts: Path, name: str) -> str:
    pdf = write_pdf(report, folder / f"{name}-{lang}.pdf", lang)
    document = json.loads(
        write_json(report, folder / f"{name}-{lang}.json", lang).read_text("utf-8")
    )
    assert document["reference"] == reference_code(report)
    render_first_page(pdf, artifacts / f"run-{name}-{lang}")
    layer = _squash(pdf_text(pdf))
    assert reference_code(report) in layer
    for contact in document["environment"]["contacted"]:
        assert _squash(contact["host"]) in layer
    return layer


def test_closed_port_run(
    dead_port: int, unreachable_ntp: str, http_lab: HttpLab, tmp_path: Path, pdf_artifacts: Path
) -> None:
    options = Options(
        target=parse_target(f"https://localhost:{dead_port}/"),
        timeout_s=4,
        ntp_servers=(unreachable_ntp,),
        connectivity_urls=(http_lab.url("/generate_204"),),
        home=tmp_path / "home",
    )
    report = build_report(options)
    assert report.causes, "a closed port must give a cause"
    for lang in LANGS:
        layer = _write_both(report, tmp_path, lang, pdf_artifacts, "closed-port")
        assert _squash(report.causes[0].title(lang)) in layer
    assert "接続診断レポート" in _squash(pdf_text(tmp_path / "closed-port-ja.pdf"))


def test_expired_certificate_run_shows_the_chain(
    lab_site: Callable[..., LabSite],
    ntp_server: Callable[..., str],
    http_lab: HttpLab,
    tmp_path: Path,
    pdf_artifacts: Path,
) -> None:
    site = lab_site("expired")
    options = site.options(
        timeout_s=8,
        ntp_servers=(ntp_server(0.0),),
        connectivity_urls=(http_lab.url("/generate_204"),),
        home=tmp_path / "home",
    )
    report = build_report(options)
    assert report.causes[0].id == "cert_expired"
    layer = _write_both(report, tmp_path, "ja", pdf_artifacts, "expired")
    assert _squash(report.causes[0].title("ja")) in layer
    handshake = report.result("tls.handshake")
    assert handshake is not None
    fingerprint = str(handshake.details["chain"][0]["sha256"])
    first_half, second_half = fingerprint[:47], fingerprint[48:]
    assert first_half in layer and second_half in layer


def test_cli_writes_a_pdf_without_a_display(
    dead_port: int, unreachable_ntp: str, tmp_path: Path
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    out = tmp_path / "out.pdf"
    (tmp_path / "home").mkdir(exist_ok=True)
    command = [
        sys.executable, "-m", "conndoctor", "check", f"https://localhost:{dead_port}/",
        "--pdf", str(out), "--lang", "ja", "--timeout", "2",
        "--ntp-server", unreachable_ntp, "--connectivity-url", f"http://127.0.0.1:{dead_port}/",
        "--home", str(tmp_path / "home"),
    ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    reader = pypdf.PdfReader(str(out))
    assert "接続診断レポート" in _squash(reader.pages[0].extract_text())
    assert str(out) in run.stderr
    again = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert again.returncode == 2
    assert str(out) in again.stderr and "Traceback" not in again.stderr
    assert pypdf.PdfReader(str(out)).pages  # the first report is intact
