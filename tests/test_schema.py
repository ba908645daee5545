"""The published JSON Schema: one file, shipped in the package, valid, described."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from governance_lint.schema.format import schema_text

from helpers import ROOT, run_cli


def test_the_published_schema_is_the_shipped_one() -> None:
    published = (ROOT / "schemas" / "governance.schema.json").read_text(encoding="utf-8")
    assert published == schema_text()


def test_schema_command_prints_the_schema_from_the_installed_package() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads(schema_text())


def test_the_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(schema_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def _properties(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            found.append((f"{where}.{name}", value))
        for key, value in node.items():
            found.extend(_properties(value, f"{where}.{key}"))
    return found


def test_every_property_has_a_description_for_editors() -> None:
    missing = [
        where for where, prop in _properties(json.loads(schema_text())) if "description" not in prop
    ]
    assert missing == []


def test_entries_refuse_unknown_fields_but_allow_description_notes_and_extensions() -> None:
    defs = json.loads(schema_text())["$defs"]
    for kind in (
        "organization",
        "person",
        "role",
        "team",
        "decision",
        "ready",
        "cadence",
        "metric",
    ):
        assert defs[kind]["additionalProperties"] is False
        assert {"description", "notes"} <= set(defs[kind]["properties"])
        assert "^x-" in defs[kind]["patternProperties"]


def test_a_valid_organization_validates_with_the_bare_schema() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    assert validator.is_valid(
        {
            "governance": 1,
            "roles": {"ceo": {"title": "CEO"}},
            "decisions": {"pricing": {"title": "Prices", "owner": "ceo", "decide_within": "5d"}},
        }
    )
    assert not validator.is_valid({"governance": 1, "roles": {"CEO": {"title": "CEO"}}})


def test_the_shipped_compiled_validator_is_the_schema_of_today() -> None:
    from governance_lint.schema import _compiled as schema_code
    from governance_lint.schema.format import schema_digest

    assert schema_digest() == schema_code.SCHEMA_SHA256, (
        "run `python -m governance_lint.schema.compile` to compile the schema again"
    )
