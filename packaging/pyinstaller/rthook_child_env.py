"""Frozen app's first step: the person's environment back, and Qt's paths without loading Qt.

PyInstaller's Linux bootloader points LD_LIBRARY_PATH at the bundle (keeping the person's value
in LD_LIBRARY_PATH_ORIG). This process no longer needs it (the loader read it at start), and
anything started from here (xdg-open from Qt, a browser) must not load the bundle's libraries.

PyInstaller's own PySide6 hook (left out by the spec) imports QtCore at start to write a qt.conf
that PySide6's wheels already provide: that loads Qt and ICU even for `--version`. Here only its
cheap part is done, the plugin paths, each with the person's value kept in NAME_ORIG so that
`conndoctor.core.engine.child_env.child_environment` gives programs the app starts their own
value.
"""

import os
import sys


def _restore_library_path() -> None:
    """The person's value back now; LD_LIBRARY_PATH_ORIG stays as the record child_env reads."""
    original = os.environ.get("LD_LIBRARY_PATH_ORIG")
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original


def _set_for_the_bundle(name: str, value: str) -> None:
    if name in os.environ and f"{name}_ORIG" not in os.environ:
        os.environ[f"{name}_ORIG"] = os.environ[name]
    os.environ[name] = value


def _qt_paths() -> None:
    bundle = getattr(sys, "_MEIPASS", "")
    qt = os.path.join(bundle, "PySide6")
    if sys.platform != "win32":
        qt = os.path.join(qt, "Qt")
    _set_for_the_bundle("QT_PLUGIN_PATH", os.path.join(qt, "plugins"))
    _set_for_the_bundle("QML2_IMPORT_PATH", os.path.join(qt, "qml"))


def _keep_originals_of_later_hooks() -> None:
    """cryptography's run-time hook (which runs after this one) sets OPENSSL_MODULES."""
    if "OPENSSL_MODULES" in os.environ and "OPENSSL_MODULES_ORIG" not in os.environ:
        os.environ["OPENSSL_MODULES_ORIG"] = os.environ["OPENSSL_MODULES"]


if getattr(sys, "frozen", False):
    if sys.platform.startswith("linux"):
        _restore_library_path()
    _qt_paths()
    _keep_originals_of_later_hooks()
