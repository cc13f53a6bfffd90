"""`yaml.load` for the packs' fast path: the same data, built for a fraction of PyYAML's cost.

libyaml composes the node graph in C; PyYAML's generic constructor then builds the values in
Python, and for the built-in packs that costs more than composing them. A pack is made of
strings, lists and mappings with string keys: those are built here (an alias gives the very
object its anchor gave, as PyYAML does), any other scalar (a number, null, true) by the
loader's own constructor. Anything else (a merge key, an explicit collection tag, a key that
is not a string, a recursive alias) leaves the whole document to PyYAML's constructor.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from provenance.rules.yaml_marks import _Loader

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_BUILDING = object()  # marks a node being built: reaching it again is a recursive alias


class _NotPlain(Exception):
    """A node this module leaves to PyYAML's constructor."""


def load_plain(text: str) -> Any:
    """What `yaml.load(text, Loader=_Loader)` returns, or a `yaml.YAMLError` where it raises one."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _Builder(loader).build(node)
        except _NotPlain:
            return loader.construct_document(node)
    finally:
        loader.dispose()


class _Builder:
    def __init__(self, loader: yaml.CSafeLoader) -> None:
        self.loader = loader
        self.built: dict[Node, Any] = {}  # by node (identity): aliases share their anchor's value

    def build(self, node: Node) -> Any:
        if node in self.built:
            value = self.built[node]
            if value is _BUILDING:
                raise _NotPlain
            return value
        self.built[node] = _BUILDING
        value = self.built[node] = self._new(node)
        return value

    def _new(self, node: Node) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            return node.value if node.tag == _STR_TAG else self.loader.construct_object(node)
        if kind is SequenceNode and node.tag == _SEQ_TAG:
            return [self.build(item) for item in node.value]
        if kind is MappingNode and node.tag == _MAP_TAG:
            mapping = {}
            for key, value in node.value:
                if type(key) is not ScalarNode or key.tag != _STR_TAG:  # a merge key among them
                    raise _NotPlain
                mapping[key.value] = self.build(value)
            return mapping
        raise _NotPlain
