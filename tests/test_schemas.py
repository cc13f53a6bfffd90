"""The checked-in JSON Schemas are exactly what the pydantic models generate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from provenance.rules.schema import CONFIG_SCHEMA, PACK_SCHEMA, SCHEMA_FOLDER, generated_files, write_schemas

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", [PACK_SCHEMA, CONFIG_SCHEMA])
def test_checked_in_schema_matches_the_models(name: str) -> None:
    checked_in = (SCHEMA_FOLDER / name).read_text(encoding="utf-8")
    assert checked_in == generated_files()[name], (
        "run `python -m provenance.rules.schema` and commit the result"
    )


def test_generator_writes_every_schema(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted([CONFIG_SCHEMA, PACK_SCHEMA])
    assert {p.name: p.read_text(encoding="utf-8") for p in written} == generated_files()


@pytest.mark.parametrize(
    ("name", "schema_id", "title"),
    [
        (PACK_SCHEMA, "urn:provenance:schema:policy-pack", "provenance policy pack"),
        (CONFIG_SCHEMA, "urn:provenance:schema:config", "provenance site configuration (.provenance.yaml)"),
    ],
)
def test_schema_header_and_metaschema(name: str, schema_id: str, title: str) -> None:
    schema = json.loads(generated_files()[name])
    assert list(schema)[:3] == ["$schema", "$id", "title"]
    assert (schema["$schema"], schema["$id"], schema["title"]) == (
        "https://json-schema.org/draft/2020-12/schema",
        schema_id,
        title,
    )
    Draft202012Validator.check_schema(schema)


def _objects(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append((path, node))
        for key, value in node.items():
            found += _objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _objects(value, f"{path}/{index}")
    return found


@pytest.mark.parametrize("name", [PACK_SCHEMA, CONFIG_SCHEMA])
def test_every_fixed_object_forbids_unknown_keys(name: str) -> None:
    open_maps = {"/$defs/Condition/properties/params", "/properties/severity"}
    objects = _objects(json.loads(generated_files()[name]))
    assert len(objects) > 1
    for path, node in objects:
        if path in open_maps:
            assert node["additionalProperties"] is not False
        else:
            assert node.get("additionalProperties") is False, path


def test_config_schema_describes_the_venues() -> None:
    schema = json.loads(generated_files()[CONFIG_SCHEMA])
    assert schema["required"] == ["site"]
    assert schema["$defs"]["Venue"]["enum"] == ["community", "noncommercial", "commercial", "print"]
    assert schema["$defs"]["SeverityOverride"]["enum"] == ["error", "warning", "info", "off"]
