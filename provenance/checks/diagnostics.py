"""Read diagnostics as findings: files that could not be read, metadata that could not be parsed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from provenance.checks.base import CheckContext, Params, Violation, check
from provenance.model import Category, Location

_FIXES = {
    Category.METADATA_INVALID: "Correct the metadata so it parses (front matter, HTML head or JSON-LD).",
    Category.FILE_UNREADABLE: "Save the file as UTF-8 text, or exclude it in .provenance.yaml.",
}


@dataclass(frozen=True)
class DiagnosticParams(Params):
    category: Literal[Category.METADATA_INVALID, Category.FILE_UNREADABLE]


@check("read-diagnostics", DiagnosticParams, [Category.METADATA_INVALID, Category.FILE_UNREADABLE])
def read_diagnostics(ctx: CheckContext, params: DiagnosticParams) -> Iterator[Violation]:
    """Each problem of the given category met while reading the file."""
    for diagnostic in ctx.article.diagnostics:
        if diagnostic.category is params.category:
            yield Violation(
                diagnostic.message,
                diagnostic.location or Location(1, 1),
                evidence=diagnostic.evidence,
                fix=_FIXES[params.category],
                category=params.category,
            )
