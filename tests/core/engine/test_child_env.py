"""Programs the frozen app starts get the person's environment, not the bundle's.

The frozen app's environment is made here the way the bundle makes it: the bootloader's
variables (PyInstaller's documented LD_LIBRARY_PATH/_ORIG pair and its _PYI_* variables), then
the real run-time hook of packaging/, then what later hooks set. A fake "browser" that writes its
environment to a file is started through the app's own code and must see exactly the
person's variables.
"""

from __future__ import annotations

import os
import runpy
import sys
import time
from pathlib import Path

import pytest

from conndoctor.core.browsers.inventory import BrowserInfo, open_clear_data_page
from conndoctor.core.engine.child_env import child_environment
from conndoctor.core.platforms import run_for_version

RTHOOK = Path(__file__).resolve().parents[3] / "packaging" / "pyinstaller" / "rthook_child_env.py"
BUNDLE = "/opt/ConnDoctor/_internal"
PERSON = {
    "HOME": "/home/hanako",
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "ja_JP.UTF-8",
    "LD_LIBRARY_PATH": "/opt/vendor/lib",
    "QT_PLUGIN_PATH": "/usr/lib/x86_64-linux-gnu/qt6/plugins",
}


def frozen_environment(monkeypatch: pytest.MonkeyPatch, person: dict[str, str]) -> None:
    """os.environ and sys as they are inside the started frozen app (Linux)."""
    env = dict(person)
    env["LD_LIBRARY_PATH"] = BUNDLE  # the bootloader
    if "LD_LIBRARY_PATH" in person:
        env["LD_LIBRARY_PATH_ORIG"] = person["LD_LIBRARY_PATH"]
    env |= {"_PYI_APPLICATION_HOME_DIR": BUNDLE, "_PYI_ARCHIVE_FILE": "/opt/ConnDoctor/ConnDoctor"}
    env |= {"_PYI_PARENT_PROCESS_LEVEL": "0", "_MEIPASS2": BUNDLE}
    monkeypatch.setattr(os, "environ", env)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", BUNDLE, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    runpy.run_path(str(RTHOOK))
    assert env["QT_PLUGIN_PATH"] == f"{BUNDLE}/PySide6/Qt/plugins"  # the app's own Qt needs it
    env["OPENSSL_MODULES"] = f"{BUNDLE}/ossl-modules"  # cryptography's hook, after ours
    env["PYSIDE6_OPTION_PYTHON_ENUM"] = "1"


def fake_browser(tmp_path: Path) -> tuple[Path, Path]:
    dump = tmp_path / "environment.txt"
    program = tmp_path / "fake-browser"
    program.write_text(f"#!/bin/sh\nenv > '{dump}.part' && mv '{dump}.part' '{dump}'\n")
    program.chmod(0o755)
    return program, dump


def read_dump(dump: Path) -> dict[str, str]:
    deadline = time.monotonic() + 10
    while not dump.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pairs = (line.split("=", 1) for line in dump.read_text().splitlines() if "=" in line)
    return {name: value for name, value in pairs if name not in ("PWD", "SHLVL", "_")}


@pytest.mark.skipif(sys.platform == "win32", reason="a shell-script browser")
@pytest.mark.parametrize(
    "person",
    [PERSON, {k: v for k, v in PERSON.items() if k not in ("LD_LIBRARY_PATH", "QT_PLUGIN_PATH")}],
    ids=["with-own-paths", "without"],
)
def test_a_browser_started_by_the_frozen_app_sees_the_persons_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, person: dict[str, str]
) -> None:
    frozen_environment(monkeypatch, person)
    program, dump = fake_browser(tmp_path)
    browser = BrowserInfo("chromium", "Chromium", "chromium", "140", True, False, program)
    assert open_clear_data_page(browser)
    assert read_dump(dump) == person


@pytest.mark.skipif(sys.platform == "win32", reason="a shell-script browser")
def test_a_version_question_to_a_browser_gets_the_persons_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    frozen_environment(monkeypatch, PERSON)
    program, dump = fake_browser(tmp_path)
    program.write_text(program.read_text() + "echo 'Chromium 140.0.1.2'\n")
    assert run_for_version([str(program), "--version"], timeout=10) == "140.0.1.2"
    assert read_dump(dump) == PERSON


def test_outside_the_bundle_nothing_is_changed() -> None:
    mine = {"QT_PLUGIN_PATH": "/mine", "_PYI_SOMETHING": "x", "LD_LIBRARY_PATH": "/lib"}
    assert child_environment(mine, frozen=False) == mine


def test_every_bundle_variable_goes() -> None:
    inside = {
        "HOME": "/home/x",
        "QML2_IMPORT_PATH": "/b/qml",
        "DYLD_LIBRARY_PATH": "/b",
        "_PYI_SPLASH_IPC": "1",
        "_MEIPASS2": "/b",
        "PYSIDE6_OPTION_PYTHON_ENUM": "1",
        "OPENSSL_MODULES": "/b/ossl-modules",
        "OPENSSL_MODULES_ORIG": "/usr/lib/ossl-modules",
    }
    assert child_environment(inside, frozen=True) == {
        "HOME": "/home/x",
        "OPENSSL_MODULES": "/usr/lib/ossl-modules",
    }
