"""Every page fits small and enlarged screens on a real X display, with unique access keys.

Older people enlarge text: 1366×768 with 125 % text (QT_FONT_DPI=120) and 1920×1080 at 150 %
(QT_SCALE_FACTOR=1.5). Xvfb is started here; the wizard runs in a child process because
those settings only take effect before Qt starts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conndoctor.ui.translations import qm_file

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")

SCREENS = {
    "1366x768-text125": ("1366x768x24", {"QT_FONT_DPI": "120"}),
    "1920x1080-scale150": ("1920x1080x24", {"QT_SCALE_FACTOR": "1.5"}),
}


@pytest.fixture(params=sorted(SCREENS))
def display(request: Any) -> Iterator[tuple[str, dict[str, str]]]:
    geometry, env = SCREENS[request.param]
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", geometry, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield request.param, {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb", **env}
    finally:
        server.terminate()
        server.wait(10)


@pytest.mark.parametrize(
    ("case", "lang"), [("expired", "ja"), ("wrong_clock", "en"), ("cache_steps", "ja")]
)
def test_every_page_fits_and_keys_are_unique(
    display: tuple[str, dict[str, str]],
    case: str,
    lang: str,
    lab_site: Any,
    http_lab: Any,
    ntp_server: Any,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    assert qm_file("ja") is not None
    screen, env = display
    site = lab_site("expired" if case == "expired" else "healthy")
    (tmp_path / "home").mkdir()
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=3) if case == "wrong_clock" else None
    spec = {
        "name": f"fit-{screen}-{case}-{lang}",
        "lang": lang,
        "url": site.url,
        "host": site.host,
        "port": site.port,
        "public_ca_file": site.public_ca_file,
        "system_ca_files": list(site.system_ca_files),
        "org_ca_files": list(site.org_ca_files),
        "ntp": ntp_server(0.0),
        "connectivity_url": http_lab.url("/generate_204"),
        "now": now.isoformat() if now else None,
        "cache_steps": case == "cache_steps",
        "home": str(tmp_path / "home"),
    }
    (tmp_path / "case.json").write_text(json.dumps(spec))
    out = tmp_path / "out.json"
    root = Path(__file__).resolve().parents[2]
    run_env = {**os.environ, **env, "HOME": str(tmp_path / "home")}
    run_env.pop("QT_QPA_PLATFORM", None)
    run_env.update(env)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.ui.fit_probe",
            str(tmp_path / "case.json"),
            str(out),
            str(artifacts_dir / "screenshots"),
        ],
        cwd=root,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(out.read_text())
    assert found["pages"][-1] == "SUMMARY", found
    if case == "cache_steps":
        assert "BROWSER" in found["pages"]
    assert found["problems"] == [], found
