"""A short reference code a person can read out on the phone, e.g. CD-7K3F-Q9PA.

It is derived from the run (start time, target, results), so the PDF and the JSON file of one
run carry the same code, and the help desk can match a call to a file. The alphabet leaves out
0/O and 1/I, which sound and look alike.
"""

from __future__ import annotations

import hashlib
import json

from conndoctor.core.engine.run_report import Report

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""32 symbols: 5 bits each, no 0, O, 1 or I."""


def reference_code(report: Report) -> str:
    """CD- and eight symbols (40 bits) from a hash of what identifies this run."""
    target = report.options.target
    identity = {
        "started_at": report.outcome.started_at.isoformat(),
        "target": target.url if target else None,
        "results": [[r.check_id, r.status.value] for r in report.results],
        "causes": [c.id for c in report.causes],
    }
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode("utf-8")).digest()
    number = int.from_bytes(digest[:5], "big")
    symbols = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(8)))
    return f"CD-{symbols[:4]}-{symbols[4:]}"
