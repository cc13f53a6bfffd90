"""The result every front-matter parser returns: values, located keys and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from provenance.model import Category, Diagnostic, Location, MetaField


@dataclass(frozen=True, slots=True)
class ParsedMetadata:
    """Front matter as parsed: a mapping (empty when unreadable), its fields and diagnostics."""

    values: dict[str, Any] = field(default_factory=dict)
    fields: tuple[MetaField, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def invalid(message: str, line: int, column: int = 1, evidence: str = "") -> Diagnostic:
    """A METADATA_INVALID diagnostic at a file position."""
    return Diagnostic(Category.METADATA_INVALID, message, Location(line, column), evidence)


def refused(message: str, line: int, column: int = 1) -> ParsedMetadata:
    """Front matter that could not be used at all: no values, one diagnostic."""
    return ParsedMetadata(diagnostics=(invalid(message, line, column),))
