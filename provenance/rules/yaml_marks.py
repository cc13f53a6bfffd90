"""YAML loading that remembers where things are: every JSON pointer maps to a 1-based line.

Used for both policy packs and `.provenance.yaml`. Only the safe (libyaml) loader is used;
timestamps stay strings, duplicate keys and recursive aliases are errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import yaml

from provenance.rules.errors import RuleErrors, RuleFileError

MERGE_KEY_TAG = "tag:yaml.org,2002:merge"
# Limits no real pack or configuration comes near: past them the file is refused, not expanded
# (an alias bomb would take hours, deep nesting would exhaust the stack).
MAX_DEPTH = 100
_TOO_DEEP = f"YAML nests deeper than {MAX_DEPTH} levels"
MAX_NODES = 100_000


BOOL_TAG = "tag:yaml.org,2002:bool"


class _Loader(yaml.CSafeLoader):
    """The libyaml safe loader, read the YAML 1.2 way for booleans and timestamps.

    Only true/false are booleans (so `severity: {X: off}` means "off", not false), and
    timestamps stay the strings they were written as.
    """


def _timestamp_as_text(loader: _Loader, node: yaml.Node) -> str:
    return str(loader.construct_yaml_str(node))


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != BOOL_TAG]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_Loader.add_implicit_resolver(BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def json_pointer(parts: Iterable[object]) -> str:
    """The JSON pointer (RFC 6901) of a path of keys and indexes; the root is ``""``."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


class MarkedDocument(NamedTuple):
    """A YAML mapping with the line of every value, keyed by JSON pointer."""

    path: str
    data: dict[str, Any]
    lines: Mapping[str, int]

    def line_of(self, pointer: str) -> int | None:
        """The line of `pointer`, or of its nearest ancestor that exists in the file."""
        while True:
            line = self.lines.get(pointer)
            if line is not None or not pointer:
                return line
            pointer = pointer.rpartition("/")[0]

    def error(self, pointer: str, message: str) -> RuleFileError:
        return RuleFileError(self.path, self.line_of(pointer), pointer, message)


def load_marked(text: str, path: str) -> MarkedDocument:
    """Parse `text` as one YAML mapping; raise `RuleErrors` with every YAML-level problem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise RuleErrors([RuleFileError(path, 1, "", "empty document: expected a mapping")])
        walker = _Walker(loader, path)
        walker.walk(node, "")
        if walker.errors:
            raise RuleErrors(walker.errors)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise RuleErrors([_syntax_error(error, path)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        line = text.count("\n", 0, error.position) + 1
        raise RuleErrors([RuleFileError(path, line, "", "YAML: " + str(error).splitlines()[0])]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"{type(data).__name__} {data!r}"
        raise RuleErrors(
            [RuleFileError(path, node.start_mark.line + 1, "", f"expected a mapping, got {kind}")]
        )
    return MarkedDocument(path, data, walker.lines)


def _syntax_error(error: yaml.MarkedYAMLError, path: str) -> RuleFileError:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else None
    if "nesting depth" in (error.problem or ""):  # PyYAML >= 6.0.4 stops runaway nesting itself
        return RuleFileError(path, line, "", _TOO_DEEP)
    parts = [part for part in (error.context, error.problem) if part]
    return RuleFileError(path, line, "", "YAML: " + ", ".join(parts))


class _Walker:
    """Records the line of every pointer; finds duplicate keys and recursive aliases."""

    def __init__(self, loader: _Loader, path: str) -> None:
        self.loader = loader
        self.path = path
        self.lines: dict[str, int] = {}
        self.errors: list[RuleFileError] = []
        self._open: set[int] = set()
        self._visited = 0

    def walk(self, node: yaml.Node, pointer: str, line: int | None = None, depth: int = 0) -> None:
        self.lines.setdefault(pointer, line or node.start_mark.line + 1)
        self._visited += 1
        if depth > MAX_DEPTH or self._visited > MAX_NODES:
            problem = (
                _TOO_DEEP
                if depth > MAX_DEPTH
                else f"YAML expands to more than {MAX_NODES:,} nodes through aliases (an alias bomb)"
            )
            raise RuleErrors([RuleFileError(self.path, node.start_mark.line + 1, pointer, problem)])
        if id(node) in self._open:
            self.errors.append(RuleFileError(self.path, self.lines[pointer], pointer, "recursive alias"))
            return
        self._open.add(id(node))
        if isinstance(node, yaml.MappingNode):
            self._walk_mapping(node, pointer, depth)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, f"{pointer}/{index}", depth=depth + 1)
        self._open.discard(id(node))

    def _walk_mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> None:
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_KEY_TAG:
                continue
            key = (
                str(self.loader.construct_object(key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
            )
            child = json_pointer([key]) if pointer == "" else pointer + json_pointer([key])
            line = key_node.start_mark.line + 1
            if key in seen:
                self.errors.append(RuleFileError(self.path, line, child, f"duplicate key {key!r}"))
                continue
            seen.add(key)
            self.walk(value_node, child, line, depth + 1)
