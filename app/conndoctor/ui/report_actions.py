"""What the summary's buttons do with the report: preview, PDF, JSON, a short text to copy.

The report package (`conndoctor.report`) owns the document, the privacy masking, the file
formats and the wording of the session's history; the wizard only passes the person's choices
(their own words, personal details).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from conndoctor.core.engine.config import OrgConfig
from conndoctor.core.engine.model import Status
from conndoctor.core.engine.run_report import Report
from conndoctor.core.engine.session import FixAttempt
from conndoctor.core.knowledge.i18n import Lang, render, text
from conndoctor.report import export, pdf
from conndoctor.report.export import ReportWriteError
from conndoctor.report.history import attempt_words
from conndoctor.report.reference import reference_code


class SaveError(Exception):
    """Saving failed; the message is for people."""


def preview_html(
    report: Report, lang: Lang, attempts: Sequence[FixAttempt], note: str, include_personal: bool
) -> str:
    """Exactly what the saved report will say, as the PDF lays it out."""
    return pdf.preview_html(
        report,
        lang,
        history=attempts,
        user_note=note,
        include_personal=include_personal,
    )


def _reason(exc: OSError, lang: Lang) -> str:
    return render(exc.message, lang) if isinstance(exc, ReportWriteError) else str(exc)


def save(
    kind: str,
    report: Report,
    path: Path,
    lang: Lang,
    attempts: Sequence[FixAttempt],
    note: str,
    personal: bool,
    org: OrgConfig | None = None,
) -> None:
    """Save the report as 'pdf' or 'json'; SaveError carries the reason in the person's words."""
    write = pdf.write_pdf if kind == "pdf" else export.write_json
    try:
        write(
            report,
            path,
            lang,
            history=attempts,
            user_note=note,
            include_personal=personal,
            org=org,
            overwrite=True,  # the wizard has already asked the person
        )
    except OSError as exc:
        raise SaveError(_reason(exc, lang)) from exc


def short_summary(report: Report, lang: Lang, attempts: Sequence[FixAttempt]) -> str:
    """A few lines to paste into an e-mail or a chat with the help desk."""
    target = report.options.target
    address = target.display if target else ""
    lines = [text("summary.heading", lang, reference=reference_code(report), address=address)]
    if not report.causes:
        lines.append(
            report.no_causes_sentence(lang)
            if report.undetermined
            else text("summary.no_cause", lang)
        )
    for number, cause in enumerate(report.causes[:3], 1):
        lines.append(f"{number}. {cause.title(lang)} ({text(f'fixer.{cause.fixer.value}', lang)})")
    bad = [r for r in report.results if r.status in (Status.FAIL, Status.WARN)]
    for found in bad:
        title = text(f"check.{found.check_id}.title", lang)
        lines.append(f"- {title}: {render(found.summary, lang)}")
    for attempt in attempts:
        lines.append(f"* {attempt_words(attempt, lang)}")
    return "\n".join(lines)
