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

The file's format, and its reading and writing, live in `provenance.baseline_file`: only a run
that uses or writes a baseline imports it (creating its models costs a short run's start-up).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from provenance.model import SuppressionKind

if TYPE_CHECKING:
    from provenance.model import Report


class BaselineError(Exception):
    """The baseline file cannot be read, parsed or written."""


def settle(report: Report, *, use: Path | None, write: Path | None, cwd: Path) -> tuple[Report, list[str]]:
    """Apply the baseline `use` and/or record the baseline `write`; returns the report and notices."""
    notices: list[str] = []
    if use is None and write is None:
        return report, notices
    # only here: most runs use no baseline, and need not create the file's models
    from provenance.baseline_file import Entry, apply_baseline, load_baseline, render_baseline, write_baseline

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
        write_baseline(cwd / write, render_baseline(entries))
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
