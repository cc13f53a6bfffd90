"""The chunked JSON encoder: exactly `json.dumps(..., indent=2, ensure_ascii=False)`, iterators as lists."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.report.json_text import iter_json

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**80), max_value=10**80)
    | st.floats()  # NaN and the infinities included, as json.dumps writes them
    | st.sampled_from([0.0, -0.0, 1e300, -1e-300, 1.5, 5e-324])
    | st.text()  # any code point, lone surrogates included
)
KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=5)
        | st.lists(children, max_size=3).map(tuple)
        | st.dictionaries(KEYS, children, max_size=5)
    ),
    max_leaves=30,
)


def dumps(value: Any, indent: int = 2) -> str:
    return json.dumps(value, indent=indent, ensure_ascii=False)


def text(value: Any, **options: int) -> str:
    return "".join(iter_json(value, **options))


def lazy(value: Any) -> Any:
    """`value` with every list turned into an iterator, as a formatter hands over its big lists."""
    if isinstance(value, (list, tuple)):
        return iter([lazy(item) for item in value])
    if isinstance(value, dict):
        return {key: lazy(item) for key, item in value.items()}
    return value


@settings(max_examples=400)
@given(VALUES, st.integers(min_value=1, max_value=300))
def test_same_text_as_json_dumps(value: Any, chunk_pieces: int) -> None:
    assert text(value, chunk_pieces=chunk_pieces) == dumps(value)


@settings(max_examples=200)
@given(VALUES)
def test_iterators_are_written_as_lists(value: Any) -> None:
    assert text(lazy(value)) == dumps(value)
    assert text({"items": lazy([value, value])}) == dumps({"items": [value, value]})


@given(VALUES, st.integers(min_value=0, max_value=8))
def test_other_indents(value: Any, indent: int) -> None:
    assert text(value, indent=indent) == dumps(value, indent)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        (),
        {"a": [], "b": {}, "c": [[], {}]},
        {1: "int", False: "bool", None: "none", 1.5: "float", float("nan"): "nan", -float("inf"): "-inf"},
        ["\ud800", "é\x00\x1f\u2028", 'quote " and \\ backslash'],
        [10**300, -0.0, 1e300, float("inf"), float("nan")],
        {"deep": [[[[{"x": [1, {"y": ()}]}]]]]},
    ],
    ids=["empty-dict", "empty-list", "empty-tuple", "empties", "keys", "strings", "numbers", "deep"],
)
def test_examples(value: Any) -> None:
    assert text(value) == dumps(value)
    assert text(value, chunk_pieces=1) == dumps(value)


def test_subclasses_encode_as_the_stdlib_does() -> None:
    import enum

    class Level(enum.IntEnum):
        HIGH = 3

    class Name(str):
        pass

    class Ordered(dict[str, Any]):
        pass

    value = Ordered(
        level=Level.HIGH,
        name=Name("x"),
        ratio=type("F", (float,), {})(0.5),
        items=type("L", (list,), {})([1]),
    )
    assert text([value, {Name("k"): Level.HIGH}]) == dumps([value, {Name("k"): Level.HIGH}])


def test_an_empty_iterator_is_an_empty_list() -> None:
    assert text({"findings": iter(())}) == '{\n  "findings": []\n}'
    assert text(iter(())) == "[]"


@pytest.mark.parametrize("value", [{1, 2}, [object()], {"a": b"bytes"}, iter([{"a": {1j}}])], ids=repr)
def test_unserializable_values_raise_like_json_dumps(value: Any) -> None:
    with pytest.raises(TypeError, match="is not JSON serializable"):
        text(value)


@pytest.mark.parametrize("value", [{(1, 2): 1}, [{"a": {b"k": 1}}]], ids=["tuple", "bytes"])
def test_bad_keys_raise_like_json_dumps(value: Any) -> None:
    with pytest.raises(TypeError, match="keys must be str, int, float, bool or None"):
        text(value)


def test_cycles_raise_like_json_dumps() -> None:
    items: list[Any] = []
    items.append({"self": items})
    with pytest.raises(ValueError, match="Circular reference detected"):
        text(items)
    with pytest.raises(ValueError, match="Circular reference detected"):
        text(iter([items]))


def test_items_of_an_iterator_are_built_one_chunk_at_a_time() -> None:
    built: list[int] = []

    def items() -> Iterator[dict[str, int]]:
        for number in range(1000):
            built.append(number)
            yield {"n": number}

    chunks = iter_json({"head": 1, "items": items()}, chunk_pieces=10)
    first = next(chunks)
    assert first.startswith('{\n  "head": 1,\n  "items": [')
    assert len(built) < 20  # the rest is built on demand
    assert first + "".join(chunks) == dumps({"head": 1, "items": [{"n": n} for n in range(1000)]})
    assert len(built) == 1000
