"""The `conndoctor check` contract help desks script against: JSON shape, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

LAB_ONLY = [
    "--skip",
    "browsers.inventory",
    "--skip",
    "browsers.tls_settings",
    "--skip",
    "browsers.cache",
]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conndoctor", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_healthy_site_json_shape_and_exit_zero(lab_site, ntp_server, http_lab) -> None:
    site = lab_site("healthy")
    done = _cli(
        "check",
        *site.cli_args(),
        "--json",
        "--lang",
        "en",
        "--ntp-server",
        ntp_server(0.0),
        "--connectivity-url",
        http_lab.url("/generate_204"),
        *LAB_ONLY,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    assert report["schema"] == "conndoctor.report/1"
    assert {"target", "checks", "causes", "environment", "started_at", "duration_s"} <= set(report)
    assert report["causes"] == []
    assert report["target"]["host"] == "localhost"
    for check in report["checks"]:
        assert {"id", "status", "summary", "details", "duration_s"} <= set(check)
        assert check["status"] in {"ok", "warn", "fail", "skipped", "error"}
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["tls.handshake"] == "ok"
    assert statuses["network.connectivity"] == "ok"
    assert statuses["clock.network_time"] == "ok"
    contacted = {(c["host"], c["purpose"]) for c in report["environment"]["contacted"]}
    assert ("localhost", "site") in contacted
    assert all(c["host"] in {"localhost", "127.0.0.1"} for c in report["environment"]["contacted"])


def test_causes_have_the_documented_fields_in_japanese(lab_site) -> None:
    site = lab_site("self_signed")
    done = _cli("check", *site.cli_args(), "--json", "--lang", "ja", "--timeout", "4", *LAB_ONLY)
    assert done.returncode == 1
    cause = json.loads(done.stdout)["causes"][0]
    assert {"id", "title", "explanation", "fixes", "fixer", "confidence"} <= set(cause)
    assert cause["fixer"] in {"user", "it_admin", "site_owner"}
    assert any("\u3040" <= ch <= "\u30ff" for ch in cause["title"])


def test_person_readable_output(lab_site) -> None:
    site = lab_site("expired")
    done = _cli("check", *site.cli_args(), "--lang", "en", "--timeout", "4", *LAB_ONLY)
    assert done.returncode == 1
    assert "expired" in done.stdout.lower()
    assert "{" not in done.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["check", "the site is broken"], "sentence"),
        (["check", "example.com:99999"], "65535"),
        (["check", ""], "address"),
        (["check", "example.com", "--resolve", "nonsense"], "--resolve"),
        (["check", "example.com", "--now", "yesterday"], "--now"),
        (["check", "example.com", "--public-ca-file", "/no/such.pem"], "/no/such.pem"),
        (["check", "example.com", "--timeout", "0"], "--timeout"),
        (["check", "example.com", "--ntp-server", "time.example:abc"], "--ntp-server"),
        (["check", "example.com", "--connectivity-url", "notaurl"], "--connectivity-url"),
        (["check", "example.com", "--skip", "no.such.check"], "tls.handshake"),
        (["check", "example.com", "--home", "/no/such/home"], "/no/such/home"),
        (["check", "example.com", "--device", "iphone", "--os-version", "new"], "--os-version"),
        (["check"], "target"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_input_is_one_line_and_exit_two(args: list[str], needle: str) -> None:
    done = _cli(*args, "--lang", "en") if args[0] == "check" and len(args) > 1 else _cli(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert needle.lower() in done.stderr.lower()


def test_japanese_usage_messages() -> None:
    done = _cli("check", "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ：９９９９９", "--lang", "ja")
    assert done.returncode == 2
    assert "ポート" in done.stderr


def test_argument_errors_speak_japanese_too() -> None:
    done = _cli("check", "example.com", "--timeout", "abc", "--lang", "ja")
    assert done.returncode == 2
    assert "数値" in done.stderr and "--timeout" in done.stderr
    missing = _cli("check", "--lang", "ja")
    assert "ありません" in missing.stderr


def _private_addresses(value: Any) -> list[str]:
    import ipaddress

    found: list[str] = []
    if isinstance(value, dict):
        for item in value.values():
            found += _private_addresses(item)
    elif isinstance(value, list):
        for item in value:
            found += _private_addresses(item)
    elif isinstance(value, str):
        try:
            address = ipaddress.ip_address(value.split("%")[0])
        except ValueError:
            return found
        private = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
                   "fc00::/7", "fe80::/10")  # fmt: skip
        if any(
            address in ipaddress.ip_network(n)
            for n in private
            if address.version == (6 if ":" in n else 4)
        ):
            found.append(value)
    return found


def test_json_on_stdout_masks_private_addresses_unless_asked() -> None:
    common = ["check", "localhost:1", "--json", "--timeout", "2", *LAB_ONLY,
              "--skip", "network.connectivity", "--skip", "clock.network_time"]  # fmt: skip
    masked = json.loads(_cli(*common).stdout)
    assert _private_addresses(masked) == []
    personal = json.loads(_cli(*common, "--include-personal").stdout)
    interfaces = next(c for c in personal["checks"] if c["id"] == "network.interfaces")
    if _private_addresses(interfaces["details"]):  # this machine has such an address
        assert "<private-address>" in json.dumps(masked)
