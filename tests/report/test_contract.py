"""The published JSON Schema (docs/report.schema.json) holds for what the program really writes:
`conndoctor check --json` on lab sites, `--json-file`, and the wizard's saved JSON."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conndoctor.core.engine.target import parse_target
from conndoctor.report.contract import SCHEMA, contract_document, unmasked_hosts
from conndoctor.report.document import report_document
from conndoctor.report.export import write_json
from tests.report import samples

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"
WITHOUT_BROWSERS = [
    *("--skip", "browsers.inventory"),
    *("--skip", "browsers.tls_settings"),
    *("--skip", "browsers.cache"),
]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _assert_valid(validator: jsonschema.Draft202012Validator, document: Any) -> None:
    problems = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]
    assert problems == [], "\n".join(problems)
    for stamp in (document["started_at"], document.get("written_at")):
        if stamp is not None:
            assert dt.datetime.fromisoformat(stamp).tzinfo is not None


def _check_json(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "conndoctor", "check", *args, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


@pytest.fixture
def lab_run(
    lab_site: Callable[..., Any], ntp_server: Callable[..., str], http_lab: Any
) -> Iterator[Callable[..., dict[str, Any]]]:
    """`conndoctor check --json` on a lab site, with lab time and connectivity servers only."""

    def run(kind: str, *extra: str, connectivity: str = "/generate_204") -> dict[str, Any]:
        site = lab_site(kind)
        return _check_json(
            *site.cli_args(),
            *("--ntp-server", ntp_server(0.0)),
            *("--connectivity-url", http_lab.url(connectivity)),
            *("--timeout", "5"),
            *extra,
        )

    yield run


def test_healthy_site_with_every_check(validator: Any, lab_run: Any) -> None:
    document = lab_run("healthy", "--lang", "ja")
    _assert_valid(validator, document)
    ids = {c["id"] for c in document["checks"]}
    assert {"tls.handshake", "browsers.inventory", "system.disk"} <= ids
    assert document["schema"] == SCHEMA and document["lang"] == "ja"


@pytest.mark.parametrize(
    ("kind", "cause"),
    [("expired", "cert_expired"), ("tls10_only", "server_tls_obsolete")],
)
def test_broken_sites(validator: Any, lab_run: Any, kind: str, cause: str) -> None:
    document = lab_run(kind, "--lang", "en", *WITHOUT_BROWSERS)
    _assert_valid(validator, document)
    assert cause in [c["id"] for c in document["causes"]]


def test_captive_portal(validator: Any, lab_run: Any) -> None:
    document = lab_run("healthy", "--lang", "en", *WITHOUT_BROWSERS, connectivity="/portal")
    _assert_valid(validator, document)
    assert "captive_portal" in [c["id"] for c in document["causes"]]


def test_json_file_written_by_the_cli(validator: Any, lab_run: Any, tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    printed = lab_run("expired", "--lang", "ja", "--json-file", str(saved), *WITHOUT_BROWSERS)
    document = json.loads(saved.read_text(encoding="utf-8"))
    _assert_valid(validator, document)
    assert document["personal_details"] == "masked"
    assert document["checks"] == printed["checks"] and document["causes"] == printed["causes"]


def test_wizard_saved_json_with_history_and_organisation(validator: Any, tmp_path: Path) -> None:
    from conndoctor.core.engine.config import OrgConfig

    org = OrgConfig(name="Example Corp", helpdesk_phone="03-0000-0000", sources=("/etc/x.toml",))
    path = write_json(
        samples.make_report("expired"),
        tmp_path / "r.json",
        "ja",
        history=samples.sample_history(),
        user_note="支払いできない",
        org=org,
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    _assert_valid(validator, document)
    assert document["organisation"]["help_desk"]["phone"] == "03-0000-0000"


def test_the_schema_rejects_a_renamed_or_missing_key(validator: Any) -> None:
    document = contract_document(samples.make_report("expired"), "en")
    _assert_valid(validator, document)
    renamed = copy.deepcopy(document)
    renamed["causes"][0]["who_fixes"] = renamed["causes"][0].pop("fixer")
    assert not validator.is_valid(renamed)
    missing = copy.deepcopy(document)
    del missing["environment"]["contacted"]
    assert not validator.is_valid(missing)
    bad_status = copy.deepcopy(document)
    bad_status["checks"][0]["status"] = "fine"
    assert not validator.is_valid(bad_status)


def test_cli_json_and_saved_json_share_one_serialisation() -> None:
    report = samples.make_report("expired")
    printed = contract_document(report, "en")
    saved = report_document(report, "en")
    assert {key: saved[key] for key in printed} == printed


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://192.168.1.10/", {"192.168.1.10"}),
        ("https://[fd00::1]:8443/", {"fd00::1"}),
        ("https://intranet.example/", set()),
    ],
)
def test_the_site_asked_about_stays_unmasked(url: str, kept: set[str]) -> None:
    target = parse_target(url)
    assert kept <= unmasked_hosts(target)
    assert bool(unmasked_hosts(target)) == bool(kept)
