"""Every option of `conndoctor check`: a bad value is one line in the person's language, exit 2."""

from __future__ import annotations

import pytest

from conndoctor.cli import EXIT_USAGE, main

BAD_ARGUMENTS = [
    ["example.com:①"],
    ["example.com:፩"],
    ["example.com", "--ntp-server", "ntp:²"],
    ["example.com", "--ntp-server", "[::1"],
    ["example.com", "--dns-server", "1.1.1.1:𐩀"],
    ["example.com", "--connectivity-url", "http://[::1"],
    ["example.com", "--connectivity-url", "http://[zz]/"],
    ["example.com", "--connectivity-url", "http://x.example:99999/"],
    ["example.com", "--timeout", "١٠"],
    ["example.com", "--timeout", "nan"],
    ["example.com", "--resolve", "example.com:①:127.0.0.1"],
    ["example.com", "--resolve", "example.com:443:not-an-address"],
    ["example.com", "--now", "9999-12-31T23:59:59"],
    ["example.com", "--now", "２０２６-01-01T00:00:00"],
    ["example.com", "--home", "/tmp/\x00x"],
    ["example.com", "--home", "/tmp/" + "x" * 5000],
    ["example.com", "--org-ca-file", "/dev/zero"],
    ["example.com", "--public-ca-file", "/tmp/" + "y" * 5000],
]


def test_a_root_file_over_five_megabytes_is_refused(tmp_path, capsys) -> None:
    big = tmp_path / "roots.pem"
    with big.open("wb") as stream:
        stream.truncate(5_000_001)
    assert main(["check", "example.com", "--org-ca-file", str(big), "--lang", "en"]) == EXIT_USAGE
    assert "too large" in capsys.readouterr().err


@pytest.mark.parametrize("arguments", BAD_ARGUMENTS)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_bad_values_are_one_line_never_a_traceback(
    arguments: list[str], lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", *arguments, "--lang", lang]) == EXIT_USAGE
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("conndoctor: "), captured.err
    assert "Traceback" not in captured.err
    if lang == "ja":
        assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in lines[0])
