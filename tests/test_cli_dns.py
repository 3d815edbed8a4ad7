"""Chromium-like DNS probe through the real CLI, in a private network with the lab's resolvers.

The name does not exist (the resolver answers for well-known names) -> `dns_failure` with
spelling advice; this network's DNS fails for every name while a public resolver answers ->
`dns_broken`; nothing answers at all -> `no_internet`; only this name fails with SERVFAIL ->
said so.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.lab.dns_namespace import namespaces_available, run_cli_with_dns

pytestmark = pytest.mark.skipif(
    not namespaces_available(), reason="needs root and unshare for a private network"
)
KNOWN = {"google.com": "127.0.0.9", "www.gstatic.com": "127.0.0.9"}
ARGS = [
    "check",
    "shop.example.jp",
    "--json",
    "--include-personal",
    "--lang",
    "en",
    "--timeout",
    "6",
    "--skip",
    "browsers.inventory",
    "--skip",
    "browsers.tls_settings",
    "--skip",
    "browsers.cache",
    "--skip",
    "clock.network_time",
]


def _check(
    system: dict[str, Any], public: dict[str, Any] | None, *extra: str, web: bool = False
) -> dict[str, Any]:
    done = run_cli_with_dns(system, public, [*ARGS, *extra], web_by_address=web)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _dns(report: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in report["checks"] if c["id"] == "network.dns")


def test_a_name_that_does_not_exist_is_a_spelling_matter() -> None:
    report = _check({"default": "nxdomain", "answers": KNOWN}, None)
    assert [c["id"] for c in report["causes"]] == ["dns_failure"]
    dns = _dns(report)
    assert dns["details"]["probe"]["verdict"] == "resolver_works"
    assert dns["details"]["probe"]["site_rcode"] == "NXDOMAIN"
    assert dns["details"]["probe"]["system_servers"] == ["127.0.0.1"]
    assert "spelling" in dns["summary"]


def test_broken_network_dns_with_a_working_public_resolver_is_dns_broken() -> None:
    report = _check(
        {"default": "nxdomain"},
        {"default": "nxdomain", "answers": KNOWN},
        "--dns-server",
        "127.0.0.2",
    )
    causes = [c["id"] for c in report["causes"]]
    assert causes[0] == "dns_broken", causes
    assert "dns_failure" not in causes
    cause = report["causes"][0]
    assert cause["evidence"]["public_resolver"] == "127.0.0.2"
    assert cause["evidence"]["public_resolver_correct"] is True
    assert "spelling" not in json.dumps(report["causes"])
    assert _dns(report)["summary"].startswith("This network's DNS server does not work")


def test_nothing_answering_at_all_is_no_internet() -> None:
    """The private network has no route out: the built-in public resolvers cannot answer."""
    report = _check({"default": "nxdomain"}, None)
    causes = [c["id"] for c in report["causes"]]
    assert causes == ["no_internet"], causes
    probe = _dns(report)["details"]["probe"]
    assert probe["verdict"] == "no_internet"
    assert {p["server"] for p in probe["public"]} == {"8.8.8.8", "1.1.1.1"}
    assert not any(p["answered"] for p in probe["public"])


def test_only_this_name_failing_with_servfail_is_said_so() -> None:
    report = _check(
        {"default": "nxdomain", "answers": {**KNOWN, "shop.example.jp": "servfail"}}, None
    )
    assert [c["id"] for c in report["causes"]] == ["dns_failure"]
    dns = _dns(report)
    assert dns["details"]["kind"] == "server_failure"
    assert dns["details"]["probe"]["site_rcode"] == "SERVFAIL"
    assert dns["summary"].startswith("Other names are found")


def test_a_connectivity_server_reached_by_address_shows_the_connection_works() -> None:
    report = _check(
        {"default": "nxdomain"},
        None,
        "--connectivity-url",
        "http://127.0.0.3/generate_204",
        web=True,
    )
    causes = [c["id"] for c in report["causes"]]
    assert causes == ["dns_broken"], causes
    assert report["causes"][0]["evidence"]["public_resolver"] == "127.0.0.3:80"
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["network.connectivity"] == "ok"
