"""Saving reports: never a half-written file, never an overwritten one the person did not agree to.

Every file is written to a temporary file in the target folder and renamed into place, so a
full disk or a crash leaves either the old state or the complete file. The command line refuses
to overwrite; the wizard asks the person and then passes overwrite=True. Nothing here prints:
failures are `ReportWriteError`s that the command line or the wizard shows to the person.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conndoctor.core.engine.config import OrgConfig
from conndoctor.core.engine.model import Message
from conndoctor.core.engine.run_report import Report
from conndoctor.core.engine.session import FixAttempt
from conndoctor.core.knowledge.i18n import Lang, render
from conndoctor.report.document import report_document


class ReportWriteError(OSError):
    """A report could not be saved; `message` says why and what to do, in either language."""

    def __init__(self, message: Message, lang: Lang = "en") -> None:
        super().__init__(message.key)
        self.message = message
        self.lang: Lang = lang

    def __str__(self) -> str:
        return render(self.message, self.lang)


def _error_for(path: Path, exc: OSError) -> ReportWriteError:
    folder = str(path.parent)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ReportWriteError(Message("report.write.full", {"path": str(path)}))
    if exc.errno == errno.ENOENT:
        return ReportWriteError(Message("report.write.no_folder", {"folder": folder}))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReportWriteError(Message("report.write.denied", {"folder": folder}))
    if exc.errno == errno.EISDIR or path.is_dir():
        return ReportWriteError(Message("report.write.is_folder", {"path": str(path)}))
    return ReportWriteError(
        Message("report.write.failed", {"path": str(path), "error": exc.strerror or str(exc)})
    )


def _umask() -> int:
    """The process umask without changing it (os.umask would, for a moment, in every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _mode_for(target: Path) -> int:
    """A replaced file keeps its mode; a new one gets the usual rw-r--r-- (less the umask),
    not the private mode of temporary files."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def safe_write(path: str | os.PathLike[str], data: bytes, *, overwrite: bool) -> Path:
    """Write `data` to `path` through a temporary file and a rename; ReportWriteError on failure."""
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise ReportWriteError(Message("report.write.is_folder", {"path": str(target)}))
    if target.exists() and not overwrite:
        raise ReportWriteError(Message("report.write.exists", {"path": str(target)}))
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
        os.chmod(temporary, _mode_for(target))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if not overwrite and target.exists():
            raise ReportWriteError(Message("report.write.exists", {"path": str(target)}))
        os.replace(temporary, target)
        temporary = None
    except ReportWriteError:
        raise
    except OSError as exc:
        raise _error_for(target, exc) from exc
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return target


def json_bytes(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_json(
    report: Report,
    path: str | os.PathLike[str],
    lang: Lang,
    *,
    history: Sequence[FixAttempt] = (),
    user_note: str = "",
    include_personal: bool = False,
    org: OrgConfig | None = None,
    overwrite: bool = False,
) -> Path:
    """The JSON report file: `conndoctor check --json` plus history, note and reference, masked."""
    document = report_document(
        report,
        lang,
        history=history,
        user_note=user_note,
        include_personal=include_personal,
        org=org,
    )
    return safe_write(path, json_bytes(document), overwrite=overwrite)


def prefer_offscreen_qt() -> None:
    """Without a display (a help desk over SSH), Qt's default platform would abort; use offscreen.

    Only on Linux and other X11/Wayland systems, and only when nobody chose a platform.
    """
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
