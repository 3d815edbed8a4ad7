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
