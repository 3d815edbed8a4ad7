"""The list of every check, in the order the wizard shows the areas."""

from __future__ import annotations

from conndoctor.core.checks import browser_checks, clock, network, site, system, tls
from conndoctor.core.engine.runner import Check


def all_checks() -> tuple[Check, ...]:
    return (
        *network.CHECKS,
        *clock.CHECKS,
        *system.CHECKS,
        *browser_checks.CHECKS,
        *tls.CHECKS,
        *site.CHECKS,
    )


def checks_for(area_or_ids: set[str]) -> tuple[Check, ...]:
    """The checks of some areas or ids: what 'Check again' re-runs after a fix."""
    return tuple(c for c in all_checks() if c.id in area_or_ids or c.area.value in area_or_ids)
