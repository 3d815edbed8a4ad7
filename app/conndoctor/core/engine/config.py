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
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from conndoctor.core.engine.config_files import (  # noqa: F401 (the settings' home, re-exported)
    ENV_VARIABLE,
    FILE_NAME,
    settings_files,
    system_config_path,
    user_config_path,
)
from conndoctor.core.engine.context import DEFAULT_NTP_SERVERS, Options
from conndoctor.core.engine.model import Message
from conndoctor.core.engine.target import TargetError, check_web_url, parse_server

MAX_SETTINGS_BYTES = 1_000_000
"""A settings file is a few hundred bytes; `/dev/zero` or a log file named by mistake is not."""
MAX_ROOT_FILE_BYTES = 5_000_000
"""The biggest trust bundles (all public roots as PEM) are about 250 kB."""


def file_problem(path: Path, limit: int) -> tuple[str, dict[str, Any]] | None:
    """Why `path` cannot be read as a small file (message key suffix, arguments), or None.

    Devices, pipes and folders are refused before any byte is read: reading `/dev/zero`
    never ends.
    """
    import stat

    try:
        info = path.stat()
    except FileNotFoundError:
        return "missing", {}
    except (OSError, ValueError) as exc:
        return "unreadable", {"error": getattr(exc, "strerror", None) or str(exc)}
    if not stat.S_ISREG(info.st_mode):
        return "not_regular", {}
    if info.st_size > limit:
        size_mb = round(info.st_size / 1_000_000, 1)
        return "too_big", {"size_mb": size_mb, "limit_mb": limit // 1_000_000}
    return None


def read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing (OSError) more than `limit` even if it grew after stat()."""
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise OSError(f"larger than {limit} bytes")
    return data


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
    problem = file_problem(path, MAX_SETTINGS_BYTES)
    if problem is not None:
        key, args = problem
        messages.append(Message(f"config.{key}", {"path": str(path), **args}))
        return None
    try:
        raw = read_limited(path, MAX_SETTINGS_BYTES)
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
    except RecursionError:
        messages.append(Message("config.too_deep", {"path": str(path)}))
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
            bad = [u for u in items if not _is_web_url(u)]
            if bad:
                shown = {"path": str(path), "value": bad[0][:80]}
                messages.append(Message("config.bad_url", shown))
                items = tuple(u for u in items if u not in bad)
        if name == "ntp_servers":
            bad = [s for s in items if not _is_server(s)]
            for server in bad:
                messages.append(
                    Message("config.bad_server", {"path": str(path), "value": server[:80]})
                )
            items = tuple(s for s in items if s not in bad)
        if name == "org_root_files":
            items = _usable_root_files(items, path, messages)
        return items
    if not isinstance(value, str):
        messages.append(Message("config.needs_text", {"path": str(path), "setting": name}))
        return None
    if name == "helpdesk_url" and value.strip() and not _is_web_url(value):
        messages.append(Message("config.bad_url", {"path": str(path), "value": value[:80]}))
        return None
    return value.strip()


def _is_web_url(text: str) -> bool:
    try:
        check_web_url(text)
    except TargetError:
        return False
    return True


def _is_server(text: str) -> bool:
    try:
        parse_server(text, 123)
    except TargetError:
        return False
    return True


def _usable_root_files(
    items: tuple[str, ...], path: Path, messages: list[Message]
) -> tuple[str, ...]:
    """The named root files that exist, are regular files and at most 5 MB; a message per other."""
    usable: list[str] = []
    for item in items:
        try:
            full = str((path.parent / item).expanduser())
        except (ValueError, RuntimeError):
            full = item
        problem = file_problem(Path(full), MAX_ROOT_FILE_BYTES)
        if problem is None:
            usable.append(full)
            continue
        key, args = problem
        args = {"path": str(path), "file": full[:200], **args}
        messages.append(Message(f"config.{key}_root", args))
    return tuple(usable)


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
    candidates = settings_files(path, system_config_path(), user_config_path())
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
