"""The PDF's technical appendix: key facts, the certificate chain, every check's details, and
every server contacted.

The key facts and the chain are typed fields of the checks' records (`core.engine.facts`),
read back from the document's (masked) details by `facts_from_details`, so mypy holds every
field the appendix shows to a field a check fills in. A record that cannot be read (a
hand-edited file) just leaves its facts out, and every check's details are also printed in
full as flattened rows: nothing a check saw is lost, and no odd value can break the PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from conndoctor.core.engine.facts import (
    FACTS_OF_CHECK,
    CacheFacts,
    CertificateFacts,
    CheckFacts,
    ClockFacts,
    DiskFacts,
    DnsFacts,
    InventoryFacts,
    OsTlsFacts,
    ProxyFacts,
    TcpFacts,
    TlsFacts,
    facts_from_details,
)
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

CHAIN_CHECK = "tls.handshake"
"""Whose record holds the served chain (`TlsFacts.chain`, the leaf first)."""

F = TypeVar("F", bound=CheckFacts)


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


def facts_in(doc: Mapping[str, Any], kind: type[F]) -> F | None:
    """The record of kind `kind` in the document, or None when its check did not run, found
    nothing, or its details cannot be read as that record."""
    check_id = next(c for c, k in FACTS_OF_CHECK.items() if k is kind)
    details = (_checks_by_id(doc).get(check_id) or {}).get("details")
    if not isinstance(details, Mapping) or not details:
        return None
    try:
        return facts_from_details(kind, details)
    except ValueError:
        return None


def _offset(value: float) -> str:
    """Seconds (+: this computer is ahead), with days or hours when it is that much."""
    shown = f"{value:+.3f} s"
    if abs(value) >= 86400:
        return f"{shown} ({value / 86400:+.1f} d)"
    if abs(value) >= 3600:
        return f"{shown} ({value / 3600:+.1f} h)"
    return shown


def _ntp(clock: ClockFacts) -> str | None:
    """Each server's offset or error ("ntp.example.jp +0.120 s"), else the agreed offset."""
    answers = [
        f"{answer.get('server', '?')} "
        + (
            _offset(answer["offset_s"])
            if isinstance(answer.get("offset_s"), int | float)
            else plain(answer.get("error"))
        )
        for answer in clock.servers
    ]
    if answers:
        return ", ".join(answers)
    return _offset(clock.offset_s) if clock.offset_s is not None else None


def _addresses(doc: Mapping[str, Any]) -> str | None:
    dns = facts_in(doc, DnsFacts)
    if dns is not None and dns.addresses:
        return ", ".join(dns.addresses)
    tcp = facts_in(doc, TcpFacts)
    return tcp.address if tcp is not None and tcp.address else None


def key_fact_values(doc: Mapping[str, Any]) -> list[tuple[str, str | None]]:
    """(label, value shown) of each key fact; None where the run did not find it."""
    proxy = facts_in(doc, ProxyFacts)
    tls = facts_in(doc, TlsFacts)
    clock = facts_in(doc, ClockFacts)
    os_tls = facts_in(doc, OsTlsFacts)
    inventory = facts_in(doc, InventoryFacts)
    cache = facts_in(doc, CacheFacts)
    disk = facts_in(doc, DiskFacts)
    running_os = (doc.get("environment") or {}).get("os")
    return [
        ("addresses", _addresses(doc)),
        ("proxy", (plain(list(proxy.settings)) or "-") if proxy is not None else None),
        ("tls_version", tls.version if tls is not None else None),
        ("cipher", tls.cipher if tls is not None else None),
        ("ntp", _ntp(clock) if clock is not None else None),
        ("time_agreed", plain(list(clock.agreed)) if clock is not None else None),
        (
            "os",
            os_tls.os_name
            if os_tls is not None and os_tls.os_name
            else plain(running_os)
            if running_os
            else None,
        ),
        (
            "browsers",
            ", ".join(" ".join(filter(None, (b.name, b.version))) for b in inventory.browsers)
            if inventory is not None
            else None,
        ),
        ("caches", human_size(cache.total_bytes) if cache is not None else None),
        ("disk", human_size(disk.free_bytes) if disk is not None else None),
    ]


def _key_facts(doc: Mapping[str, Any], lang: Lang) -> str:
    target = doc.get("target") or {}
    environment = doc.get("environment") or {}
    rows: list[tuple[str, str]] = []
    if target:
        url = f"{target.get('url')} (port {target.get('port')})"
        rows.append((text("report.appendix.target", lang), technical(esc(url))))
    for label, shown in key_fact_values(doc):
        if shown not in (None, ""):
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


def _fingerprint(value: str) -> str:
    """SHA-256 as two lines of colon-separated hex, so it fits the column and reads aloud."""
    compact = value.replace(":", "").replace(" ", "").upper()
    if len(compact) != 64:
        return esc(value)
    pairs = [compact[i : i + 2] for i in range(0, 64, 2)]
    return technical(esc(":".join(pairs[:16])) + "<br/>" + esc(":".join(pairs[16:])))


def _certificate_rows(certificate: CertificateFacts, lang: Lang) -> str:
    valid = " – ".join(filter(None, (certificate.not_before, certificate.not_after)))
    key = " / ".join(filter(None, (certificate.key, certificate.signature_hash)))
    fields = [
        ("subject", esc(certificate.subject)),
        ("issuer", esc(certificate.issuer)),
        ("valid", esc(valid)),
        ("key", esc(key)),
        ("sha256", _fingerprint(certificate.sha256) if certificate.sha256 else ""),
    ]
    return "".join(
        f'<tr><td width="18%">{muted(esc(text(f"report.chain.{label}", lang)))}</td>'
        f"<td>{value}</td></tr>"
        for label, value in fields
        if value.strip(" –")
    )


def _chain(doc: Mapping[str, Any], lang: Lang) -> str:
    if CHAIN_CHECK not in _checks_by_id(doc):
        return ""
    tls = facts_in(doc, TlsFacts)
    block = heading(text("report.appendix.chain", lang), 10.5)
    if tls is None or not tls.chain:
        return block + para(muted(says("report.appendix.chain_none", lang)))
    rows = [
        f'<tr><td width="5%" style="background-color:{SOFT};"><b>{index}</b></td>'
        f'<td><table width="100%" cellspacing="0" cellpadding="1">'
        f"{_certificate_rows(certificate, lang)}</table></td></tr>"
        for index, certificate in enumerate(tls.chain, 1)
    ]
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
    tls = facts_in(doc, TlsFacts)
    chain_shown = tls is not None and bool(tls.chain)
    for check in doc.get("checks") or []:
        mark = status_mark(str(check.get("status")), lang, word=False)
        duration = check.get("duration_s")
        took = f" · {duration:.2f} s" if isinstance(duration, int | float) else ""
        where = muted(f"{esc(check.get('id'))}{took}", 7.5)
        block += para(f"{mark}&nbsp; <b>{esc(check.get('title'))}</b> {where}", "margin-top:7px;")
        details = check.get("details") or {}
        if check.get("id") == CHAIN_CHECK and chain_shown and isinstance(details, Mapping):
            details = {k: v for k, v in details.items() if k != "chain"}  # shown above
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
