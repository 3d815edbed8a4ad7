"""What the app does with a fault nobody foresaw: a plain message and details for the help desk.

A person who double-clicked the app must never see a traceback or a window that silently
vanishes; a help desk needs the traceback. So the details go to a file, the person gets one
sentence in their language (a dialog for the wizard, one line on the command line) and, in the
wizard, a button to save the details where they choose.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

EXIT_UNEXPECTED = 70
"""sysexits' EX_SOFTWARE: an internal error, apart from 1 (causes found) and 2 (bad input)."""

_FALLBACK = {
    "startup.failed_cli": (
        "conndoctor: something unexpected went wrong. Details for the help desk: {path}"
    ),
    "startup.failed_title": "Connection Doctor",
    "startup.failed_text": "Something unexpected went wrong and Connection Doctor has to stop.",
    "startup.failed_details": "Details for the help desk were saved to {path}.",
    "startup.save_details": "Save details for the help desk…",
    "startup.close": "Close",
}


def _text(key: str, lang: str, **args: str) -> str:
    """The sentence in the person's language; English built in if the messages cannot be read."""
    try:
        from conndoctor.core.knowledge.i18n import text

        found = text(key, "ja" if lang == "ja" else "en", **args)
        if found != key:
            return found
    except Exception:
        pass
    return _FALLBACK[key].format(**args)


def person_lang(argv: list[str]) -> str:
    """--lang from the arguments, else the system's language ('en' if that cannot be read)."""
    for index, value in enumerate(argv):
        if value == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if value.startswith("--lang="):
            return value.split("=", 1)[1]
    try:
        from conndoctor.core.knowledge.i18n import system_lang

        return system_lang()
    except Exception:
        return "en"


def details_folder() -> Path:
    """Where details are kept: the person's cache folder (the temporary folder if unwritable)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Logs"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "conndoctor"


def describe(error: BaseException, argv: list[str]) -> str:
    """The details a help desk needs: version, system, what was asked, the traceback."""
    try:
        from conndoctor import __version__ as version
    except Exception:
        version = "?"
    lines = [
        f"Connection Doctor {version}",
        f"time: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"system: {platform.platform()} ({platform.machine()})",
        f"python: {sys.version.split()[0]}, frozen: {bool(getattr(sys, 'frozen', False))}",
        f"arguments: {argv}",
        "",
        *traceback.format_exception(error),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def save_details(details: str) -> Path:
    """Write the details to a new file and return its path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (details_folder(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"conndoctor-error-{stamp}-{os.getpid()}.txt"
            path.write_text(details, encoding="utf-8")
            return path
        except OSError:
            continue
    raise OSError("no writable folder for the details")


def report_unexpected(error: BaseException, argv: list[str], *, windowed: bool) -> int:
    """Tell the person, keep the details; returns the exit status."""
    lang = person_lang(argv)
    details = describe(error, argv)
    try:
        where = str(save_details(details))
    except OSError:
        where = "-"
    if windowed and show_dialog(lang, details, where):
        return EXIT_UNEXPECTED
    with contextlib.suppress(OSError, ValueError, AttributeError):  # windowed: maybe no stderr
        print(_text("startup.failed_cli", lang, path=where), file=sys.stderr)
    return EXIT_UNEXPECTED


def show_dialog(lang: str, details: str, where: str) -> bool:
    """The friendly dialog with "Save details for the help desk"; False when Qt cannot show it."""
    try:
        from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
    except Exception:
        return False
    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_text("startup.failed_title", lang))
        box.setText(_text("startup.failed_text", lang))
        box.setInformativeText(_text("startup.failed_details", lang, path=where))
        save = box.addButton(_text("startup.save_details", lang), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_text("startup.close", lang), QMessageBox.ButtonRole.RejectRole)
        if os.environ.get("CONNDOCTOR_FAILURE_PROBE"):
            print(f"failure-dialog {box.text()} | {save.text()}", flush=True)
            return True
        box.exec()
        if box.clickedButton() is save:
            target, _ = QFileDialog.getSaveFileName(
                None, _text("startup.save_details", lang), str(Path.home() / Path(where).name)
            )
            if target:
                Path(target).write_text(details, encoding="utf-8")
        del app
        return True
    except Exception:
        return False
