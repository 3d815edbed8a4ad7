"""A network where only the proxy reaches the site: the site is still checked, through the
proxy's tunnel, as the browser would reach it (HTTPS_PROXY and HTTP CONNECT)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any


def _run_via_proxy(site: Any, proxy: str) -> tuple[int, dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "https_proxy")}
    env["HTTPS_PROXY"] = f"http://{proxy}"
    command = [
        sys.executable, "-m", "conndoctor", "check", site.url, "--json", "--timeout", "6",
        "--public-ca-file", site.public_ca_file,
        *[arg for path in site.system_ca_files for arg in ("--system-ca-file", path)],
        # direct connections go to 127.0.0.2, where nothing listens; the proxy reaches the site
        "--resolve", f"{site.host}:{site.port}:127.0.0.2",
        "--skip", "network.connectivity", "--skip", "clock.network_time",
        "--skip", "browsers.inventory", "--skip", "browsers.tls_settings",
        "--skip", "browsers.cache",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def _statuses(report: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: c["status"] for c in report["checks"]}


def test_a_healthy_site_behind_the_proxy_is_checked_through_it(lab_site, proxy_lab) -> None:
    code, report = _run_via_proxy(lab_site("healthy"), proxy_lab)
    assert code == 0, report["causes"]
    statuses = _statuses(report)
    assert statuses["network.tcp"] == "warn"
    assert statuses["tls.handshake"] == "ok"
    assert statuses["site.http_status"] == "ok"
    purposes = {c["purpose"] for c in report["environment"]["contacted"]}
    assert {"proxy", "site"} <= purposes


def test_an_expired_certificate_behind_the_proxy_is_still_found(lab_site, proxy_lab) -> None:
    code, report = _run_via_proxy(lab_site("expired"), proxy_lab)
    assert code == 1
    assert report["causes"][0]["id"] == "cert_expired"
