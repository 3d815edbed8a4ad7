"""Benchmarks time the program as people run it: installed, with its bytecode compiled.

pip compiles a wheel's modules when it installs them and PyInstaller bundles bytecode, but an
editable checkout under PYTHONDONTWRITEBYTECODE=1 (as on this machine) would compile every
module from source at each start, which no user's run does.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_like_an_install() -> None:
    if not compileall.compile_dir(ROOT / "app", quiet=1):
        raise SystemExit("could not compile the package's modules")
    print("bytecode compiled for app/ (as a wheel install does)")
