"""The bundled Japanese font (BIZ UDGothic), loaded into Qt so Japanese renders on any machine.

A fresh Windows, macOS or Linux install may have no Japanese font that fontconfig or Qt can
find; without one, the wizard and the PDF would show empty boxes. The font files live in
`resources/fonts/` and are loaded by path (Qt maps the file, which is several times faster
than handing it the bytes), or from bytes where the resources are not plain files (a zip).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from conndoctor.core.knowledge.i18n import resource_path

TEXT_FILES = ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf")
"""BIZ UDPGothic: proportional Latin, for sentences in the wizard and the PDF."""
TECHNICAL_FILES = ("BIZUDGothic-Regular.ttf",)
"""BIZ UDGothic: fixed-width Latin, for fingerprints, paths and other values that are compared."""

_registered: dict[str, str] = {}


class FontError(RuntimeError):
    """The bundled font could not be loaded (a broken install); Japanese would not render."""


def _load(files: tuple[str, ...]) -> str:
    family = ""
    for name in files:
        resource = resource_path("fonts", name)
        if isinstance(resource, Path) and resource.is_file():
            font_id = QFontDatabase.addApplicationFont(str(resource))  # Qt maps it: fast
        else:
            font_id = QFontDatabase.addApplicationFontFromData(resource.read_bytes())
        if font_id < 0:
            raise FontError(f"Qt could not load the bundled font {name}")
        families = QFontDatabase.applicationFontFamilies(font_id)
        family = family or (families[0] if families else "")
    if not family:
        raise FontError(f"the bundled font {files[0]} has no family name")
    return family


def register_fonts() -> str:
    """Register the bundled fonts with Qt once; return the family for ordinary text.

    Needs a QGuiApplication (or QApplication) to exist. Calling it again is free.
    """
    if "text" not in _registered:
        if QGuiApplication.instance() is None:
            raise FontError("register_fonts() needs a QGuiApplication; create it first")
        _registered["text"] = _load(TEXT_FILES)
    return _registered["text"]


def technical_family() -> str:
    """The fixed-width family (same design) for values people compare character by character."""
    register_fonts()
    if "technical" not in _registered:
        _registered["technical"] = _load(TECHNICAL_FILES)
    return _registered["technical"]


def without_ligatures(font: QFont) -> QFont:
    """Qt's PDF writer maps an "fi" ligature to no letters, so "certificate" would not be found
    by search or copied correctly; the PDF draws the letters one by one instead."""
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def ui_font(point_size: float | None = None) -> QFont:
    """A QFont in the bundled text family, for the wizard's widgets and for the PDF."""
    font = QFont(register_fonts())
    if point_size is not None:
        font.setPointSizeF(point_size)
    return font
