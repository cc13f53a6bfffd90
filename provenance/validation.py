"""Validate untrusted data (pack files, `.provenance.yaml`, check parameters, baselines) into models.

The models are plain frozen dataclasses, so a run that reads nothing new needs no validation
library at all (importing pydantic and building its models took a third of a short run's
start-up). Their constraints are written as pydantic `Field` arguments in each field's
`metadata` (``field(metadata={"min_length": 1, "description": ...})``), which pydantic reads
from there; unknown keys may be extra hints for our own code. Extra keys are refused through
each model's ``__pydantic_config__``. pydantic is imported here only, when data is validated or a
JSON Schema generated.

`build` makes a model from data already known to be valid (the built-in packs) without pydantic:
it accepts exactly the shapes the fields declare and raises `TypeError` on anything else, so
its caller can fall back to `validate` and its full error messages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")
Location = tuple[str | int, ...]

STRICT: dict[str, Any] = {"extra": "forbid"}
"""The `__pydantic_config__` of every model: an unknown key is an error, not ignored."""

_MODEL_MESSAGES = {
    # pydantic words this error differently for dataclasses than for its own models (which the
    # models were); the message users have always read is kept
    "unexpected_keyword_argument": "Extra inputs are not permitted",
}


class Problem(NamedTuple):
    location: Location  # keys and indexes from the top of the data
    message: str


class Invalid(ValueError):
    """The data does not fit the model; `problems` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(f"{'/'.join(map(str, p.location))}: {p.message}" for p in problems))
        self.problems = tuple(problems)


def validate(model: type[T], data: Any) -> T:
    """`data` checked and converted into a `model` instance; raises `Invalid` with every problem."""
    from pydantic import ValidationError

    try:
        result: T = _adapter(model).validate_python(data)
    except ValidationError as failure:
        problems = [
            Problem(tuple(e["loc"]), _MODEL_MESSAGES.get(e["type"], e["msg"])) for e in failure.errors()
        ]
        raise Invalid(problems) from None
    return result


def json_schema(model: type[Any]) -> dict[str, Any]:
    """The JSON Schema of `model`, as pydantic generates it from the field declarations."""
    return _adapter(model).json_schema()


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}  # one per model: building one costs milliseconds


def _adapter(model: type[Any]) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]


def build(model: type[T], data: Any) -> T:
    """A `model` instance from data known to be valid; `TypeError` when its shape is not exact."""
    made: T = _builder(model)(data)
    return made


Build = Callable[[Any], Any]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_BUILDERS: dict[Any, Build] = {}


def _builder(hint: Any) -> Build:
    """How to make a value of type `hint` from plain data (YAML's), strictly; made once per type."""
    if hint not in _BUILDERS:
        _BUILDERS[hint] = _new_builder(hint)
    return _BUILDERS[hint]


def _new_builder(hint: Any) -> Build:
    if hint is Any:
        return lambda value: value
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _dataclass_builder(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda value: hint(_exact(value, str))
    if hint is dt.date:  # YAML as provenance reads it keeps dates as the text written
        return lambda value: value if type(value) is dt.date else _iso_date(_exact(value, str))
    if hint in (str, bool, int):
        return lambda value: _exact(value, hint)
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        item = _builder(arguments[0])
        return lambda value: [item(v) for v in _exact(value, list)]
    if origin is dict:
        key, item = _builder(arguments[0]), _builder(arguments[1])
        return lambda value: {key(k): item(v) for k, v in _exact(value, dict).items()}
    if origin in (typing.Union, types.UnionType) and len(arguments) == 2 and type(None) in arguments:
        inner = _builder(next(a for a in arguments if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is typing.Literal:
        allowed = {getattr(a, "value", a): a for a in arguments}
        return lambda value: allowed[value] if value in allowed else _refuse(value)
    raise TypeError(f"no builder for {hint!r}")


def _dataclass_builder(model: type[Any]) -> Build:
    hints = typing.get_type_hints(model)
    fields = [
        (f.metadata.get("alias", f.name), f.name, _builder(hints[f.name])) for f in dataclasses.fields(model)
    ]
    known = {key for key, _, _ in fields}

    def make(value: Any) -> Any:
        data: Mapping[str, Any] = _exact(value, dict)
        if not known.issuperset(data):
            raise TypeError(f"unknown keys for {model.__name__}: {sorted(set(data) - known)}")
        return model(**{name: convert(data[key]) for key, name, convert in fields if key in data})

    return make


def _exact(value: Any, kind: type[Any]) -> Any:
    if type(value) is not kind:  # no coercion: `True` is no int, a datetime no date
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _iso_date(text: str) -> dt.date:
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    return dt.date.fromisoformat(text)


def _refuse(value: Any) -> Any:
    raise TypeError(f"unexpected value {value!r}")
