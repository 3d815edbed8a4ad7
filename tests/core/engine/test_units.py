"""One byte-size formatter, in SI units, for the wizard, the PDF and the check summaries."""

from __future__ import annotations

import pytest

from conndoctor.core.engine.units import human_size


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1.0 kB"),
        (1024, "1.0 kB"),
        (5_242_880, "5.2 MB"),
        (76_600_000_000, "76.6 GB"),
        (2 * 10**12, "2.0 TB"),
    ],
)
def test_si_units(size: int, shown: str) -> None:
    assert human_size(size) == shown


def test_the_pdf_shows_the_size_the_wizard_shows() -> None:
    from conndoctor.report.appendix import key_fact_values

    cache = 734_003_200  # 700 MiB: 734.0 MB in SI, 700.0 MB if divided by 1024
    details = {"profiles": [], "total_bytes": cache, "complete": True}
    document = {"checks": [{"id": "browsers.cache", "details": details}]}
    assert dict(key_fact_values(document))["caches"] == human_size(cache) == "734.0 MB"


def test_the_wizard_uses_the_same_formatter(qapp: object) -> None:
    from conndoctor.ui import browser_page

    assert browser_page.human_size is human_size
