"""Qt translations of the wizard's own words: build the .qm files and install the right one.

The `.ts` files in resources/translations are the sources people edit (with Qt Linguist or
by hand); the `.qm` files are built from them by `python -m conndoctor.ui.translations build`
and never edited. When the resources folder is read-only (a system-wide install) the build
goes to the user's cache folder instead, and the wizard looks there too. If no `.qm` can be
found or built, the wizard still runs: its words then stay English, core messages do not.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import PySide6

LANGS = ("ja", "en")
BASENAME = "conndoctor"


def sources_dir() -> Path:
    """resources/translations, as a real folder (editable installs and wheels both unpack it)."""
    from conndoctor.core.knowledge.i18n import resource_path

    return Path(str(resource_path("translations")))


def cache_dir() -> Path:
    """Where .qm files go when the resources folder cannot be written."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "conndoctor" / "translations"


def ts_file(lang: str) -> Path:
    return sources_dir() / f"{BASENAME}_{lang}.ts"


def _candidates(lang: str) -> Iterator[Path]:
    name = f"{BASENAME}_{lang}.qm"
    yield sources_dir() / name
    yield cache_dir() / name


def find_lrelease() -> str | None:
    """PySide6's bundled lrelease, else one on PATH (pyside6-lrelease, Debian's qt6-l10n-tools)."""
    for name in ("lrelease", "lrelease.exe"):
        bundled = Path(PySide6.__file__).parent / name
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    for name in ("pyside6-lrelease", "lrelease", "lrelease-qt6"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _is_fresh(qm: Path, ts: Path) -> bool:
    return qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime


def build(lang: str, quiet: bool = True) -> Path | None:
    """Compile one .ts to .qm next to it, or in the cache folder; None if that is impossible."""
    ts = ts_file(lang)
    lrelease = find_lrelease()
    if not ts.is_file() or lrelease is None:
        return None
    import subprocess  # only when a .qm must be built: keeps start-up lean

    for qm in _candidates(lang):
        if _is_fresh(qm, ts):
            return qm
        try:
            qm.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(qm.parent, os.W_OK):
                continue
            done = subprocess.run(
                [lrelease, "-silent" if quiet else "-verbose", str(ts), "-qm", str(qm)],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0 and qm.is_file():
            return qm
    return None


def qm_file(lang: str, build_if_missing: bool = True) -> Path | None:
    """The compiled translation for `lang`: a fresh .qm if one exists, else one built now."""
    ts = ts_file(lang)
    for qm in _candidates(lang):
        if qm.is_file() and (not ts.is_file() or _is_fresh(qm, ts)):
            return qm
    built = build(lang) if build_if_missing else None
    if built is not None:
        return built
    return next((qm for qm in _candidates(lang) if qm.is_file()), None)


def update() -> int:
    """Re-extract the wizard's strings into the .ts files (new ones arrive marked unfinished)."""
    lupdate = find_lrelease()
    if lupdate is None:
        return 1
    tool = str(Path(lupdate).with_name(Path(lupdate).name.replace("lrelease", "lupdate")))
    ui_dir = Path(__file__).parent
    sources = [str(p) for p in sorted(ui_dir.glob("*.py"))]
    import subprocess

    status = 0
    for lang in LANGS:
        command = [tool, *sources, "-source-language", "en", "-target-language", lang]
        command += ["-locations", "none", "-no-obsolete", "-ts", str(ts_file(lang))]
        status |= subprocess.run(command, check=False).returncode
    return status


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["update"]:
        return update()
    if args[:1] != ["build"]:
        print("usage: python -m conndoctor.ui.translations build|update", file=sys.stderr)
        return 2

    status = 0
    for lang in LANGS:
        built = build(lang, quiet=False)
        print(f"{lang}: {built if built else 'FAILED (no lrelease or no .ts)'}")
        status |= built is None
    return status


if __name__ == "__main__":
    sys.exit(main())
