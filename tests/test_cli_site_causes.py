"""The real command line against every lab site: the first cause is the right one, exit codes hold.

Connectivity URLs and NTP servers are unreachable here (no internet), so those two checks are
skipped; everything else, including the network checks of the site itself, runs for real.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest

from conndoctor.core.knowledge.i18n import resource_path
from tests.lab.tls_servers import EXPECTED_CAUSES, LabSite

pytestmark = pytest.mark.skipif(
    not resource_path("causes.json").is_file(), reason="the cause catalog has not landed yet"
)
OFFLINE = ["--skip", "network.connectivity", "--skip", "clock.network_time"]


def _check(site: LabSite, *extra: str, timeout: float = 5) -> tuple[int, dict[str, Any], float]:
    command = [sys.executable, "-m", "conndoctor", "check", *site.cli_args(), "--json"]
    command += ["--timeout", str(timeout), *OFFLINE, *extra]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    elapsed = time.monotonic() - started
    assert done.stdout.strip(), done.stderr
    return done.returncode, json.loads(done.stdout), elapsed


@pytest.mark.parametrize("kind", [k for k, cause in EXPECTED_CAUSES.items() if cause])
def test_each_lab_site_gives_its_cause_first(lab_site: Callable[..., LabSite], kind: str) -> None:
    site = lab_site(kind)
    code, report, _ = _check(site, "--lang", "ja", timeout=3 if kind == "silent" else 5)
    assert report["causes"], report["checks"]
    first = report["causes"][0]
    assert first["id"] == site.expected_cause, [c["id"] for c in report["causes"]]
    assert code == 1
    assert first["title"] and first["fixes"]
    assert all("{" not in d for d in first["details"]), first["details"]


@pytest.mark.parametrize("kind", [k for k, cause in EXPECTED_CAUSES.items() if cause is None])
def test_healthy_sites_give_no_cause(lab_site: Callable[..., LabSite], kind: str) -> None:
    site = lab_site(kind)
    code, report, _ = _check(site)
    assert report["causes"] == [], report["causes"]
    assert code == 0
    by_id = {c["id"]: c for c in report["checks"]}
    assert by_id["tls.handshake"]["status"] == "ok"
    assert by_id["site.http_status"]["details"]["status"] == 200
    contacted = {(c["host"], c["purpose"]) for c in report["environment"]["contacted"]}
    assert (site.host, "site") in contacted


def test_interception_cause_names_the_product(lab_site: Callable[..., LabSite]) -> None:
    code, report, _ = _check(lab_site("interception"))
    assert code == 1
    cause = report["causes"][0]
    assert cause["evidence"]["product"] == "Kaspersky"
    assert any("Kaspersky" in d for d in cause["details"])


def test_silent_server_run_ends_on_time(lab_site: Callable[..., LabSite]) -> None:
    code, report, elapsed = _check(lab_site("silent"), timeout=3)
    assert elapsed < 3 + 1.5
    assert report["causes"][0]["id"] == "site_unreachable"
    assert code == 1
