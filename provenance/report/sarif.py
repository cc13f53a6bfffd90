"""SARIF 2.1.0, as GitHub code scanning reads it: one run, its rules, one result per finding.

Columns count Unicode code points (``columnKind``), as provenance's do. `partialFingerprints`
carry the finding's content fingerprint (rule, path, evidence; never the line), so an alert
survives unrelated edits. A suppressed finding is a result with a `suppressions` entry:
``inSource`` when recorded in the article, ``external`` when in the configuration or baseline.
No timestamps: the same report always renders to the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from provenance.model import Finding, Report, Severity, SuppressionKind, finding_order
from provenance.report.json_text import iter_json
from provenance.report.options import RenderOptions
from provenance.report.rule_info import RuleInfo, rule_for

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "provenance"
FINGERPRINT_KEY = "provenance/v1"

LEVELS: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

SUPPRESSION_KINDS: dict[SuppressionKind, str] = {
    SuppressionKind.INLINE: "inSource",
    SuppressionKind.FRONT_MATTER: "inSource",
    SuppressionKind.CONFIG: "external",
    SuppressionKind.BASELINE: "external",
}


def render(report: Report, options: RenderOptions) -> str:
    """The report as one SARIF log (indented JSON ending with a newline)."""
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The text of `render` in chunks, each result built only when its turn comes."""
    yield from iter_json(sarif_log(report, options, lazy=True))
    yield "\n"


def sarif_log(report: Report, options: RenderOptions, *, lazy: bool = False) -> dict[str, Any]:
    """The SARIF log as JSON-ready data; with `lazy`, its results are an iterator building each on demand."""
    findings = sorted(report.findings, key=finding_order)
    by_id: dict[str, RuleInfo] = {}
    for finding in findings:  # a rule missing from the catalogue is described by its first finding
        by_id.setdefault(finding.rule, rule_for(finding, options.rules))
    rules = sorted(by_id.values(), key=lambda r: r.id)
    index = {rule.id: number for number, rule in enumerate(rules)}
    driver: dict[str, Any] = {
        "name": TOOL_NAME,
        "version": report.tool_version,
        "semanticVersion": report.tool_version,
        "rules": [rule_descriptor(rule) for rule in rules],
    }
    results = (result(f, index[f.rule]) for f in findings)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": results if lazy else list(results),
            }
        ],
    }


def rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale or rule.summary},
    }
    if rule.help_uri is not None:
        descriptor["helpUri"] = rule.help_uri
    help_text = "\n\n".join(
        part for part in (rule.rationale, f"Fix: {rule.fix}" if rule.fix else "", _source_line(rule)) if part
    )
    if help_text:
        descriptor["help"] = {"text": help_text}
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    descriptor["properties"] = {
        "category": rule.category.value,
        "policy": rule.policy,
        "tags": ["provenance", rule.category.value],
    }
    return descriptor


def result(finding: Finding, rule_index: int) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    if finding.evidence:
        region["snippet"] = {"text": finding.evidence}
    entry: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(finding.path)}, "region": region}}
        ],
    }
    if finding.fingerprint:
        entry["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.suppression is not None:
        suppression = finding.suppression
        properties: dict[str, Any] = {"source": suppression.source, "recordedIn": suppression.kind.value}
        if suppression.expires is not None:
            properties["expires"] = suppression.expires.isoformat()
        entry["suppressions"] = [
            {
                "kind": SUPPRESSION_KINDS[suppression.kind],
                "status": "accepted",
                "justification": suppression.reason,
                "properties": properties,
            }
        ]
    entry["properties"] = {"category": finding.category.value, "policy": finding.policy}
    return entry


def artifact_uri(path: str) -> str:
    """A relative URI reference for a POSIX path: non-ASCII and reserved characters percent-encoded."""
    return quote(path, safe="/")


def _message(finding: Finding) -> str:
    return f"{finding.message}\nFix: {finding.fix}" if finding.fix else finding.message


def _source_line(rule: RuleInfo) -> str:
    return f"Source: {rule.source_url}" if rule.source_url else ""
