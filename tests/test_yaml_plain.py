"""The packs' fast YAML construction gives exactly what `yaml.load` with the packs' loader gives."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from provenance.rules.loader import builtin_pack_files
from provenance.rules.yaml_marks import _Loader
from provenance.rules.yaml_plain import load_plain

TEXTS = {
    "strings, lists, mappings": "id: x\nlist: [a, 'b', \"c\"]\nnested: {k: [v, {w: z}]}\nblock: |\n  text\n",
    "other scalars": "n: 1\nhex: 0x1F\nf: 1.5e3\ninf: .inf\nnull: ~\nempty:\nt: true\nno: no\noff: off\n",
    "timestamps stay text": "date: 2024-01-31\nwhen: 2001-12-14t21:59:43.10-05:00\n",
    "an alias": "a: &shared [x, y]\nb: *shared\nc: &s hello\nd: *s\n",
    "an aliased null": "a: &n ~\nb: *n\n",
    "a merge key": "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n",
    "merged lists": "a: &a {x: 1}\nb: &b {y: 2}\nc: {<<: [*a, *b], z: 3}\n",
    "a value key": "a: {=: 1}\n",
    "keys that are no strings": "1: one\n~: none\ntrue: yes\n1.5: f\n",
    "a quoted number key": "'1': one\n",
    "explicit tags": "s: !!set {a, b}\no: !!omap [{a: 1}, {b: 2}]\nb: !!binary aGk=\nstr: !!str 12\n",
    "duplicate keys": "a: 1\na: 2\n",
    "a list at the top": "- a\n- b\n",
    "a scalar at the top": "just text\n",
    "an empty document": "",
    "a comment only": "# nothing\n",
    "unicode": "name: “Ünïcödé” 原文\n",
}
ERRORS = {
    "a syntax error": "id: [unclosed\n",
    "an unknown tag": "a: !!python/object:os.system x\n",
    "an undefined alias": "a: *nowhere\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "an unhashable key": "? [a, b]\n: x\n",
}


def reference(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


@pytest.mark.parametrize("case", list(TEXTS))
def test_the_data_is_what_yaml_load_gives(case: str) -> None:
    text = TEXTS[case]
    expected = reference(text)
    loaded = load_plain(text)
    assert loaded == expected
    assert repr(loaded) == repr(expected)  # the same types too (1 == 1.0 == True)


@pytest.mark.parametrize("origin", [entry.name for entry in builtin_pack_files()])
def test_every_builtin_pack_loads_the_same(origin: str) -> None:
    text = next(entry for entry in builtin_pack_files() if entry.name == origin).read_text(encoding="utf-8")
    assert repr(load_plain(text)) == repr(reference(text))


def test_an_alias_gives_the_same_object_as_its_anchor() -> None:
    loaded = load_plain(TEXTS["an alias"])
    assert loaded["a"] is loaded["b"]


def test_a_recursive_alias_is_built_as_yaml_load_builds_it() -> None:
    loaded = load_plain("a: &r [x, *r]\n")
    assert loaded["a"][1] is loaded["a"]


@pytest.mark.parametrize("case", list(ERRORS))
def test_what_yaml_load_refuses_is_refused(case: str) -> None:
    text = ERRORS[case]
    with pytest.raises(yaml.YAMLError) as expected:
        reference(text)
    with pytest.raises(yaml.YAMLError) as raised:
        load_plain(text)
    assert type(raised.value) is type(expected.value)
    assert str(raised.value) == str(expected.value)


def test_nesting_too_deep_to_build_here_leaves_the_pack_to_the_full_path() -> None:
    from provenance.rules.trusted import read_trusted_pack

    deep = "id: deep\nparams: " + "[" * 800 + "]" * 800 + "\n"  # libyaml may refuse it first
    with pytest.raises((RecursionError, yaml.YAMLError)):
        load_plain(deep)
    assert read_trusted_pack("deep.yaml", deep, builtin=False) is None
