"""The built-in packs' fast path: same packs as the full path, lines on demand, no jsonschema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.lazy_mapping import LazyMapping
from provenance.rules.errors import RuleErrors
from provenance.rules.loader import BUILTIN_ORIGIN, builtin_pack_files, load_ruleset
from provenance.rules.pack_file import read_pack
from provenance.rules.schema import PACK_SCHEMA, schema_errors
from provenance.rules.trusted import lazy_lines, read_trusted_pack
from provenance.rules.yaml_marks import load_marked

BUILTINS = [
    (BUILTIN_ORIGIN + entry.name, entry.read_text(encoding="utf-8")) for entry in builtin_pack_files()
]


@pytest.mark.parametrize(("origin", "text"), BUILTINS, ids=[origin for origin, _ in BUILTINS])
def test_a_builtin_pack_reads_the_same_on_both_paths(origin: str, text: str) -> None:
    full = read_pack(origin, text, builtin=True)
    fast = read_trusted_pack(origin, text)
    assert fast is not None and full.file is not None and full.errors == []
    assert schema_errors(load_marked(text, origin), PACK_SCHEMA) == []  # what the fast path skips
    assert fast.file is not None and fast.declared_id == full.declared_id
    assert fast.file.pack == full.file.pack
    assert fast.file.document.data == full.file.document.data
    assert dict(fast.file.document.lines) == dict(full.file.document.lines)
    assert [(p.index, p.condition, p.params, p.id_line) for p in fast.file.conditions] == [
        (p.index, p.condition, p.params, p.id_line) for p in full.file.conditions
    ]


def test_lines_are_computed_on_first_use_only() -> None:
    lines = lazy_lines("id: x\nconditions:\n  - id: A\n", "pack.yaml")
    assert "_mapping" not in vars(lines)
    assert lines.get("/conditions/0/id") == 3
    assert "_mapping" in vars(lines)
    assert dict(lines) == {"": 1, "/id": 1, "/conditions": 2, "/conditions/0": 3, "/conditions/0/id": 3}
    assert len(lines) == 5


def test_a_lazy_mapping_loads_once_when_first_read() -> None:
    loads: list[int] = []

    def load() -> dict[str, int]:
        loads.append(1)
        return {"a": 1}

    mapping = LazyMapping(load)
    assert loads == []
    assert (mapping["a"], list(mapping), len(mapping)) == (1, ["a"], 1)
    assert loads == [1]


def test_unreadable_text_gives_no_lines() -> None:
    lines = lazy_lines("a: 1\na: 2\n", "pack.yaml")  # a duplicate key fails the marked load
    with pytest.raises(RuleErrors):
        load_marked("a: 1\na: 2\n", "pack.yaml")
    assert dict(lines) == {}


@pytest.mark.parametrize(
    "text",
    [
        "id: [unclosed\n",  # YAML syntax
        "- a list\n",  # not a mapping
        "id: x\nname: X\nbogus: 1\nconditions: []\n",  # pydantic rejects it
        "id: x\nname: X\ndisable: [A]\nconditions: []\n",  # a semantic error
    ],
)
def test_a_pack_with_any_error_leaves_the_fast_path(text: str) -> None:
    assert read_trusted_pack("builtin:broken.yaml", text) is None


def test_an_error_pointing_into_a_builtin_pack_still_has_its_line(tmp_path: Path) -> None:
    core = next(text for origin, text in BUILTINS if origin == BUILTIN_ORIGIN + "core.yaml")
    document = load_marked(core, "core.yaml")
    line = document.lines["/conditions/0/id"]
    condition = document.data["conditions"][0]
    rule_id = condition["id"]
    local = tmp_path / "mine.yaml"  # JSON is YAML
    local.write_text(
        json.dumps({"id": "mine", "name": "Mine", "applies_to": "always", "conditions": [condition]}),
        encoding="utf-8",
    )
    with pytest.raises(RuleErrors) as raised:
        load_ruleset([local])
    messages = [error.message for error in raised.value.errors]
    assert messages == [f"duplicate rule id {rule_id!r}: already defined in builtin:core.yaml:{line}"]


def test_loading_the_builtin_packs_does_not_import_jsonschema() -> None:
    code = (
        "import sys\n"
        "from provenance.rules.loader import load_ruleset\n"
        "assert load_ruleset().packs\n"
        "print('jsonschema' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout == "False\n"
