"""What the summary's buttons do with the report: preview, PDF, JSON, a short text to copy.

The report package (`conndoctor.report`) owns the document, the privacy masking and the file
formats; the wizard only passes the person's choices (their own words, personal details).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conndoctor.core.i18n import Lang, render, text
from conndoctor.core.model import Status
from conndoctor.core.report import Report
from conndoctor.ui.state import FixAttempt


class SaveError(Exception):
    """Saving failed; the message is for people."""


def report_history(attempts: Sequence[FixAttempt], lang: Lang) -> list[Any]:
    """The wizard's attempts in the report package's history format (one entry per check)."""
    try:
        from conndoctor.report.history import FixAttempt as ReportAttempt
    except ImportError:
        return [a.to_dict() for a in attempts]
    entries: list[Any] = []
    for attempt in attempts:
        action = attempt_action(attempt, lang)
        if not attempt.before:
            entries.append(ReportAttempt(attempt.area, action, Status.WARN, None, attempt.at))
        for check_id, before in attempt.before.items():
            after = attempt.after.get(check_id)
            entries.append(
                ReportAttempt(
                    check_id, action, Status(before), Status(after) if after else None, attempt.at
                )
            )
    return entries


def attempt_action(attempt: FixAttempt, lang: Lang) -> str:
    area = text(f"area.{attempt.area}", lang)
    if attempt.action == "clear_cache":
        done = "ブラウザーのキャッシュを削除" if lang == "ja" else "cleared the browser cache"
        return f"{area}: {done}" + (f" ({attempt.note})" if attempt.note else "")
    again = "確認をやり直し" if lang == "ja" else "checked again after a fix"
    return f"{area}: {again}"


def document(
    report: Report, lang: Lang, attempts: Sequence[FixAttempt], note: str, include_personal: bool
) -> dict[str, Any]:
    try:
        from conndoctor.report.document import report_document
    except ImportError:
        found = report.to_dict(lang)
        found["history"] = [a.to_dict() for a in attempts]
        found["user_note"] = note
        return found
    return report_document(
        report,
        lang,
        history=report_history(attempts, lang),
        user_note=note,
        include_personal=include_personal,
    )


def preview_html(
    report: Report, lang: Lang, attempts: Sequence[FixAttempt], note: str, include_personal: bool
) -> str:
    """Exactly what the saved report will say, as the PDF lays it out."""
    doc = document(report, lang, attempts, note, include_personal)
    try:
        from conndoctor.report.appendix import appendix
        from conndoctor.report.layout import main_pages

        return main_pages(doc, lang) + appendix(doc, lang)
    except ImportError:
        body = json.dumps(doc, ensure_ascii=False, indent=2)
        return "<pre>" + body.replace("&", "&amp;").replace("<", "&lt;") + "</pre>"


def _atomic_write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".conndoctor-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _reason(exc: OSError, lang: Lang) -> str:
    message = getattr(exc, "message", None)
    return render(message, lang) if message is not None else str(exc)


def save_json(
    report: Report,
    path: Path,
    lang: Lang,
    attempts: Sequence[FixAttempt],
    note: str,
    personal: bool,
) -> None:
    data = json.dumps(
        document(report, lang, attempts, note, personal), ensure_ascii=False, indent=2
    )
    try:
        try:
            from conndoctor.report.export import safe_write
        except ImportError:
            _atomic_write(path, data.encode("utf-8"))
        else:
            safe_write(path, data.encode("utf-8"), overwrite=True)
    except OSError as exc:
        raise SaveError(_reason(exc, lang)) from exc


def save_pdf(
    report: Report,
    path: Path,
    lang: Lang,
    attempts: Sequence[FixAttempt],
    note: str,
    personal: bool,
) -> None:
    try:
        from conndoctor.report.pdf import write_pdf
    except ImportError as exc:
        raise SaveError(text("cli.report_unavailable", lang)) from exc
    try:
        write_pdf(
            report,
            path,
            lang,
            history=report_history(attempts, lang),
            user_note=note,
            include_personal=personal,
            overwrite=True,  # the wizard has already asked the person
        )
    except OSError as exc:
        raise SaveError(_reason(exc, lang)) from exc


def short_summary(report: Report, lang: Lang, attempts: Sequence[FixAttempt]) -> str:
    """A few lines to paste into an e-mail or a chat with the help desk."""
    target = report.options.target
    lines = [f"Connection Doctor: {target.display if target else ''}"]
    if not report.causes:
        lines.append(text("cli.no_causes", lang))
    for number, cause in enumerate(report.causes[:3], 1):
        lines.append(f"{number}. {cause.title(lang)} ({text(f'fixer.{cause.fixer.value}', lang)})")
    bad = [r for r in report.results if r.status in (Status.FAIL, Status.WARN)]
    for found in bad:
        title = text(f"check.{found.check_id}.title", lang)
        lines.append(f"- {title}: {render(found.summary, lang)}")
    for attempt in attempts:
        lines.append(f"* {attempt_action(attempt, lang)}")
    return "\n".join(lines)
