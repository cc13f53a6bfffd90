"""The audit as CSV (RFC 4180): one row per (article, condition), with the evidence, for spreadsheets.

An article no policy applies to (original content) gets one row with empty condition columns.
Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return) are prefixed with ``'``, so hostile content stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from provenance.audit.model import Article, Audit, Condition
from provenance.audit.present import place

HEADER = (
    "path",
    "title",
    "kind",
    "status",
    "sources",
    "chain",
    "license",
    "venue",
    "published",
    "permission",
    "permission_expires",
    "policy",
    "rule",
    "condition",
    "category",
    "severity",
    "outcome",
    "note",
    "evidence_places",
    "evidence_text",
    "evidence_notes",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def render(audit: Audit) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for article in audit.articles:
        for row in _rows(article):
            writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _rows(article: Article) -> Iterator[list[str]]:
    permission = article.permission
    shared = [
        article.path,
        article.title or "",
        article.kind,
        article.status.value,
        "; ".join(article.sources),
        " > ".join(article.chain),
        article.license or "",
        article.venue,
        article.published.isoformat() if article.published else "",
        (permission.reference or "(no reference)") if permission else "",
        permission.expires.isoformat() if permission and permission.expires else "",
    ]
    if not article.conditions:
        yield [*shared, *([""] * (len(HEADER) - len(shared)))]
    for condition in article.conditions:
        yield [*shared, *_condition(condition)]


def _condition(condition: Condition) -> list[str]:
    evidence = condition.evidence
    return [
        condition.policy,
        condition.rule,
        condition.name,
        condition.category,
        condition.severity,
        condition.outcome.value,
        condition.note,
        "; ".join(place(e.line, e.column) for e in evidence),
        "\n".join(e.text for e in evidence),
        "\n".join(e.note for e in evidence),
    ]
