"""`conndoctor --config FILE ...` opens the wizard with the organisation's settings and flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conndoctor import cli
from tests.core.engine.test_session import ORG


def test_help_desk_flags_open_the_wizard(tmp_path: Path, monkeypatch: Any) -> None:
    config = tmp_path / "org.toml"
    config.write_text(ORG, encoding="utf-8")
    seen: dict[str, Any] = {}

    def fake_run(base: Any, org: Any = None, lang: Any = None) -> int:
        seen.update(base=base, org=org, lang=lang)
        return 0

    monkeypatch.setattr("conndoctor.ui.app.run_wizard", fake_run)
    argv = ["--config", str(config), "--resolve", "example.com:443:127.0.0.1"]
    argv += ["--now", "2026-01-31T09:00:00+09:00", "--lang", "ja"]
    assert cli.opens_wizard(argv) and not cli.opens_wizard(["check", "x", "--config", "y"])
    assert cli.wizard_main(argv) == 0
    assert seen["lang"] == "ja"
    assert seen["org"].helpdesk_phone == "03-1234-5678"
    assert seen["base"].resolve == {("example.com", 443): ("127.0.0.1",)}
    assert seen["base"].now.isoformat() == "2026-01-31T09:00:00+09:00"


def test_a_missing_settings_file_is_one_line(capsys: Any) -> None:
    assert cli.wizard_main(["--config", "/no/such/file.toml", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "/no/such/file.toml" in err


def test_the_wizard_uses_the_organisation_settings(make_wizard: Any, tmp_path: Path) -> None:
    from conndoctor.core.engine.config import load_config

    config = tmp_path / "org.toml"
    config.write_text(ORG, encoding="utf-8")
    org, _ = load_config(config)
    wizard = make_wizard("en")
    wizard.state.org = org
    options = wizard.state.options()
    assert options.ntp_servers == ("time.example.org",)
    assert "browser.inventory" in options.skip


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_help_says_no_arguments_opens_the_wizard(lang: str, capsys: Any) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help", "--lang", lang])
    out = capsys.readouterr().out
    assert ("ウィザード" if lang == "ja" else "opens the wizard") in out


def test_the_wizard_reads_the_same_settings_file_as_the_cli(
    qtbot: Any, settings: Any, app_font: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from conndoctor.ui.wizard import DoctorWizard

    config = tmp_path / "org.toml"
    config.write_text(ORG, encoding="utf-8")
    monkeypatch.setenv("CONNDOCTOR_CONFIG", str(config))
    wizard = DoctorWizard(settings=settings, lang="en", read_org_settings=True)
    qtbot.addWidget(wizard)
    assert wizard.state.org is None  # read after the first page, to keep start-up quick
    wizard.add_remaining_pages()
    org = wizard.state.org
    assert org is not None and org.helpdesk_phone == "03-1234-5678"
    assert wizard.state.options().ntp_servers == ("time.example.org",)
    wizard.done(0)
