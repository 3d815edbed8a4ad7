"""What the browser inventory knows about a browser and its profiles, and the rules file.

Shared by the inventory (`browsers`) and the settings reader (`browser_settings`), which
otherwise would import each other.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from conndoctor.core.knowledge.i18n import load_json_resource


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


class Profile(NamedTuple):
    """One browser profile: its folder, where its cache lives and how big that cache is."""

    path: Path
    name: str
    cache_root: Path
    """Where this profile's disk cache lives (on Linux under ~/.cache, elsewhere often `path`)."""
    user_data_dir: Path
    """The folder holding all profiles of this browser (Chromium's 'User Data')."""
    cache_dirs: tuple[Path, ...] = ()
    cache_bytes: int = 0
    cache_complete: bool = True
    """False when measuring stopped at the deadline: the size is 'at least' cache_bytes."""
    last_version: str | None = None
    """The browser version that last opened this profile (Last Version / compatibility.ini)."""


class BrowserInfo(NamedTuple):
    id: str
    name: str
    family: str
    """chromium, firefox, safari or ie."""
    version: str | None
    installed: bool
    running: bool
    executable: Path | None
    profiles: tuple[Profile, ...] = ()
    version_source: str = ""
    product: str = ""

    @property
    def present(self) -> bool:
        """Installed, or at least has profiles here (a portable or uninstalled copy)."""
        return self.installed or bool(self.profiles)


def rules() -> dict[str, Any]:
    loaded: dict[str, Any] = load_json_resource("browser_rules.json")
    return loaded


def browser_spec(browser_id: str) -> dict[str, Any]:
    for entry in rules()["browsers"]:
        if entry["id"] == browser_id:
            return dict(entry)
    return {}


def version_numbers(version: str | None) -> tuple[int, ...]:
    match = re.match(r"\s*(\d+(?:\.\d+)*)", version or "")
    return tuple(int(p) for p in match.group(1).split(".")) if match else ()


def older_than(version: str | None, minimum: str) -> bool:
    have, need = version_numbers(version), version_numbers(minimum)
    return bool(have) and have < need
