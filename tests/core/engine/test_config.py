"""Organisation settings: a good file applies, a bad one names its line and changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conndoctor.core.engine import config
from conndoctor.core.engine.config import OrgConfig, apply_to_options, load_config
from conndoctor.core.engine.context import DEFAULT_NTP_SERVERS, Options
from conndoctor.core.knowledge.i18n import render

GOOD = """
[organisation]
name = "Example K.K."

[help_desk]
phone = "03-1234-5678"
email = "helpdesk@example.co.jp"
url = "https://help.example.co.jp/"

[network]
ntp_servers = ["ntp.example.co.jp", "127.0.0.1:1123"]
connectivity_urls = ["http://connect.example.co.jp/generate_204"]

[trust]
org_root_files = ["corp-root.pem"]

[checks]
skip = ["browsers.cache"]
"""


@pytest.fixture(autouse=True)
def no_real_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never read this machine's /etc or ~/.config files."""
    monkeypatch.delenv(config.ENV_VARIABLE, raising=False)
    monkeypatch.setattr(config, "system_config_path", lambda: tmp_path / "etc" / "config.toml")
    monkeypatch.setattr(config, "user_config_path", lambda: tmp_path / "user" / "config.toml")


def _write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def test_good_file_is_read_with_roots_relative_to_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "it" / "config.toml", GOOD)
    _write(tmp_path / "it" / "corp-root.pem", "-----BEGIN CERTIFICATE-----\n")
    org, messages = load_config(path)
    assert messages == []
    assert org.name == "Example K.K."
    assert org.helpdesk_phone == "03-1234-5678"
    assert org.helpdesk_email == "helpdesk@example.co.jp"
    assert org.helpdesk_url == "https://help.example.co.jp/"
    assert org.ntp_servers == ("ntp.example.co.jp", "127.0.0.1:1123")
    assert org.connectivity_urls == ("http://connect.example.co.jp/generate_204",)
    assert org.org_root_files == (str(tmp_path / "it" / "corp-root.pem"),)
    assert org.skip_checks == ("browsers.cache",)
    assert org.sources == (str(path),)


def test_bad_toml_names_the_line_in_both_languages_and_keeps_defaults(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.toml", '[organisation]\nname = "Example"\nphone 03-1234\n')
    org, messages = load_config(path)
    assert org == OrgConfig()
    assert [m.key for m in messages] == ["config.bad_toml"]
    assert messages[0].args["line"] == 3
    english, japanese = render(messages[0], "en"), render(messages[0], "ja")
    assert "line 3" in english and str(path) in english
    assert "3 行目" in japanese and "既定の設定" in japanese


def test_unknown_keys_warn_but_the_rest_applies(tmp_path: Path) -> None:
    text = '[organization]\nname = "Example"\ncolour = "blue"\n[printer]\nmodel = "x"\n'
    org, messages = load_config(_write(tmp_path / "config.toml", text))
    assert org.name == "Example"
    assert [m.key for m in messages] == ["config.unknown_key", "config.unknown_key"]
    assert [m.args["setting"] for m in messages] == ["organization.colour", "printer"]
    assert "colour" in render(messages[0], "ja")


def test_wrong_types_and_missing_roots_are_ignored_with_a_message(tmp_path: Path) -> None:
    text = (
        '[network]\nntp_servers = "ntp.example.jp"\nconnectivity_urls = ["ftp://x"]\n'
        '[trust]\norg_root_files = ["nowhere.pem"]\n[organisation]\nname = 5\n'
    )
    org, messages = load_config(_write(tmp_path / "config.toml", text))
    assert org.ntp_servers == () and org.connectivity_urls == () and org.org_root_files == ()
    assert org.name == ""
    keys = sorted(m.key for m in messages)
    assert keys == [
        "config.bad_url",
        "config.missing_root",
        "config.needs_list",
        "config.needs_text",
    ]


def test_environment_variable_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "elsewhere.toml", '[organisation]\nname = "From env"\n')
    monkeypatch.setenv(config.ENV_VARIABLE, str(path))
    org, messages = load_config()
    assert (org.name, messages) == ("From env", [])


def test_missing_explicit_file_is_a_message_not_an_error(tmp_path: Path) -> None:
    org, messages = load_config(tmp_path / "absent.toml")
    assert org == OrgConfig()
    assert [m.key for m in messages] == ["config.missing"]


def test_user_file_overrides_system_file(tmp_path: Path) -> None:
    _write(
        tmp_path / "etc" / "config.toml", '[organisation]\nname = "IT"\n[help_desk]\nphone = "1"\n'
    )
    _write(tmp_path / "user" / "config.toml", '[organisation]\nname = "Mine"\n')
    org, messages = load_config()
    assert (org.name, org.helpdesk_phone, messages) == ("Mine", "1", [])
    assert len(org.sources) == 2


def test_no_file_anywhere_means_defaults_quietly() -> None:
    assert load_config() == (OrgConfig(), [])


def test_platform_locations(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.undo()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config.user_config_path() == tmp_path / "xdg" / "conndoctor" / "config.toml"
    assert config.system_config_path() == Path("/etc/conndoctor/config.toml")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", r"C:\Users\a\AppData\Roaming")
    monkeypatch.setenv("PROGRAMDATA", r"C:\ProgramData")
    assert str(config.user_config_path()).endswith("ConnDoctor/config.toml") or "ConnDoctor" in str(
        config.user_config_path()
    )
    assert "ProgramData" in str(config.system_config_path())
    monkeypatch.setattr(sys, "platform", "darwin")
    assert "Library/Application Support/ConnDoctor" in str(config.user_config_path())


def test_apply_to_options_keeps_command_line_choices() -> None:
    org = OrgConfig(
        ntp_servers=("ntp.example.jp",),
        connectivity_urls=("http://c.example.jp/",),
        org_root_files=("/etc/ssl/corp.pem",),
        skip_checks=("browsers.cache",),
    )
    applied = apply_to_options(Options(skip=frozenset({"system.disk"})), org)
    assert applied.ntp_servers == ("ntp.example.jp",)
    assert applied.connectivity_urls == ("http://c.example.jp/",)
    assert applied.org_ca_files == ("/etc/ssl/corp.pem",)
    assert applied.skip == {"system.disk", "browsers.cache"}
    given = Options(ntp_servers=("127.0.0.1:1123",), connectivity_urls=("http://127.0.0.1:9/",))
    kept = apply_to_options(given, org)
    assert kept.ntp_servers == ("127.0.0.1:1123",)
    assert kept.connectivity_urls == ("http://127.0.0.1:9/",)
    assert apply_to_options(Options(), OrgConfig()).ntp_servers == DEFAULT_NTP_SERVERS


def test_the_documented_example_file_loads_cleanly() -> None:
    example = Path(__file__).resolve().parents[3] / "docs" / "config.example.toml"
    config, messages = load_config(example)
    assert messages == []
    assert config.name == "Example K.K."
    assert config.helpdesk_phone == "03-1234-5678"
    assert config.ntp_servers == ("ntp.nict.jp", "time.google.com")
