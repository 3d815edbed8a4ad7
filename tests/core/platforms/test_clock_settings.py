"""Which program opens the date and time settings on each system and desktop."""

from __future__ import annotations

from conndoctor.core.platforms.clock_settings import settings_command, settings_url, system_family


def _only(*installed: str):  # type: ignore[no-untyped-def]
    return lambda name: f"/usr/bin/{name}" if name in installed else None


def test_windows_and_macos_open_their_settings_urls() -> None:
    assert settings_url("win32") == "ms-settings:dateandtime"
    assert (
        settings_url(
            "darwin",
        )
        is not None
        and settings_url("linux") is None
    )
    assert system_family("win32") == "windows" and system_family("linux") == "linux"


def test_each_desktop_gets_its_own_program() -> None:
    everything = _only("gnome-control-center", "kcmshell6", "kcmshell5", "systemsettings")
    assert settings_command("GNOME", everything) == ["gnome-control-center", "datetime"]
    assert settings_command("KDE", everything) == ["kcmshell6", "kcm_clock"]
    assert settings_command("KDE", _only("kcmshell5")) == ["kcmshell5", "clock"]
    assert settings_command("KDE", _only("systemsettings")) == ["systemsettings", "kcm_clock"]
    assert settings_command("ubuntu:GNOME", everything) == ["gnome-control-center", "datetime"]


def test_nothing_installed_means_no_button() -> None:
    assert settings_command("GNOME", _only()) is None
