"""Evaluations to plain tuples (for `marshal`) and back, driven by the model records' type hints.

A record (a `NamedTuple` of the model) becomes the plain tuple of its field values (in field
order), an enum its value, a date its ISO form, and every string is interned: marshal then
stores a string repeated within an entry once, and loading shares it with every other entry
holding it, so a message found in every article is held once in memory, not once per article.
Both directions are built from the type hints once per type, into functions that convert only
the fields that need it.

Decoding follows the declared field types, so the data never names a type: a cache file can
only ever produce the model's own records, each from a tuple of exactly its field count
(anything else is an error, and the caller ignores the entry). Fields added to the model later
are picked up without touching this module; a type it does not know is a `TypeError` when the
codec is built (a test catches it), never a silent loss.

A summary's per-rule outcomes are most of an evaluation, and only audits read them: `split_outcomes`
takes them out of the data, so that the cache can store them apart and decode them only for the
callers that want them; `join_outcomes` puts them back.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
import sys
import types
import typing
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from provenance.model import ArticleSummary, Evaluation, Evidence, Location, RuleOutcome

Convert = Callable[[Any], Any]  # one value to its stored form, or back
Conversions = tuple[tuple[int, Convert], ...]  # the fields of a record that need converting, by index
_PLAIN = (int, bool, float, type(None))  # kept as they are, both ways
SHARED = frozenset({Location, Evidence, RuleOutcome})  # small value objects that recur across articles
SHARED_LIMIT = 20_000  # distinct ones remembered per type: bounds the memory when they do not recur


def encode_evaluation(evaluation: Evaluation) -> tuple[Any, ...]:
    """`evaluation` as nested tuples of strings, numbers, booleans and None."""
    encode = _encoder(Evaluation)
    assert encode is not None, "a record always has an encoder"
    result: tuple[Any, ...] = encode(evaluation)
    return result


def decode_evaluation(data: Any) -> Evaluation:
    """The `Evaluation` that `encode_evaluation` turned into `data`; raises on data of another shape."""
    return EvaluationDecoder()(data)


def split_outcomes(data: tuple[Any, ...]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """`encode_evaluation`'s `data` without the summary's per-rule outcomes, and the data of those."""
    summary = data[_SUMMARY]
    return _replaced(data, _SUMMARY, _replaced(summary, _OUTCOMES, ())), summary[_OUTCOMES]


def join_outcomes(data: Any, outcomes: Any) -> tuple[Any, ...]:
    """The evaluation data `split_outcomes` split into `data` and `outcomes`; raises on another shape."""
    return _replaced(data, _SUMMARY, _replaced(_field_data(data, _SUMMARY), _OUTCOMES, outcomes))


class EvaluationDecoder:
    """Rebuilds evaluations from `encode_evaluation`'s data, sharing the value objects that recur.

    A `SHARED` object equal to one this decoder built before is that same object: they are
    immutable, so sharing is invisible, and it saves both building them and holding them.
    """

    def __init__(self) -> None:
        self._decoders: dict[Any, Convert | None] = {}
        decode = self._decoder(Evaluation)
        assert decode is not None, "a record always has a decoder"
        self._decode = decode

    def __call__(self, data: Any) -> Evaluation:
        """The evaluation `data` holds; raises on data of another shape."""
        result: Evaluation = self._decode(data)
        return result

    def _decoder(self, hint: Any) -> Convert | None:
        """How to rebuild a value of type `hint` from its stored form; None when it already is one."""
        if hint not in self._decoders:
            self._decoders[hint] = self._new_decoder(hint)
        return self._decoders[hint]

    def _new_decoder(self, hint: Any) -> Convert | None:
        if hint is str or hint in _PLAIN:
            return None
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            present = _present(hint)
            if isinstance(present, type) and issubclass(present, enum.Enum):
                return {**_members(present), None: None}.__getitem__
            return _optional(self._decoder(present))
        if origin is tuple:
            return _tuple_of(self._decoder(_item(hint)))
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return _members(hint).__getitem__
        if hint is dt.date:
            return dt.date.fromisoformat
        if _is_record(hint):
            build = _record_decoder(hint, _conversions(self._decoder(field) for _, field in _fields(hint)))
            return _shared(build) if hint in SHARED else build
        raise TypeError(f"the result cache cannot store values of type {hint!r}")


def _is_record(hint: Any) -> bool:
    """Whether `hint` is a record type: a `NamedTuple` class."""
    return isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields")


@cache
def _fields(cls: Any) -> tuple[tuple[str, Any], ...]:
    """The name and type hint of each field of the record type `cls`, in order."""
    hints = typing.get_type_hints(cls)
    return tuple((name, hints[name]) for name in cls._fields)


@cache
def _encoder(hint: Any) -> Convert | None:
    """How to turn a value of type `hint` into marshal-ready data; None when it already is."""
    if hint in _PLAIN:
        return None
    if hint is str:
        return _text
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _optional(_encoder(_present(hint)))
    if origin is tuple:
        return _tuple_of(_encoder(_item(hint)))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return operator.attrgetter("value")
    if hint is dt.date:
        return dt.date.isoformat
    if _is_record(hint):
        return _record_encoder(hint)
    raise TypeError(f"the result cache cannot store values of type {hint!r}")


def _text(value: str) -> str:
    """`value` interned (a `str` subclass as its plain text: marshal stores only plain strings)."""
    return sys.intern(value if type(value) is str else str.__str__(value))


def _record_encoder(cls: type) -> Convert:
    conversions = _conversions(_encoder(hint) for _, hint in _fields(cls))
    return lambda value: _converted(tuple(value), conversions)  # marshal stores plain tuples only


def _members(cls: type[enum.Enum]) -> dict[Any, Any]:
    return {member.value: member for member in cls}


def _record_decoder(cls: type, conversions: Conversions) -> Convert:
    size, new = len(_fields(cls)), tuple.__new__  # a record from its field values, as `_make` does

    def build(values: Any) -> Any:
        if type(values) is not tuple or len(values) != size:
            raise ValueError(f"{cls.__name__}: expected a tuple of {size} fields")
        if not conversions:
            return new(cls, values)
        converted = list(values)
        for index, convert in conversions:
            converted[index] = convert(converted[index])
        return new(cls, converted)

    return build


def _shared(build: Convert) -> Convert:
    """`build`, returning the object it built before for equal data (up to `SHARED_LIMIT` of them)."""
    built: dict[Any, Any] = {}

    def shared(values: Any) -> Any:
        found = built.get(values)
        if found is None:
            if len(built) >= SHARED_LIMIT:
                built.clear()
            found = built[values] = build(values)
        return found

    return shared


def _conversions(converters: Iterable[Convert | None]) -> Conversions:
    """The (field index, converter) pairs of the fields that need converting."""
    return tuple((index, convert) for index, convert in enumerate(converters) if convert is not None)


def _converted(values: tuple[Any, ...], conversions: Conversions) -> tuple[Any, ...]:
    """`values` with the fields that need it converted (`values` itself when none does)."""
    if not conversions:
        return values
    result = list(values)
    for index, convert in conversions:
        result[index] = convert(result[index])
    return tuple(result)


def _optional(inner: Convert | None) -> Convert | None:
    if inner is None:
        return None
    return lambda value: None if value is None else inner(value)


def _tuple_of(inner: Convert | None) -> Convert | None:
    if inner is None:
        return None
    return lambda value: tuple(map(inner, value))


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


def _field_data(data: Any, index: int) -> Any:
    """The stored value of field `index` of a record's `data`; raises on data of another shape."""
    if type(data) is not tuple or len(data) <= index:
        raise ValueError("not the data of a record")
    return data[index]


def _replaced(data: Any, index: int, value: Any) -> tuple[Any, ...]:
    """A record's `data` with `value` as field `index`; raises on data of another shape."""
    _field_data(data, index)
    return (*data[:index], value, *data[index + 1 :])


def _field_index(cls: Any, name: str) -> int:
    index: int = cls._fields.index(name)
    return index


_SUMMARY = _field_index(Evaluation, "summary")
_OUTCOMES = _field_index(ArticleSummary, "outcomes")
