"""The first pages of the help-desk PDF as HTML for QTextDocument: header, verdict, history, checks.

Built from the (already masked) report document, so the PDF shows exactly what the JSON file
holds. Order follows what a support person needs in thirty seconds: who and what, the most
likely cause and who can fix it, what was already tried, then every check.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from conndoctor import __version__
from conndoctor.core.engine.model import UNDETERMINED_KEY, Device
from conndoctor.core.knowledge import catalog
from conndoctor.core.knowledge.i18n import Lang, text
from conndoctor.core.knowledge.instructions import browser_name

INK = "#1a1a1a"
MUTED = "#5a5a5a"
RULE = "#9a9a9a"
SOFT = "#f2f2f2"
TECHNICAL_FAMILY = "BIZ UDGothic"
"""The bundled fixed-width face (fonts.technical_family()) for values compared letter by letter."""

MARKS: Mapping[str, tuple[str, str]] = {
    "ok": ("✓", "#1b6e2d"),
    "warn": ("!", "#8a5a00"),
    "fail": ("×", "#b3261e"),
    "skipped": ("–", "#5a5a5a"),
    "error": ("?", "#5a3d99"),
}
"""A glyph per status that reads in black and white (the bundled font has all five) and a colour."""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value)).replace("\n", "<br/>")


def status_mark(status: str, lang: Lang, *, word: bool = True) -> str:
    glyph, colour = MARKS.get(status, ("?", MUTED))
    label = f"&nbsp;{esc(text(f'status.{status}', lang))}" if word else ""
    return f'<span style="color:{colour}; font-weight:bold;">{glyph}{label}</span>'


def local_time(value: Any, *, with_zone: bool = True) -> str:
    """An ISO time as '2026-11-26 20:05 JST (UTC+09:00)': the reader must know which clock."""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    moment = moment.astimezone()
    shown = moment.strftime("%Y-%m-%d %H:%M")
    if not with_zone:
        return shown
    offset = moment.strftime("%z")
    zone = moment.tzname() or ""
    if zone == "UTC" and offset == "+0000":
        return f"{shown} UTC"
    offset_text = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return (
        f"{shown} {zone} ({offset_text})"
        if zone and not zone.startswith(("+", "-"))
        else f"{shown} ({offset_text})"
    )


def technical(value_html: str) -> str:
    return f"<span style=\"font-family:'{TECHNICAL_FAMILY}';\">{value_html}</span>"


def para(content_html: str, style: str = "", align: str = "") -> str:
    attribute = f' align="{align}"' if align else ""
    return f'<p{attribute} style="{style}">{content_html}</p>'


def muted(content_html: str, size: float | None = None) -> str:
    size_css = f" font-size:{size}pt;" if size else ""
    return f'<span style="color:{MUTED};{size_css}">{content_html}</span>'


def says(key: str, lang: Lang, **args: Any) -> str:
    """The message `key` in `lang`, escaped for HTML."""
    return esc(text(key, lang, **args))


def heading(title: str, size: float = 12.5) -> str:
    return para(
        esc(title), f"margin-top:14px; margin-bottom:4px; font-size:{size}pt; font-weight:bold;"
    )


def key_value_table(rows: Iterable[tuple[str, str]], *, key_width: int = 28) -> str:
    """Two columns, label and value; values are already HTML."""
    cells = "".join(
        f'<tr><td width="{key_width}%">{muted(esc(k))}</td><td>{v}</td></tr>' for k, v in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="2">{cells}</table>'


def grid(header_keys: Sequence[str], rows: Sequence[str], lang: Lang) -> str:
    """A ruled table with a shaded header row of message keys; rows are `<tr>` HTML."""
    head = "".join(
        f'<th align="left" style="background-color:{SOFT};">{says(k, lang)}</th>'
        for k in header_keys
    )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="3" border="1" '
        f'style="border-collapse:collapse; border-color:{RULE}; border-style:solid;">'
        f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


def _help_desk_line(doc: Mapping[str, Any], lang: Lang) -> str:
    organisation = doc.get("organisation") or {}
    desk = organisation.get("help_desk") or {}
    contact = [
        f"{says(f'report.{label}', lang)}: {esc(desk[key])}"
        for label, key in (("phone", "phone"), ("email", "email"), ("web", "url"))
        if desk.get(key)
    ]
    if not (organisation.get("name") or contact):
        return ""
    name = esc(organisation.get("name") or "")
    line = f"<b>{name}</b> {says('report.help_desk', lang)}: {'　'.join(contact)}"
    return para(line, "margin-top:10px;")


def _header(doc: Mapping[str, Any], lang: Lang) -> str:
    product = (
        f"{text('report.product', lang)} · {text('report.version', lang, version=__version__)}"
    )
    written = f"{says('report.written_at', lang)}: {esc(local_time(doc.get('written_at')))}"
    title = para(says("report.title", lang), "font-size:16pt; font-weight:bold;")
    reference = (
        para(says("report.reference", lang), "font-size:8.5pt;", "center")
        + para(esc(doc.get("reference")), "font-size:17pt; font-weight:bold;", "center")
        + para(muted(says("report.reference_hint", lang), 7.5), "", "center")
    )
    return (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f"<td>{para(muted(esc(product), 8.5))}{title}{para(muted(written))}</td>"
        f'<td width="34%" style="border:1px solid {INK}; padding:6px;">{reference}</td>'
        f"</tr></table>{_help_desk_line(doc, lang)}"
    )


def _situation(doc: Mapping[str, Any], lang: Lang) -> str:
    target = doc.get("target") or {}
    environment = doc.get("environment") or {}
    site = f"<b>{esc(target.get('display') or target.get('url'))}</b>" if target else ""
    rows = [(text("report.site", lang), site or says("report.no_site", lang))]
    if environment.get("seen"):
        rows.append((text("report.seen", lang), esc(environment["seen"])))
    device = environment.get("device")
    if device and device != Device.THIS_COMPUTER:
        rows.append((text("report.device", lang), says(f"report.device.{device}", lang)))
    if environment.get("browser"):
        name = browser_name(str(environment["browser"]), lang)
        rows.append((text("report.browser", lang), esc(name)))
    block = para("", "margin-top:8px;") + key_value_table(rows, key_width=22)
    note = (doc.get("user_note") or "").strip()
    if note:
        block += heading(text("report.user_note", lang), 10.5)
        block += (
            f'<table width="100%" cellspacing="0" cellpadding="6" style="background-color:{SOFT};">'
            f"<tr><td>{esc(note)}</td></tr></table>"
        )
    return block


def _cause_title(cause_id: str, lang: Lang) -> str:
    try:
        return catalog.cause(cause_id).title(lang)
    except (KeyError, OSError, ValueError):
        return cause_id


def _fixer(cause: Mapping[str, Any], lang: Lang) -> str:
    return says("fixer." + str(cause.get("fixer")), lang)


def _spaced(content_html: str) -> str:
    """List items of several lines need air between lines (Qt's default is tight for Japanese)."""
    return para(content_html, "line-height:130%; margin-top:0px; margin-bottom:3px;")


def _bold_line(content_html: str) -> str:
    return para(content_html, "margin-top:6px; font-weight:bold;")


def _verdict(doc: Mapping[str, Any], lang: Lang) -> str:
    causes = doc.get("causes") or []
    if not causes:
        undetermined = [
            str(c.get("title", c.get("id", "")))
            for c in doc.get("checks") or []
            if (c.get("details") or {}).get(UNDETERMINED_KEY)
        ]
        sentence = (
            says("cli.no_causes_undetermined", lang, check=undetermined[0])
            if undetermined
            else says("cli.no_causes", lang)
        )
        mark, colour = ("!", MARKS["warn"][1]) if undetermined else ("✓", MARKS["ok"][1])
        body = para(
            f"{mark} {says('report.verdict_none', lang)}",
            f"font-size:14pt; font-weight:bold; color:{colour};",
        ) + para(sentence)
        return _boxed(text("report.result", lang), body)
    first = causes[0]
    parts = [
        para(esc(first.get("title")), "font-size:15pt; font-weight:bold;"),
        para(
            f"{muted(says('report.fixer', lang))}: <b>{_fixer(first, lang)}</b>", "margin-top:2px;"
        ),
        para(esc(first.get("explanation")), "margin-top:6px;"),
    ]
    details = [d for d in first.get("details") or [] if d]
    if details:
        parts.append(_bold_line(says("report.found", lang)))
        parts.append("<ul>" + "".join(f"<li>{_spaced(esc(d))}</li>" for d in details) + "</ul>")
    fixes = first.get("fixes") or []
    if fixes:
        parts.append(_bold_line(says("report.fix_steps", lang)))
        parts.append("<ol>" + "".join(f"<li>{_spaced(esc(step))}</li>" for step in fixes) + "</ol>")
    explains = first.get("explains") or []
    if explains:
        names = ("、" if lang == "ja" else ", ").join(_cause_title(c, lang) for c in explains)
        parts.append(para(muted(says("report.explains", lang, causes=names))))
    block = _boxed(text("report.verdict", lang), "".join(parts))
    if len(causes) > 1:
        rows = "".join(
            f'<tr><td>{esc(c.get("title"))}</td><td width="36%">{muted(_fixer(c, lang))}</td></tr>'
            for c in causes[1:]
        )
        block += heading(text("report.other_causes", lang), 10.5)
        block += f'<table width="100%" cellspacing="0" cellpadding="2">{rows}</table>'
    return block


def _boxed(title: str, body: str) -> str:
    return (
        para(muted(esc(title), 9), "margin-top:14px; margin-bottom:3px;")
        + '<table width="100%" cellspacing="0" cellpadding="8" '
        f'style="border:1.5px solid {INK}; border-collapse:collapse;">'
        f"<tr><td>{body}</td></tr></table>"
    )


def _history(doc: Mapping[str, Any], lang: Lang) -> str:
    attempts = doc.get("history") or []
    block = heading(text("report.history", lang))
    if not attempts:
        return block + para(muted(says("report.history_none", lang)))
    rows = []
    for attempt in attempts:
        after = attempt.get("after")
        after_html = (
            status_mark(after, lang) if after else muted(says("report.history.not_rechecked", lang))
        )
        rows.append(
            f'<tr><td width="21%">{esc(local_time(attempt.get("at"), with_zone=False))}</td>'
            f"<td>{esc(attempt.get('action'))}</td>"
            f'<td width="14%">{status_mark(str(attempt.get("before")), lang)}</td>'
            f'<td width="14%">{after_html}</td></tr>'
        )
    keys = [f"report.history.{k}" for k in ("time", "action", "before", "after")]
    return block + grid(keys, rows, lang)


def _checks(doc: Mapping[str, Any], lang: Lang) -> str:
    checks = doc.get("checks") or []
    counts = {s: sum(1 for c in checks if c.get("status") == s) for s in ("ok", "warn", "fail")}
    other = len(checks) - sum(counts.values())
    block = heading(text("report.checks", lang))
    block += para(muted(says("report.checks_summary", lang, other=other, **counts)))
    if doc.get("cancelled"):
        block += para(f"<b>{says('report.cancelled', lang)}</b>")
    rows = []
    for check in checks:
        area = check.get("area")
        area_text = muted(says(f"area.{area}", lang), 7.5) if area else ""
        rows.append(
            f'<tr><td width="17%">{status_mark(str(check.get("status")), lang)}</td>'
            f'<td width="30%">{esc(check.get("title"))}<br/>{area_text}</td>'
            f"<td>{esc(check.get('summary'))}</td></tr>"
        )
    return block + grid([f"report.col.{k}" for k in ("status", "check", "summary")], rows, lang)


def main_pages(doc: Mapping[str, Any], lang: Lang) -> str:
    """Header, the person's situation and words, the verdict, history and all checks."""
    return (
        _header(doc, lang)
        + _situation(doc, lang)
        + _verdict(doc, lang)
        + _history(doc, lang)
        + _checks(doc, lang)
    )
