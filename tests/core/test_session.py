"""The session the wizard shares with the CLI: options from answers and the organisation's file."""

from __future__ import annotations

from pathlib import Path

from conndoctor.core.config import load_config
from conndoctor.core.context import Options
from conndoctor.core.diagnosis import Cause
from conndoctor.core.session import Answers, fix_order, session_options

ORG = """
[help_desk]
phone = "03-1234-5678"
[network]
ntp_servers = ["time.example.org"]
connectivity_urls = ["http://check.example.org/generate_204"]
[checks]
skip = ["browser.inventory"]
"""


def test_answers_and_the_organisation_file_make_the_options(tmp_path: Path) -> None:
    config = tmp_path / "org.toml"
    config.write_text(ORG, encoding="utf-8")
    org, messages = load_config(config)
    assert messages == []
    answers = Answers(device="iphone", os_version=" 17.2 ", browser="safari_ios", seen="X")
    options = session_options(Options(public_ca_file="roots.pem"), answers, org)
    assert options.ntp_servers == ("time.example.org",)
    assert options.connectivity_urls == ("http://check.example.org/generate_204",)
    assert "browser.inventory" in options.skip
    assert options.os_override == ("ios", "17.2")
    assert options.public_ca_file == "roots.pem"  # the help desk's flag stays
    assert options.seen == "X" and options.browser_fails


def test_blocking_and_fundamental_causes_come_first() -> None:
    causes = [Cause("browser_cache", 0.9), Cause("cert_expired", 0.9), Cause("clock_wrong", 0.5)]
    assert [c.id for c in fix_order(causes)] == ["clock_wrong", "cert_expired", "browser_cache"]
