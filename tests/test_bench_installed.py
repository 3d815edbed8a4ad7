"""The benchmarks' plain install: the program as a wheel installs it, without the development
environment's editable finder, whose imports slowed every process started there and so
flattered each ratio measured against a bare process (bench/installed.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bench.installed import ROOT, command_of
from conndoctor import __version__

PROBE = """
import json, sys
import conndoctor, conndoctor.resources
from conndoctor.core.knowledge.i18n import load_json_resource
print(json.dumps({
    "package": conndoctor.__file__,
    "resources": conndoctor.resources.__file__,
    "causes": len(load_json_resource("causes.json")),
    "editable": sorted(m for m in sys.modules if "editable" in m),
}))
"""


def test_a_plain_install_runs_the_checkout_without_the_editable_finder(
    installed_python: str, tmp_path: Path
) -> None:
    python = installed_python
    done = subprocess.run(
        [python, "-c", PROBE], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    found = json.loads(done.stdout)
    assert found["package"].startswith(str(Path(python).parent.parent))
    assert Path(found["resources"]).resolve() == (ROOT / "resources" / "__init__.py").resolve()
    assert found["causes"] > 0
    assert found["editable"] == []
    bare = subprocess.run(
        [python, "-c", "import sys; print('pathlib' in sys.modules)"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    assert bare.stdout.strip() == "False"  # a bare process loads only what it imports itself
    version = subprocess.run(
        [command_of(python), "--version"], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert version.stdout.split() == ["conndoctor", __version__]  # the command people start
