"""Every instruction drawing loads in Qt and renders to a clear picture with blue call-outs.

The renderings land in test-artifacts/illustrations/ (one PNG each and a contact sheet) to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from conndoctor.core.knowledge.i18n import resource_path
from conndoctor.core.knowledge.instructions import illustration_path

WIDTH = 480
CALLOUT_BLUE = (0x25, 0x63, 0xEB)


def illustration_names() -> list[str]:
    folder = resource_path("illustrations")
    return sorted(e.name for e in folder.iterdir() if e.name.endswith(".svg"))


def render(name: str, width: int = WIDTH) -> QImage:
    renderer = QSvgRenderer(QByteArray(illustration_path(name).read_bytes()))
    assert renderer.isValid(), f"{name} does not load"
    box = renderer.viewBoxF()
    height = round(box.height() * width / box.width())
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def colour_counts(image: QImage) -> tuple[int, int, int]:
    """(pixels, non-white pixels, pixels close to the call-out blue)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    stride, width = rgb.bytesPerLine(), rgb.width()
    data = bytes(rgb.constBits())
    non_white = blue = 0
    for y in range(rgb.height()):
        row = data[y * stride : y * stride + width * 3]
        for r, g, b in zip(row[0::3], row[1::3], row[2::3], strict=True):
            if r < 245 or g < 245 or b < 245:
                non_white += 1
                if (
                    abs(r - CALLOUT_BLUE[0]) < 24
                    and abs(g - CALLOUT_BLUE[1]) < 24
                    and abs(b - CALLOUT_BLUE[2]) < 24
                ):
                    blue += 1
    return width * rgb.height(), non_white, blue


@pytest.fixture(scope="module")
def out_dir(artifacts_dir: Path) -> Path:
    folder = artifacts_dir / "illustrations"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("name", illustration_names())
def test_drawing_renders_clearly(qapp: QApplication, out_dir: Path, name: str) -> None:
    image = render(name)
    assert image.width() == WIDTH and 250 <= image.height() <= 400
    assert image.save(str(out_dir / name.replace(".svg", ".png")))
    total, non_white, blue = colour_counts(image)
    assert non_white > total * 0.05, f"{name} is almost blank"
    assert non_white < total * 0.95, f"{name} is almost all filled"
    assert blue > 300, f"{name} shows no blue call-outs ({blue} blue pixels)"


def test_drawings_stay_sharp_on_high_dpi_screens(qapp: QApplication) -> None:
    """At twice the size the drawing has more detail, not a blown-up copy (it is vector)."""
    name = illustration_names()[0]
    small, large = render(name, WIDTH), render(name, WIDTH * 2)
    _, small_ink, _ = colour_counts(small)
    _, large_ink, _ = colour_counts(large)
    assert 3.0 < large_ink / small_ink < 5.0


def test_contact_sheet_of_all_drawings(qapp: QApplication, out_dir: Path) -> None:
    names = illustration_names()
    columns, cell_w, cell_h, pad, caption = 4, WIDTH // 2, 160, 8, 16
    rows = (len(names) + columns - 1) // columns
    sheet = QImage(
        columns * (cell_w + pad) + pad,
        rows * (cell_h + caption + pad) + pad,
        QImage.Format.Format_ARGB32,
    )
    sheet.fill(QColor("#d1d5db"))
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(QFont("sans-serif", 8))
    for index, name in enumerate(names):
        x = pad + (index % columns) * (cell_w + pad)
        y = pad + (index // columns) * (cell_h + caption + pad)
        painter.drawImage(QRectF(x, y, cell_w, cell_h), render(name))
        painter.drawText(QRectF(x, y + cell_h, cell_w, caption), Qt.AlignmentFlag.AlignLeft, name)
    painter.end()
    target = out_dir / "contact_sheet.png"
    assert sheet.save(str(target))
    assert target.stat().st_size > 10_000
