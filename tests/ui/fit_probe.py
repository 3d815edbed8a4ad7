"""Drive the real wizard on a real X display and report what does not fit or clashes.

Run by tests/ui/test_window_fits.py in a child process, because QT_FONT_DPI and
QT_SCALE_FACTOR only take effect before Qt starts. Usage:
    python -m tests.ui.fit_probe CASE.json OUT.json SHOTS_FOLDER
Prints nothing; writes {"problems": [...], "pages": [...]} to OUT.json.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget, QWizard

from conndoctor.core.engine.context import Options
from conndoctor.core.engine.target import parse_target

ACCESS_KEY = re.compile(r"&([^&\s])")


def access_keys(page: QWidget, wizard: QWizard) -> list[str]:
    """Every access key a person can press on this page (page widgets and wizard buttons)."""
    texts: list[str] = []
    for button in page.findChildren(QAbstractButton):
        if button.isVisibleTo(wizard):
            texts.append(button.text())
    for label in page.findChildren(QLabel):
        if label.isVisibleTo(wizard) and label.buddy() is not None:
            texts.append(label.text())
    for which in (
        QWizard.WizardButton.BackButton,
        QWizard.WizardButton.NextButton,
        QWizard.WizardButton.CancelButton,
        QWizard.WizardButton.FinishButton,
    ):
        button = wizard.button(which)
        if button.isVisible():
            texts.append(button.text())
    keys = []
    for text in texts:
        found = ACCESS_KEY.search(text.replace("&&", ""))
        if found:
            keys.append(found.group(1).lower())
    return keys


def wait(app: QApplication, condition: Any, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.02)
    return False


def inspect(app: QApplication, wizard: Any, name: str, shots: Path, problems: list[str]) -> None:
    wait(app, lambda: False, 0.2)
    room: QRect = wizard.screen().availableGeometry()
    frame = wizard.frameGeometry()
    if not room.contains(frame):
        problems.append(f"{name}: window {frame.getRect()} outside screen {room.getRect()}")
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton):
        button = wizard.button(which)
        if button.isVisible():
            corner = button.mapToGlobal(button.rect().bottomRight())
            if not room.contains(corner):
                problems.append(f"{name}: {button.text()} button off-screen at {corner.toTuple()}")
    keys = access_keys(wizard.currentPage(), wizard)
    clashes = sorted({k for k in keys if keys.count(k) > 1})
    if clashes:
        problems.append(f"{name}: access keys used twice: {clashes}")
    wizard.grab().save(str(shots / f"{name}.png"))


def main(case_file: str, out_file: str, shots_folder: str) -> int:
    case = json.loads(Path(case_file).read_text())
    shots = Path(shots_folder)
    shots.mkdir(parents=True, exist_ok=True)
    from conndoctor.ui.app import application
    from conndoctor.ui.wizard import DoctorWizard, PageId

    app = application()
    now = dt.datetime.fromisoformat(case["now"]) if case.get("now") else None
    base = Options(
        target=parse_target(case["url"]),
        timeout_s=8.0,
        public_ca_file=case["public_ca_file"],
        system_ca_files=tuple(case["system_ca_files"]),
        org_ca_files=tuple(case["org_ca_files"]),
        resolve={(case["host"], case["port"]): ("127.0.0.1",)},
        ntp_servers=(case["ntp"],),
        connectivity_urls=(case["connectivity_url"],),
        now=now,
        home=Path(case["home"]),
    )._replace(target=None)
    settings = QSettings(str(Path(case["home"]) / "conndoctor.ini"), QSettings.Format.IniFormat)
    wizard = DoctorWizard(base=base, settings=settings, lang=case["lang"])
    wizard.show()
    wait(app, wizard.isVisible, 5)
    wizard.add_remaining_pages()
    problems: list[str] = []
    visited: list[str] = []
    prefix = case["name"]
    room = wizard.screen().availableGeometry()
    for page in wizard.pages():
        hint = page.minimumSizeHint()
        if hint.height() > room.height() - 120 or hint.width() > room.width():
            problems.append(
                f"{type(page).__name__}: needs {hint.toTuple()}, screen {room.size().toTuple()}"
            )
    wizard.welcome.address.setText(case["url"])
    wait(app, lambda: not wizard.state.scan_running, 10)
    inspect(app, wizard, f"{prefix}-start", shots, problems)
    wizard.next()
    wait(app, lambda: wizard.checking.done, 30)
    inspect(app, wizard, f"{prefix}-checking", shots, problems)
    wizard.next()
    inspect(app, wizard, f"{prefix}-answer", shots, problems)
    if case.get("cache_steps"):
        wizard.state.go_to_browser = True
    for _ in range(8):
        visited.append(PageId(wizard.currentId()).name)
        if wizard.currentId() == PageId.SUMMARY:
            break
        wizard.next()
        inspect(app, wizard, f"{prefix}-{PageId(wizard.currentId()).name.lower()}", shots, problems)
    Path(out_file).write_text(json.dumps({"problems": problems, "pages": visited}))
    wizard.done(0)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
