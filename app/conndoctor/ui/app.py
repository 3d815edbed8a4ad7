"""Start the wizard: one QApplication, the bundled Japanese font, then the first page at once.

Start-up is kept lean (the checks, the browser scan and the report code load only when
needed) so that the first page appears about as fast as an empty Qt window.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from conndoctor.core.engine.config import OrgConfig
    from conndoctor.core.engine.context import Options
    from conndoctor.core.knowledge.languages import Lang


READABLE_POINT_SIZE = 11.0
STARTUP_PROBE = "CONNDOCTOR_STARTUP_PROBE"
"""When set, print 'first-page-shown <seconds>' once the first page is up, then quit (bench/)."""


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the project's names and a readable font that has Japanese glyphs."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setOrganizationName("ConnDoctor")
    app.setApplicationName("ConnDoctor")
    app.setApplicationDisplayName("Connection Doctor")
    app.setDesktopFileName("jp.conndoctor.ConnDoctor")  # matches packaging/linux/*.desktop
    font = QFont(app.font())
    system = QFontInfo(font).family()
    try:
        from conndoctor.report.fonts import register_fonts

        japanese = register_fonts()
    except (RuntimeError, OSError):  # a broken install: Qt's own fonts, maybe boxes
        japanese = ""
    if japanese:
        # The bundled proportional font declares a shallower descent than its Latin letters
        # have, so Qt cuts off the tails of g, p and y: Latin from the system's own UI font
        # when that has no Japanese (then every kana and kanji still comes from ours).
        has_japanese = QFontDatabase.WritingSystem.Japanese in QFontDatabase.writingSystems(system)
        latin_first = system and system != japanese and not has_japanese
        font.setFamilies([system, japanese] if latin_first else [japanese, *font.families()])
    font.setPointSizeF(max(font.pointSizeF(), READABLE_POINT_SIZE))
    app.setFont(font)
    return app


def run_wizard(
    base: Options | None = None, org: OrgConfig | None = None, lang: Lang | None = None
) -> int:
    """Open the wizard (what `conndoctor` with no arguments does); returns the exit status.

    `org` is the organisation's settings; without it the same files as `conndoctor check`
    are read (CONNDOCTOR_CONFIG, else the system and the user file) after the first page shows.
    """
    app = application()
    from conndoctor.ui.wizard import DoctorWizard

    wizard = DoctorWizard(base=base, org=org, lang=lang, read_org_settings=org is None)
    wizard.show()
    if os.environ.get(STARTUP_PROBE):
        QTimer.singleShot(0, lambda: _report_first_page(app))
    return 0 if app.exec() == 0 else 1


def _report_first_page(app: QApplication) -> None:
    print(f"first-page-shown {time.perf_counter():.6f}", flush=True)
    app.quit()
