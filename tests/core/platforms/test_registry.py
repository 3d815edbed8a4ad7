"""The Windows registry's recorded form: `reg query` output as Windows prints it."""

from __future__ import annotations

from pathlib import Path

from conndoctor.core.platforms.registry import RecordedRegistry, parse_reg_query

DATA = Path(__file__).resolve().parents[2] / "data" / "platforms"


def test_reg_query_output_is_parsed_like_windows_prints_it() -> None:
    text = (DATA / "windows" / "win10_currentversion.txt").read_bytes().decode("utf-8")
    assert "\r\n" in text  # the recording keeps Windows line ends
    keys = parse_reg_query(text)
    values = keys["hklm\\software\\microsoft\\windows nt\\currentversion"]
    assert values["currentmajorversionnumber"] == 10 and values["ubr"] == 0xF5A
    assert values["editionsubmanufacturer"] == "" and isinstance(values["digitalproductid"], bytes)
    assert keys["hklm\\software\\microsoft\\windows nt\\currentversion\\accessibility"] == {
        "configuration": ""
    }
    multi = parse_reg_query("HKEY_CURRENT_USER\\X\r\n    M    REG_MULTI_SZ    a\\0b\r\n")
    assert multi["hkcu\\x"]["m"] == ["a", "b"]
    registry = RecordedRegistry(
        (DATA / "windows" / "ie8_app_paths_japanese.txt").read_text("utf-8")
    )
    key = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\iexplore.exe"
    assert registry.value(key, "") == "C:\\Program Files\\Internet Explorer\\IEXPLORE.EXE"
