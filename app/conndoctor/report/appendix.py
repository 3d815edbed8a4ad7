"""The PDF's technical appendix: key facts, the certificate chain, every check's details, and
every server contacted.

The key facts and the chain are read from the detail keys the checks produce (`FACTS`,
`CHAIN_KEY`, `CHAIN_ENTRY_KEYS`; tests/report/test_appendix_keys.py holds them against real lab
runs). A fact a run did not produce is left out, and every check's details are also printed
in full as flattened rows: nothing a check saw is lost, and no missing key can break the PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from conndoctor.core.engine.units import human_size
from conndoctor.core.knowledge.i18n import Lang, text
from conndoctor.report.layout import (
    SOFT,
    esc,
    grid,
    heading,
    key_value_table,
    muted,
    para,
    says,
    status_mark,
    technical,
)

MAX_VALUE_CHARS = 240
MAX_ROWS_PER_CHECK = 40

CHAIN_CHECK, CHAIN_KEY = "tls.handshake", "chain"
"""Where the served chain is: a list of certificates, the leaf first."""
CHAIN_ENTRY_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("subject", ("subject",)),
    ("issuer", ("issuer",)),
    ("valid", ("not_before", "not_after")),
    ("key", ("key", "signature_hash")),
    ("sha256", ("sha256",)),
)
"""(row of the chain table, keys of one certificate in the chain it shows)."""
FACTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("addresses", (("network.dns", "addresses"), ("network.tcp", "address"))),
    ("proxy", (("network.proxy", "settings"),)),
    ("tls_version", (("tls.handshake", "version"),)),
    ("cipher", (("tls.handshake", "cipher"),)),
    ("ntp", (("clock.network_time", "servers"), ("clock.network_time", "offset_s"))),
    ("time_agreed", (("clock.network_time", "agreed"),)),
    ("os", (("system.os_tls", "os_name"),)),
    ("browsers", (("browsers.inventory", "browsers"),)),
    ("caches", (("browsers.cache", "total_bytes"),)),
    ("disk", (("system.disk", "free_bytes"),)),
)
"""(label, (check, detail key) to look in, in order) for the appendix's first table."""


def _short(value: str) -> str:
    return value if len(value) <= MAX_VALUE_CHARS else value[: MAX_VALUE_CHARS - 1] + "…"


def plain(value: Any) -> str:
    """A detail value as one readable line: lists joined, small mappings as key=value."""
    if isinstance(value, Mapping):
        return ", ".join(f"{k}={plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return "" if value is None else str(value)


def flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Nested details as (dotted key, text) rows; lists of mappings get [1], [2]..."""
    if isinstance(value, Mapping):
        rows: list[tuple[str, str]] = []
        for key, item in value.items():
            rows.extend(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return rows
    if isinstance(value, list | tuple) and any(isinstance(v, Mapping) for v in value):
        rows = []
        for index, item in enumerate(value, 1):
            rows.extend(flatten(item, f"{prefix}[{index}]"))
        return rows
    if value is None or value == "" or (isinstance(value, list | tuple | Mapping) and not value):
        return []
    return [(prefix or "-", _short(plain(value)))]


def _checks_by_id(doc: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(c.get("id")): c for c in doc.get("checks") or [] if isinstance(c, Mapping)}


def _first(checks: Mapping[str, Mapping[str, Any]], places: Sequence[tuple[str, str]]) -> Any:
    for check_id, key in places:
        details = (checks.get(check_id) or {}).get("details") or {}
        if isinstance(details, Mapping) and details.get(key) not in (None, ""):
            return details[key]
    return None


def _size(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return plain(value)
    return human_size(value)


def _server_offset(answer: Any) -> str:
    if not isinstance(answer, Mapping):
        return plain(answer)
    found = _offset(answer["offset_s"]) if "offset_s" in answer else plain(answer.get("error"))
    return f"{answer.get('server', '?')} {found}"


def _offset(value: Any) -> str:
    """Seconds (+: this computer is ahead), or per server: "ntp.example.jp +0.120 s"."""
    if isinstance(value, list):
        return ", ".join(_server_offset(s) for s in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return plain(value)
    text_value = f"{value:+.3f} s"
    if abs(value) >= 86400:
        return f"{text_value} ({value / 86400:+.1f} d)"
    if abs(value) >= 3600:
        return f"{text_value} ({value / 3600:+.1f} h)"
    return text_value


def _browsers(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(b, Mapping) for b in value):
        return ", ".join(
            " ".join(str(b[k]) for k in ("name", "version", "channel") if b.get(k)) or plain(b)
            for b in value
        )
    return plain(value)


def _caches(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_size(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_caches(v) if isinstance(v, Mapping) else plain(v) for v in value)
    return _size(value)


def _proxy(value: Any) -> str:
    return plain(value) if value not in ([], {}) else "-"


_FORMATS = {
    "ntp": _offset,
    "disk": _size,
    "caches": _caches,
    "browsers": _browsers,
    "proxy": _proxy,
}


def _key_facts(doc: Mapping[str, Any], lang: Lang) -> str:
    checks = _checks_by_id(doc)
    target = doc.get("target") or {}
    environment = doc.get("environment") or {}
    rows: list[tuple[str, str]] = []
    if target:
        url = f"{target.get('url')} (port {target.get('port')})"
        rows.append((text("report.appendix.target", lang), technical(esc(url))))
    for label, places in FACTS:
        found = _first(checks, places)
        if label == "os" and found is None:
            found = environment.get("os")
        if found is not None:
            shown = _FORMATS.get(label, plain)(found)
            rows.append((text(f"report.appendix.{label}", lang), technical(esc(_short(shown)))))
    program = environment.get("program") or {}
    name = f"{program.get('name', 'conndoctor')} {program.get('version', '')}"
    rows.append(
        (text("report.appendix.program", lang), esc(f"{name}, Python {environment.get('python')}"))
    )
    sources = (doc.get("organisation") or {}).get("sources") or []
    if sources:
        rows.append((text("report.appendix.config", lang), esc(", ".join(sources))))
    return heading(text("report.appendix.key_facts", lang), 10.5) + key_value_table(rows)


def _pick(entry: Mapping[str, Any], *keys: str) -> str:
    for key in keys:
        if entry.get(key) not in (None, ""):
            return plain(entry[key])
    return ""


def _fingerprint(value: str) -> str:
    """SHA-256 as two lines of colon-separated hex, so it fits the column and reads aloud."""
    compact = value.replace(":", "").replace(" ", "").upper()
    if len(compact) != 64:
        return esc(value)
    pairs = [compact[i : i + 2] for i in range(0, 64, 2)]
    return technical(esc(":".join(pairs[:16])) + "<br/>" + esc(":".join(pairs[16:])))


def _chain(doc: Mapping[str, Any], lang: Lang) -> str:
    checks = _checks_by_id(doc)
    if CHAIN_CHECK not in checks:
        return ""
    chain = _first(checks, ((CHAIN_CHECK, CHAIN_KEY),))
    block = heading(text("report.appendix.chain", lang), 10.5)
    if not isinstance(chain, list) or not chain:
        return block + para(muted(says("report.appendix.chain_none", lang)))
    rows = []
    for index, entry in enumerate(chain, 1):
        if not isinstance(entry, Mapping):
            rows.append(f"<tr><td>{index}</td><td>{esc(_short(plain(entry)))}</td></tr>")
            continue
        shown = {
            label: " – ".join(_pick(entry, k) for k in keys if _pick(entry, k))
            if label == "valid"
            else " / ".join(_pick(entry, k) for k in keys if _pick(entry, k))
            for label, keys in CHAIN_ENTRY_KEYS
        }
        fields = [
            (
                text(f"report.chain.{label}", lang),
                _fingerprint(value) if label == "sha256" else esc(value),
            )
            for label, value in shown.items()
        ]
        inner = "".join(
            f'<tr><td width="18%">{muted(esc(k))}</td><td>{v}</td></tr>'
            for k, v in fields
            if v.strip(" –")
        )
        rows.append(
            f'<tr><td width="5%" style="background-color:{SOFT};"><b>{index}</b></td>'
            f'<td><table width="100%" cellspacing="0" cellpadding="1">{inner}</table></td></tr>'
        )
    return block + _bordered("".join(rows))


def _bordered(rows: str) -> str:
    return grid([], [rows], "en").replace("<thead><tr></tr></thead>", "")


def _details_table(rows: list[tuple[str, str]]) -> str:
    shown = rows[:MAX_ROWS_PER_CHECK]
    if len(rows) > len(shown):
        shown.append(("…", f"+{len(rows) - len(shown)}"))
    cells = "".join(
        f'<tr><td width="30%">{muted(esc(k))}</td><td>{technical(esc(v))}</td></tr>'
        for k, v in shown
    )
    style = "font-size:7.5pt;"
    return f'<table width="100%" cellspacing="0" cellpadding="1" style="{style}">{cells}</table>'


def _check_details(doc: Mapping[str, Any], lang: Lang) -> str:
    block = heading(text("report.appendix.check_details", lang), 10.5)
    for check in doc.get("checks") or []:
        mark = status_mark(str(check.get("status")), lang, word=False)
        duration = check.get("duration_s")
        took = f" · {duration:.2f} s" if isinstance(duration, int | float) else ""
        where = muted(f"{esc(check.get('id'))}{took}", 7.5)
        block += para(f"{mark}&nbsp; <b>{esc(check.get('title'))}</b> {where}", "margin-top:7px;")
        details = check.get("details") or {}
        if check.get("id") == CHAIN_CHECK and isinstance(details, Mapping):
            details = {k: v for k, v in details.items() if k != CHAIN_KEY}  # shown above
        rows = flatten(details)
        block += (
            _details_table(rows)
            if rows
            else para(muted(says("report.appendix.no_details", lang), 8))
        )
    return block


def _contacted(doc: Mapping[str, Any], lang: Lang) -> str:
    contacts: Iterable[Mapping[str, Any]] = (doc.get("environment") or {}).get("contacted") or []
    block = heading(text("report.appendix.contacted", lang), 10.5)
    block += para(says("report.privacy.nothing_sent", lang))
    rows = [
        f"<tr><td>{technical(esc(c.get('host')))}</td><td width='12%'>{esc(c.get('port'))}</td>"
        f"<td width='30%'>{esc(c.get('purpose'))}</td></tr>"
        for c in contacts
    ]
    if not rows:
        return block + para(muted(says("report.appendix.contacted_none", lang)))
    keys = [f"report.appendix.{k}" for k in ("host", "port", "purpose")]
    return block + grid(keys, rows, lang)


def appendix(doc: Mapping[str, Any], lang: Lang) -> str:
    """The technical appendix, starting on a new page."""
    included = doc.get("personal_details") == "included"
    privacy = says("report.privacy.included" if included else "report.privacy.masked", lang)
    title = says("report.appendix", lang)
    return (
        para(title, "page-break-before:always; font-size:14pt; font-weight:bold;")
        + para(muted(privacy))
        + _key_facts(doc, lang)
        + _chain(doc, lang)
        + _contacted(doc, lang)
        + _check_details(doc, lang)
    )
