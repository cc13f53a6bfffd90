"""GitLab Code Quality JSON: an array of issues for merge-request widgets and pipeline reports.

Each active finding becomes one issue with the keys GitLab requires (`description`,
`check_name`, `fingerprint`, `severity`, `location.path`, `location.lines.begin`). The
fingerprint is the finding's content fingerprint (rule, path, evidence; never the line), so
GitLab sees the same issue across unrelated edits. Code Quality has no notion of suppression,
so suppressed findings are left out here (the JSON and SARIF reports keep them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from provenance.model import Finding, Report, Severity, finding_order
from provenance.report.json_text import iter_json
from provenance.report.options import RenderOptions

SEVERITIES: dict[Severity, str] = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, options: RenderOptions) -> str:
    """The active findings as a Code Quality report (indented JSON ending with a newline)."""
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The text of `render` in chunks, each issue built only when its turn comes."""
    yield from iter_json(map(issue, sorted(report.active, key=finding_order)))
    yield "\n"


def issue(finding: Finding) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": f"[{finding.rule}] {finding.message}",
        "check_name": finding.rule,
        "fingerprint": fingerprint(finding),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": finding.path, "lines": {"begin": max(finding.line, 1)}},
    }


def fingerprint(finding: Finding) -> str:
    """The finding's own fingerprint, or (when it has none) a hash of rule, path and evidence."""
    if finding.fingerprint:
        return finding.fingerprint
    content = "\0".join((finding.rule, finding.path, finding.evidence or finding.message))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
