"""Report tests: a QApplication exists first (the wizard's tests in the same run need widgets)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conndoctor.report import privacy
from conndoctor.report.privacy import Identity
from tests.report import samples


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """pytest-qt's QApplication, created before the report code would make a QGuiApplication."""


@pytest.fixture
def known_identity(monkeypatch: pytest.MonkeyPatch) -> Iterator[Identity]:
    """This 'computer' belongs to tanaka on TANAKA-LAPTOP, whatever machine runs the tests."""
    monkeypatch.setenv("HOME", samples.HOME)
    monkeypatch.setenv("USER", samples.USER)
    monkeypatch.setenv("LOGNAME", samples.USER)
    monkeypatch.delenv("USERNAME", raising=False)
    monkeypatch.delenv("USERPROFILE", raising=False)
    monkeypatch.setattr(privacy.socket, "gethostname", lambda: samples.COMPUTER)
    monkeypatch.setattr(privacy, "node_name", lambda: samples.COMPUTER.lower() + ".corp.example")
    yield privacy.current_identity()


@pytest.fixture(scope="session")
def pdf_artifacts(artifacts_dir: Path) -> Path:
    folder = artifacts_dir / "pdf"
    folder.mkdir(exist_ok=True)
    return folder
