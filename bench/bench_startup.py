"""Start-up time: process start to the first wizard page shown, against a minimal PySide6 window.

Both are measured in fresh processes in the same run (median of several), offscreen unless a
display is set, where the checkout is installed as a wheel would be (`installed.plain_install`).
Targets: the wizard within 1 s and within 1.5x the minimal window.

    .venv/bin/python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.installed import compile_like_an_install, plain_install

MINIMAL = """
import time, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget, QVBoxLayout
app = QApplication(sys.argv)
window = QWidget(); QVBoxLayout(window).addWidget(QLabel("Hello")); window.resize(900, 640)
window.show()
def shown():
    print(f"first-page-shown {time.perf_counter():.6f}", flush=True); app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

WIZARD = """
import sys
from conndoctor.ui.app import run_wizard
sys.exit(run_wizard())
"""


def one_run(python: str, code: str, env: dict[str, str]) -> float:
    """Wall time from spawning the process to its 'first-page-shown' line."""
    start = time.perf_counter()
    process = subprocess.Popen([python, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("first-page-shown"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError("the window never reported being shown")
    process.wait(timeout=30)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    compile_like_an_install()
    env = dict(os.environ, CONNDOCTOR_STARTUP_PROBE="1")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("XDG_CONFIG_HOME", "/tmp/conndoctor-bench-config")
    with tempfile.TemporaryDirectory() as folder:
        python = plain_install(Path(folder) / "installed")
        one_run(python, MINIMAL, env)  # warm the file cache once for both
        one_run(python, WIZARD, env)
        minimal, wizard = [], []
        for _ in range(args.runs):
            minimal.append(one_run(python, MINIMAL, env))
            wizard.append(one_run(python, WIZARD, env))
    m, w = statistics.median(minimal), statistics.median(wizard)
    print(f"minimal PySide6 window: median {m * 1000:.0f} ms over {args.runs} runs")
    print(f"wizard first page:      median {w * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio: {w / m:.2f}x (target <= 1.5x), absolute target <= 1000 ms")
    ok = w <= 1.0 and w / m <= 1.5
    print("OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
