"""Benchmarks time the program as people run it: installed, with its bytecode compiled.

pip compiles a wheel's modules when it installs them and PyInstaller bundles bytecode, but an
editable checkout under PYTHONDONTWRITEBYTECODE=1 (as on this machine) would compile every
module from source at each start, which no user's run does.

Nor does a user's Python start with an editable install's finder. The development
environment's `__editable__` path file imports `pathlib`, `re`, `urllib.parse` and
`importlib.util` in every process started there, 15 to 25 ms here: a bare handshake process
started there is that much slower than anywhere else, which flattered every ratio measured
against it (bench/RESULTS.md, 2026-12-03 evening). `plain_install` makes the environment
both sides of a comparison run in.
"""

from __future__ import annotations

import compileall
import site
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_like_an_install(checkout: Path = ROOT) -> None:
    for folder in (checkout / "app", checkout / "resources"):
        if not compileall.compile_dir(folder, quiet=1):
            raise SystemExit(f"could not compile the modules of {folder}")
    print(f"bytecode compiled for {checkout / 'app'} (as a wheel install does)")


CONSOLE_SCRIPT = """#!{python}
import re
import sys
from conndoctor.__main__ import run
if __name__ == "__main__":
    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
    sys.exit(run())
"""
"""The `conndoctor` command as pip writes it for `[project.scripts]`: how people start it."""


def plain_install(folder: Path, checkout: Path = ROOT) -> str:
    """The Python of a throw-away environment in `folder` where `checkout` is installed as a
    wheel installs it: the package (linked, not copied) in site-packages, beside it a path file
    naming this environment's dependencies, no editable finder, and the `conndoctor` command
    beside the Python (`command_of`). The Python's path is returned."""
    venv.EnvBuilder(symlinks=True, with_pip=False).create(folder)
    paths = {"base": str(folder), "platbase": str(folder)}
    packages = Path(sysconfig.get_path("purelib", "venv", vars=paths))
    (packages / "dependencies.pth").write_text(
        "".join(f"{p}\n" for p in site.getsitepackages()), encoding="utf-8"
    )
    package = packages / "conndoctor"
    package.mkdir()
    for entry in (checkout / "app" / "conndoctor").iterdir():
        (package / entry.name).symlink_to(entry)
    (package / "resources").symlink_to(checkout / "resources")
    python = Path(sysconfig.get_path("scripts", "venv", vars=paths)) / "python"
    command = Path(command_of(str(python)))
    command.write_text(CONSOLE_SCRIPT.format(python=python), encoding="utf-8")
    command.chmod(0o755)
    return str(python)


def command_of(python: str) -> str:
    """The `conndoctor` command installed beside `python`."""
    return str(Path(python).with_name("conndoctor"))
