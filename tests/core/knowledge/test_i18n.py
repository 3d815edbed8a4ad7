"""Japanese and English are equal citizens: the same keys, the same placeholders, real text."""

from __future__ import annotations

import re
import string

from conndoctor.core.knowledge.i18n import (
    messages,
    normalize_lang,
    resource_path,
    system_lang,
    text,
)

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_file_exists_in_both_languages() -> None:
    english = sorted(e.name for e in resource_path("messages", "en").iterdir())
    japanese = sorted(e.name for e in resource_path("messages", "ja").iterdir())
    assert english == japanese


def test_same_keys_and_placeholders_in_both_languages() -> None:
    english, japanese = messages("en"), messages("ja")
    assert set(english) == set(japanese), set(english) ^ set(japanese)
    for key, template in english.items():
        assert template.strip(), key
        assert japanese[key].strip(), key
        assert _placeholders(template) == _placeholders(japanese[key]), key


def test_japanese_texts_are_japanese() -> None:
    japanese = messages("ja")
    not_japanese = [
        k for k, v in japanese.items() if not JAPANESE.search(v) and not k.startswith("check.")
    ]
    assert not not_japanese


def test_missing_keys_and_arguments_never_raise() -> None:
    assert text("no.such.key", "en") == "no.such.key"
    assert "{port}" in text("target.bad_port", "en") or text("target.bad_port", "en")


def test_language_choice(monkeypatch) -> None:
    assert normalize_lang("ja_JP.UTF-8") == "ja"
    assert normalize_lang("en-US") == "en"
    assert normalize_lang("fr_FR") is None
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert system_lang() == "ja"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert system_lang() == "en"


def test_japanese_wording_is_consistent() -> None:
    """One word for one thing: ブラウザ, コンピューター, Webサイト (not their variants)."""
    from conndoctor.core.knowledge import catalog

    texts = list(messages("ja").values())
    for info in catalog.causes().values():
        texts += [info.title("ja"), info.explanation("ja"), *info.fixes("ja")]
    for entry in catalog.error_codes():
        texts += [entry.meaning["ja"], entry.label.get("ja", "")]
    for variant in ("ブラウザー", "パソコン", "Web サイト"):
        assert not [t for t in texts if variant in t], variant
