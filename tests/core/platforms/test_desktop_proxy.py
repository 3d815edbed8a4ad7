"""GNOME's and KDE's proxy settings, read from recorded output of the real `gsettings` and from
kioslaverc files as KDE writes them (tests/data/proxy/README.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from conndoctor.core.platforms.desktop_proxy import (
    desktop_of,
    from_gnome,
    from_kde,
    parse_gsettings,
    parse_kioslaverc,
    read_linux_desktop,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "proxy"


def recorded(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("XDG_CURRENT_DESKTOP", "GNOME", "gnome"),
        ("XDG_CURRENT_DESKTOP", "ubuntu:GNOME", "gnome"),
        ("XDG_CURRENT_DESKTOP", "X-Cinnamon", "gnome"),
        ("XDG_CURRENT_DESKTOP", "KDE", "kde"),
        ("DESKTOP_SESSION", "plasma", "kde"),
        ("XDG_CURRENT_DESKTOP", "", None),
    ],
)
def test_the_desktop_decides_where_browsers_look(variable, value, expected) -> None:
    assert desktop_of({variable: value}) == expected


def test_gnome_manual_proxies() -> None:
    values = parse_gsettings(recorded("gsettings_manual.txt"))
    assert not any("password" in key for key in values)
    settings = from_gnome(values)
    assert settings.origin == "gnome"
    https = settings.proxy_for("https", "shop.example.jp", 443)
    assert https is not None
    assert (https.host, https.port, https.source) == ("proxy.corp.example", 8443, "gnome:https")
    assert settings.proxy_for("http", "shop.example.jp", 80).port == 3128  # type: ignore[union-attr]
    assert settings.proxy_for("https", "wiki.intra.example", 443) is None
    assert settings.proxy_for("https", "10.1.2.3", 443) is None
    assert not settings.is_empty


def test_gnome_automatic_with_a_script_and_with_wpad() -> None:
    pac = from_gnome(parse_gsettings(recorded("gsettings_auto_pac.txt")))
    assert (pac.pac_url, pac.wpad) == ("http://wpad.corp.example/proxy.pac", False)
    wpad = from_gnome(parse_gsettings(recorded("gsettings_auto_wpad.txt")))
    assert (wpad.pac_url, wpad.wpad) == (None, True)
    assert not wpad.is_empty


def test_gnome_without_a_proxy() -> None:
    settings = from_gnome(parse_gsettings(recorded("gsettings_none.txt")))
    assert settings.is_empty


def test_gsettings_values_of_every_printed_type() -> None:
    values = parse_gsettings(
        "org.gnome.system.proxy mode 'manual'\n"
        "org.gnome.system.proxy ignore-hosts @as []\n"
        "org.gnome.system.proxy.http port uint32 8080\n"
        "org.gnome.system.proxy.http host 'it\\'s.example'\n"
        "org.gnome.system.proxy.http enabled true\n"
        "not a gsettings line\n"
        "org.gnome.system.proxy.http authentication-password 'secret'\n"
    )
    assert values == {
        "mode": "manual",
        "ignore-hosts": [],
        "http port": 8080,
        "http host": "it's.example",
        "http enabled": True,
    }


def test_kde_manual_proxies_with_a_space_before_the_port() -> None:
    settings = from_kde(parse_kioslaverc(recorded("kioslaverc_manual")))
    https = settings.proxy_for("https", "shop.example.jp", 443)
    assert https is not None
    assert (https.host, https.port, https.source) == ("proxy.corp.example", 8443, "kde:httpsProxy")
    assert settings.proxy_for("https", "docs.intra.example", 443) is None
    assert settings.proxy_for("https", "127.0.0.1", 443) is None


def test_kde_script_and_wpad() -> None:
    pac = from_kde(parse_kioslaverc(recorded("kioslaverc_pac")))
    assert pac.pac_url == "http://wpad.corp.example/proxy.pac"
    assert from_kde(parse_kioslaverc(recorded("kioslaverc_wpad"))).wpad is True
    assert from_kde(parse_kioslaverc("[Proxy Settings]\nProxyType=0\n")).is_empty
    assert parse_kioslaverc("not [ an ini\x00 file") == {}


def test_reading_the_desktop(tmp_path: Path) -> None:
    seen: list[list[str]] = []

    def gsettings(command: Sequence[str], timeout: float) -> str | None:
        seen.append(list(command))
        return recorded("gsettings_manual.txt")

    gnome = read_linux_desktop(gsettings, 1.0, {"XDG_CURRENT_DESKTOP": "GNOME"}, tmp_path)
    assert gnome is not None and gnome.origin == "gnome"
    assert seen == [["gsettings", "list-recursively", "org.gnome.system.proxy"]]

    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "kioslaverc").write_text(recorded("kioslaverc_pac"))
    kde = read_linux_desktop(gsettings, 1.0, {"XDG_CURRENT_DESKTOP": "KDE"}, tmp_path)
    assert kde is not None and kde.pac_url == "http://wpad.corp.example/proxy.pac"
    assert read_linux_desktop(gsettings, 1.0, {}, tmp_path) is None
    assert (
        read_linux_desktop(gsettings, 1.0, {"XDG_CURRENT_DESKTOP": "KDE"}, tmp_path / "x") is None
    )


def test_the_real_gsettings_is_bounded_and_parsed() -> None:
    """Debian's gsettings on a throw-away memory backend: its output is what the reader reads."""
    if shutil.which("gsettings") is None:
        pytest.skip("gsettings is not installed")
    env = {**os.environ, "GSETTINGS_BACKEND": "memory"}
    done = subprocess.run(
        ["gsettings", "list-recursively", "org.gnome.system.proxy"],
        capture_output=True, text=True, env=env, timeout=10, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"no proxy schema: {done.stderr.strip()}")
    values = parse_gsettings(done.stdout)
    assert values["mode"] == "none"
    assert from_gnome(values).is_empty
