"""The frozen app's command line: `--version` and `explain` of a built folder, in turns.

Compares two built folders (e.g. a build from before a change, kept aside, and the current
`dist/ConnDoctor`) and the installed source program, each started in a fresh process, in turns
so that a busier moment of the machine weighs on all. Prints medians in milliseconds.

    .venv/bin/python bench/bench_frozen_cli.py dist/ConnDoctor/ConnDoctor [/tmp/old/ConnDoctor]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = (["--version"], ["explain", "NET::ERR_CERT_DATE_INVALID"])


def elapsed(program: str, args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([program, *args], capture_output=True, check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("programs", nargs="+", help="built programs to compare")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    source = str(Path(sys.executable).with_name("conndoctor"))
    programs = [*args.programs, source]
    for command in COMMANDS:
        times: dict[str, list[float]] = {program: [] for program in programs}
        for _ in range(args.runs):
            for program in programs:
                times[program].append(elapsed(program, command))
        print(" ".join(command))
        for program, values in times.items():
            print(f"  {statistics.median(values) * 1000:6.0f} ms  {program}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
