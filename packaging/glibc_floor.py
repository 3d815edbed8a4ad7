"""The oldest glibc a built Linux folder runs on, and which bundled files decide it.

Every ELF file records the glibc symbol versions it needs (`objdump -T`: `GLIBC_2.34`...); the
newest of them is the floor. Build on an older distribution to lower it (the release workflow
builds on Ubuntu 22.04, glibc 2.35).

    python packaging/glibc_floor.py dist/ConnDoctor [--max 2.35]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

_GLIBC = re.compile(r"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")
Version = tuple[int, ...]


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed_glibc(path: Path) -> Version | None:
    """The newest GLIBC_ version among the dynamic symbols `path` uses (None: no glibc)."""
    dump = subprocess.run(
        ["objdump", "-T", str(path)], capture_output=True, text=True, check=False, timeout=60
    ).stdout
    versions = [tuple(int(p) for p in match if p) for match in _GLIBC.findall(dump)]
    return max(versions) if versions else None


def floor(folder: Path) -> tuple[Version, list[str]]:
    """The glibc floor of every ELF file under `folder` and the files that need exactly it."""
    needs: dict[str, Version] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            version = needed_glibc(path)
            if version is not None:
                needs[str(path.relative_to(folder))] = version
    if not needs:
        return (0,), []
    newest = max(needs.values())
    return newest, sorted(name for name, version in needs.items() if version == newest)


def dotted(version: Version) -> str:
    return ".".join(str(part) for part in version)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--max", help="fail when the floor is newer than this (e.g. 2.35)")
    args = parser.parse_args(argv)
    newest, deciders = floor(args.folder)
    print(f"glibc floor: {dotted(newest)} (set by {', '.join(deciders[:8]) or 'nothing'})")
    if args.max and newest > tuple(int(p) for p in args.max.split(".")):
        print(f"glibc floor {dotted(newest)} is newer than the allowed {args.max}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
