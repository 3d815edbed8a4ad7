"""Organisation settings an IT department deploys: who to call, which servers to use, its own roots.

A TOML file in the platform's usual place (or `--config`, or `CONNDOCTOR_CONFIG`). A mistake in
the file must never stop a person from getting help: it becomes a message naming the line,
and the program goes on with the defaults. Example:

    [organisation]
    name = "Example K.K."

    [help_desk]
    phone = "03-1234-5678"
    email = "helpdesk@example.co.jp"
    url = "https://help.example.co.jp/"

    [network]
    ntp_servers = ["ntp.example.co.jp"]
    connectivity_urls = ["http://connect.example.co.jp/generate_204"]

    [trust]
    org_root_files = ["example-inspection-root.pem"]   # relative to this file

    [checks]
    skip = ["browsers.cache"]
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from conndoctor.core.context import DEFAULT_NTP_SERVERS, Options
from conndoctor.core.model import Message

ENV_VARIABLE = "CONNDOCTOR_CONFIG"
FILE_NAME = "config.toml"


class OrgConfig(NamedTuple):
    """The organisation's settings; every field empty means 'not configured'."""

    name: str = ""
    helpdesk_phone: str = ""
    helpdesk_email: str = ""
    helpdesk_url: str = ""
    ntp_servers: tuple[str, ...] = ()
    connectivity_urls: tuple[str, ...] = ()
    org_root_files: tuple[str, ...] = ()
    skip_checks: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    """The files these settings came from, for the report's appendix."""


_SCHEMA: Mapping[str, Mapping[str, tuple[str, type]]] = {
    "organisation": {"name": ("name", str)},
    "help_desk": {
        "phone": ("helpdesk_phone", str),
        "email": ("helpdesk_email", str),
        "url": ("helpdesk_url", str),
    },
    "network": {
        "ntp_servers": ("ntp_servers", list),
        "connectivity_urls": ("connectivity_urls", list),
    },
    "trust": {"org_root_files": ("org_root_files", list)},
    "checks": {"skip": ("skip_checks", list)},
}
_SECTION_ALIASES = {"organization": "organisation", "helpdesk": "help_desk"}


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


def _line_of(error: ValueError) -> tuple[int | None, str]:
    text = str(error)
    found = re.search(r"\(at line (\d+), column \d+\)", text)
    detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", text).strip()
    if found is None:
        found = re.search(r"\(at end of document\)", text)
        return (
            (None, re.sub(r"\s*\(at end of document\)", "", detail).strip())
            if found
            else (None, detail)
        )
    return int(found.group(1)), detail


def _read(path: Path, messages: list[Message]) -> dict[str, Any] | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        messages.append(Message("config.missing", {"path": str(path)}))
        return None
    except OSError as exc:
        messages.append(
            Message("config.unreadable", {"path": str(path), "error": exc.strerror or str(exc)})
        )
        return None
    import tomllib  # only when a settings file exists

    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        messages.append(Message("config.not_utf8", {"path": str(path)}))
    except tomllib.TOMLDecodeError as exc:
        line, detail = _line_of(exc)
        if line is None:
            messages.append(Message("config.bad_toml_end", {"path": str(path), "detail": detail}))
        else:
            messages.append(
                Message("config.bad_toml", {"path": str(path), "line": line, "detail": detail})
            )
    return None


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    return None


def _validate(name: str, value: Any, path: Path, messages: list[Message]) -> Any:
    """The value converted for OrgConfig, or None (with a warning) when it cannot be used."""
    if name in {"ntp_servers", "connectivity_urls", "org_root_files", "skip_checks"}:
        items = _strings(value)
        if items is None:
            messages.append(Message("config.needs_list", {"path": str(path), "setting": name}))
            return None
        if name == "connectivity_urls":
            bad = [u for u in items if not re.match(r"https?://[^/\s]+", u)]
            if bad:
                messages.append(Message("config.bad_url", {"path": str(path), "value": bad[0]}))
                items = tuple(u for u in items if u not in bad)
        if name == "org_root_files":
            items = tuple(str((path.parent / item).expanduser()) for item in items)
            missing = [item for item in items if not Path(item).is_file()]
            for item in missing:
                messages.append(Message("config.missing_root", {"path": str(path), "file": item}))
            items = tuple(item for item in items if item not in missing)
        return items
    if not isinstance(value, str):
        messages.append(Message("config.needs_text", {"path": str(path), "setting": name}))
        return None
    return value.strip()


def _settings(data: Mapping[str, Any], path: Path, messages: list[Message]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for section_name, section in data.items():
        canonical = _SECTION_ALIASES.get(section_name, section_name)
        fields = _SCHEMA.get(canonical)
        if fields is None or not isinstance(section, Mapping):
            messages.append(
                Message("config.unknown_key", {"path": str(path), "setting": section_name})
            )
            continue
        for key, value in section.items():
            if key not in fields:
                messages.append(
                    Message(
                        "config.unknown_key",
                        {"path": str(path), "setting": f"{section_name}.{key}"},
                    )
                )
                continue
            attribute = fields[key][0]
            converted = _validate(attribute, value, path, messages)
            if converted is not None:
                found[attribute] = converted
    return found


def load_config(path: str | os.PathLike[str] | None = None) -> tuple[OrgConfig, list[Message]]:
    """The organisation settings and any messages about them; never raises for a bad file.

    An explicit path (or CONNDOCTOR_CONFIG) is the only file read; otherwise the system-wide
    file is read, then the user's file, whose settings win.
    """
    messages: list[Message] = []
    explicit = path if path is not None else os.environ.get(ENV_VARIABLE) or None
    if explicit is not None:
        candidates = [Path(explicit).expanduser()]
    else:
        candidates = [p for p in (system_config_path(), user_config_path()) if p.is_file()]
    merged: dict[str, Any] = {}
    sources: list[str] = []
    for candidate in candidates:
        data = _read(candidate, messages)
        if data is None:
            continue
        merged.update(_settings(data, candidate, messages))
        sources.append(str(candidate))
    return OrgConfig(**merged, sources=tuple(sources)), messages


def apply_to_options(options: Options, config: OrgConfig) -> Options:
    """Options with the organisation's settings; what was given on the command line wins.

    Servers replace the built-in lists only where the options still hold the defaults; the
    organisation's roots and skipped checks are added to the ones given.
    """
    changes: dict[str, Any] = {}
    if config.ntp_servers and options.ntp_servers == DEFAULT_NTP_SERVERS:
        changes["ntp_servers"] = config.ntp_servers
    if config.connectivity_urls and not options.connectivity_urls:
        changes["connectivity_urls"] = config.connectivity_urls
    if config.org_root_files:
        changes["org_ca_files"] = tuple(
            dict.fromkeys((*options.org_ca_files, *config.org_root_files))
        )
    if config.skip_checks:
        changes["skip"] = options.skip | frozenset(config.skip_checks)
    return options._replace(**changes) if changes else options
