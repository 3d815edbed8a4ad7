"""The `--json` contract only ever gains keys: the real CLI against lab cases, compared key by
key with the output recorded before the checks' facts became typed records, and with the schema.

`tests/data/report_keys_before.json` holds, per lab case, every key path each check's output
had (`details.chain[].subject`...). It was recorded from the CLI before the change, with
`CONNDOCTOR_RECORD_KEYS=1`; a key path missing now is a key renamed or dropped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.lab.dns_namespace import namespaces_available, run_cli_with_dns
from tests.lab.http_servers import HttpLab
from tests.lab.tls_servers import LabSite

ROOT = Path(__file__).resolve().parents[1]
BEFORE = ROOT / "tests" / "data" / "report_keys_before.json"
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
RECORDING = os.environ.get("CONNDOCTOR_RECORD_KEYS") == "1"
DAY_S = 86400.0
NO_BROWSERS = [
    *("--skip", "browsers.inventory"),
    *("--skip", "browsers.tls_settings"),
    *("--skip", "browsers.cache"),
]


def key_paths(value: Any, prefix: str) -> Iterator[str]:
    """Every key path under `value`; the items of a list share one path (`chain[]`)."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}"
            yield path
            yield from key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from key_paths(item, f"{prefix}[]")


def document_keys(document: dict[str, Any]) -> dict[str, list[str]]:
    """Key paths of the document's top level and of each check, by check id."""
    keys = {"": sorted(document)}
    for check in document["checks"]:
        keys[check["id"]] = sorted(set(key_paths(check, "")))
    return keys


def _cli(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "conndoctor", "check", *args, "--json", "--include-personal"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stdout + done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


@pytest.fixture
def run_case(
    lab_site: Callable[..., LabSite], ntp_server: Callable[..., str], http_lab: HttpLab
) -> Callable[..., dict[str, Any]]:
    def run(kind: str, *, clock_offset_s: float = 0.0, portal: bool = False) -> dict[str, Any]:
        site = lab_site(kind)
        connectivity = http_lab.url("/portal" if portal else "/generate_204")
        extra = [] if kind == "healthy" and not portal and not clock_offset_s else NO_BROWSERS
        return _cli(
            *site.cli_args(),
            *("--lang", "en", "--timeout", "6"),
            *("--ntp-server", ntp_server(clock_offset_s)),
            *("--ntp-server", ntp_server(clock_offset_s)),
            *("--connectivity-url", connectivity),
            *extra,
        )

    return run


def _via_proxy(site: LabSite, proxy: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "https_proxy")}
    env["HTTPS_PROXY"] = f"http://{proxy}"
    return _cli(
        site.url,
        *("--public-ca-file", site.public_ca_file),
        *[arg for path in site.system_ca_files for arg in ("--system-ca-file", path)],
        *("--resolve", f"{site.host}:{site.port}:127.0.0.2"),
        *("--skip", "network.connectivity", "--skip", "clock.network_time"),
        *NO_BROWSERS,
        *("--lang", "en", "--timeout", "6"),
        env=env,
    )


def _compare(case: str, document: dict[str, Any]) -> None:
    jsonschema.validate(document, SCHEMA)
    now = document_keys(document)
    recorded: dict[str, dict[str, list[str]]] = (
        json.loads(BEFORE.read_text(encoding="utf-8")) if BEFORE.exists() else {}
    )
    if RECORDING:
        recorded[case] = now
        BEFORE.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return
    before = recorded[case]
    assert set(before) <= set(now), f"{case}: checks gone: {set(before) - set(now)}"
    for part, keys in before.items():
        missing = set(keys) - set(now[part])
        assert not missing, f"{case}: {part or 'document'} lost {sorted(missing)}"


@pytest.mark.parametrize(
    ("case", "kind", "clock_offset_s", "portal"),
    [
        ("healthy", "healthy", 0.0, False),
        ("expired", "expired", 0.0, False),
        ("self_signed", "self_signed", 0.0, False),
        ("tls10_only", "tls10_only", 0.0, False),
        ("maintenance", "maintenance", 0.0, False),
        ("clock_a_day_behind", "healthy", -DAY_S, False),
        ("captive_portal", "healthy", 0.0, True),
    ],
)
def test_lab_case_keeps_every_key(
    run_case: Callable[..., dict[str, Any]],
    case: str,
    kind: str,
    clock_offset_s: float,
    portal: bool,
) -> None:
    _compare(case, run_case(kind, clock_offset_s=clock_offset_s, portal=portal))


def test_site_through_a_proxy_keeps_every_key(
    lab_site: Callable[..., LabSite], proxy_lab: str
) -> None:
    _compare("via_proxy", _via_proxy(lab_site("healthy"), proxy_lab))


@pytest.mark.skipif(not namespaces_available(), reason="needs root and unshare")
def test_dns_failure_keeps_every_key() -> None:
    done = run_cli_with_dns(
        {"default": "nxdomain", "answers": {"google.com": "127.0.0.9"}},
        None,
        [
            *("check", "shop.example.jp", "--json", "--include-personal", "--lang", "en"),
            *("--timeout", "6", "--skip", "clock.network_time"),
            *NO_BROWSERS,
        ],
    )
    assert "Traceback" not in done.stderr, done.stderr
    _compare("dns_failure", json.loads(done.stdout))
