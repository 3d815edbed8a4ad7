"""The browsers on this computer: which are installed, how old, where their profiles and caches are.

Everything is found from the home folder being scanned and the platform's standard places
(resources/browser_rules.json), so a test pointing HOME elsewhere scans elsewhere. The scan
has its own deadline: a slow `--version` or a huge cache can never hold up a check run.
"""

from __future__ import annotations

import configparser
import dataclasses
import json
import re
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conndoctor.core.browser_settings import (  # noqa: F401 - part of this module's API
    TLS_LEVELS,
    TlsSetting,
    _read_text,
    firefox_prefs,
    firefox_tls_problems,
    policy_tls_problems,
    secure_protocols,
    tls_settings_of,
)
from conndoctor.core.context import CheckContext, Options
from conndoctor.core.i18n import load_json_resource
from conndoctor.core.model import Area, CheckResult, Finding, Message, Status, result
from conndoctor.core.platforms import Platform, RunningProcess, current_platform, measure_folders
from conndoctor.core.runner import Check

SCAN_DEADLINE_S = 5.0


@dataclass(frozen=True)
class Profile:
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


@dataclass(frozen=True)
class BrowserInfo:
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


def _chromium_profiles(user_data: Path, cache_base: Path | None) -> list[Profile]:
    family = rules()["families"]["chromium"]
    names: dict[str, str] = {}
    try:
        local_state = json.loads(_read_text(user_data / "Local State") or "{}")
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
    last = (_read_text(user_data / "Last Version") or "").strip() or None
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
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(_read_text(root / "profiles.ini") or "")
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
            compat.read_string(_read_text(path / "compatibility.ini") or "")
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
    return [p for p in plat.processes() if spec and process_matches(spec, p)]


def _with_sizes(profile: Profile, deadline: float) -> Profile:
    size = measure_folders(profile.cache_dirs, deadline)
    return dataclasses.replace(profile, cache_bytes=size.bytes, cache_complete=size.complete)


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
    procs = plat.processes()
    return tuple(
        _scan_one(entry, plat, procs, deadline, measure_caches)
        for entry in rules()["browsers"]
        if plat.os_id in entry
    )


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
        )
    except OSError:
        return False
    return True


class _SharedScan:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.browsers: tuple[BrowserInfo, ...] = ()


_SCANS: weakref.WeakKeyDictionary[CheckContext, _SharedScan] = weakref.WeakKeyDictionary()
_SCANS_LOCK = threading.Lock()


def scan_for(ctx: CheckContext) -> tuple[BrowserInfo, ...] | None:
    """One scan per run, shared by the browser checks (None: it did not finish in time)."""
    with _SCANS_LOCK:
        shared = _SCANS.get(ctx)
        first = shared is None
        if shared is None:
            shared = _SCANS[ctx] = _SharedScan()
    if first:
        try:
            budget = max(0.1, min(2 * SCAN_DEADLINE_S, ctx.remaining() - 0.5))
            shared.browsers = scan_browsers(ctx.options.home, deadline_s=budget)
        finally:
            shared.done.set()
    elif not shared.done.wait(ctx.remaining()):
        return None
    return shared.browsers


def _shown(path: Path | None, home: Path) -> str | None:
    """A path as people read it, '~/…' inside the home folder (keeps user names out of reports)."""
    if path is None:
        return None
    try:
        return "~/" + path.relative_to(home).as_posix()
    except ValueError:
        return str(path)


def _weight(options: Options, browser: BrowserInfo) -> float:
    """Findings about a browser the person does not use count for less."""
    named = options.browser
    if not named or browser.id == named or browser.id.split("_")[0] == named.split("_")[0]:
        return 1.0
    return 0.5


def _prologue(ctx: CheckContext, check_id: str) -> CheckResult | tuple[BrowserInfo, ...]:
    if ctx.options.device != "this_computer":
        return result(check_id, Status.SKIPPED, "browsers.other_device")
    found = scan_for(ctx)
    if found is None:
        return result(check_id, Status.ERROR, "browsers.scan_timed_out")
    return tuple(b for b in found if b.present)


def check_inventory(ctx: CheckContext) -> CheckResult:
    check_id = "browsers.inventory"
    found = _prologue(ctx, check_id)
    if isinstance(found, CheckResult):
        return found
    home = ctx.options.home or Path.home()
    details = {
        "browsers": [
            {
                "id": b.id,
                "name": b.name,
                "family": b.family,
                "installed": b.installed,
                "version": b.version,
                "version_source": b.version_source,
                "running": b.running,
                "executable": _shown(b.executable, home),
                "profiles": [
                    {
                        "name": p.name,
                        "path": _shown(p.path, home),
                        "last_version": p.last_version,
                        "cache_bytes": p.cache_bytes,
                        "cache_complete": p.cache_complete,
                    }
                    for p in b.profiles
                ],
            }
            for b in found
        ]
    }
    if not found:
        return result(check_id, Status.WARN, "browsers.inventory.none", details=details)
    listing = ", ".join(f"{b.name} {b.version or '?'}" for b in found)
    return result(
        check_id,
        Status.OK,
        "browsers.inventory.found",
        details=details,
        count=len(found),
        browsers=listing,
    )


def _outdated(browser: BrowserInfo, weight: float) -> Finding | None:
    product = rules()["products"].get(browser.product, {})
    minimum = product.get("tls12_default_from")
    if not minimum or not older_than(browser.version, minimum):
        return None
    args = {"browser": browser.name, "version": browser.version, "minimum": minimum}
    confidence = (0.9 if browser.installed else 0.7) * weight
    return Finding(
        "browser_outdated",
        round(confidence, 2),
        {**args, "browser_id": browser.id, "source": product.get("source", "")},
        Message(product["update_steps"], args),
    )


def _disabled(setting: TlsSetting, browser: BrowserInfo, weight: float) -> Finding:
    args = {
        "browser": browser.name,
        "profile": setting.profile,
        "setting": setting.setting,
        "value": setting.value,
    }
    key = (
        "browsers.tls_disabled.policy"
        if setting.origin == "policy"
        else f"browsers.tls_disabled.{setting.setting}"
    )
    return Finding(
        "browser_tls_disabled",
        round(0.9 * weight, 2),
        {**args, "browser_id": browser.id, "origin": setting.origin},
        Message(key, args),
    )


def check_tls_settings(ctx: CheckContext) -> CheckResult:
    check_id = "browsers.tls_settings"
    found = _prologue(ctx, check_id)
    if isinstance(found, CheckResult):
        return found
    plat = current_platform(ctx.options.home)
    findings: list[Finding] = []
    checked = []
    for browser in found:
        weight = _weight(ctx.options, browser)
        outdated = _outdated(browser, weight)
        findings += [outdated] if outdated else []
        findings += [_disabled(s, browser, weight) for s in tls_settings_of(browser, plat)]
        checked.append(
            {
                "id": browser.id,
                "version": browser.version,
                "minimum": rules()["products"].get(browser.product, {}).get("tls12_default_from"),
            }
        )
    mask = secure_protocols(plat)
    if mask is not None and not mask & 0x800:
        # Internet Options' "Use TLS 1.2" box: Internet Explorer and Edge's IE mode obey it.
        named = ctx.options.browser
        weight = 1.0 if not named or named in ("ie", "edge") else 0.5
        findings.append(
            Finding(
                "browser_tls_disabled",
                round(0.9 * weight, 2),
                {
                    "browser": "Internet Explorer",
                    "browser_id": "ie",
                    "setting": "SecureProtocols",
                    "value": hex(mask),
                    "origin": "windows",
                },
                Message("browsers.tls_disabled.secure_protocols", {"value": hex(mask)}),
            )
        )
    details = {"browsers": checked, "secure_protocols": mask}
    if not findings:
        return result(check_id, Status.OK, "browsers.tls.ok", details=details)
    strong = any(f.confidence >= 0.8 for f in findings)
    return result(
        check_id,
        Status.FAIL if strong else Status.WARN,
        "browsers.tls.problems",
        details=details,
        findings=findings,
        count=len(findings),
    )


def check_cache(ctx: CheckContext) -> CheckResult:
    check_id = "browsers.cache"
    found = _prologue(ctx, check_id)
    if isinstance(found, CheckResult):
        return found
    home = ctx.options.home or Path.home()
    rows = [
        {
            "browser": b.id,
            "profile": p.name,
            "path": _shown(p.cache_root, home),
            "bytes": p.cache_bytes,
            "complete": p.cache_complete,
        }
        for b in found
        for p in b.profiles
    ]
    total = sum(int(r["bytes"] or 0) for r in rows)
    complete = all(r["complete"] for r in rows)
    megabytes = round(total / (1 << 20), 1)
    key = "browsers.cache.summary" if complete else "browsers.cache.at_least"
    # Never a cause by itself: the diagnosis keeps browser_cache only when everything else is fine.
    findings = [Finding("browser_cache", 0.2, {"bytes": total})] if total else []
    return result(
        check_id,
        Status.OK,
        key,
        details={"profiles": rows, "total_bytes": total, "complete": complete},
        findings=findings,
        megabytes=megabytes,
        profiles=len(rows),
    )


CHECKS: tuple[Check, ...] = (
    Check(id="browsers.inventory", area=Area.BROWSER, run=check_inventory, needs_target=False),
    Check(
        id="browsers.tls_settings", area=Area.BROWSER, run=check_tls_settings, needs_target=False
    ),
    Check(id="browsers.cache", area=Area.BROWSER, run=check_cache, needs_target=False),
)
