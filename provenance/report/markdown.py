"""A Markdown summary fit for a pull-request comment or a GitHub step summary.

A headline with the counts, one table of the active findings grouped by file (the path on the
first row of its group), and the suppressed findings with their reasons in a collapsed section.
Everything taken from the checked files is escaped: table pipes, Markdown punctuation and HTML,
so an article cannot break the table or inject markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from provenance.model import Finding, Report, finding_order
from provenance.report.options import RenderOptions

TITLE = "## provenance"

# HTML first (so the entities themselves are not escaped again), then the punctuation that
# inline Markdown reads as markup (emphasis, code, links, tables, strike-through) or that GitHub
# turns into mentions and issue references; C0/C1 controls shown as \xNN.
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_PUNCTUATION = str.maketrans({c: "\\" + c for c in "\\`*_[]|~#@"})
_CONTROLS = str.maketrans(
    {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)] if code not in (9, 10, 13)}
)


def render(report: Report, options: RenderOptions) -> str:
    """Headline, findings table and suppressed section, ending with a newline."""
    sections = [TITLE, headline(report)]
    active = sorted(report.active, key=finding_order)
    if active:
        sections.append(_table(("File", "Line", "Severity", "Rule", "Finding"), _finding_rows(active)))
    suppressed = sorted((f for f in report.findings if f.suppression is not None), key=finding_order)
    if suppressed:
        count = f"{len(suppressed)} suppressed finding{'' if len(suppressed) == 1 else 's'}"
        table = _table(("File", "Line", "Rule", "Reason", "Recorded in"), _suppressed_rows(suppressed))
        sections.append(f"<details><summary>{count}</summary>\n\n{table}\n</details>")
    return "\n\n".join(sections) + "\n"


def headline(report: Report) -> str:
    """E.g. ``**2 errors**, 1 warning in 4 files (2 republished); 1 suppressed``."""
    counts = report.counts
    parts = [
        _plural(counts[key], singular)
        for key, singular in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
        if counts[key]
    ]
    if parts and counts["errors"]:
        parts[0] = f"**{parts[0]}**"
    found = ", ".join(parts) if parts else "No findings"
    line = f"{found} in {_plural(counts['files'], 'file')} ({counts['republished']} republished)"
    if counts["suppressed"]:
        line += f"; {counts['suppressed']} suppressed"
    return line + "."


def escape(text: str) -> str:
    """`text` as literal content of a Markdown table cell, on one line."""
    escaped = text.translate(_CONTROLS).translate(_HTML).translate(_PUNCTUATION)
    return "<br>".join(escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _finding_rows(findings: Sequence[Finding]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    previous = None
    for f in findings:
        path = escape(f.path) if f.path != previous else ""
        previous = f.path
        rows.append((path, str(f.line), f.severity.value, escape(f.rule), escape(f.message)))
    return rows


def _suppressed_rows(findings: Sequence[Finding]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for f in findings:
        assert f.suppression is not None
        reason = f.suppression.reason
        if f.suppression.expires is not None:
            reason += f" (until {f.suppression.expires.isoformat()})"
        where = f"{f.suppression.kind.value}: {f.suppression.source}"
        rows.append((escape(f.path), str(f.line), escape(f.rule), escape(reason), escape(where)))
    return rows


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    aligns = ["---:" if name == "Line" else "---" for name in header]
    lines = [_row(header), _row(aligns), *(_row(row) for row in rows)]
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _plural(count: int, singular: str) -> str:
    return f"{count} {singular}{'' if count == 1 else 's'}"
