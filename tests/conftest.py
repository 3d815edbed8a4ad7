"""Shared test set-up: Qt runs offscreen, the loopback lab's fixtures, one artifacts folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = [
    "tests.lab.certs",
    "tests.lab.tls_servers",
    "tests.lab.http_servers",
    "tests.lab.ntp_server",
    "tests.lab.dns_server",
]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """test-artifacts/ at the top of the checkout: screenshots and PDF renderings to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def installed_python(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The Python of one throw-away environment where this checkout is installed as a wheel
    installs it, with the `conndoctor` command beside it (`bench.installed.plain_install`):
    the program as people start it, without the editable finder or `runpy`."""
    from bench.installed import plain_install

    return plain_install(tmp_path_factory.mktemp("installed") / "env")
