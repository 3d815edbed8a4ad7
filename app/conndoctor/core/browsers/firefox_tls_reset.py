"""'Restore the defaults' for Firefox's TLS version preferences, done safely.

Firefox's own error page offers this when a changed `security.tls.version.*` preference is
the likely reason a secure connection fails (browser/actors/NetErrorParent.sys.mjs,
"ResetTLSPrefs": it clears the user values of security.tls.version.min, .max and
.enable-deprecated). We do the same in the profile's prefs.js, only while Firefox is closed
(Firefox rewrites prefs.js when it quits), after copying prefs.js to a backup beside it.
Nothing else in the profile is touched.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conndoctor.core.browsers.browser_settings import firefox_prefs
from conndoctor.core.browsers.inventory import BrowserInfo, Profile
from conndoctor.core.engine.model import Message
from conndoctor.core.platforms import Platform, current_platform

RESET_PREFS = (
    "security.tls.version.min",
    "security.tls.version.max",
    "security.tls.version.enable-deprecated",
    "security.tls.version.fallback-limit",
)
"""The preferences Firefox's error page resets, plus the fallback limit of the same family."""

_USER_PREF_LINE = re.compile(r'^\s*user_pref\(\s*"([^"]+)"\s*,.*\)\s*;\s*$')


@dataclass(frozen=True)
class PrefChange:
    """One preference that was reset: its name and the value it had before."""

    name: str
    before: Any


@dataclass(frozen=True)
class TlsResetOutcome:
    changes: tuple[PrefChange, ...]
    backup: Path | None
    refused_reason: Message | None = None

    @property
    def done(self) -> bool:
        return self.refused_reason is None


def changed_tls_prefs(profile: Profile) -> dict[str, Any]:
    """The TLS version preferences this profile's prefs.js sets away from Firefox's defaults."""
    prefs = firefox_prefs(profile.path / "prefs.js")
    return {name: prefs[name] for name in RESET_PREFS if name in prefs}


def _firefox_running(browser: BrowserInfo, profile: Profile, plat: Platform) -> bool:
    from conndoctor.core.browsers.caches import browser_in_use

    return browser_in_use(browser, profile, plat)


def backup_path(prefs_file: Path, when: dt.datetime | None = None) -> Path:
    """prefs.js → prefs-conndoctor-backup-20261121-164200.js (a new name, never overwritten)."""
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = prefs_file.with_name(f"prefs-conndoctor-backup-{stamp}.js")
    number = 1
    while candidate.exists():
        number += 1
        candidate = prefs_file.with_name(f"prefs-conndoctor-backup-{stamp}-{number}.js")
    return candidate


def reset_tls_prefs(
    browser: BrowserInfo, profile: Profile, *, platform: Platform | None = None
) -> TlsResetOutcome:
    """Remove the TLS version preferences from prefs.js so Firefox uses its defaults again."""
    args = {"browser": browser.name, "profile": profile.name}
    prefs_file = profile.path / "prefs.js"
    if browser.family != "firefox" or not prefs_file.is_file():
        return TlsResetOutcome((), None, Message("firefox_reset.refused.not_a_profile", args))
    plat = platform or current_platform()
    if _firefox_running(browser, profile, plat):
        return TlsResetOutcome((), None, Message("firefox_reset.refused.running", args))
    if any(name in firefox_prefs(profile.path / "user.js") for name in RESET_PREFS):
        return TlsResetOutcome((), None, Message("firefox_reset.refused.user_js", args))
    before = changed_tls_prefs(profile)
    if not before:
        return TlsResetOutcome((), None)
    original = prefs_file.read_bytes()
    backup = backup_path(prefs_file)
    shutil.copy2(prefs_file, backup)
    kept = [
        line
        for line in original.decode("utf-8", errors="surrogateescape").splitlines(keepends=True)
        if not ((m := _USER_PREF_LINE.match(line)) and m.group(1) in RESET_PREFS)
    ]
    temporary = prefs_file.with_name("prefs.js.conndoctor-new")
    temporary.write_bytes("".join(kept).encode("utf-8", errors="surrogateescape"))
    shutil.copymode(prefs_file, temporary)
    temporary.replace(prefs_file)
    changes = tuple(PrefChange(name, value) for name, value in before.items())
    return TlsResetOutcome(changes, backup)
