"""The default, human-readable format: one block per finding, then a summary line.

    content/2009/nato-russia.md:41:33: error [GR-LINK] The link to the original is a placeholder
        | [Russia Today](#)
        fix: Link the credit to the article's URL on rt.com

    12 files (7 republished): 1 error

Control characters from the checked files are shown escaped, so a file cannot drive the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import TypeVar

import click

from provenance.model import Report, Severity, finding_order
from provenance.report.options import RenderOptions

INDENT = "    "

_Key = TypeVar("_Key", bound=Hashable)

_SEVERITY_COLORS: dict[Severity, str | None] = {
    Severity.ERROR: "red",
    Severity.WARNING: "yellow",
    Severity.INFO: None,
}

# C0 controls except tab, DEL and C1 controls, shown as \xNN escapes (built once at import).
_CONTROL_ESCAPES = {
    code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)] if code != ord("\t")
}


def render(report: Report, options: RenderOptions) -> str:
    """Every active finding in sorted order, a blank line between them, then the summary line.

    Suppressed findings are not listed, only counted after the summary (``; 3 suppressed``);
    the JSON report lists them with their suppression.

    A finding is written as its place (``path:line:column:``) and the rest of its block, kept
    apart in one list joined once. A site repeats the same path, message, evidence and fix
    over and over, so each distinct one is cleaned and laid out once per render (`_Memo`) and
    its text shared by every finding that has it: the memos hold only the report's own strings
    and the blocks the output is made of, and go with the render.
    """
    counts = report.counts
    color = options.color
    paths = _Memo(_clean)
    rests = _Memo(_rest_writer(color))
    parts: list[str] = []
    for finding in sorted(report.active, key=finding_order):
        place = f"{paths[finding.path]}:{finding.line}:{finding.column}:"
        parts += (
            click.style(place, bold=True) if color else place,
            rests[finding.severity, finding.rule, finding.message, finding.evidence, finding.fix],
        )
    suppressed = f"; {counts['suppressed']} suppressed" if counts["suppressed"] else ""
    parts += (summary_line(report, color, counts), suppressed, "\n")
    return "".join(parts)


def summary_line(report: Report, color: bool = False, counts: Mapping[str, int] | None = None) -> str:
    """E.g. ``12 files (7 republished): 2 errors, 1 warning`` or ``...: no findings``.

    `counts` saves recounting when the caller already has `report.counts`.
    """
    counts = report.counts if counts is None else counts
    files = _plural(counts["files"], "file", "files")
    head = f"{files} ({counts['republished']} republished)"
    parts = [
        _paint(_plural(counts[key], singular, plural), _SEVERITY_COLORS[severity], color)
        for key, singular, plural, severity in (
            ("errors", "error", "errors", Severity.ERROR),
            ("warnings", "warning", "warnings", Severity.WARNING),
            ("infos", "info", "infos", Severity.INFO),
        )
        if counts[key]
    ]
    return f"{head}: {', '.join(parts) if parts else 'no findings'}"


_Rest = tuple[Severity, str, str, str, str]  # severity, rule, message, evidence, fix


def _rest_writer(color: bool) -> Callable[[_Rest], str]:
    """A function from a finding's severity, rule, message, evidence and fix to its block after
    the place, up to and including the blank line that ends it.

    The severity labels are rendered once per report.
    """
    severities = {each: _paint(each.value, _SEVERITY_COLORS[each], color) for each in Severity}

    def rest(key: _Rest) -> str:
        severity, rule, message, evidence, fix = key
        return f" {severities[severity]} [{rule}] {_clean(message)}{_details(evidence, fix)}\n"

    return rest


class _Memo(dict[_Key, str]):
    """`compute(key)` for each key, computed on first use (`memo[key]`) and then looked up."""

    def __init__(self, compute: Callable[[_Key], str]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: _Key) -> str:
        value = self[key] = self._compute(key)
        return value


def _details(evidence: str, fix: str) -> str:
    """The lines under a finding's first one, each after a line break, then a last line break.

    Written for speed (a warm run renders every finding of the site): one list, one join.
    """
    parts = []
    if evidence.strip():
        parts += [f"\n{INDENT}| {_clean(line)}".rstrip() for line in _evidence_lines(evidence)]
    if fix:
        label = "fix: "
        for line in fix.strip().splitlines():
            parts.append(f"\n{INDENT}{label}{_clean(line)}")
            label = "     "
    parts.append("\n")
    return "".join(parts)


def _evidence_lines(evidence: str) -> list[str]:
    if not evidence.strip():
        return []
    return evidence.strip("\r\n").replace("\r\n", "\n").split("\n")


def _clean(text: str) -> str:
    return text if text.isprintable() else text.translate(_CONTROL_ESCAPES)


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _paint(text: str, fg: str | None, color: bool) -> str:
    return click.style(text, fg=fg) if color and fg else text
