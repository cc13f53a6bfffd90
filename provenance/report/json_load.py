"""Read a JSON report back into a `Report`: the inverse of `provenance.report.json_format`.

The document must be valid against the published schema (`provenance/schemas/report.schema.json`),
so a report from another major version or a hand-edited one is refused with every problem
named, never half-read. Fields the JSON report does not carry (the per-rule outcomes and
inventory details of an article) come back empty.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from provenance.model import (
    ArticleSummary,
    Category,
    Finding,
    Format,
    Report,
    Severity,
    Status,
    Suppression,
    SuppressionKind,
)
from provenance.rules.schema import validator
from provenance.rules.yaml_marks import json_pointer

REPORT_SCHEMA = "report.schema.json"


class ReportFileError(ValueError):
    """A file that is not a valid JSON report; `problems` has one message per error."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def report_from_json(text: str, origin: str) -> Report:
    """The `Report` that `text` (a JSON report read from `origin`) describes; raises `ReportFileError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportFileError([f"{origin}:{error.lineno}: not a JSON document: {error.msg}"]) from None
    errors = sorted(validator(REPORT_SCHEMA).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ReportFileError(
            [f"{origin}: {json_pointer(e.absolute_path) or '/'}: {e.message}" for e in errors]
        )
    findings = tuple(_finding(item) for item in data["findings"])
    articles = tuple(_article(item) for item in data["articles"])
    return Report(findings, articles, data["tool"]["version"])


def _finding(item: dict[str, Any]) -> Finding:
    return Finding(
        rule=item["rule"],
        policy=item["policy"],
        category=Category(item["category"]),
        severity=Severity(item["severity"]),
        path=item["path"],
        line=item["line"],
        column=item["column"],
        message=item["message"],
        evidence=item["evidence"],
        fix=item["fix"],
        fingerprint=item["fingerprint"],
        suppression=_suppression(item.get("suppression")),
    )


def _suppression(item: dict[str, Any] | None) -> Suppression | None:
    if item is None:
        return None
    expires = item.get("expires")
    return Suppression(
        kind=SuppressionKind(item["kind"]),
        reason=item["reason"],
        source=item["source"],
        expires=dt.date.fromisoformat(expires) if expires else None,
    )


def _article(item: dict[str, Any]) -> ArticleSummary:
    return ArticleSummary(
        path=item["path"],
        format=Format(item["format"]) if item["format"] is not None else None,
        republished=item["republished"],
        sources=tuple(item["sources"]),
        policies=tuple(item["policies"]),
        license=item["license"],
        status=Status(item["status"]),
    )
