"""Every sentence key the program (and the report samples) uses exists in both languages."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from conndoctor.core.knowledge.i18n import messages

ROOT = Path(__file__).resolve().parents[3]
KEY_USES = (
    re.compile(r'Message\(\s*"([a-z0-9_.]+)"'),
    re.compile(r'result\(\s*[\w."]+,\s*Status\.[A-Z]+,\s*"([a-z0-9_.]+)"', re.S),
    re.compile(r'\btext\(\s*"([a-z0-9_.]+)"'),
)


def _keys_used(folder: Path) -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for path in [folder] if folder.is_file() else folder.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for pattern in KEY_USES:
            for key in pattern.findall(source):
                if key != "x" and "." in key:
                    used.setdefault(key, set()).add(str(path.relative_to(ROOT)))
    return used


@pytest.mark.parametrize("folder", ["app/conndoctor", "tests/report/samples.py"])
def test_used_keys_exist_in_both_languages(folder: str) -> None:
    used = _keys_used(ROOT / folder)
    assert len(used) > 10
    for lang in ("en", "ja"):
        known = messages(lang)  # type: ignore[arg-type]
        missing = {k: sorted(v) for k, v in used.items() if k not in known}
        assert not missing, (lang, missing)


def test_the_scan_sees_keys() -> None:
    used = _keys_used(ROOT / "app/conndoctor/core")
    for area in ("network.", "clock.", "system.", "browsers.", "tls.", "site."):
        assert any(k.startswith(area) for k in used), area


def test_placeholders_are_filled_by_the_checks_that_use_them() -> None:
    """A literal `result(..., "key", name=...)` passes every placeholder its sentence needs."""
    english = messages("en")
    call = re.compile(
        r'result\(\s*[\w."]+,\s*Status\.[A-Z]+,\s*"([a-z0-9_.]+)"((?:[^()]|\([^()]*\))*)\)', re.S
    )
    problems = []
    for path in (ROOT / "app/conndoctor/core").rglob("*.py"):
        for key, rest in call.findall(path.read_text(encoding="utf-8")):
            if key not in english or "**" in rest:
                continue
            needed = {n for _, n, _, _ in string.Formatter().parse(english[key]) if n}
            given = set(re.findall(r"\b(\w+)=", rest)) - {"details", "findings"}
            if needed - given:
                problems.append((path.name, key, sorted(needed - given)))
    assert not problems
