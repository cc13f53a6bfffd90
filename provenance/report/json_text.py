"""Indented JSON text, exactly as `json.dumps(value, indent=2, ensure_ascii=False)` writes it, in chunks.

The stdlib's indented encoder is pure Python and returns one string: for a large report it keeps
millions of tiny pieces alive, then joins them. `iter_json` yields the same text a few hundred
list items at a time, and takes an iterator wherever a document has a big list, so that each
item is built, encoded and dropped in turn (an iterator is encoded as a JSON array).

Each container is one join of its items' texts; strings go through the stdlib's C escaping.
(The C compact encoder, made to write ``",\\n" + indent`` between items, measured no faster:
its fixed cost per call is that of encoding a few items here.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from json.encoder import encode_basestring
from typing import Any, NamedTuple

CHUNK_PIECES = 256
"""How many pieces (list items, keys) `iter_json` joins into one chunk: fewer, larger writes."""

_KEYS_CACHED = 4096  # encoded keys remembered per document: the few names every item repeats
_INFINITY = float("inf")


def iter_json(value: object, *, indent: int = 2, chunk_pieces: int = CHUNK_PIECES) -> Iterator[str]:
    """The text of ``json.dumps(value, indent=indent, ensure_ascii=False)``, in chunks.

    Iterators count as lists. Dicts, lists and tuples are walked piece by piece, so an iterator
    nested in them streams too; each item of an iterator is encoded whole. Pass a big list as
    an iterator: its items are then encoded fastest, and built only when their turn comes.
    """
    pieces: list[str] = []
    for piece in _Encoder(indent).stream(value, 0):
        pieces.append(piece)
        if len(pieces) >= chunk_pieces:
            yield "".join(pieces)
            pieces.clear()
    if pieces:
        yield "".join(pieces)


class _Level(NamedTuple):
    """The fixed pieces of a non-empty container at one nesting level."""

    open_dict: str  # "{", a newline and the items' indentation
    open_list: str
    separator: str  # ",", a newline and the items' indentation
    close_dict: str  # a newline, the container's indentation and "}"
    close_list: str


class _Levels(dict[int, _Level]):
    """Nesting level -> its pieces, made on first use."""

    def __init__(self, indent: str) -> None:
        super().__init__()
        self._indent = indent

    def __missing__(self, level: int) -> _Level:
        outer = "\n" + self._indent * level
        inner = outer + self._indent
        pieces = _Level("{" + inner, "[" + inner, "," + inner, outer + "}", outer + "]")
        self[level] = pieces
        return pieces


class _Encoder:
    """One encoding: its levels, its encoded keys, the containers being encoded (a cycle is an error)."""

    def __init__(self, indent: int) -> None:
        self._levels = _Levels(" " * indent)
        self._keys: dict[str, str] = {}
        self._markers: set[int] = set()

    def stream(self, value: object, level: int) -> Iterator[str]:
        """The text of `value` at nesting `level`, piece by piece."""
        if isinstance(value, str):
            yield encode_basestring(value)
        elif isinstance(value, (list, tuple)) and value:
            yield from self._walk_list(value, level)
        elif isinstance(value, dict) and value:
            yield from self._walk_dict(value, level)
        elif isinstance(value, Iterator):
            yield from self._stream_items(value, level)
        else:
            yield self.text(value, level)

    def text(self, value: object, level: int) -> str:
        """The whole text of `value` at nesting `level` (the stdlib's type tests, in its order)."""
        cls = value.__class__
        if cls is dict:
            return self._dict_text(value, level)  # type: ignore[arg-type]  # it is a dict
        if cls is list:
            return self._list_text(value, level)  # type: ignore[arg-type]  # it is a list
        if isinstance(value, str):
            return encode_basestring(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return int.__repr__(value)
        if isinstance(value, float):
            return _float_text(value)
        if isinstance(value, (list, tuple)):
            return self._list_text(value, level)
        if isinstance(value, dict):
            return self._dict_text(value, level)
        if isinstance(value, Iterator):
            return self._list_text(list(value), level)
        raise TypeError(f"Object of type {cls.__name__} is not JSON serializable")

    def _dict_text(self, value: dict[Any, Any], level: int) -> str:
        if not value:
            return "{}"
        self._enter(value)
        keys = self._keys
        parts = []
        for key, item in value.items():
            scalar = _SCALAR_TEXT.get(item.__class__)
            text = scalar(item) if scalar is not None else self.text(item, level + 1)
            parts.append((keys.get(key) or self._key(key)) + text)
        self._markers.discard(id(value))
        pieces = self._levels[level]
        return pieces.open_dict + pieces.separator.join(parts) + pieces.close_dict

    def _list_text(self, value: list[Any] | tuple[Any, ...], level: int) -> str:
        if not value:
            return "[]"
        self._enter(value)
        parts = []
        for item in value:
            scalar = _SCALAR_TEXT.get(item.__class__)
            parts.append(scalar(item) if scalar is not None else self.text(item, level + 1))
        self._markers.discard(id(value))
        pieces = self._levels[level]
        return pieces.open_list + pieces.separator.join(parts) + pieces.close_list

    def _walk_dict(self, value: dict[Any, Any], level: int) -> Iterator[str]:
        pieces = self._levels[level]
        self._enter(value)
        separator = pieces.open_dict
        for key, item in value.items():
            yield separator + self._key(key)
            yield from self.stream(item, level + 1)
            separator = pieces.separator
        self._markers.discard(id(value))
        yield pieces.close_dict

    def _walk_list(self, value: list[Any] | tuple[Any, ...], level: int) -> Iterator[str]:
        pieces = self._levels[level]
        self._enter(value)
        separator = pieces.open_list
        for item in value:
            yield separator
            yield from self.stream(item, level + 1)
            separator = pieces.separator
        self._markers.discard(id(value))
        yield pieces.close_list

    def _stream_items(self, items: Iterator[object], level: int) -> Iterator[str]:
        """An iterator's items as a JSON array, one whole item per piece."""
        pieces = self._levels[level]
        separator = pieces.open_list
        for item in items:
            yield separator + self.text(item, level + 1)
            separator = pieces.separator
        yield "[]" if separator is pieces.open_list else pieces.close_list  # no item: still the opening

    def _key(self, key: object) -> str:
        """A dict key and its separator; a key that is not a string converts as the stdlib converts it."""
        if isinstance(key, str):
            text = encode_basestring(key) + ": "
            if key.__class__ is str and len(self._keys) < _KEYS_CACHED:
                self._keys[key] = text
            return text
        if isinstance(key, float):
            name = _float_text(key)
        elif key is True:
            name = "true"
        elif key is False:
            name = "false"
        elif key is None:
            name = "null"
        elif isinstance(key, int):
            name = int.__repr__(key)
        else:
            raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")
        return '"' + name + '": '

    def _enter(self, container: object) -> None:
        if id(container) in self._markers:
            raise ValueError("Circular reference detected")
        self._markers.add(id(container))


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


_SCALAR_TEXT: dict[type, Callable[[Any], str]] = {  # scalars of exact JSON types, written in place
    str: encode_basestring,
    int: int.__repr__,
    float: _float_text,
    bool: {True: "true", False: "false"}.__getitem__,
    type(None): {None: "null"}.__getitem__,
}
