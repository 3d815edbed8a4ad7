"""Draw every instruction illustration into resources/illustrations/ (run after changing a drawing).

    python tools/illustrations/build.py [NAME_PART ...]

The SVG files are committed; the app and the tests read those, never this script. Drawings are
flat shapes and numbered call-outs only, with no words, so one drawing serves both languages.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import draw_android
import draw_chromium
import draw_firefox
import draw_ios
import draw_mac
import draw_windows
from parts import svg

OUT = Path(__file__).resolve().parents[2] / "resources" / "illustrations"
MODULES = (draw_chromium, draw_windows, draw_firefox, draw_mac, draw_ios, draw_android)


def main(only: list[str]) -> None:
    for module in MODULES:
        for name, draw in module.DRAWINGS.items():
            if only and not any(part in name for part in only):
                continue
            (OUT / f"{name}.svg").write_text(svg(draw()), encoding="utf-8")
            print("wrote", name)


if __name__ == "__main__":
    main(sys.argv[1:])
