"""The environment for programs the app starts: the person's own, not the frozen bundle's.

PyInstaller's bootloader and its Qt start-up point library and plugin paths at the bundle
(`LD_LIBRARY_PATH`, `QT_PLUGIN_PATH`, `QML2_IMPORT_PATH`...) and add its own `_PYI_*` variables.
A browser or a settings program started with them loads the bundle's libraries or the wrong
Qt plugins. The bundle keeps a variable's earlier value in `NAME_ORIG` (PyInstaller's
convention, which `packaging/pyinstaller/rthook_child_env.py` follows for the Qt ones); no
`NAME_ORIG` means the person had none.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

BUNDLE_PATH_VARIABLES: tuple[str, ...] = (
    "LD_LIBRARY_PATH",  # Linux bootloader
    "LIBPATH",  # AIX bootloader
    "DYLD_LIBRARY_PATH",  # PyInstaller's Qt hook outside an .app bundle
    "QT_PLUGIN_PATH",
    "QML2_IMPORT_PATH",
    "QT_QPA_PLATFORM_PLUGIN_PATH",
    "OPENSSL_MODULES",  # cryptography's run-time hook
)
"""Set by the bundle for itself; a program the app starts gets the person's value back."""

BUNDLE_ONLY_VARIABLES: tuple[str, ...] = (
    "_MEIPASS2",
    "PYSIDE6_OPTION_PYTHON_ENUM",
)
"""Set by the bundle and meaningless to any other program."""

BUNDLE_PREFIXES: tuple[str, ...] = ("_PYI_",)


def is_frozen() -> bool:
    """True in the PyInstaller build (the app bundle), False when run from Python."""
    return bool(getattr(sys, "frozen", False))


def child_environment(
    environ: Mapping[str, str] | None = None, *, frozen: bool | None = None
) -> dict[str, str]:
    """The environment to start another program with: the person's, without the bundle's parts.

    From a source checkout or a pip install nothing is changed: every variable is the person's.
    """
    env = dict(os.environ if environ is None else environ)
    if not (is_frozen() if frozen is None else frozen):
        return env
    for name in BUNDLE_PATH_VARIABLES:
        original = env.pop(f"{name}_ORIG", None)
        if original is None:
            env.pop(name, None)
        else:
            env[name] = original
    for name in list(env):
        if name in BUNDLE_ONLY_VARIABLES or name.startswith(BUNDLE_PREFIXES):
            del env[name]
    return env
