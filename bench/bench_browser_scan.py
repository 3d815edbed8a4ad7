"""How long the browser scan takes on a home with several browsers and large caches.

Generates a home with Chrome, Chromium, Edge, Brave and Firefox (deb and snap) profiles whose
caches hold thousands of files, then prints the median of several `scan_browsers` runs and
its ratio to a plain `os.scandir` walk of the same tree measured in the same run.
Target: the scan finishes within 1 s.

    .venv/bin/python bench/bench_browser_scan.py [--files-per-cache N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from conndoctor.core.browsers.inventory import scan_browsers

CHROMIUM_FAMILY = {
    ".config/google-chrome": ".cache/google-chrome",
    ".config/chromium": ".cache/chromium",
    ".config/microsoft-edge": ".cache/microsoft-edge",
    ".config/BraveSoftware/Brave-Browser": ".cache/BraveSoftware/Brave-Browser",
}
FIREFOX = {
    ".mozilla/firefox": ".cache/mozilla/firefox",
    "snap/firefox/common/.mozilla/firefox": "snap/firefox/common/.cache/mozilla/firefox",
}


def _fill(folder: Path, files: int, size: int) -> None:
    for index in range(files):
        sub = folder / f"{index % 16:02x}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"entry_{index}").write_bytes(b"\0" * size)


def generate(home: Path, files_per_cache: int) -> int:
    """Write the fake home; returns the number of cache files."""
    total = 0
    for user_data, cache in CHROMIUM_FAMILY.items():
        (home / user_data).mkdir(parents=True)
        (home / user_data / "Last Version").write_text("120.0.6099.129")
        for profile in ("Default", "Profile 1"):
            (home / user_data / profile).mkdir()
            (home / user_data / profile / "Preferences").write_text("{}")
            _fill(home / cache / profile / "Cache" / "Cache_Data", files_per_cache, 2048)
            _fill(home / user_data / profile / "Code Cache" / "js", files_per_cache // 4, 512)
            total += files_per_cache + files_per_cache // 4
    for root, cache in FIREFOX.items():
        lines = ["[General]", "StartWithLastProfile=1", "Version=2", ""]
        for number, name in enumerate(("abc123.default-release", "def456.work")):
            lines += [
                f"[Profile{number}]",
                f"Name={name.split('.')[1]}",
                "IsRelative=1",
                f"Path={name}",
                "",
            ]
            (home / root / name).mkdir(parents=True)
            (home / root / name / "prefs.js").write_text(
                'user_pref("security.tls.version.max", 4);\n'
            )
            (home / root / name / "compatibility.ini").write_text(
                "[Compatibility]\nLastVersion=115.6.0_20231211155925/20231211155925\n"
            )
            _fill(home / cache / name / "cache2" / "entries", files_per_cache, 4096)
            total += files_per_cache
        (home / root / "profiles.ini").write_text("\n".join(lines))
    return total


def plain_walk(home: Path) -> int:
    """The baseline: visit every file of the tree with os.scandir and add up sizes."""
    total, stack = 0, [str(home)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    total += entry.stat(follow_symlinks=False).st_size
    return total


def median_time(action: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files-per-cache", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        files = generate(home, args.files_per_cache)
        found = scan_browsers(home, deadline_s=30)
        profiles = sum(len(b.profiles) for b in found)
        cache_bytes = sum(p.cache_bytes for b in found for p in b.profiles)
        baseline = median_time(lambda: plain_walk(home), args.runs)
        scan = median_time(lambda: scan_browsers(home, deadline_s=30), args.runs)
        print(
            f"home: {profiles} profiles, {files} cache files, "
            f"{cache_bytes / 2**20:.1f} MiB of cache"
        )
        print(f"baseline os.scandir walk: median {baseline * 1000:.1f} ms over {args.runs} runs")
        print(f"scan_browsers:            median {scan * 1000:.1f} ms over {args.runs} runs")
        print(
            f"ratio scan / walk: {scan / baseline:.2f}   target: scan < 1000 ms -> "
            f"{'met' if scan < 1.0 else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
