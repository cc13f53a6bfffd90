"""The baseline file (format in `provenance.baseline`): its models, reading, writing and matching.

Apart from `provenance.baseline` so that a run using no baseline, as most do, never creates
these models: `provenance.baseline.settle` imports this module only for a run that needs it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from provenance.atomic import replace_atomically
from provenance.baseline import BaselineError
from provenance.model import Finding, Report, Suppression, SuppressionKind
from provenance.validation import STRICT, Invalid, validate

BASELINE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Entry:
    __pydantic_config__ = STRICT

    rule: str
    path: str
    fingerprint: str
    message: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.path, self.fingerprint)


@dataclass(frozen=True, slots=True)
class BaselineFile:
    __pydantic_config__ = STRICT

    schema_version: Literal[1]
    tool: Literal["provenance"]
    findings: list[Entry]


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.rule, finding.path, finding.fingerprint)


def load_baseline(path: Path, name: str | None = None) -> list[Entry]:
    """The entries of the baseline at `path` (called `name` in messages); raises `BaselineError`."""
    name = name or path.as_posix()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as failure:
        raise BaselineError(f"cannot read baseline {name}: {failure.strerror or failure}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as failure:
        raise BaselineError(f"baseline {name} is not valid JSON: {failure}") from None
    try:
        return validate(BaselineFile, data).findings
    except Invalid as failure:
        first = failure.problems[0]
        where = "/".join(str(part) for part in first.location)
        raise BaselineError(
            f"baseline {name} is not a provenance baseline (version {BASELINE_VERSION}):"
            f" /{where}: {first.message}"
        ) from None


def render_baseline(entries: Iterable[Entry]) -> str:
    """The baseline file text: entries sorted and deduplicated, keys in a fixed order."""
    unique = {entry.key: entry for entry in entries}
    ordered = [unique[key] for key in sorted(unique, key=lambda k: (k[1], k[0], k[2]))]
    document = {
        "schema_version": BASELINE_VERSION,
        "tool": "provenance",
        "findings": [dataclasses.asdict(entry) for entry in ordered],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def apply_baseline(report: Report, entries: Iterable[Entry], label: str) -> tuple[Report, int]:
    """`report` with its baselined active findings suppressed, and the number of stale entries."""
    recorded = {entry.key for entry in entries}
    checked = {article.path for article in report.articles} | {f.path for f in report.findings}
    suppression = Suppression(SuppressionKind.BASELINE, f"in baseline {label}", label)
    matched: set[tuple[str, str, str]] = set()
    findings = []
    for finding in report.findings:
        if finding.suppression is None and _key(finding) in recorded:
            matched.add(_key(finding))
            finding = finding._replace(suppression=suppression)
        findings.append(finding)
    stale = sum(1 for key in recorded if key[1] in checked and key not in matched)
    return report._replace(findings=tuple(findings)), stale


def write_baseline(path: Path, text: str) -> None:
    """Replace `path` atomically (a temporary file beside it, then a rename)."""
    try:
        replace_atomically(path, text)
    except OSError as failure:
        raise BaselineError(
            f"cannot write baseline {path.as_posix()}: {failure.strerror or failure}"
        ) from None
