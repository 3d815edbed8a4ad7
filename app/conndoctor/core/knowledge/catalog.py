"""The cause catalog and the error-code map, read from resources/ (decisions are data).

Adding a cause or an error code means editing `resources/causes.json` or
`resources/error_codes.json`; nothing in the wizard or the command line changes. Cause ids are
a contract help desks script against: tests/data/stable_cause_ids.txt lists every id ever
published, and a test keeps each of them in the catalog.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, NamedTuple

from conndoctor.core.engine.model import Area, Fixer
from conndoctor.core.knowledge.i18n import Lang, load_json_resource, text


class _SafeArgs(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, args: dict[str, Any]) -> str:
    """Fill `{name}` placeholders that the evidence has; leave the others visible."""
    try:
        return template.format_map(_SafeArgs(args))
    except (ValueError, IndexError):
        return template


class CauseInfo(NamedTuple):
    id: str
    area: Area
    fixer: Fixer
    severity: str
    """'blocking' (the browser refuses) or 'warning' (may contribute)."""
    rank: int
    """Lower is more fundamental: it is fixed first and explains the ones after it."""
    texts: dict[str, Any]
    source: str

    def title(self, lang: Lang, args: dict[str, Any] | None = None) -> str:
        return fill(self.texts["title"][lang], args or {})

    def explanation(self, lang: Lang, args: dict[str, Any] | None = None) -> str:
        return fill(self.texts["explanation"][lang], args or {})

    def fixes(self, lang: Lang, args: dict[str, Any] | None = None) -> list[str]:
        return [fill(step, args or {}) for step in self.texts["fixes"][lang]]


class ErrorCode(NamedTuple):
    code: str
    browsers: tuple[str, ...]
    causes: tuple[str, ...]
    checks: tuple[str, ...]
    meaning: dict[str, str]
    patterns: tuple[str, ...]
    common: bool = False
    """Shown in the wizard's "what did the error page say?" list."""
    label: Mapping[str, str] = MappingProxyType({})
    source: str = ""


@cache
def causes() -> dict[str, CauseInfo]:
    data = load_json_resource("causes.json")
    found: dict[str, CauseInfo] = {}
    for entry in data["causes"]:
        found[entry["id"]] = CauseInfo(
            id=entry["id"],
            area=Area(entry["area"]),
            fixer=Fixer(entry["fixer"]),
            severity=entry["severity"],
            rank=int(entry["rank"]),
            texts={k: entry[k] for k in ("title", "explanation", "fixes")},
            source=entry.get("source", ""),
        )
    return found


def cause(cause_id: str) -> CauseInfo:
    return causes()[cause_id]


@cache
def error_codes() -> tuple[ErrorCode, ...]:
    data = load_json_resource("error_codes.json")
    return tuple(
        ErrorCode(
            code=entry["code"],
            browsers=tuple(entry["browsers"]),
            causes=tuple(entry["causes"]),
            checks=tuple(entry.get("checks", ())),
            meaning=entry["meaning"],
            patterns=tuple(entry.get("patterns", ())),
            common=bool(entry.get("common", False)),
            label=entry.get("label") or {},
            source=entry.get("source", ""),
        )
        for entry in data["codes"]
    )


def _fold(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).casefold()
    return re.sub(r"[\s:：「」\"'’‘.。、,]+", " ", value).strip()


def _code_key(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).upper().strip()
    value = value.removeprefix("NET::")
    return re.sub(r"[^A-Z0-9_]", "", value)


def match_error(seen: str) -> tuple[ErrorCode, ...]:
    """The catalog entries that what the person saw (a code, or pasted page text) points to."""
    if not seen or not seen.strip():
        return ()
    key = _code_key(seen)
    exact = [e for e in error_codes() if _code_key(e.code) == key]
    if exact:
        return tuple(exact)
    upper = unicodedata.normalize("NFKC", seen).upper()
    folded = _fold(seen)
    by_code: list[ErrorCode] = []
    by_pattern: list[ErrorCode] = []
    for entry in error_codes():
        token = re.escape(_code_key(entry.code))
        if re.search(rf"(?<![A-Z0-9_]){token}(?![A-Z0-9_])", upper):
            by_code.append(entry)
        elif any(_fold(p) and _fold(p) in folded for p in entry.patterns):
            by_pattern.append(entry)
    return tuple(by_code or by_pattern)


def pick_list() -> tuple[ErrorCode, ...]:
    """The common error pages, for the wizard's pick list."""
    return tuple(e for e in error_codes() if e.common)


def who_can_fix(fixer: Fixer, lang: Lang) -> str:
    """The wizard's "Who can fix it: ..." line, from the same `fixer.*` words as the PDF, the
    command line and the short summary, so the wording exists once."""
    fixer_words = text(f"fixer.{fixer}", lang)
    return text("fixer.who", lang, fixer=fixer_words)
