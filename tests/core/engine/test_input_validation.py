"""Ports, servers, URLs and settings files: each bad value is one clear message, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conndoctor.core.engine import config
from conndoctor.core.engine.target import (
    TargetError,
    ascii_port,
    check_web_url,
    parse_server,
    parse_target,
)
from conndoctor.core.knowledge.i18n import render

ODD_DIGITS = ["²", "①", "፩", "𐩀", "١٠", "४४३"]


def _both_languages(error: TargetError) -> None:
    english, japanese = render(error.message, "en"), render(error.message, "ja")
    assert error.message.key not in (english, japanese)
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in japanese)


@pytest.mark.parametrize("digits", ODD_DIGITS)
def test_ports_in_other_digits_are_refused_with_a_message(digits: str) -> None:
    assert ascii_port(digits) is None
    with pytest.raises(TargetError) as caught:
        parse_target(f"example.com:{digits}")
    assert caught.value.message.key == "target.bad_port"
    _both_languages(caught.value)
    with pytest.raises(TargetError):
        parse_server(f"ntp.example.com:{digits}", 123)
    with pytest.raises(TargetError):
        check_web_url(f"http://example.com:{digits}/")


def test_full_width_ports_from_a_japanese_ime_still_work() -> None:
    assert parse_target("example.com：８４４３").port == 8443


def test_odd_digits_after_a_colon_in_the_path_are_not_a_port() -> None:
    assert parse_target("https://example.com/a:b²").path == "/a:b2"
    assert parse_target("https://[::1]:8443/x").port == 8443


@pytest.mark.parametrize(
    ("typed", "host", "display"),
    [
        ("straße.de", "xn--strae-oqa.de", "straße.de"),
        ("foo_bar.example.com", "foo_bar.example.com", "foo_bar.example.com"),
        ("_dmarc.example.com", "_dmarc.example.com", "_dmarc.example.com"),
        ("ÖBB.at", "xn--bb-eka.at", "öbb.at"),
    ],
)
def test_host_names_as_browsers_convert_them(typed: str, host: str, display: str) -> None:
    target = parse_target(typed)
    assert (target.host, target.display_host) == (host, display)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("time.example.com", ("time.example.com", 123)),
        ("ntp:1123", ("ntp", 1123)),
        ("192.0.2.1:5", ("192.0.2.1", 5)),
        ("[2001:db8::1]:124", ("2001:db8::1", 124)),
        ("2001:db8::1", ("2001:db8::1", 123)),
    ],
)
def test_servers_are_parsed(text: str, expected: tuple[str, int]) -> None:
    assert parse_server(text, 123) == expected


@pytest.mark.parametrize(
    "text", ["", "ntp:", "ntp:0", "ntp:70000", "[::1", "[zz]:1", "a b", "1.2.3.4.5", "x\x00y"]
)
def test_bad_servers_are_one_message(text: str) -> None:
    with pytest.raises(TargetError) as caught:
        parse_server(text, 123)
    assert caught.value.message.key == "target.bad_server"
    _both_languages(caught.value)


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "http://[zz]/", "https://example.com:99999/", "ftp://example.com/", "http://"],
)
def test_bad_urls_are_one_message(url: str) -> None:
    with pytest.raises(TargetError) as caught:
        check_web_url(url)
    assert caught.value.message.key == "target.bad_url"
    _both_languages(caught.value)


def test_good_urls_pass() -> None:
    for url in ("http://[::1]:8080/generate_204", "https://connect.example.co.jp/x?y=1"):
        assert check_web_url(url) == url


def _load(text: str | bytes, tmp_path: Path) -> tuple[config.OrgConfig, list[str]]:
    path = tmp_path / "config.toml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    org, messages = config.load_config(path)
    for message in messages:
        assert render(message, "en") != message.key
        assert render(message, "ja") != message.key
    return org, [m.key for m in messages]


def test_a_device_is_refused_before_reading() -> None:
    org, messages = config.load_config("/dev/zero")
    assert [m.key for m in messages] == ["config.not_regular"]
    assert org == config.OrgConfig()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    _org, messages = config.load_config(tmp_path)
    assert [m.key for m in messages] == ["config.not_regular"]


def test_a_settings_file_over_one_megabyte_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    with path.open("wb") as stream:
        stream.truncate(config.MAX_SETTINGS_BYTES + 1)
    org, messages = config.load_config(path)
    assert [m.key for m in messages] == ["config.too_big"]
    assert org.sources == ()


@pytest.mark.parametrize(
    "nested", ["x = " + "[" * 5000 + "]" * 5000, "x = " + "{a=" * 5000 + "1" + "}" * 5000]
)
def test_deep_nesting_is_a_message_not_a_recursion_error(nested: str, tmp_path: Path) -> None:
    org, keys = _load("[organisation]\n" + nested + "\n", tmp_path)
    assert keys in (["config.too_deep"], ["config.bad_toml"])
    assert org == config.OrgConfig()


def test_bad_addresses_in_settings_are_named_and_dropped(tmp_path: Path) -> None:
    org, keys = _load(
        "[network]\n"
        'ntp_servers = ["ntp.example.jp", "ntp:①", "[::1"]\n'
        'connectivity_urls = ["http://[::1", "http://connect.example.jp/204"]\n'
        "[help_desk]\n"
        'url = "https://[zz]/"\n',
        tmp_path,
    )
    assert org.ntp_servers == ("ntp.example.jp",)
    assert org.connectivity_urls == ("http://connect.example.jp/204",)
    assert org.helpdesk_url == ""
    assert keys.count("config.bad_server") == 2
    assert keys.count("config.bad_url") == 2


def test_root_files_that_are_devices_or_too_big_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.pem"
    with big.open("wb") as stream:
        stream.truncate(config.MAX_ROOT_FILE_BYTES + 1)
    good = tmp_path / "good.pem"
    good.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    org, keys = _load(
        f'[trust]\norg_root_files = ["/dev/zero", "{big.name}", "{good.name}"]\n', tmp_path
    )
    assert org.org_root_files == (str(good),)
    assert sorted(keys) == ["config.not_regular_root", "config.too_big_root"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    _org, messages = config.load_config(pipe)
    assert [m.key for m in messages] == ["config.not_regular"]
