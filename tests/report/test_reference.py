"""The reference code: short, unambiguous when read aloud, the same in the PDF and the JSON file."""

from __future__ import annotations

import datetime as dt
import re

from conndoctor.report.reference import ALPHABET, reference_code
from tests.report import samples


def test_format_and_alphabet() -> None:
    code = reference_code(samples.make_report("expired"))
    assert re.fullmatch(rf"CD-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", code), code
    assert not set("0O1I") & set(ALPHABET)
    assert len(set(ALPHABET)) == 32


def test_same_run_same_code_other_run_other_code() -> None:
    report = samples.make_report("expired")
    assert reference_code(report) == reference_code(samples.make_report("expired"))
    later = report._replace(
        outcome=report.outcome._replace(started_at=samples.STARTED + dt.timedelta(seconds=1)),
    )
    assert reference_code(later) != reference_code(report)
    assert reference_code(samples.make_report("healthy")) != reference_code(report)
