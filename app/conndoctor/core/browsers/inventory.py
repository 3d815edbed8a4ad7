"""The browsers on this computer: which are installed, how old, where their profiles and caches are.

Everything is found from the home folder being scanned and the platform's standard places
(resources/browser_rules.json), so a test pointing HOME elsewhere scans elsewhere. The scan
has its own deadline: a slow `--version` or a huge cache can never hold up a check run.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from conndoctor.core.browsers.browser_records import (  # noqa: F401 - part of this module's API
    BrowserInfo,
    Profile,
    browser_spec,
    older_than,
    read_text,
    rules,
    version_numbers,
)
from conndoctor.core.browsers.browser_settings import (  # noqa: F401 - part of this module's API
    TLS_LEVELS,
    TlsSetting,
    firefox_prefs,
    firefox_tls_problems,
    policy_tls_problems,
    secure_protocols,
    tls_settings_of,
)
from conndoctor.core.engine.child_env import child_environment
from conndoctor.core.platforms import Platform, RunningProcess, current_platform, measure_folders

SCAN_DEADLINE_S = 5.0


def _chromium_profiles(user_data: Path, cache_base: Path | None) -> list[Profile]:
    family = rules()["families"]["chromium"]
    names: dict[str, str] = {}
    try:
        local_state = json.loads(read_text(user_data / "Local State") or "{}")
        info = local_state.get("profile", {}).get("info_cache", {})
        names = {folder: str(v.get("name", folder)) for folder, v in info.items()}
    except (ValueError, AttributeError):
        names = {}
    try:
        folders = sorted(
            p.name
            for p in user_data.iterdir()
            if (p / family["profile_marker"]).is_file() or p.name in names
        )
    except OSError:
        folders = []
    last = (read_text(user_data / "Last Version") or "").strip() or None
    profiles = []
    for index, folder in enumerate(folders):
        path = user_data / folder
        cache_root = cache_base / folder if cache_base else path
        dirs = [
            root / d
            for root in dict.fromkeys((path, cache_root))
            for d in family["profile_cache_dirs"]
        ]
        if index == 0:
            dirs += [user_data / d for d in family["user_data_cache_dirs"]]
        profiles.append(
            Profile(
                path,
                names.get(folder, folder),
                cache_root,
                user_data,
                tuple(d for d in dirs if d.is_dir()),
                last_version=last,
            )
        )
    return profiles


def _firefox_profiles(root: Path, cache_base: Path | None) -> list[Profile]:
    family = rules()["families"]["firefox"]
    listing = read_text(root / "profiles.ini")
    if not listing:
        return []
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(listing)
    except configparser.Error:
        return []
    profiles = []
    for section in parser.sections():
        if not section.startswith("Profile") or "Path" not in parser[section]:
            continue
        entry = parser[section]
        relative = entry.get("IsRelative", "1") == "1"
        path = root / entry["Path"] if relative else Path(entry["Path"])
        if not path.is_dir():
            continue
        cache_root = cache_base / entry["Path"] if relative and cache_base else path
        dirs = [
            r / d for r in dict.fromkeys((path, cache_root)) for d in family["profile_cache_dirs"]
        ]
        compat = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            compat.read_string(read_text(path / "compatibility.ini") or "")
            last = compat.get("Compatibility", "LastVersion", fallback="").split("_")[0] or None
        except configparser.Error:
            last = None
        profiles.append(
            Profile(
                path,
                entry.get("Name", path.name),
                cache_root,
                root,
                tuple(d for d in dirs if d.is_dir()),
                last_version=last,
            )
        )
    return profiles


def process_matches(spec: Mapping[str, Any], proc: RunningProcess) -> bool:
    """Whether a running process is this browser: its name, and its program path if known.

    The name rules out helpers such as chrome_crashpad_handler that live in the same folder.
    """
    if proc.name.lower() not in {n.lower() for n in spec.get("processes", ())}:
        return False
    exe = proc.exe.replace("\\", "/").lower()
    hints = [h.replace("\\", "/").lower() for h in spec.get("exe_hints", ())]
    return not (exe and hints) or any(h in exe for h in hints)


def browser_processes(browser_id: str, plat: Platform) -> list[RunningProcess]:
    spec = browser_spec(browser_id).get(plat.os_id, {})
    if not spec:
        return []
    return [p for p in plat.processes(spec.get("processes", ())) if process_matches(spec, p)]


def _with_sizes(profile: Profile, deadline: float) -> Profile:
    size = measure_folders(profile.cache_dirs, deadline)
    return profile._replace(cache_bytes=size.bytes, cache_complete=size.complete)


def _scan_one(
    entry: Mapping[str, Any],
    plat: Platform,
    procs: Iterable[RunningProcess],
    deadline: float,
    measure: bool,
) -> BrowserInfo:
    spec = entry[plat.os_id]
    family = entry["family"]
    located = plat.locate(spec, timeout=max(0.05, min(2.0, deadline - time.monotonic())))
    cache_base = plat.expand(spec["cache_root"]) if spec.get("cache_root") else None
    profiles: list[Profile] = []
    for template in spec.get("user_data", ()):
        root = plat.expand(template)
        if family == "chromium":
            profiles += _chromium_profiles(root, cache_base)
        elif family == "firefox":
            profiles += _firefox_profiles(root, cache_base)
        elif family == "safari" and root.is_dir():
            caches = tuple(d for d in [cache_base] if d and d.is_dir())
            profiles.append(Profile(root, "Safari", cache_base or root, root, caches))
    if measure:
        profiles = [_with_sizes(p, deadline) for p in profiles]
    from_profiles = max(
        (p.last_version for p in profiles if p.last_version), key=version_numbers, default=None
    )
    return BrowserInfo(
        id=entry["id"],
        name=entry["name"],
        family=family,
        version=located.version or from_profiles,
        installed=located.executable is not None or located.version is not None,
        running=any(process_matches(spec, p) for p in procs),
        executable=located.executable,
        profiles=tuple(profiles),
        version_source=located.source if located.version else ("profile" if from_profiles else ""),
        product=entry["product"],
    )


def scan_browsers(
    home: Path | None = None,
    deadline_s: float = SCAN_DEADLINE_S,
    *,
    platform: Platform | None = None,
    measure_caches: bool = True,
) -> tuple[BrowserInfo, ...]:
    """Every browser this platform can have, installed or not, with versions and profiles.

    Past `deadline_s` the scan still lists every browser, but cache sizes become 'at least'
    and each `--version` gets only a last 50 ms.
    """
    deadline = time.monotonic() + deadline_s
    plat = platform or current_platform(home)
    entries = [entry for entry in rules()["browsers"] if plat.os_id in entry]
    procs = plat.processes({n for e in entries for n in e[plat.os_id].get("processes", ())})
    return tuple(_scan_one(entry, plat, procs, deadline, measure_caches) for entry in entries)


def clear_data_url(browser_id: str) -> str | None:
    """The page of the browser's own 'clear browsing data' dialog (None: it has none)."""
    url = browser_spec(browser_id).get("clear_data_url")
    return str(url) if url else None


def open_clear_data_page(browser: BrowserInfo | str, home: Path | None = None) -> bool:
    """Start the browser on its 'clear browsing data' page, detached from this program.

    Returns False when the browser has no such page (Safari, IE) or is not installed.
    """
    if isinstance(browser, str):
        plat = current_platform(home)
        located = plat.locate(browser_spec(browser).get(plat.os_id, {}), timeout=2.0)
        browser = BrowserInfo(
            browser, browser, "", located.version, True, False, located.executable
        )
    url = clear_data_url(browser.id)
    if url is None or browser.executable is None:
        return False
    command = [str(browser.executable), url]
    if sys.platform == "darwin" and ".app/" in str(browser.executable):
        app = str(browser.executable).split(".app/")[0] + ".app"
        command = ["open", "-a", app, "--args", url]
    import subprocess

    flags = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(
        subprocess, "CREATE_NEW_PROCESS_GROUP", 0
    )
    try:
        subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=sys.platform != "win32",
            creationflags=flags,
            env=child_environment(),
        )
    except OSError:
        return False
    return True
