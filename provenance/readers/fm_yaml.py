"""YAML front matter, parsed once with libyaml and kept with the position of every key.

The careful path composes the node graph here from libyaml events (iteratively, so deep
nesting cannot crash the C composer or overflow the stack), refusing alias bombs, recursive
aliases and nesting deeper than 100 levels; `yaml.CSafeLoader` then constructs the values.
Most front matter is small, shallow and alias-free: the fast path (`_parse_plain`) lets
libyaml compose it in C and keeps the result only where the careful path says the same.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from provenance.model import Diagnostic, Location, MetaField
from provenance.readers.metadata import ParsedMetadata, invalid, refused

MAX_DEPTH = 100
MAX_NODES = 10_000
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_PLAIN_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("null", "bool", "int", "float", "timestamp")
)
_UNCLOSED = ("while parsing a flow", "while scanning a quoted", "while scanning a block scalar")


_TOO_DEEP = f"YAML front matter nests deeper than {MAX_DEPTH} levels"
# Past these the fast path does not even try: libyaml's composer recurses once per nesting
# level (about 0.3 KB of C stack each) and composes every node before `_Plain` counts them.
_PLAIN_MAX_CHARS = 20_000
_PLAIN_MAX_OPENERS = 1_000


class _Refused(Exception):
    """The YAML is well formed but too expensive or dangerous to load."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.line = mark.line if mark else 0
        self.column = mark.column if mark else 0


class _Open:
    """A sequence or mapping being composed: its children so far and expanded size."""

    __slots__ = ("children", "node", "size")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.children: list[Node] = []
        self.size = 1


class _Composer:
    """Builds the node graph of one YAML document from the event stream, with limits."""

    def __init__(self, loader: yaml.CSafeLoader, first_line: int) -> None:
        self.loader = loader
        self.first_line = first_line
        self.anchors: dict[str, Node] = {}
        self.sizes: dict[int, int] = {}  # expanded node count, by id(node)
        self.open: set[int] = set()
        self.duplicates: list[Diagnostic] = []

    def compose(self) -> Node | None:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(StreamEndEvent):
            return None
        loader.get_event()  # document start
        stack: list[_Open] = []
        while True:
            event = loader.get_event()
            if isinstance(event, SequenceStartEvent | MappingStartEvent):
                stack.append(_Open(self._start(event)))
                if len(stack) > MAX_DEPTH:
                    raise _Refused(_TOO_DEEP, event.start_mark)
                continue
            if isinstance(event, AliasEvent):
                node = self.anchors.get(event.anchor or "")
                if node is None:
                    raise _Refused(f"YAML alias *{event.anchor} names no anchor", event.start_mark)
                if id(node) in self.open:
                    raise _Refused(f"YAML alias *{event.anchor} is recursive", event.start_mark)
            elif isinstance(event, ScalarEvent):
                node = self._scalar(event)
            elif isinstance(event, SequenceEndEvent | MappingEndEvent):
                done = stack.pop()
                node = done.node
                self._finish(node, done.children, done.size)
            else:  # document end: an empty document
                return None
            if not stack:
                return node
            parent = stack[-1]
            parent.children.append(node)
            parent.size += self.sizes[id(node)]
            if parent.size > MAX_NODES:
                raise _Refused(
                    f"YAML front matter expands to more than {MAX_NODES} nodes through aliases "
                    "(an alias bomb); refused",
                    event.start_mark,
                )

    def _register(self, anchor: str | None, node: Node) -> None:
        if anchor is not None:
            self.anchors[anchor] = node

    def _scalar(self, event: ScalarEvent) -> Node:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        mark: Any = event.start_mark
        node = ScalarNode(tag, event.value, mark, None, style=event.style)
        self._register(event.anchor, node)
        self.sizes[id(node)] = 1
        return node

    def _start(self, event: SequenceStartEvent | MappingStartEvent) -> Node:
        kind: type[SequenceNode | MappingNode]
        kind = SequenceNode if isinstance(event, SequenceStartEvent) else MappingNode
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(kind, None, event.implicit)  # type: ignore[no-untyped-call]
        mark: Any = event.start_mark
        node = kind(tag, [], mark, None, flow_style=event.flow_style)
        self._register(event.anchor, node)
        self.open.add(id(node))
        return node

    def _finish(self, node: Node, children: list[Node], size: int) -> None:
        self.open.discard(id(node))
        self.sizes[id(node)] = size
        if isinstance(node, SequenceNode):
            node.value = children
            return
        pairs = list(zip(children[::2], children[1::2], strict=False))
        node.value = pairs
        seen: set[tuple[str, str]] = set()
        for key, _ in pairs:
            if not isinstance(key, ScalarNode) or key.tag == _MERGE_TAG:
                continue
            if (key.tag, key.value) in seen:
                mark = key.start_mark
                self.duplicates.append(
                    invalid(
                        f"duplicate key {key.value!r} in YAML front matter",
                        self.first_line + mark.line,
                        mark.column + 1,
                    )
                )
            seen.add((key.tag, key.value))


def _construct(loader: yaml.CSafeLoader, root: Node) -> tuple[Any, dict[Node, Any]]:
    """Construct the document, keeping the value built for every node."""
    data = loader.construct_object(root)
    while loader.state_generators:
        generators, loader.state_generators = loader.state_generators, []
        for generator in generators:
            for _ in generator:
                pass
    return data, loader.constructed_objects


def _fields(root: MappingNode, values: dict[Node, Any], first_line: int) -> list[MetaField]:
    """Every mapping key and list item as a dotted path with its position."""
    found: list[MetaField] = []

    def walk(node: Node, prefix: str) -> None:
        if isinstance(node, MappingNode):
            entries: dict[str, tuple[Node, Node]] = {}
            for key, value in node.value:
                entries[str(values.get(key, key.value))] = (key, value)
            items = [(name, key, value) for name, (key, value) in entries.items()]
        elif isinstance(node, SequenceNode):
            items = [(str(index), item, item) for index, item in enumerate(node.value)]
        else:
            return
        for name, where, value in items:
            if len(found) >= MAX_NODES:
                return
            mark = where.start_mark
            location = Location(first_line + mark.line, mark.column + 1)
            found.append(MetaField(prefix + name, values.get(value), location))
            if not isinstance(value, ScalarNode):
                walk(value, prefix + name + ".")

    walk(root, "")
    return found


def _describe(error: yaml.MarkedYAMLError) -> tuple[str, Any]:
    """The message and the mark to report: an unclosed construct is reported where it opens."""
    problem = error.problem or error.context or "syntax error"
    if "nesting depth" in problem:  # PyYAML >= 6.0.4 stops runaway nesting itself
        return _TOO_DEEP, error.problem_mark
    if isinstance(error, yaml.constructor.ConstructorError) and "constructor" in problem:
        return f"{problem} (only plain YAML is allowed: safe loading rejects this tag)", error.problem_mark
    context = error.context or ""
    if error.context_mark is not None and context.startswith(_UNCLOSED):
        return f"{problem} ({context} that starts here)", error.context_mark
    return problem, error.problem_mark or error.context_mark


def _kind(node: Node) -> str:
    return "a list" if isinstance(node, SequenceNode) else f"a single value ({node.value!r})"


def parse_yaml(source: str, first_line: int) -> ParsedMetadata:
    """Parse YAML front matter whose first line is file line `first_line`."""
    plain = _parse_plain(source, first_line)
    return plain if plain is not None else _parse_careful(source, first_line)


def _parse_plain(source: str, first_line: int) -> ParsedMetadata | None:
    """The common case, composed in C, or None when only the careful path can tell.

    libyaml composes the node graph; `_Plain` then builds the values, and `_fields` the fields,
    exactly as the careful path would from the same graph. The text bounds what libyaml's
    recursive composer meets: no `*` means no alias (so the graph is a tree), every collection
    opens at one of `[{-?:` (so their count bounds the depth), and the length bounds the nodes.
    Anything else, any root but a mapping and anything that raises (even where the careful
    path would refuse first, say for depth) is left to the careful path, which words it.
    """
    if "*" in source or len(source) > _PLAIN_MAX_CHARS:
        return None
    if sum(map(source.count, "[{-?:")) > _PLAIN_MAX_OPENERS:
        return None
    loader = yaml.CSafeLoader(source)
    try:
        root = loader.get_node() if loader.check_node() else None
        if not isinstance(root, MappingNode):
            return None
        plain = _Plain(loader)
        data = plain.build(root, 1)
        if len(plain.values) > MAX_NODES:
            return None
        fields = _fields(root, plain.values, first_line)
    except Exception:  # whatever it is, the careful path decides and words it
        return None
    finally:
        loader.dispose()
    return ParsedMetadata(dict(data), tuple(fields))


class _NotPlain(Exception):
    """The document needs the careful path: a limit, a duplicate key or an unusual tag."""


class _Plain:
    """Builds the values of an alias-free node tree as `yaml.CSafeLoader` would, and faster.

    Only plain data is taken: str scalars are their text, the other implicit scalar types
    go through the loader's own constructors, lists and dicts are filled in document order
    (equal keys such as 1 and True share an entry, as in `construct_mapping`). Any other tag
    (`<<` merge keys included), a complex or duplicate key (the careful path reports those)
    or nesting deeper than MAX_DEPTH raises `_NotPlain`: what is built here needs no
    refusal or diagnostic from the careful path.
    """

    def __init__(self, loader: yaml.CSafeLoader) -> None:
        self.constructors = loader.yaml_constructors
        self.loader = loader
        self.values: dict[Node, Any] = {}  # every node's value, as `_construct` keeps them

    def build(self, node: Node, depth: int) -> Any:
        if isinstance(node, ScalarNode):
            if node.tag == _STR_TAG:
                value: Any = node.value
            elif node.tag in _PLAIN_SCALAR_TAGS:
                value = self.constructors[node.tag](self.loader, node)
            else:
                raise _NotPlain
        elif depth > MAX_DEPTH:
            raise _NotPlain
        elif isinstance(node, SequenceNode) and node.tag == _SEQ_TAG:
            value = [self.build(item, depth + 1) for item in node.value]
        elif isinstance(node, MappingNode) and node.tag == _MAP_TAG:
            value = self._mapping(node.value, depth + 1)
        else:
            raise _NotPlain
        self.values[node] = value
        return value

    def _mapping(self, pairs: list[tuple[Node, Node]], depth: int) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        keys: set[tuple[str, Any]] = set()
        for key, value in pairs:
            if not isinstance(key, ScalarNode) or (key.tag, key.value) in keys:
                raise _NotPlain
            keys.add((key.tag, key.value))
            mapping[self.build(key, depth)] = self.build(value, depth)
        return mapping


def _parse_careful(source: str, first_line: int) -> ParsedMetadata:
    """Parse any front matter, refusing (with a located message) what cannot be loaded safely."""
    loader = yaml.CSafeLoader(source)
    try:
        composer = _Composer(loader, first_line)
        root = composer.compose()
        if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL_TAG):
            return ParsedMetadata({}, diagnostics=tuple(composer.duplicates))
        if not isinstance(root, MappingNode):
            mark = root.start_mark
            return refused(
                f"front matter must be a mapping of keys to values, found {_kind(root)}",
                first_line + mark.line,
                mark.column + 1,
            )
        data, values = _construct(loader, root)
        fields = _fields(root, values, first_line)
    except _Refused as error:
        return refused(str(error), first_line + error.line, error.column + 1)
    except yaml.MarkedYAMLError as error:
        message, mark = _describe(error)
        line, column = (mark.line, mark.column) if mark else (0, 0)
        prefix = "" if message == _TOO_DEEP else "invalid YAML front matter: "
        return refused(prefix + message, first_line + line, column + 1)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as error:
        return refused(f"invalid YAML front matter: {error}", first_line)
    except (IndexError, KeyError, AttributeError) as error:  # PyYAML's constructors on `!!int ` and the like
        detail = f"{type(error).__name__}: {error}"
        return refused(
            f"invalid YAML front matter: a value does not fit its explicit tag ({detail})", first_line
        )
    finally:
        loader.dispose()
    return ParsedMetadata(dict(data), tuple(fields), tuple(composer.duplicates))
