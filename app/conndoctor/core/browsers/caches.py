"""'Clear the cache for me', done safely: only caches, only while the browser is closed.

The article tells people to clear the browser's cache; this does the same for the Chromium
family and Firefox without touching cookies, saved passwords, history, bookmarks or
settings. Every folder removed must be one of the family's known cache folders, directly
inside the profile, its cache root or its user-data folder, after resolving symlinks.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from conndoctor.core.browsers.inventory import BrowserInfo, Profile, browser_processes, rules
from conndoctor.core.engine.model import Message
from conndoctor.core.platforms import Platform, RunningProcess, current_platform, measure_folders

CLEARABLE_FAMILIES = ("chromium", "firefox")
_CHILD_MARKERS = ("--type=", "-contentproc")
_PROFILE_FLAGS = ("--user-data-dir=", "--profile-directory=")


@dataclass(frozen=True)
class ClearOutcome:
    freed_bytes: int
    removed_paths: tuple[Path, ...]
    refused_reason: Message | None = None

    @property
    def done(self) -> bool:
        return self.refused_reason is None


def _explicit_profile(proc: RunningProcess) -> Path | None:
    """The profile folder a browser process was started with, if its command line names one."""
    args = list(proc.cmdline)
    for index, arg in enumerate(args):
        if arg.startswith("--user-data-dir="):
            return Path(arg.split("=", 1)[1])
        if arg in ("--profile", "-profile") and index + 1 < len(args):
            return Path(args[index + 1])
    return None


def _uses_profile(proc: RunningProcess, profile: Profile) -> bool:
    """False only when the process clearly runs another profile; unknown counts as 'uses it'."""
    if any(marker in arg for arg in proc.cmdline for marker in _CHILD_MARKERS):
        return False  # helper processes; the main process carries the profile
    named = _explicit_profile(proc)
    if named is None:
        return True
    mine = {profile.path.resolve(), profile.user_data_dir.resolve()}
    return named.expanduser().resolve() in mine


def _lock_holder_alive(profile: Profile) -> bool:
    """Chromium's SingletonLock and Firefox's lock are symlinks to 'host-pid' / 'addr:+pid'."""
    import psutil

    for lock in (profile.user_data_dir / "SingletonLock", profile.path / "lock"):
        try:
            target = os.readlink(lock)
        except OSError:
            continue
        digits = target.rsplit("+", 1)[-1].rsplit("-", 1)[-1]
        if digits.isdigit() and psutil.pid_exists(int(digits)):
            return True
    return False


def browser_in_use(browser: BrowserInfo, profile: Profile, plat: Platform) -> bool:
    procs = browser_processes(browser.id, plat)
    return any(_uses_profile(p, profile) for p in procs) or _lock_holder_alive(profile)


def looks_like_profile(browser: BrowserInfo, profile: Profile) -> bool:
    """The folder holds the family's profile file, and the cache root is this profile's own."""
    marker = rules()["families"].get(browser.family, {}).get("profile_marker")
    own_cache = profile.cache_root == profile.path or profile.cache_root.name == profile.path.name
    return bool(marker) and (profile.path / marker).is_file() and own_cache


def allowed_cache_dirs(browser: BrowserInfo, profile: Profile) -> list[Path]:
    """The profile's cache folders that pass every safety rule (and exist)."""
    family = rules()["families"].get(browser.family, {})
    never = {name.lower() for name in rules()["never_clear"]}
    roots = [
        (profile.path, family.get("profile_cache_dirs", ())),
        (profile.cache_root, family.get("profile_cache_dirs", ())),
        (profile.user_data_dir, family.get("user_data_cache_dirs", ())),
    ]
    allowed: list[Path] = []
    for folder in profile.cache_dirs:
        if folder.is_symlink() or not folder.is_dir():
            continue
        for root, names in roots:
            try:
                relative = folder.relative_to(root).as_posix()
                real_relative = folder.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                continue
            if relative in names and real_relative == relative and relative.lower() not in never:
                allowed.append(folder)
                break
    return list(dict.fromkeys(allowed))


def clear_cache(
    browser: BrowserInfo, profile: Profile, *, platform: Platform | None = None
) -> ClearOutcome:
    """Delete the cache folders of one profile and say how much space that freed."""
    args = {"browser": browser.name, "profile": profile.name}
    if browser.family not in CLEARABLE_FAMILIES:
        return ClearOutcome(0, (), Message("caches.refused.unsupported", args))
    if not looks_like_profile(browser, profile):
        return ClearOutcome(0, (), Message("caches.refused.not_a_profile", args))
    plat = platform or current_platform()
    if browser_in_use(browser, profile, plat):
        return ClearOutcome(0, (), Message("caches.refused.running", args))
    folders = allowed_cache_dirs(browser, profile)
    before = measure_folders(folders, time.monotonic() + 60).bytes
    removed: list[Path] = []
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    after = measure_folders(folders, time.monotonic() + 60).bytes
    return ClearOutcome(max(0, before - after), tuple(removed))
