"""The help-desk report as one JSON-like document; the PDF and the JSON file both present it.

It is `contract_document` (the `conndoctor.report/1` contract of `conndoctor check --json`)
plus what only a saved report has: the wizard's history of fixes tried, the person's own words,
the reference code, when it was written, the organisation's help desk, and whether personal
details were masked. The contract's one masking step runs once over the whole document, so
the PDF cannot show what the JSON hides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from conndoctor.core.engine.config import OrgConfig
from conndoctor.core.engine.run_report import Report
from conndoctor.core.engine.session import FixAttempt
from conndoctor.core.knowledge.i18n import Lang
from conndoctor.report.contract import contract_document, masked
from conndoctor.report.history import history_rows
from conndoctor.report.privacy import Identity
from conndoctor.report.reference import reference_code


def organisation_dict(org: OrgConfig | None) -> dict[str, Any] | None:
    """The organisation and its help desk, or None when nothing is configured."""
    if org is None or not (
        org.name or org.helpdesk_phone or org.helpdesk_email or org.helpdesk_url
    ):
        return None
    return {
        "name": org.name,
        "help_desk": {
            "phone": org.helpdesk_phone,
            "email": org.helpdesk_email,
            "url": org.helpdesk_url,
        },
        "sources": list(org.sources),
    }


def report_document(
    report: Report,
    lang: Lang,
    *,
    history: Sequence[FixAttempt] = (),
    user_note: str = "",
    include_personal: bool = False,
    org: OrgConfig | None = None,
    written_at: dt.datetime | None = None,
    identity: Identity | None = None,
) -> dict[str, Any]:
    """Everything the saved report says; masked unless the person chose to include personal data."""
    document = contract_document(report, lang, include_personal=True)
    document["reference"] = reference_code(report)
    document["written_at"] = (written_at or dt.datetime.now().astimezone()).isoformat()
    document["user_note"] = user_note.strip()
    document["history"] = history_rows(history, lang)
    document["organisation"] = organisation_dict(org)
    document["personal_details"] = "included" if include_personal else "masked"
    return document if include_personal else masked(document, report.options.target, identity)
