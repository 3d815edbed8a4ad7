"""What makes the desktop app: the PyInstaller spec, its helpers, the Linux launcher and the wheel.

No PyInstaller build here (minutes, too slow for every run): packaging/README.md says how the
frozen app is built and tried. These tests keep the inputs of that build honest.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import re
import runpy
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "pyinstaller" / "conndoctor.spec"
DESKTOP = PACKAGING / "linux" / "jp.conndoctor.ConnDoctor.desktop"
METAINFO = PACKAGING / "linux" / "jp.conndoctor.ConnDoctor.metainfo.xml"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


bundle_trim = load(PACKAGING / "pyinstaller" / "bundle_trim.py")
make_icons = load(PACKAGING / "make_icons.py")


def spec_constants() -> dict[str, Any]:
    """The spec's top-level literal assignments (UNUSED_QT_MODULES, APP_NAME, ...)."""
    found: dict[str, Any] = {}
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                try:
                    found[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    continue
    return found


def spec_calls(name: str) -> list[ast.Call]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]


def qt_modules_the_app_imports() -> set[str]:
    modules: set[str] = set()
    for source in (ROOT / "app").rglob("*.py"):
        modules.update(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    return modules


# --- The PyInstaller spec


def test_spec_collects_the_resources_where_importlib_finds_them_when_frozen() -> None:
    constants = spec_constants()
    collected = [
        call
        for call in spec_calls("collect_data_files")
        if call.args and isinstance(call.args[0], ast.Constant)
    ]
    packages = [call.args[0].value for call in collected]  # type: ignore[attr-defined]
    assert packages == ["conndoctor.resources", "publicsuffixlist"]  # its list: tls_verdict
    assert constants["RESOURCES_DEST"] == "conndoctor/resources"
    for required in ("causes.json", "messages/ja/base.json", "translations/conndoctor_ja.qm"):
        assert required in constants["REQUIRED_RESOURCES"]
        folder = required.split("/")[0]
        assert (ROOT / "resources" / folder).exists(), f"the spec requires {required}"


def test_spec_leaves_out_unused_qt_modules_but_none_the_app_imports() -> None:
    unused = set(spec_constants()["UNUSED_QT_MODULES"])
    for add_on in ("QtQml", "QtQuick", "QtWebEngineCore", "QtMultimedia", "QtNetwork", "QtOpenGL"):
        assert add_on in unused
    used = qt_modules_the_app_imports()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert not used & unused, f"the app imports Qt modules the spec leaves out: {used & unused}"
    (analysis,) = [c for c in spec_calls("Analysis") if c.args and "wizard_entry" in ast.unparse(c)]
    keywords = {k.arg: ast.unparse(k.value) for k in analysis.keywords}
    assert keywords["excludes"] == "EXCLUDES"
    assert "rthook_child_env.py" in keywords["runtime_hooks"]


def test_spec_names_the_app_and_the_mac_bundle() -> None:
    constants = spec_constants()
    assert constants["APP_NAME"] == "ConnDoctor"
    assert constants["DISPLAY_NAME_JA"] == "接続ドクター"
    assert constants["BUNDLE_ID"] == "jp.conndoctor.app"
    (bundle,) = spec_calls("BUNDLE")
    plist = next(k.value for k in bundle.keywords if k.arg == "info_plist")
    assert isinstance(plist, ast.Dict)
    entries = {
        ast.literal_eval(k): ast.unparse(v)
        for k, v in zip(plist.keys, plist.values, strict=True)
        if k
    }
    assert entries["NSHighResolutionCapable"] == "True"
    assert entries["CFBundleName"] == "APP_NAME"
    identifier = next(k.value for k in bundle.keywords if k.arg == "bundle_identifier")
    assert ast.unparse(identifier) == "BUNDLE_ID"
    (exe, *_) = spec_calls("EXE")
    assert ast.unparse(next(k.value for k in exe.keywords if k.arg == "console")) == "False"
    for lang, name in (("ja", "接続ドクター"), ("en", "Connection Doctor")):
        strings = PACKAGING / "macos" / f"{lang}.lproj" / "InfoPlist.strings"
        assert f'CFBundleDisplayName = "{name}";' in strings.read_text(encoding="utf-8")


def test_every_program_runs_in_utf8_mode() -> None:
    """Japanese CLI output must not crash on a cp1252 or latin-1 console (it does without)."""
    assert ("X utf8", None, "OPTION") in spec_constants()["PYTHON_OPTIONS"]
    executables = spec_calls("EXE")
    assert len(executables) == 2, "the wizard and, on Windows, conndoctor-cli"
    for exe in executables:
        assert ast.unparse(exe.args[2]) == "PYTHON_OPTIONS"


def test_entry_scripts_start_the_cli_from_a_source_checkout() -> None:
    cli_entry = PACKAGING / "pyinstaller" / "cli_entry.py"
    no_args = subprocess.run(
        [sys.executable, str(cli_entry)], capture_output=True, text=True, timeout=60, check=False
    )
    assert no_args.returncode == 2, "conndoctor-cli with no arguments shows the usage"
    assert "conndoctor" in no_args.stderr
    explained = subprocess.run(
        [sys.executable, str(cli_entry), "explain", "NET::ERR_CERT_DATE_INVALID", "--lang", "ja"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert explained.returncode == 0
    assert re.search(r"[\u3040-\u30ff]", explained.stdout), explained.stdout
    assert "from conndoctor.__main__ import run" in (
        PACKAGING / "pyinstaller" / "wizard_entry.py"
    ).read_text(encoding="utf-8")


# --- Runtime hook: children of the frozen app get the user's library path back


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"LD_LIBRARY_PATH": "/app/_internal", "LD_LIBRARY_PATH_ORIG": "/opt/lib"}, "/opt/lib"),
        ({"LD_LIBRARY_PATH": "/app/_internal"}, None),
    ],
)
def test_runtime_hook_restores_the_users_library_path(
    monkeypatch: pytest.MonkeyPatch, before: dict[str, str], after: str | None
) -> None:
    for name in ("LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG", "QT_PLUGIN_PATH", "QML2_IMPORT_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("QT_PLUGIN_PATH_ORIG", raising=False)
    monkeypatch.delenv("QML2_IMPORT_PATH_ORIG", raising=False)
    for key, value in before.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", "/app/_internal", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    runpy.run_path(str(PACKAGING / "pyinstaller" / "rthook_child_env.py"))
    assert os.environ.get("LD_LIBRARY_PATH") == after
    assert os.environ.get("LD_LIBRARY_PATH_ORIG") == after  # the record child_env reads
    assert os.environ["QT_PLUGIN_PATH"] == "/app/_internal/PySide6/Qt/plugins"


def test_runtime_hook_leaves_a_normal_python_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LD_LIBRARY_PATH", "/mine")
    monkeypatch.delattr(sys, "frozen", raising=False)
    runpy.run_path(str(PACKAGING / "pyinstaller" / "rthook_child_env.py"))
    assert os.environ["LD_LIBRARY_PATH"] == "/mine"


# --- bundle_trim: unused Qt plugins and the libraries only they need


@pytest.mark.parametrize(
    ("name", "plugin"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", ("platforms", "qxcb")),
        ("PySide6/plugins/platforms/qwindows.dll", ("platforms", "qwindows")),
        ("PySide6\\plugins\\imageformats\\qsvg.dll", ("imageformats", "qsvg")),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.dylib", ("platformthemes", "qgtk3")),
        ("PySide6/Qt/lib/libQt6Core.so.6", None),
        ("cryptography/plugins/x/liby.so", None),
    ],
)
def test_plugin_names_are_read_on_every_platform(name: str, plugin: tuple[str, str] | None) -> None:
    assert bundle_trim.plugin_of(name) == plugin


def test_every_plugin_the_app_needs_stays_in() -> None:
    pyside = Path(importlib.util.find_spec("PySide6").origin).parent  # type: ignore[arg-type,union-attr]
    plugins = next(p for p in (pyside / "Qt" / "plugins", pyside / "plugins") if p.is_dir())
    needed = {
        ("iconengines", "qsvgicon"),
        ("imageformats", "qsvg"),
        ("platforms", "qoffscreen"),
        ("platforminputcontexts", "ibusplatforminputcontextplugin"),
        ("platforms", "qxcb"),
        ("platforms", "qwayland"),
        ("wayland-shell-integration", "xdg-shell"),
    }
    present = set()
    for file in plugins.rglob("*"):
        if file.is_file():
            name = f"PySide6/Qt/plugins/{file.relative_to(plugins).as_posix()}"
            plugin = bundle_trim.plugin_of(name)
            if plugin in needed:
                present.add(plugin)
                assert not bundle_trim.is_unused_plugin(name), name
    assert present, "no plugin of PySide6 was recognised"
    gtk = "PySide6/Qt/plugins/platformthemes/libqgtk3.so"
    assert bundle_trim.is_unused_plugin(gtk)
    assert bundle_trim.is_unused_plugin("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so")


def test_trim_drops_unused_plugins_their_libraries_and_links_to_them() -> None:
    binaries = [
        ("PySide6/QtGui.abi3.so", "/w/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/w/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/w/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/w/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/w/libqgtk3.so", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("libxcb.so.1", "/usr/lib/libxcb.so.1", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
    ]
    links = {
        "/w/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/w/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/w/libqxcb.so": ["libQt6Gui.so.6", "libxcb.so.1"],
        "/w/libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
        "/usr/lib/libgtk-3.so.0": ["libcairo.so.2"],
    }
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libgone.so", "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "SYMLINK"),
        ("conndoctor/resources/causes.json", "/src/causes.json", "DATA"),
    ]
    kept, kept_datas, gone = bundle_trim.trim(binaries, datas, lambda p: links.get(p, []))
    assert [entry[0] for entry in kept] == [
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libxcb.so.1",
        "libpython3.11.so.1.0",
    ]
    assert [entry[0] for entry in kept_datas] == [
        "libQt6Core.so.6",
        "conndoctor/resources/causes.json",
    ]
    assert {"libgtk-3.so.0", "libcairo.so.2", "libgone.so"} <= set(gone)


@pytest.mark.parametrize(
    ("name", "unused"),
    [
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qt_zh_CN.qm", True),
        ("PySide6/Qt/translations/qt_help_ja.qm", False),
        ("PySide6/Qt/translations/qtbase_ja.qm", False),
        ("PySide6\\translations\\qtbase_en.qm", False),
        ("conndoctor/resources/translations/conndoctor_de.qm", False),
    ],
)
def test_only_qt_translations_in_the_apps_languages_stay(name: str, unused: bool) -> None:
    assert bundle_trim.is_unused_qt_translation(name) is unused


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) is not installed")
def test_elf_needed_reads_a_real_library() -> None:
    core = Path(importlib.util.find_spec("PySide6.QtCore").origin)  # type: ignore[arg-type,union-attr]
    if not sys.platform.startswith("linux"):
        pytest.skip("ELF only")
    assert any(name.startswith("libQt6Core") for name in bundle_trim.elf_needed(str(core)))


# --- Icons made from the drawing at build time


def test_make_icons_writes_ico_icns_and_hicolor_pngs(tmp_path: Path) -> None:
    svg = ROOT / "resources" / "icons" / "app.svg"
    done = subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "make_icons.py"),
            "--svg",
            str(svg),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    ico = (tmp_path / "ConnDoctor.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    for index, size in enumerate(make_icons.ICO_SIZES):
        side, _, _, _, _, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", ico, 6 + 16 * index
        )
        assert (side or 256) == size and bits == 32
        png = ico[offset : offset + length]
        assert png.startswith(PNG_SIGNATURE)
        assert struct.unpack(">II", png[16:24]) == (size, size)
    icns = (tmp_path / "ConnDoctor.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    widths: dict[bytes, int] = {}
    position = 8
    while position < len(icns):
        (length,) = struct.unpack_from(">I", icns, position + 4)
        widths[icns[position : position + 4]] = struct.unpack_from(">I", icns, position + 24)[0]
        position += length
    assert position == len(icns)
    assert widths[b"ic10"] == 1024 and widths[b"icp4"] == 16
    desktop_icon = read_desktop()["Icon"]
    linux_png = tmp_path / "hicolor" / "256x256" / "apps" / f"{desktop_icon}.png"
    assert linux_png.read_bytes().startswith(PNG_SIGNATURE)


# --- The Linux launcher


def read_desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_names_the_app_in_both_languages() -> None:
    entry = read_desktop()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Connection Doctor"
    assert entry["Name[ja]"] == "接続ドクター"
    assert entry["Comment"] and re.search(r"[\u3040-\u30ff]", entry["Comment[ja]"])
    assert entry["Categories"].split(";")[:2] == ["Network", "Utility"]
    assert entry["Exec"] == spec_constants()["APP_NAME"]
    assert "%" not in entry["Exec"], "a file or URL argument would be taken as a CLI command"
    assert entry["Icon"] == make_icons.LINUX_ICON_NAME
    assert entry["Terminal"] == "false"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_passes_desktop_file_validate() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout


def test_metainfo_describes_the_same_app() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == DESKTOP.name.removesuffix(".desktop")
    assert component.findtext("launchable") == DESKTOP.name
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    names = {n.get(lang): n.text for n in component.findall("name")}
    assert names == {None: "Connection Doctor", "ja": "接続ドクター"}
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)
    assert version is not None
    releases = [r.get("version") for r in component.iter("release")]
    assert version.group(1) in releases, "add a <release> to the metainfo for the new version"
    if shutil.which("appstreamcli"):
        done = subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(METAINFO)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


# --- The wheel: what pip installs, and what the frozen app's resources come from


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the checkout, with a stray .venv inside, as on a dev machine."""
    tree = tmp_path_factory.mktemp("checkout")
    skip = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__")
    shutil.copytree(ROOT, tree / "src", ignore=skip)
    stray = tree / "src" / ".venv" / "lib" / "python3.11" / "site-packages"
    stray.mkdir(parents=True)
    (stray / "stray_module.py").write_text("")
    out = tree / "wheel"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            str(tree / "src"),
            "-w",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = out.glob("conndoctor-*.whl")
    return built


def test_wheel_carries_the_resources_and_nothing_else(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("causes.json", "error_codes.json", "messages/ja/base.json", "icons/app.svg"):
        assert f"conndoctor/resources/{required}" in names
    for folder in ("fonts", "illustrations", "instructions"):
        shipped = [p for p in (ROOT / "resources" / folder).glob("*") if p.is_file()]
        for path in shipped:
            assert f"conndoctor/resources/{folder}/{path.name}" in names
    assert any(n.startswith("conndoctor/resources/fonts/") and n.endswith(".ttf") for n in names)
    strays = [n for n in names if re.search(r"(^|/)(\.venv|tests?|bench|packaging)/|\.pyc$", n)]
    assert not strays
    assert not [n for n in names if n.split("/")[-1].startswith("test_")]


def test_importlib_resources_finds_the_data_in_the_installed_wheel(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import conndoctor; from conndoctor.core.knowledge import i18n;"
        "assert conndoctor.__file__.startswith(sys.argv[1]), conndoctor.__file__;"
        "print(i18n.resource_path('causes.json').is_file(),"
        " i18n.resource_path('fonts').is_dir(), i18n.text('cli.usage', 'ja') != 'cli.usage')"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", probe, str(site)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]
