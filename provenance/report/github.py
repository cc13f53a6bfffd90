"""GitHub Actions workflow commands: one annotation per active finding, most severe first.

    ::error file=content/a.md,line=41,col=33,title=GR-LINK (link-to-original-placeholder)::The link ...

GitHub shows at most 10 error and 10 warning annotations per step, so errors come first, then
warnings, then notices (info); each group in path, line, column order. Suppressed findings get
no annotation; the closing summary line counts them. Escaping follows GitHub's toolkit: in the
message ``%``, CR and LF are percent-encoded; in property values ``:`` and ``,`` are as well.
The CLI appends the Markdown report to ``$GITHUB_STEP_SUMMARY`` when that is set.
"""

from __future__ import annotations

from provenance.model import Finding, Report, Severity
from provenance.report.options import RenderOptions
from provenance.report.text import summary_line

COMMANDS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}

# Other C0 controls, DEL and C1 controls are shown as \xNN, so a file cannot style the log.
_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)] if code not in (9, 10, 13)}
_DATA_ESCAPES = str.maketrans({**_CONTROLS, ord("%"): "%25", ord("\r"): "%0D", ord("\n"): "%0A"})
_PROPERTY_ESCAPES = str.maketrans(
    {**_CONTROLS, ord("%"): "%25", ord("\r"): "%0D", ord("\n"): "%0A", ord(":"): "%3A", ord(","): "%2C"}
)


def render(report: Report, options: RenderOptions) -> str:
    """One workflow command per active finding (most severe first), then a plain summary line."""
    findings = sorted(report.active, key=annotation_order)
    lines = [annotation(finding) for finding in findings]
    summary = summary_line(report)
    suppressed = report.counts["suppressed"]
    if suppressed:
        summary += f"; {suppressed} suppressed"
    return "".join(line + "\n" for line in [*lines, f"provenance: {summary}"])


def annotation_order(finding: Finding) -> tuple[int, tuple[str, int, int, str, str]]:
    """Most severe first, then file order."""
    return (-finding.severity.rank, finding.sort_key)


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    properties = {
        "file": finding.path,
        "line": str(max(finding.line, 1)),
        "col": str(max(finding.column, 1)),
        "title": f"{finding.rule} ({finding.category.value})",
    }
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(_message(finding))}"


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF."""
    return text.translate(_DATA_ESCAPES)


def escape_property(text: str) -> str:
    """Escape a command property value: ``%``, CR, LF, ``:`` and ``,``."""
    return text.translate(_PROPERTY_ESCAPES)


def _message(finding: Finding) -> str:
    parts = [finding.message]
    if finding.evidence:
        parts.append("| " + "\n| ".join(finding.evidence.strip("\r\n").splitlines()))
    if finding.fix:
        parts.append(f"fix: {finding.fix}")
    return "\n".join(parts)
