"""Placeholder: filled in by the work on this area."""

from __future__ import annotations

from conndoctor.core.runner import Check

CHECKS: tuple[Check, ...] = ()
