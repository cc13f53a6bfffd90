"""The baseline: today's findings of an archive, recorded so that only new ones fail a run.

A baseline file is versioned JSON with one entry per finding, keyed on rule, path and the
finding's content fingerprint (rule, path, evidence and occurrence; never the line), sorted::

    {"schema_version": 1, "tool": "provenance",
     "findings": [{"rule": "GR-LINK", "path": "content/a.md", "fingerprint": "9a0b...",
                   "message": "..."}]}

`message` is for people reading the file; matching ignores it. Paths and fingerprints are those
of the report, relative to the working folder: write and use a baseline from the same folder.

- `use`: findings with an entry are suppressed (kind `baseline`, reason ``in baseline FILE``);
  entries for checked files that match no finding are stale (fixed) and counted in a notice.
- `write`: the file gets the run's active findings plus the entries of files the run did not
  check (a partial run keeps them); stale entries of checked files are dropped. The report then
  shows every recorded finding as suppressed by the new baseline, so such a run exits 0.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from provenance.atomic import replace_atomically
from provenance.model import Finding, Report, Suppression, SuppressionKind
from provenance.validation import STRICT, Invalid, validate

BASELINE_VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read, parsed or written."""


@dataclass(frozen=True, slots=True)
class Entry:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT

    rule: str
    path: str
    fingerprint: str
    message: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.path, self.fingerprint)


@dataclass(frozen=True, slots=True)
class BaselineFile:
    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT

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


def settle(report: Report, *, use: Path | None, write: Path | None, cwd: Path) -> tuple[Report, list[str]]:
    """Apply the baseline `use` and/or record the baseline `write`; returns the report and notices."""
    notices: list[str] = []
    if use is not None and write is None:
        entries = load_baseline(cwd / use, use.as_posix())
        report, stale = apply_baseline(report, entries, use.as_posix())
        if stale:
            name = use.as_posix()
            notices.append(
                f"baseline {name}: {_entries(stale)} no longer found (fixed);"
                f" `--baseline-write {name}` drops stale entries"
            )
    if write is not None:
        previous = load_baseline(cwd / write, write.as_posix()) if (cwd / write).exists() else []
        checked = {article.path for article in report.articles} | {f.path for f in report.findings}
        kept = [entry for entry in previous if entry.path not in checked]
        current = [
            Entry(rule=f.rule, path=f.path, fingerprint=f.fingerprint, message=f.message)
            for f in report.findings
            if f.suppression is None or f.suppression.kind is SuppressionKind.BASELINE
        ]
        entries = [*kept, *current]
        _write(cwd / write, render_baseline(entries))
        old = {entry.key for entry in previous}
        added = sum(1 for entry in current if entry.key not in old)
        dropped = len(old - {entry.key for entry in entries})
        total = len({entry.key for entry in entries})
        notices.append(
            f"wrote baseline {write.as_posix()}: {_entries(total)} ({added} new, {dropped} dropped)"
        )
        report, _ = apply_baseline(report, entries, write.as_posix())
    return report, notices


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _write(path: Path, text: str) -> None:
    """Replace `path` atomically (a temporary file beside it, then a rename)."""
    try:
        replace_atomically(path, text)
    except OSError as failure:
        raise BaselineError(
            f"cannot write baseline {path.as_posix()}: {failure.strerror or failure}"
        ) from None
