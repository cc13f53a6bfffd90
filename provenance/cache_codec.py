"""Evaluations to plain JSON values and back, driven by the dataclasses' type hints.

A dataclass becomes the list of its field values (in field order), an enum its value, a date
its ISO form, a tuple a list; both directions are built once per type from its type hints.
Decoding follows the declared field types, so the data never names a type: a cache file can
only ever produce the model's own dataclasses. Fields added to the model later are picked up
without touching this module; a type it does not know is a `TypeError` when the codec is
built (a test catches it), never a silent loss.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from provenance.evaluate import Evaluation

Decode = Callable[[Any], Any]
Encode = Callable[[Any], Any]
_PLAIN = (str, int, bool, float, type(None), Any)


def encode_evaluation(evaluation: Evaluation) -> Any:
    """`evaluation` as JSON-ready data (lists, strings, numbers, booleans, None)."""
    return _encoder(Evaluation)(evaluation)


def decode_evaluation(data: Any) -> Evaluation:
    """The `Evaluation` that `encode_evaluation` turned into `data`; raises on data of another shape."""
    decode = _decoder(Evaluation)
    assert decode is not None, "a dataclass always has a decoder"
    result: Evaluation = decode(data)
    return result


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


@cache
def _encoder(hint: Any) -> Encode:
    """How to turn a value of type `hint` into JSON-ready data (identity where JSON already fits)."""
    if hint in _PLAIN or (isinstance(hint, type) and issubclass(hint, str)):  # str enums included
        return _same
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _encoder(_present(hint))
        return _same if inner is _same else lambda value: None if value is None else inner(value)
    if origin is tuple:
        inner = _encoder(_item(hint))
        return _same if inner is _same else lambda value: [inner(item) for item in value]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda value: value.value
    if hint is dt.date:
        return dt.date.isoformat
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        fields = [(name, _encoder(hints[name])) for name in _field_names(hint)]
        return lambda value: [convert(getattr(value, name)) for name, convert in fields]
    raise TypeError(f"the result cache cannot store values of type {hint!r}")


def _same(value: Any) -> Any:
    return value


def _present(hint: Any) -> Any:
    """X of ``X | None``."""
    present = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if len(present) != 1:
        raise TypeError(f"the result cache cannot store values of type {hint!r}")
    return present[0]


def _item(hint: Any) -> Any:
    """X of ``tuple[X, ...]``."""
    args = typing.get_args(hint)
    if len(args) != 2 or args[1] is not Ellipsis:
        raise TypeError(f"the result cache stores only homogeneous tuples, not {hint!r}")
    return args[0]


@cache
def _decoder(hint: Any) -> Decode | None:
    """How to rebuild a value of type `hint` from its JSON form; None when it is already right."""
    if hint in _PLAIN:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _optional(hint)
    if origin is tuple:
        return _tuple(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {member.value: member for member in hint}.__getitem__
    if hint is dt.date:
        return dt.date.fromisoformat
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass(hint)
    raise TypeError(f"the result cache cannot store values of type {hint!r}")


def _optional(hint: Any) -> Decode | None:
    inner = _decoder(_present(hint))
    if inner is None:
        return None
    return lambda value: None if value is None else inner(value)


def _tuple(hint: Any) -> Decode:
    inner = _decoder(_item(hint))
    if inner is None:
        return tuple
    return lambda value: tuple(map(inner, value))


def _dataclass(cls: type) -> Decode:
    hints = typing.get_type_hints(cls)
    names = _field_names(cls)
    conversions = [(index, d) for index, name in enumerate(names) if (d := _decoder(hints[name])) is not None]

    def build(values: list[Any]) -> Any:
        if not isinstance(values, list):
            raise ValueError(f"{cls.__name__}: expected a list of {len(names)} fields")
        if conversions:
            values = values.copy()
            for index, convert in conversions:
                values[index] = convert(values[index])
        return cls(*values)  # a TypeError when the number of fields is wrong

    return build
