"""Which connectivity-check URLs a run asks, and the answer that means 'online' for each.

Apart from `connectivity.py` so that the command line can ask them before the checks load
(`core/engine/early.py`).
"""

from __future__ import annotations

from typing import NamedTuple

from conndoctor.core.knowledge.i18n import load_json_resource


class Probe(NamedTuple):
    """A connectivity-check URL and the answer that means 'online'."""

    url: str
    body_equals: str | None = None
    body_contains: str | None = None
    source: str = ""


def default_probes() -> tuple[Probe, ...]:
    entries = load_json_resource("connectivity.json")["urls"]
    return tuple(
        Probe(
            e["url"], e["expect"].get("body_equals"), e["expect"].get("body_contains"), e["source"]
        )
        for e in entries
    )


def probe_list(connectivity_urls: tuple[str, ...]) -> tuple[Probe, ...]:
    """The URLs given (--connectivity-url or the organisation's; judged by Chromium's rules
    where they are not known ones), else the defaults."""
    known = {p.url: p for p in default_probes()}
    if connectivity_urls:
        return tuple(known.get(u, Probe(u)) for u in connectivity_urls)
    return tuple(known.values())
