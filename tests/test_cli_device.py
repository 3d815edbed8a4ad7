"""The device that shows the error: a `Device` inside, its value on the command line and in JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest

from conndoctor.cli import _parser, options_from_args
from conndoctor.core.engine.model import Device
from tests.lab.http_servers import HttpLab
from tests.lab.tls_servers import LabSite


@pytest.mark.parametrize(
    ("flags", "device", "os_override"),
    [
        ([], Device.THIS_COMPUTER, None),
        (["--device", "iphone", "--os-version", "17.2"], Device.IPHONE, ("ios", "17.2")),
        (["--device", "other_computer"], Device.OTHER_COMPUTER, None),
    ],
)
def test_the_flag_becomes_a_device(
    flags: list[str], device: Device, os_override: tuple[str, str] | None
) -> None:
    args = _parser("en").parse_args(["check", "example.com", *flags])
    options = options_from_args(args, "en")
    assert type(options.device) is Device and options.device is device
    assert options.os_override == os_override


def test_the_json_spells_the_device_as_the_flag_does(
    lab_site: Callable[..., LabSite], ntp_server: Callable[..., str], http_lab: HttpLab
) -> None:
    site = lab_site("healthy")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "conndoctor",
            "check",
            *site.cli_args(),
            "--json",
            "--device",
            "android",
            "--os-version",
            "14",
            "--ntp-server",
            ntp_server(0.0),
            "--connectivity-url",
            http_lab.url("/generate_204"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    report = json.loads(done.stdout)
    assert report["environment"]["device"] == "android", done.stderr
    skipped = {c["id"] for c in report["checks"] if c["status"] == "skipped"}
    assert "browsers.inventory" in skipped  # another device's browsers are not scanned here
