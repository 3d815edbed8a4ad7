"""The wizard's Qt translations: complete in both languages, built by the project, loaded
gracefully."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conndoctor.ui import translations


def _messages(lang: str) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(translations.ts_file(lang)).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


@pytest.mark.parametrize("lang", translations.LANGS)
def test_every_string_is_translated(lang: str) -> None:
    messages = _messages(lang)
    assert len(messages) > 100
    for context, source, message in messages:
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), (
            context,
            source,
        )
        assert (translation.text or "").strip(), (context, source)
        assert (translation.text or "").count("%1") == source.count("%1"), (context, source)


def test_both_languages_have_the_same_strings() -> None:
    ja = {(c, s) for c, s, _ in _messages("ja")}
    en = {(c, s) for c, s, _ in _messages("en")}
    assert ja == en


def test_japanese_is_really_japanese() -> None:
    japanese = [m.findtext("translation") or "" for _, _, m in _messages("ja")]
    kana = [t for t in japanese if any("\u3040" <= ch <= "\u30ff" for ch in t)]
    assert len(kana) > 0.8 * len(japanese)


def test_build_writes_qm_next_to_ts_or_in_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert translations.find_lrelease() is not None
    source = tmp_path / "src"
    source.mkdir()
    (source / "conndoctor_ja.ts").write_bytes(translations.ts_file("ja").read_bytes())
    monkeypatch.setattr(translations, "sources_dir", lambda: source)
    monkeypatch.setattr(translations, "cache_dir", lambda: tmp_path / "cache")
    built = translations.build("ja")
    assert built == source / "conndoctor_ja.qm" and built.stat().st_size > 1000
    built.unlink()
    source.chmod(0o555)
    try:
        if not (source / "probe").parent.is_dir() or __import__("os").access(source, 2):
            pytest.skip("running as a user who can write read-only folders (root)")
        assert translations.build("ja") == tmp_path / "cache" / "conndoctor_ja.qm"
    finally:
        source.chmod(0o755)


def test_missing_translations_fall_back_to_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_wizard: object
) -> None:
    monkeypatch.setattr(translations, "sources_dir", lambda: tmp_path)
    monkeypatch.setattr(translations, "cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(translations, "find_lrelease", lambda: None)
    assert translations.qm_file("ja") is None
    wizard = make_wizard("ja")  # type: ignore[operator]
    assert wizard.welcome.heading.text() == "Let's find out why the site does not open"
