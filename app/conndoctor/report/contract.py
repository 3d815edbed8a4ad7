"""The `conndoctor.report/1` JSON contract: one function builds it from a run's records.

The command line's `--json`, the saved JSON file and the PDF's facts all start from
`contract_document`, and personal details are masked by `masked` alone, so the three cannot
drift apart. Help desks script against this document: keys are only ever added, never renamed
or removed. The shape is published as a JSON Schema in `docs/report.schema.json`.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from conndoctor import __version__
from conndoctor.core.engine.facts import facts_dict
from conndoctor.core.engine.model import CheckResult
from conndoctor.core.engine.run_report import Report
from conndoctor.core.engine.target import Target
from conndoctor.core.knowledge.i18n import Lang, render, text
from conndoctor.report.privacy import Identity, mask_document

SCHEMA = "conndoctor.report/1"


def _os_facts() -> dict[str, str]:
    """What platform.system/release/version/machine say, from os.uname where there is one
    (the platform module is slow to load; Windows has no uname)."""
    if hasattr(os, "uname"):
        facts = os.uname()
        return {
            "system": facts.sysname,
            "release": facts.release,
            "version": facts.version,
            "machine": facts.machine,
        }
    import platform

    return {
        "system": platform.system(),
        "release": platform.release(),
        "version": platform.version(),
        "machine": platform.machine(),
    }


def environment_dict(report: Report) -> dict[str, Any]:
    """The program, the system and what the run contacted."""
    options = report.options
    return {
        "program": {"name": "conndoctor", "version": __version__},
        "os": _os_facts(),
        "python": sys.version.split()[0],
        "timeout_s": options.timeout_s,
        "device": options.device,
        "browser": options.browser,
        "seen": options.seen,
        "contacted": [
            {"host": c.host, "port": c.port, "purpose": c.purpose} for c in report.outcome.contacts
        ],
    }


def check_dict(report: Report, check_result: CheckResult, lang: Lang) -> dict[str, Any]:
    """One check's result in the person's language, with its text key for scripts."""
    area = next((c.area.value for c in report.checks if c.id == check_result.check_id), None)
    return {
        "id": check_result.check_id,
        "area": area,
        "title": text(f"check.{check_result.check_id}.title", lang),
        "status": check_result.status.value,
        "summary": render(check_result.summary, lang),
        "summary_key": check_result.summary.key,
        "details": facts_dict(check_result.facts),
        "findings": [f.cause for f in check_result.findings],
        "duration_s": check_result.duration_s,
    }


def unmasked_hosts(target: Target | None) -> frozenset[str]:
    """Addresses masking must leave: the site the person asked about is not personal, even at a
    private address (an intranet server), in either spelling the report uses for it."""
    if target is None or not target.is_ip:
        return frozenset()
    return frozenset({target.host, target.display_host})


def masked(
    document: dict[str, Any], target: Target | None, identity: Identity | None = None
) -> dict[str, Any]:
    """The one masking step: the document without this computer's personal details."""
    return dict(mask_document(document, identity, unmasked_hosts(target)))


def contract_document(
    report: Report,
    lang: Lang,
    *,
    include_personal: bool = False,
    identity: Identity | None = None,
) -> dict[str, Any]:
    """`conndoctor check --json`: the run's records as the `conndoctor.report/1` document,
    masked unless the person chose to include personal details."""
    target = report.options.target
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "lang": lang,
        "target": target.to_dict() if target else None,
        "checks": [check_dict(report, r, lang) for r in report.outcome.results],
        "causes": [c.to_dict(lang) for c in report.causes],
        "environment": environment_dict(report),
        "started_at": report.outcome.started_at.isoformat(),
        "duration_s": report.outcome.duration_s,
        "cancelled": report.outcome.cancelled,
    }
    return document if include_personal else masked(document, target, identity)
