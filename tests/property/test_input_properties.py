"""Whatever a person types, pastes or configures: parsed, or one clear message. Never a crash."""

from __future__ import annotations

import argparse
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conndoctor.cli import UsageError, _parser, options_from_args
from conndoctor.core.engine import config
from conndoctor.core.engine.context import Options
from conndoctor.core.engine.target import TargetError, check_web_url, parse_server, parse_target
from conndoctor.core.knowledge.i18n import render

ANY_TEXT = st.text(max_size=300) | st.text(
    alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000
)
URLISH = st.builds(
    lambda scheme, host, port, rest: f"{scheme}{host}{port}{rest}",
    st.sampled_from(["", "http://", "https://", "ftp://", "//", "HTTPS://"]),
    st.text(alphabet=string.ascii_letters + string.digits + ".-_[]:%@①²፩ß例。", max_size=40),
    st.sampled_from(["", ":", ":443", ":99999", ":０", ":①", ":𐩀", ":-1"]),
    st.text(max_size=20),
)
INPUT = ANY_TEXT | URLISH


def _readable(error: TargetError) -> None:
    assert render(error.message, "en") != error.message.key
    assert render(error.message, "ja") != error.message.key


@given(INPUT)
def test_target_parsing_gives_a_target_or_a_message(text: str) -> None:
    try:
        target = parse_target(text)
    except TargetError as error:
        _readable(error)
        return
    assert target.host.isascii()
    assert 1 <= target.port <= 65535
    assert parse_target(target.url) == target


@given(INPUT)
def test_servers_and_urls_give_a_value_or_a_message(text: str) -> None:
    for parse in (lambda t: parse_server(t, 123), check_web_url):
        try:
            parse(text)
        except TargetError as error:
            _readable(error)


OPTIONS = [
    "--timeout",
    "--ntp-server",
    "--dns-server",
    "--connectivity-url",
    "--resolve",
    "--now",
    "--seen",
    "--device",
    "--os-version",
    "--browser",
    "--skip",
    "--home",
    "--public-ca-file",
    "--system-ca-file",
    "--org-ca-file",
    "--lang",
]


def _options(argv: list[str]) -> Options | None:
    """The CLI's own parsing and validation; None when it refused with a UsageError."""
    try:
        args: argparse.Namespace = _parser("ja").parse_args(argv)
        return options_from_args(args, "ja")
    except UsageError as error:
        assert str(error).strip() and "\n" not in str(error).strip()
        return None


@given(st.sampled_from(OPTIONS), INPUT, URLISH)
def test_every_option_is_parsed_or_refused_with_one_line(option: str, value: str, target: str):
    _options(["check", target or "example.com", f"{option}={value}"])


@given(st.lists(st.tuples(st.sampled_from(OPTIONS), st.text(max_size=40)), max_size=5))
def test_option_combinations_are_parsed_or_refused(pairs: list[tuple[str, str]]) -> None:
    _options(["check", "example.com", *(f"{o}={v}" for o, v in pairs)])


TOML_PIECES = st.sampled_from(
    [
        "[organisation]\n",
        "[network]\n",
        "[help_desk]\n",
        "[trust]\n",
        "[checks]\n",
        "[[network]]\n",
        'name = "x"\n',
        "url = 'http://[::1'\n",
        'ntp_servers = ["ntp:①", "[::1", "time.example.jp"]\n',
        'connectivity_urls = ["http://[zz]/", 1, "https://x.example/"]\n',
        'org_root_files = ["/dev/zero", "../../etc/passwd", "x\\u0000y"]\n',
        "skip = [[[[1]]]]\n",
        "phone = 1979-05-27T07:32:00Z\n",
        "x = " + "[" * 3000 + "]" * 3000 + "\n",
        "y = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n",
        'email = "\\uD800"\n',
        "\ufeff",
        "= broken\n",
    ]
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("settings")


def _load(folder: Path, data: bytes) -> None:
    path = folder / "config.toml"
    path.write_bytes(data)
    org, messages = config.load_config(path)
    assert isinstance(org, config.OrgConfig)
    for message in messages:
        assert render(message, "en") != message.key
        assert render(message, "ja") != message.key
    for url in org.connectivity_urls:
        check_web_url(url)
    for server in org.ntp_servers:
        parse_server(server, 123)


@given(st.lists(TOML_PIECES | st.text(max_size=60), max_size=12))
def test_settings_files_like_toml_never_crash(folder: Path, pieces: list[str]) -> None:
    _load(folder, "".join(pieces).encode("utf-8", "surrogatepass"))


@given(st.binary(max_size=2000))
def test_settings_files_of_any_bytes_never_crash(folder: Path, data: bytes) -> None:
    _load(folder, data)
