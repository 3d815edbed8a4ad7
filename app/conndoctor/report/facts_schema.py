"""The JSON Schema of every check's `details`, made from the checks' records.

`docs/report.schema.json` publishes, for each check id, the keys and types of its details
(`$defs.facts`) so scripts can rely on them; this module derives that part from the records
of `core.engine.facts`, so the schema cannot drift from what the program writes
(tests/report/test_facts_schema.py compares them). After adding a field to a record:
`python -m conndoctor.report.facts_schema` rewrites the schema file.
"""

from __future__ import annotations

import itertools
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

from conndoctor.core.engine.facts import FACTS_OF_CHECK, FIELD_NOTES

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "report.schema.json"

_SCALARS: dict[object, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def _type_schema(kind: Any, records: dict[str, Any]) -> dict[str, Any]:
    """The schema of one field's type (records met on the way are added to `records`)."""
    if kind in _SCALARS:
        return {"type": _SCALARS[kind]}
    if kind is Any:
        return {}
    origin = typing.get_origin(kind)
    arguments = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        return {"anyOf": [_type_schema(a, records) for a in arguments]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(arguments[0], records)}
    if origin is dict:
        return {"type": "object"}
    if isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields"):
        records.setdefault(kind.__name__, None)
        if records[kind.__name__] is None:
            records[kind.__name__] = _record_schema(kind, records)
        return {"$ref": f"#/$defs/records/{kind.__name__}"}
    raise TypeError(f"no JSON Schema for {kind!r}")


def _record_schema(record: type, records: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(record)
    fields: list[str] = list(getattr(record, "_fields", ()))
    described = {
        name: {**_type_schema(hints[name], records), **_field_note(record, name)} for name in fields
    }
    return {
        "type": "object",
        "required": fields,
        "additionalProperties": False,
        "properties": described,
    }


def _field_note(record: type, name: str) -> dict[str, str]:
    """The field's docstring: the string under the field in its class's source (or a base's),
    else the meaning every record's field of that name has (`FIELD_NOTES`)."""
    import ast
    import inspect

    body: list[ast.stmt] = []
    for owner in record.__mro__:
        try:
            tree = ast.parse(inspect.getsource(owner))
        except (OSError, TypeError):
            continue
        if isinstance(tree.body[0], ast.ClassDef):
            body += tree.body[0].body
    for field, note in itertools.pairwise(body):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and field.target.id == name
            and isinstance(note, ast.Expr)
            and isinstance(note.value, ast.Constant)
            and isinstance(note.value.value, str)
        ):
            return {"description": " ".join(note.value.value.split())}
    return {"description": FIELD_NOTES[name]} if name in FIELD_NOTES else {}


def facts_schema() -> dict[str, Any]:
    """`$defs` entries: `facts` (check id -> its details) and `records` (nested pieces)."""
    records: dict[str, Any] = {}
    facts = {
        check_id: {
            "description": (record.__doc__ or "").split("\n")[0],
            "anyOf": [
                {"type": "object", "maxProperties": 0},
                _record_schema(record, records),
            ],
        }
        for check_id, record in FACTS_OF_CHECK.items()
    }
    return {"facts": facts, "records": dict(sorted(records.items()))}


def details_rules() -> list[dict[str, Any]]:
    """The `check` definition's rules: a check's details follow its id's facts."""
    return [
        {
            "if": {"properties": {"id": {"const": check_id}}, "required": ["id"]},
            "then": {"properties": {"details": {"$ref": f"#/$defs/facts/{check_id}"}}},
        }
        for check_id in FACTS_OF_CHECK
    ]


def with_facts(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema document with its facts part made from the records."""
    updated = json.loads(json.dumps(schema))
    updated["$defs"].update(facts_schema())
    updated["$defs"]["check"]["allOf"] = details_rules()
    updated["$defs"]["check"]["properties"]["details"]["description"] = (
        "The check's own facts: for a known check id, every key of its record "
        "($defs.facts), or {} when it found none (skipped, failed early)."
    )
    return updated


def main() -> int:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    SCHEMA_FILE.write_text(
        json.dumps(with_facts(schema), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {SCHEMA_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
