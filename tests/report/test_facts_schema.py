"""The schema's part for the checks' details (`$defs.facts`) is made from the records, holds
every key the records write, and refuses a key or a type they do not have."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from conndoctor.core.engine.facts import FACTS_OF_CHECK
from conndoctor.report.contract import contract_document
from conndoctor.report.facts_schema import SCHEMA_FILE, with_facts
from tests.report import samples


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


def test_the_published_schema_is_made_from_the_records(schema: dict[str, Any]) -> None:
    assert with_facts(schema) == schema, "run: python -m conndoctor.report.facts_schema"


def test_every_record_field_is_a_published_key(schema: dict[str, Any]) -> None:
    for check_id, record in FACTS_OF_CHECK.items():
        published = schema["$defs"]["facts"][check_id]["anyOf"][1]["properties"]
        fields = set(record._fields)
        assert fields == set(published), check_id


def _tls(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in document["checks"] if c["id"] == "tls.handshake")
    return found


def test_the_schema_refuses_what_no_record_writes(schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    document = contract_document(samples.make_report("expired"), "en", include_personal=True)
    assert list(validator.iter_errors(document)) == []
    renamed = copy.deepcopy(document)
    details = _tls(renamed)["details"]
    details["tls_version"] = details.pop("version")
    assert not validator.is_valid(renamed)
    retyped = copy.deepcopy(document)
    _tls(retyped)["details"]["chain"][0]["not_after"] = 20261101
    assert not validator.is_valid(retyped)
    emptied = copy.deepcopy(document)
    _tls(emptied)["details"] = {}
    assert validator.is_valid(emptied)
