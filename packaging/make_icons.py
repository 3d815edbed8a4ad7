"""Turn the drawn app icon (resources/icons/app.svg) into what each desktop wants.

Windows wants an .ico, macOS an .icns, Linux desktops a set of PNGs (hicolor theme).
They are made at build time from the one SVG with Qt (already a dependency), so no binary
icon is committed and no image tool is needed. .ico and .icns hold PNG-compressed images,
which every Windows since Vista and every macOS since 10.7 reads.

Usage: python packaging/make_icons.py [--svg resources/icons/app.svg] [--out build/icons]
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "ConnDoctor"
LINUX_ICON_NAME = "jp.conndoctor.ConnDoctor"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-carrying icns element types and the pixel size each one holds.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def render_pngs(svg: Path, sizes: tuple[int, ...]) -> dict[int, bytes]:
    """PNG bytes of the SVG drawn at each size, on a transparent background."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: Qt cannot read {svg}")
    pngs: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stubs say bytes; 6.11 wants str
            raise SystemExit(f"make_icons: Qt could not write a {size}px PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico (ICONDIR + one PNG per size); width 0 means 256 in this format."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns: 'icns' + total length, then (type, length, PNG) elements."""
    body = b""
    for kind, size in ICNS_TYPES:
        png = pngs[size]
        body += kind + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(svg: Path, out: Path) -> list[Path]:
    """Write ConnDoctor.ico, ConnDoctor.icns and hicolor/<n>x<n>/apps/<id>.png under `out`."""
    pngs = render_pngs(svg, PNG_SIZES)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / f"{APP_NAME}.ico", out / f"{APP_NAME}.icns"]
    written[0].write_bytes(ico_bytes(pngs))
    written[1].write_bytes(icns_bytes(pngs))
    for size in PNG_SIZES:
        if size > 512:
            continue
        png = out / "hicolor" / f"{size}x{size}" / "apps" / f"{LINUX_ICON_NAME}.png"
        png.parent.mkdir(parents=True, exist_ok=True)
        png.write_bytes(pngs[size])
        written.append(png)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{LINUX_ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(svg.read_bytes())
    written.append(scalable)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--svg", type=Path, default=ROOT / "resources" / "icons" / "app.svg")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons")
    args = parser.parse_args(argv)
    if not args.svg.is_file():
        print(f"make_icons: no app icon at {args.svg}", file=sys.stderr)
        return 1
    for path in make_icons(args.svg, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
