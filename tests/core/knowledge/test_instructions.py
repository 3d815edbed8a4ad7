"""The per-browser instructions: complete in both languages, and every drawing matches its steps."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conndoctor.core.knowledge.i18n import LANGS, resource_path
from conndoctor.core.knowledge.instructions import (
    BROWSERS,
    DEVICE_BROWSERS,
    TOPICS,
    InstructionError,
    InstructionSet,
    browsers_for_device,
    illustration_path,
    load_instructions,
)

SVG_NS = "{http://www.w3.org/2000/svg}"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# The only words a drawing may contain: it serves both languages, the step text carries the words.
NEUTRAL_TEXT = {"about:config", "TLS 1.2", "security.tls.version.max", "✓"}
ALLOWED_ELEMENTS = {"svg", "g", "rect", "circle", "line", "polyline", "polygon", "path", "text"}
BROWSERS_WITHOUT_TLS_SETTING = ("chrome", "safari_mac", "safari_ios", "chrome_android")

ALL_SETS = [(b, t) for b in BROWSERS for t in TOPICS]


def illustration_files() -> list[str]:
    folder = resource_path("illustrations")
    return sorted(e.name for e in folder.iterdir() if e.name.endswith(".svg"))


def svg_root(name: str) -> ET.Element:
    return ET.fromstring(illustration_path(name).read_bytes())


def callout_numbers(name: str) -> list[int]:
    numbers = []
    for group in svg_root(name).iter(f"{SVG_NS}g"):
        if group.get("class") == "callout":
            label = group.find(f"{SVG_NS}text")
            assert label is not None and label.text is not None
            numbers.append(int(label.text))
    return numbers


@pytest.fixture(scope="module")
def every_set() -> list[InstructionSet]:
    return [load_instructions(b, t) for b, t in ALL_SETS]


def test_one_file_per_browser_and_nothing_else() -> None:
    folder = resource_path("instructions")
    names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".json"))
    assert names == sorted(f"{b}.json" for b in BROWSERS)
    for browser in BROWSERS:
        raw = json.loads(folder.joinpath(f"{browser}.json").read_text(encoding="utf-8"))
        assert raw["browser"] == browser
        assert set(raw["topics"]) == set(TOPICS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("browser", "topic"), ALL_SETS)
def test_every_text_present_in_both_languages(browser: str, topic: str, lang: str) -> None:
    found = load_instructions(browser, topic)
    texts = [found.name[lang], found.version_note[lang]]
    texts += [step.text[lang] for step in found.steps]
    if found.intro is not None:
        texts.append(found.intro[lang])
    assert found.steps
    for value in texts:
        assert value.strip()
        if lang == "ja":
            assert JAPANESE.search(value) or value == found.name[lang], value
        else:
            assert not JAPANESE.search(value), value
            assert re.search("[A-Za-z]", value), value


@pytest.mark.parametrize(("browser", "topic"), ALL_SETS)
def test_steps_are_numbered_and_drawings_show_their_numbers(browser: str, topic: str) -> None:
    found = load_instructions(browser, topic)
    assert [s.number for s in found.steps] == list(range(1, len(found.steps) + 1))
    assert found.images(), "every browser and topic has at least one drawing"
    for step in found.steps:
        if step.image is None:
            assert step.callouts == ()
            continue
        assert illustration_path(step.image).is_file(), step.image
        assert step.callouts == (step.number,)
    for image in found.images():
        drawn = callout_numbers(image)
        assert len(drawn) == len(set(drawn)), f"{image}: a number drawn twice"
        expected = sorted(n for s in found.steps_with_image(image) for n in s.callouts)
        assert sorted(drawn) == expected, f"{image} shows {drawn}, steps say {expected}"


def test_no_drawing_is_left_unused(every_set: list[InstructionSet]) -> None:
    used = {image for found in every_set for image in found.images()}
    assert set(illustration_files()) == used


@pytest.mark.parametrize("name", illustration_files())
def test_drawings_are_safe_self_contained_and_language_neutral(name: str) -> None:
    raw = illustration_path(name).read_text(encoding="utf-8")
    root = svg_root(name)
    assert root.tag == f"{SVG_NS}svg"
    box = [float(v) for v in (root.get("viewBox") or "").split()]
    assert len(box) == 4 and box[0] == box[1] == 0
    assert 400 <= box[2] <= 600 and 250 <= box[3] <= 400
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        assert tag in ALLOWED_ELEMENTS, f"{name}: <{tag}> (no script, image, style, links)"
        for attribute, value in element.attrib.items():
            assert not attribute.endswith("href"), f"{name}: external reference"
            assert not attribute.startswith("on"), f"{name}: event handler"
            assert "url(" not in value and "://" not in value, f"{name}: {attribute}={value}"
        if tag == "text":
            words = (element.text or "").strip()
            assert words.isdigit() or words in NEUTRAL_TEXT, f"{name}: words {words!r}"
            assert element.get("font-family") in ("sans-serif", "monospace")
    assert "<!DOCTYPE" not in raw and "<!ENTITY" not in raw


@pytest.mark.parametrize("name", illustration_files())
def test_callouts_are_blue_numbered_circles(name: str) -> None:
    groups = [g for g in svg_root(name).iter(f"{SVG_NS}g") if g.get("class") == "callout"]
    assert groups, f"{name} has no numbered call-out"
    for group in groups:
        circle = group.find(f"{SVG_NS}circle")
        assert circle is not None and circle.get("fill") == "#2563eb"


@pytest.mark.parametrize(
    ("browser", "scheme"),
    [("chrome", "chrome://"), ("edge", "edge://"), ("firefox", "about:")],
)
def test_browsers_that_can_open_their_clear_data_page_have_the_address(
    browser: str, scheme: str
) -> None:
    found = load_instructions(browser, "clear_cache")
    assert found.open_url and found.open_url.startswith(scheme)


@pytest.mark.parametrize("browser", ["ie", "edge", "firefox", "chrome"])
def test_clear_cache_names_the_keyboard_shortcut_for_the_same_dialog(browser: str) -> None:
    shortcut = load_instructions(browser, "clear_cache").shortcut
    assert shortcut is not None and shortcut["pc"] == "Ctrl+Shift+Delete"
    assert set(shortcut) <= {"pc", "mac"}


@pytest.mark.parametrize("browser", BROWSERS_WITHOUT_TLS_SETTING)
def test_tls_without_a_setting_points_to_updating(browser: str) -> None:
    tls = load_instructions(browser, "enable_tls12")
    update = load_instructions(browser, "update")
    assert tls.see_also == "update"
    assert tls.intro is not None and "TLS 1.2" in tls.intro["en"] and "TLS 1.2" in tls.intro["ja"]
    assert tls.steps == update.steps


@pytest.mark.parametrize(
    ("browser", "lang", "labels"),
    [
        # Menu names seen on Chromium 156 and Firefox ESR 153 in each language.
        (
            "chrome",
            "ja",
            ["「閲覧履歴データを削除…」", "「全期間」", "「キャッシュされた画像とファイル」"],
        ),
        ("chrome", "en", ["“Delete browsing data…”", "“All time”", "“Cached images and files”"]),
        (
            "firefox",
            "ja",
            [
                "「設定」",
                "「プライバシーとセキュリティ」",
                "「閲覧データを消去」",
                "「一時的にキャッシュされたファイルとページ」",
            ],
        ),
        (
            "firefox",
            "en",
            [
                "“Settings”",
                "“Privacy and security”",
                "“Clear browsing data”",
                "“Temporary cached files and pages”",
            ],
        ),
    ],
)
def test_clear_cache_uses_the_menu_names_the_browser_shows(
    browser: str, lang: str, labels: list[str]
) -> None:
    steps = " ".join(s.text[lang] for s in load_instructions(browser, "clear_cache").steps)
    for name in labels:
        assert name in steps


@pytest.mark.parametrize("browser", ["ie", "edge", "firefox", "chrome", "chrome_android"])
def test_clearing_the_cache_keeps_people_signed_in(browser: str) -> None:
    steps = load_instructions(browser, "clear_cache").steps
    assert any("Untick" in s.text["en"] and "Cookie" in s.text["en"] for s in steps)
    assert any(
        "チェックは外します" in s.text["ja"] and re.search("Cookie|クッキー", s.text["ja"])
        for s in steps
    )


def test_firefox_tls_setting_names_the_preference_and_safe_values() -> None:
    text = " ".join(s.text["en"] for s in load_instructions("firefox", "enable_tls12").steps)
    assert "security.tls.version.max" in text and "about:config" in text
    assert "4" in text and "3" in text


@pytest.mark.parametrize(("browser", "topic"), ALL_SETS)
def test_version_note_names_a_version(browser: str, topic: str) -> None:
    note = load_instructions(browser, topic).version_note
    for lang in LANGS:
        assert re.search(r"\d", note[lang]), note[lang]


def test_devices_offer_their_browsers() -> None:
    assert browsers_for_device("iphone") == ("safari_ios",)
    assert browsers_for_device("android") == ("chrome_android",)
    assert browsers_for_device("this_computer") == browsers_for_device("other_computer")
    offered = {b for device in DEVICE_BROWSERS for b in browsers_for_device(device)}
    assert offered == set(BROWSERS)


@pytest.mark.parametrize(
    "call",
    [
        lambda: load_instructions("opera", "update"),
        lambda: load_instructions("chrome", "reinstall"),
        lambda: browsers_for_device("toaster"),
        lambda: illustration_path("../instructions/chrome.json"),
        lambda: illustration_path("chrome_update_1.png"),
    ],
)
def test_unknown_names_raise_a_clear_error(call: object) -> None:
    with pytest.raises(InstructionError) as caught:
        call()  # type: ignore[operator]
    assert str(caught.value)


def test_unknown_browser_error_says_it_in_both_languages() -> None:
    with pytest.raises(InstructionError, match="opera") as caught:
        load_instructions("opera", "update")
    assert "Unknown browser" in str(caught.value) and "ブラウザー" in str(caught.value)


def test_illustration_path_is_a_readable_resource() -> None:
    path = illustration_path("chrome_clear_cache_1.svg")
    assert path.read_bytes().startswith(b"<svg")
    assert isinstance(Path(str(path)).name, str)


def test_browser_names_for_both_kinds_of_id() -> None:
    from conndoctor.core.knowledge.instructions import browser_name

    assert browser_name("safari_mac", "ja") == "Safari（Mac）"
    assert browser_name("safari_mac", "en") == "Safari (Mac)"
    assert browser_name("chromium", "en") == "Chromium"
    assert browser_name("unknown-browser", "en") == "unknown-browser"
