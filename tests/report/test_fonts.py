"""Japanese renders from the bundled font alone, on a machine without any system font."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtGui import QFontDatabase

from conndoctor.report import fonts
from conndoctor.report.layout import MARKS, TECHNICAL_FAMILY

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QRawFont
    app = QGuiApplication([])
    from conndoctor.report.fonts import ui_font

    banner = QImage(360, 48, QImage.Format.Format_Grayscale8)
    banner.fill(QColor("white"))
    painter = QPainter(banner)
    painter.setFont(ui_font(22))
    painter.drawText(8, 36, sys.argv[2])
    painter.end()
    banner.save(sys.argv[1])
    print("ink", sum(1 for b in bytes(banner.constBits()) if b < 128))
    raw = QRawFont.fromFont(ui_font(22))  # the bundled face itself, no fallback
    for character in sys.argv[2]:
        index = raw.glyphIndexesForString(character)
        found = raw.supportsCharacter(ord(character)) and index != [0]
        print(character, "drawn" if found else "missing")
    """
)


def test_japanese_and_status_marks_render_without_system_fonts(
    tmp_path: Path, artifacts_dir: Path
) -> None:
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path}/cache</cachedir></fontconfig>',
        encoding="utf-8",
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(config), QT_QPA_PLATFORM="offscreen")
    banner = artifacts_dir / "font-without-system-fonts.png"
    characters = "接続ドクター" + "".join(glyph for glyph, _colour in MARKS.values())
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(banner), characters],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    verdicts = dict(line.split(" ") for line in run.stdout.splitlines())
    assert int(verdicts.pop("ink")) > 400, "nothing was drawn"
    assert verdicts == {c: "drawn" for c in characters}, run.stdout
    assert banner.stat().st_size > 500


def test_register_fonts_is_idempotent_and_loads_both_faces() -> None:
    family = fonts.register_fonts()
    assert fonts.register_fonts() == family == "BIZ UDPGothic"
    assert fonts.technical_family() == TECHNICAL_FAMILY
    assert {family, TECHNICAL_FAMILY} <= set(QFontDatabase.families())
    assert fonts.ui_font(11).family() == family
    assert fonts.ui_font(11).pointSizeF() == 11


def test_licence_and_source_ship_with_the_fonts() -> None:
    from conndoctor.core.knowledge.i18n import resource_path

    licence = resource_path("fonts", "OFL.txt").read_text(encoding="utf-8")
    assert (
        "SIL OPEN FONT LICENSE Version 1.1" in licence and "BIZ UDGothic Project Authors" in licence
    )
    assert "fonts-morisawa-bizud-gothic" in resource_path("fonts", "README.md").read_text(
        encoding="utf-8"
    )
    for name in (*fonts.TEXT_FILES, *fonts.TECHNICAL_FILES):
        assert resource_path("fonts", name).is_file()
