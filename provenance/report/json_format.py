"""The JSON report: a versioned, deterministic document that users script against.

Its shape is published as `provenance/schemas/report.schema.json`; a test keeps the two equal.
Keys keep a fixed order (``schema_version`` first), findings and articles are sorted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from provenance.model import ArticleSummary, Finding, Report, Suppression, finding_order
from provenance.report.json_text import iter_json
from provenance.report.options import RenderOptions

SCHEMA_VERSION = 1
TOOL_NAME = "provenance"


def render(report: Report, options: RenderOptions) -> str:
    """The report as indented JSON (UTF-8 text, not ASCII-escaped), ending with a newline."""
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The text of `render` in chunks, each finding and article built only when its turn comes."""
    yield from iter_json(report_document(report, lazy=True))
    yield "\n"


def report_document(report: Report, *, lazy: bool = False) -> dict[str, Any]:
    """The report as plain JSON-ready data, in the published key order.

    With `lazy`, findings and articles are iterators that build each item's document on demand.
    """
    findings = map(finding_document, sorted(report.findings, key=finding_order))
    articles = map(article_document, sorted(report.articles, key=lambda a: a.path))
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "summary": report.counts,
        "findings": findings if lazy else list(findings),
        "articles": articles if lazy else list(articles),
    }


def finding_document(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "policy": finding.policy,
        "category": finding.category.value,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "evidence": finding.evidence,
        "fix": finding.fix,
        "fingerprint": finding.fingerprint,
        "suppression": suppression_document(finding.suppression),
    }


def suppression_document(suppression: Suppression | None) -> dict[str, Any] | None:
    """Why a finding does not count (null for an active finding)."""
    if suppression is None:
        return None
    return {
        "kind": suppression.kind.value,
        "reason": suppression.reason,
        "source": suppression.source,
        "expires": suppression.expires.isoformat() if suppression.expires else None,
    }


def article_document(article: ArticleSummary) -> dict[str, Any]:
    return {
        "path": article.path,
        "format": article.format.value if article.format is not None else None,
        "republished": article.republished,
        "sources": list(article.sources),
        "policies": list(article.policies),
        "license": article.license,
        "status": article.status.value,
    }
