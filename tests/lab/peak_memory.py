"""A process's peak memory, measured by a small launcher between the measuring process and it.

A child's ru_maxrss starts from its parent's peak at the fork (the pages it shares until its
exec), so a command forked straight from a test run or a benchmark would report their peak, not
its own. The launcher is a bare interpreter (`-I -S`): what it adds is a few megabytes."""

from __future__ import annotations

import sys
from pathlib import Path

LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as peak:
    peak.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs the command in argv[2:], writes its peak memory (KB) to the file argv[1], and exits
with the command's status."""


def launched(command: list[str], peak_file: Path) -> list[str]:
    """`command` run by the launcher, which writes its peak memory to `peak_file`."""
    return [sys.executable, "-I", "-S", "-c", LAUNCHER, str(peak_file), *command]


def peak_mb(peak_file: Path) -> float:
    """The peak the launcher wrote, in MB (Linux reports KB); 0.0 when it wrote none."""
    try:
        return int(peak_file.read_text()) / 1024
    except (OSError, ValueError):
        return 0.0
