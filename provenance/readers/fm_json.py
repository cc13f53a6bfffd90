"""JSON front matter (Hugo: an object opening on line 1), parsed with `json`.

Key positions come from a small iterative scan of the (already validated) JSON text.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import Any

from provenance.model import Diagnostic, Location, MetaField
from provenance.readers.metadata import ParsedMetadata, invalid, refused

MAX_FIELDS = 10_000
MAX_DEPTH = 100
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]')


class _Frame:
    __slots__ = ("index", "is_object", "key", "path", "seen")

    def __init__(self, path: str, is_object: bool) -> None:
        self.path = path
        self.is_object = is_object
        self.key = ""
        self.index = 0
        self.seen: set[str] = set()

    def child_path(self) -> str:
        return self.path + (self.key if self.is_object else str(self.index))


def _locate(source: str, first_line: int) -> tuple[dict[str, Location], list[Diagnostic]]:
    """The position of every key path (first occurrence) and the duplicate keys."""
    starts = [0] + [m.end() for m in re.finditer("\n", source)]
    found: dict[str, Location] = {}
    duplicates: list[Diagnostic] = []
    stack: list[_Frame] = []
    last, last_start = "", 0
    for match in _TOKEN.finditer(source):
        token = match.group()
        if token in "{[":
            path = stack[-1].child_path() + "." if stack else ""
            stack.append(_Frame(path, token == "{"))
        elif token in "}]":
            stack.pop()
            if not stack:
                break
        elif token == "," and not stack[-1].is_object:
            stack[-1].index += 1
        elif token == ":" and last.startswith('"'):
            frame = stack[-1]
            frame.key = json.loads(last)
            line = bisect_right(starts, last_start) - 1
            location = Location(first_line + line, last_start - starts[line] + 1)
            if frame.key in frame.seen:
                message = f"duplicate key {frame.key!r} in JSON front matter"
                duplicates.append(invalid(message, location.line, location.column))
            frame.seen.add(frame.key)
            if len(found) < MAX_FIELDS:
                found.setdefault(frame.path + frame.key, location)
        last, last_start = token, match.start()
    return found, duplicates


def _flatten(value: Any, prefix: str, out: list[tuple[str, Any]], depth: int = 0) -> None:
    if len(out) >= MAX_FIELDS or depth > MAX_DEPTH:
        return
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        out.append((prefix + str(key), item))
        _flatten(item, f"{prefix}{key}.", out, depth + 1)


def parse_json(source: str, first_line: int) -> ParsedMetadata:
    """Parse JSON front matter whose first line is file line `first_line`."""
    try:
        data = json.loads(source)
    except json.JSONDecodeError as error:
        return refused(f"invalid JSON front matter: {error.msg}", first_line + error.lineno - 1, error.colno)
    except RecursionError:
        return refused("invalid JSON front matter: nested too deeply", first_line)
    if not isinstance(data, dict):
        return refused("front matter must be a JSON object", first_line)
    locations, duplicates = _locate(source, first_line)
    flat: list[tuple[str, Any]] = []
    _flatten(data, "", flat)
    fields = []
    for key, value in flat:
        location = locations.get(key)
        if location is not None:
            fields.append(MetaField(key, value, location))
        elif key.rsplit(".", 1)[-1].isdigit():
            parent = locations.get(key.rsplit(".", 1)[0])
            if parent is not None:
                fields.append(MetaField(key, value, parent))
    return ParsedMetadata(data, tuple(fields), tuple(duplicates))
