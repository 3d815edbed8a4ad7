"""Named confidence levels: how sure a check is that a cause is behind the failure.

A finding's confidence ranks causes of equal catalog rank and is shown in the JSON report. The
levels are named so that two checks mean the same thing by "likely", and so that a change of
judgement is made in one place.
"""

from __future__ import annotations

from typing import Final

CERTAIN: Final = 0.95
"""Proven by an independent source (trusted network time, an exact certificate fact)."""
VERY_LIKELY: Final = 0.9
"""Seen directly by the check, with one known innocent explanation left."""
LIKELY: Final = 0.85
"""Seen directly, but the same symptom has other common causes."""
PROBABLE: Final = 0.8
"""Inferred from a strong sign rather than seen."""
PLAUSIBLE: Final = 0.7
"""Inferred from a sign that other causes also give."""
POSSIBLE: Final = 0.6
"""Consistent with what was seen; nothing more specific was found."""
UNSURE: Final = 0.5
"""As likely as not: only the person's description points to it."""
FAINT: Final = 0.2
"""A hint worth listing last (a large browser cache)."""

SEEN_MATCH_BONUS: Final = 0.05
"""Added when the error the person saw names the cause too."""

WEIGHT_OTHER_BROWSER: Final = 0.5
"""Factor for a finding about a browser the person did not name: it may not be the one failing."""
WEIGHT_UNCERTAIN_VERDICT: Final = 0.7
"""Factor for a system that may lack TLS 1.2 rather than one known to lack it."""
