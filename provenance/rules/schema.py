"""The published JSON Schemas of policy packs and `.provenance.yaml`, and validation against them.

The schemas are generated from the models in `provenance.rules.models` and checked in
under `provenance/schemas/`; run ``python -m provenance.rules.schema`` to rewrite them after a
model change (a test fails on drift). Documents are validated against the checked-in files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from provenance.rules.errors import RuleFileError
from provenance.rules.models import PolicyPack, SiteConfig
from provenance.rules.yaml_marks import MarkedDocument, json_pointer
from provenance.validation import json_schema

if TYPE_CHECKING:  # jsonschema is imported only when a document is validated (start-up time)
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
    from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]

PACK_SCHEMA = "policy-pack.schema.json"
CONFIG_SCHEMA = "config.schema.json"
SCHEMA_FOLDER = Path(__file__).resolve().parent.parent / "schemas"

_SOURCES: dict[str, tuple[type[Any], str]] = {
    PACK_SCHEMA: (PolicyPack, "provenance policy pack"),
    CONFIG_SCHEMA: (SiteConfig, "provenance site configuration (.provenance.yaml)"),
}


def generate(name: str) -> dict[str, Any]:
    """The schema `name` as generated from its model."""
    from jsonschema import Draft202012Validator

    model, title = _SOURCES[name]
    body = json_schema(model)
    body.pop("title", None)
    return {
        "$schema": Draft202012Validator.META_SCHEMA["$id"],
        "$id": f"urn:provenance:schema:{name.removesuffix('.schema.json')}",
        "title": title,
        **body,
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def generated_files() -> dict[str, str]:
    """File name -> text of every schema, generated in memory."""
    return {name: render(generate(name)) for name in _SOURCES}


def write_schemas(folder: Path = SCHEMA_FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generated_files().items():
        target = folder / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for the checked-in schema `name`, built once."""
    from importlib import resources  # only here: its readers (zipfile, tempfile) cost start-up

    from jsonschema import Draft202012Validator

    text = resources.files("provenance").joinpath("schemas", name).read_text(encoding="utf-8")
    return Draft202012Validator(json.loads(text))


def schema_errors(document: MarkedDocument, name: str) -> list[RuleFileError]:
    """Every violation of schema `name` in `document`, with line and JSON pointer, in file order."""
    explained = [found for error in validator(name).iter_errors(document.data) for found in _explain(error)]
    mistyped = {pointer for pointer, message in explained if message.startswith(_TYPE_MESSAGE)}
    errors = {
        document.error(pointer, message)
        for pointer, message in explained
        if pointer not in mistyped or message.startswith(_TYPE_MESSAGE)  # a wrong type says it all
    }
    return sorted(errors, key=lambda e: (e.line or 0, e.pointer, e.message))


def _explain(error: ValidationError) -> Iterator[tuple[str, str]]:
    """(pointer, message) pairs that say what is wrong in the words of the file's author."""
    pointer = json_pointer(error.absolute_path)
    if error.validator in ("anyOf", "oneOf") and error.context:
        branches = error.validator_value
        useful = [e for e in error.context if branches[e.schema_path[0]] != {"type": "null"}]
        for sub in useful or error.context:
            yield from _explain(sub)
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        for key in error.instance:
            if key not in known:
                yield f"{pointer}{json_pointer([key])}", f"unknown key {key!r}"
    elif error.validator == "required":
        yield pointer, f"missing required key {error.message.split(' is a required')[0]}"
    elif error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        expected = " or ".join(_TYPE_NAMES.get(str(name), str(name)) for name in wanted)
        yield pointer, f"{_TYPE_MESSAGE}{expected}, got {_describe(error.instance)}"
    else:
        yield pointer, error.message


_TYPE_MESSAGE = "expected "
_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return json.dumps(value, ensure_ascii=False, default=str)


def main() -> None:
    for path in write_schemas():
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
