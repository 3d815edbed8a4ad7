"""How long writing the help-desk PDF takes and how big it is, next to a bare one-page PDF.

Both are measured in this run, in one process (the wizard writes reports from a running app,
fonts already registered), median of several runs: a bare `QTextDocument` page of Japanese text
in the bundled font written with `QPdfWriter`, and `write_pdf` of a typical report (a wrong
clock that makes a certificate look expired: cause, fix steps, history, the person's note,
13 checks, certificate chain, appendix) including masking and the safe write. The first report
of a process (font registration) is printed apart. Targets (issue 5): under 0.3 s, under 500 KB.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_report.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: E402
from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument  # noqa: E402

from conndoctor.core.knowledge.i18n import Lang  # noqa: E402
from conndoctor.report.fonts import register_fonts, ui_font  # noqa: E402
from conndoctor.report.pdf import write_pdf  # noqa: E402
from tests.report import samples  # noqa: E402

BARE_TEXT = "接続ドクター: このコンピューターの時計がずれています。 " * 20


def bare_page() -> int:
    """One A4 page of Japanese text in the bundled font, as a PDF in memory; returns its size."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.setDefaultFont(ui_font(10))
    document.setPlainText(BARE_TEXT)
    document.print_(writer)
    buffer.close()
    return data.size()


def _median(action: Callable[[], int], runs: int) -> tuple[float, int]:
    durations: list[float] = []
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        size = action()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    app = QGuiApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-report-"))
    report = samples.make_report("clock")
    history = samples.sample_history()
    note = "注文の支払いをしようとしたら開きませんでした。I tried to pay for my order."

    def typical(lang: Lang = "ja") -> int:
        path = write_pdf(
            report,
            folder / "report.pdf",
            lang,
            history=history,
            user_note=note,
            overwrite=True,
        )
        return path.stat().st_size

    started = time.perf_counter()
    register_fonts()
    first_size = typical()
    first = time.perf_counter() - started

    bare_s, bare_size = _median(bare_page, args.runs)
    ja_s, ja_size = _median(typical, args.runs)
    en_s, en_size = _median(lambda: typical("en"), args.runs)
    print(f"bare QTextDocument page  median {bare_s * 1000:7.1f} ms  {bare_size / 1024:6.1f} KB")
    print(f"help-desk report (ja)    median {ja_s * 1000:7.1f} ms  {ja_size / 1024:6.1f} KB"
          f"  ratio {ja_s / bare_s:4.1f}x")  # fmt: skip
    print(f"help-desk report (en)    median {en_s * 1000:7.1f} ms  {en_size / 1024:6.1f} KB"
          f"  ratio {en_s / bare_s:4.1f}x")  # fmt: skip
    first_text = f"{first * 1000:.1f} ms, {first_size / 1024:.1f} KB"
    print(f"first report of a process (registers fonts): {first_text}")
    ok = max(ja_s, en_s) < 0.3 and max(ja_size, en_size) < 500_000
    print("targets (< 0.3 s, < 500 KB):", "met" if ok else "NOT met")
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
