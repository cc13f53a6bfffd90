"""The result every front-matter parser returns: values, located keys and problems."""

from __future__ import annotations

from typing import Any, NamedTuple

from provenance.model import Category, Diagnostic, Location, MetaField


class ParsedMetadata(NamedTuple):
    """Front matter as parsed: a mapping (empty when unreadable), its fields and diagnostics.

    `values` has no default: a tuple's default would be one dict shared by every instance.
    """

    values: dict[str, Any]
    fields: tuple[MetaField, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def invalid(message: str, line: int, column: int = 1, evidence: str = "") -> Diagnostic:
    """A METADATA_INVALID diagnostic at a file position."""
    return Diagnostic(Category.METADATA_INVALID, message, Location(line, column), evidence)


def refused(message: str, line: int, column: int = 1) -> ParsedMetadata:
    """Front matter that could not be used at all: no values, one diagnostic."""
    return ParsedMetadata({}, diagnostics=(invalid(message, line, column),))
