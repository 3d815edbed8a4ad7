"""The Windows registry, read-only: live through `winreg`, or recorded `reg query` output.

Tests and Linux runs read recorded output in the real format; a Windows run reads the same
values live, through the same `Registry` interface.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

RegistryData = str | int | bytes | list[str]

HIVES = {
    "HKEY_LOCAL_MACHINE": "HKLM",
    "HKEY_CURRENT_USER": "HKCU",
    "HKEY_CLASSES_ROOT": "HKCR",
    "HKEY_USERS": "HKU",
}


def _short_key(key: str) -> str:
    hive, _, rest = key.strip().strip("\\").partition("\\")
    return f"{HIVES.get(hive.upper(), hive.upper())}\\{rest}".lower()


def parse_reg_query(output: str) -> dict[str, dict[str, RegistryData]]:
    """Keys and values from the text `reg query KEY /s` prints (names are case-insensitive)."""
    keys: dict[str, dict[str, RegistryData]] = {}
    current: dict[str, RegistryData] | None = None
    value_line = re.compile(r"^ {4}(?P<name>.*?) {4}(?P<type>REG_[A-Z_]+)(?: {4}(?P<data>.*))?$")
    for raw in output.splitlines():
        line = raw.rstrip("\r\n")
        if line.startswith("HKEY_"):
            current = keys.setdefault(_short_key(line), {})
            continue
        match = value_line.match(line)
        if current is None or match is None:
            continue
        name = match["name"]
        if name.startswith("(") and name.endswith(")"):
            name = ""  # (Default) / (既定): the key's unnamed value
        current[name.lower()] = _reg_data(match["type"], match["data"] or "")
    return keys


def _reg_data(kind: str, data: str) -> RegistryData:
    if kind in ("REG_DWORD", "REG_QWORD"):
        return int(data, 16)
    if kind == "REG_BINARY":
        return bytes.fromhex(data)
    if kind == "REG_MULTI_SZ":
        return [part for part in data.split("\\0") if part]
    return data


class Registry:
    """Read-only registry values, by 'HKLM\\Path\\To\\Key' and value name ('' = default)."""

    def value(self, key: str, name: str) -> RegistryData | None:
        raise NotImplementedError


class RecordedRegistry(Registry):
    """Registry values recorded with `reg query ... /s` on a real Windows machine."""

    def __init__(self, *outputs: str) -> None:
        self._keys: dict[str, dict[str, RegistryData]] = {}
        for output in outputs:
            for key, values in parse_reg_query(output).items():
                self._keys.setdefault(key, {}).update(values)

    def value(self, key: str, name: str) -> RegistryData | None:
        return self._keys.get(_short_key(key), {}).get(name.lower())


class WindowsRegistry(Registry):  # pragma: no cover - runs on Windows only
    """The live registry through `winreg`, imported only when it is used (on Windows)."""

    def value(self, key: str, name: str) -> RegistryData | None:
        winreg: Any = importlib.import_module("winreg")

        hive_name, _, path = _short_key(key).partition("\\")
        hive = {"hklm": winreg.HKEY_LOCAL_MACHINE, "hkcu": winreg.HKEY_CURRENT_USER}.get(hive_name)
        if hive is None:
            return None
        try:
            access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY  # the 64-bit view, as regedit shows
            with winreg.OpenKey(hive, path, 0, access) as handle:
                data, _kind = winreg.QueryValueEx(handle, name)
        except OSError:
            return None
        return data  # type: ignore[no-any-return]
