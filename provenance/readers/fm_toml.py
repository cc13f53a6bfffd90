"""TOML front matter (Hugo `+++`), parsed with `tomllib`; key positions found by line scanning."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from typing import Any

from provenance.model import Location, MetaField
from provenance.readers.metadata import ParsedMetadata, refused

_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'
_DOTTED = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_KEY_LINE = re.compile(rf"^([ \t]*)({_DOTTED})[ \t]*=")
_TABLE_LINE = re.compile(rf"^([ \t]*)(\[\[?)[ \t]*({_DOTTED})[ \t]*\]\]?[ \t]*(?:#.*)?$")
_PARTS = re.compile(_PART)
_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_MISSING = object()


def _split(dotted: str) -> list[str]:
    return [part[1:-1] if part[0] in "\"'" else part for part in _PARTS.findall(dotted)]


class _Scan:
    """Key paths with their lines, in file order, plus the first repeated key."""

    def __init__(self, source: str, first_line: int) -> None:
        self.keys: list[tuple[list[str], Location]] = []
        self.duplicate: tuple[str, Location] | None = None
        self._arrays: dict[str, int] = {}
        self._scan(source, first_line)

    def _resolve(self, parts: list[str]) -> list[str]:
        resolved: list[str] = []
        for part in parts:
            resolved.append(part)
            index = self._arrays.get(".".join(resolved))
            if index is not None:
                resolved.append(str(index))
        return resolved

    def _lines(self, source: str) -> Iterator[tuple[int, str]]:
        in_string = False
        for number, line in enumerate(source.split("\n")):
            quotes = line.count('"""') + line.count("'''")
            if not in_string:
                yield number, line
            if quotes % 2:
                in_string = not in_string

    def _scan(self, source: str, first_line: int) -> None:
        prefix: list[str] = []
        seen: set[str] = set()
        for number, line in self._lines(source):
            if table := _TABLE_LINE.match(line):
                parts = _split(table.group(3))
                if table.group(2) == "[[":
                    array = ".".join([*self._resolve(parts[:-1]), parts[-1]])
                    self._arrays[array] = self._arrays.get(array, -1) + 1
                prefix = self._resolve(parts)
                column = len(table.group(1)) + 1
                self.keys.append((prefix, Location(first_line + number, column)))
            elif key := _KEY_LINE.match(line):
                path = [*prefix, *_split(key.group(2))]
                location = Location(first_line + number, len(key.group(1)) + 1)
                joined = ".".join(path)
                if joined in seen and self.duplicate is None:
                    self.duplicate = (joined, location)
                seen.add(joined)
                self.keys.append((path, location))


def _lookup(data: Any, path: list[str]) -> Any:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return _MISSING
    return data


def parse_toml(source: str, first_line: int) -> ParsedMetadata:
    """Parse TOML front matter whose first line is file line `first_line`."""
    scan = _Scan(source, first_line)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        if scan.duplicate is not None:
            key, where = scan.duplicate
            return refused(f"duplicate key {key!r} in TOML front matter", where.line, where.column)
        message = str(error)
        at = _ERROR_AT.search(message)
        line = int(at.group(1)) if at else source.count("\n") + 1
        column = int(at.group(2)) if at else 1
        problem = _ERROR_AT.sub("", message).replace("(at end of document)", "").strip()
        return refused(f"invalid TOML front matter: {problem}", first_line + line - 1, column)
    except RecursionError:
        return refused("invalid TOML front matter: nested too deeply", first_line)
    fields = []
    for path, location in scan.keys:
        value = _lookup(data, path)
        if value is not _MISSING:
            fields.append(MetaField(".".join(path), value, location))
    return ParsedMetadata(data, tuple(fields))
