"""Where the organisation's settings file is (`config.py` reads it).

Apart from `config.py` so that the command line can tell, before the checks load, whether a
settings file will change which time servers and connectivity URLs the run asks
(`head_start.start_early` asks them early only where none will).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_VARIABLE = "CONNDOCTOR_CONFIG"
FILE_NAME = "config.toml"


def user_config_path() -> Path:
    """The per-user file: XDG on Linux, Application Support on macOS, %APPDATA% on Windows."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "ConnDoctor" / FILE_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "ConnDoctor" / FILE_NAME
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "conndoctor" / FILE_NAME


def system_config_path() -> Path:
    """The machine-wide file IT deploys (read first; the user's file adds to or overrides it)."""
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / "ConnDoctor" / FILE_NAME
    if sys.platform == "darwin":
        return Path("/Library/Application Support/ConnDoctor") / FILE_NAME
    return Path("/etc/conndoctor") / FILE_NAME


def settings_files(
    path: str | os.PathLike[str] | None, system_file: Path, user_file: Path
) -> list[Path]:
    """The files to read: an explicit path (or CONNDOCTOR_CONFIG) alone, else the system-wide
    file and then the user's, where they exist."""
    explicit = path if path is not None else os.environ.get(ENV_VARIABLE) or None
    if explicit is not None:
        return [Path(explicit).expanduser()]
    return [p for p in (system_file, user_file) if p.is_file()]


def no_settings_file(path: str | os.PathLike[str] | None) -> bool:
    """Whether a run given `path` (--config, or None) reads no settings file at all."""
    return not settings_files(path, system_config_path(), user_config_path())
