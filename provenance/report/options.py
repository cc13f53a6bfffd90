"""What every formatter receives besides the report: presentation switches, never filters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from provenance.model import Report

if TYPE_CHECKING:
    from provenance.report.rule_info import RuleInfo


_NO_RULES: Mapping[str, RuleInfo] = MappingProxyType({})  # read-only: every default shares it


class RenderOptions(NamedTuple):
    """Presentation switches. `color` asks for ANSI styling; machine formats ignore it.

    `rules` documents the rules of the run (SARIF rule descriptors, JUnit suite names); a
    formatter falls back on what a finding says when its rule is missing.
    """

    color: bool = False
    rules: Mapping[str, RuleInfo] = _NO_RULES


Formatter = Callable[[Report, RenderOptions], str]
"""A pure function from a report to its full text in one output format."""

ChunkFormatter = Callable[[Report, RenderOptions], Iterable[str]]
"""A formatter whose text comes in chunks, rendered as they are written: a report of a large site
is then never held whole."""
