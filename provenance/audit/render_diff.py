"""An audit diff as plain text (a terminal, a log) or Markdown (a PR comment, a wiki page)."""

from __future__ import annotations

from collections.abc import Callable

from provenance.audit.diff import AuditDiff, ViolationChange
from provenance.audit.present import place, record_what, record_who
from provenance.audit.render_markdown import md


def _stamp(value: AuditDiff) -> str:
    start = value.old_generated.strftime("%Y-%m-%dT%H:%M:%SZ")
    end = value.new_generated.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{start} → {end}"


def _sections(value: AuditDiff, escape: Callable[[str], str]) -> list[tuple[str, list[str]]]:
    def violation(change: ViolationChange) -> str:
        f = change.finding
        return escape(f"{change.path}:{place(f.line, f.column)} {f.rule} {f.severity}: {f.message}")

    return [
        ("Articles added", [escape(f"{a.path} ({a.kind}, {a.status.value})") for a in value.added]),
        ("Articles removed", [escape(f"{a.path} (was {a.status.value})") for a in value.removed]),
        ("Statuses changed", [escape(f"{c.path}: {c.old} → {c.new}") for c in value.status_changes]),
        ("New violations", [violation(c) for c in value.new_violations]),
        ("Resolved violations", [violation(c) for c in value.resolved_violations]),
        (
            "Expired in between",
            [
                escape(f"{i.path}: {record_what(i)} ({record_who(i)}) expired {i.expires}")
                for i in value.expired_between
            ],
        ),
    ]


def _counts(value: AuditDiff) -> str:
    return (
        f"{len(value.added)} added, {len(value.removed)} removed, "
        f"{len(value.status_changes)} status changes, "
        f"{len(value.new_violations)} new and {len(value.resolved_violations)} resolved violations, "
        f"{len(value.expired_between)} expired"
    )


def render_text(value: AuditDiff) -> str:
    lines = [f"Audit diff {_stamp(value)}: {_counts(value)}"]
    for title, items in _sections(value, str):
        if items:
            lines += ["", f"{title} ({len(items)}):", *(f"  {item}" for item in items)]
    return "\n".join(lines) + "\n"


def render_markdown(value: AuditDiff) -> str:
    lines = [f"## Audit diff {_stamp(value)}", "", f"{_counts(value)}."]
    for title, items in _sections(value, md):
        lines += ["", f"### {title}", ""]
        lines += [f"- {item}" for item in items] if items else ["None."]
    return "\n".join(lines) + "\n"


DIFF_FORMATTERS: dict[str, Callable[[AuditDiff], str]] = {"text": render_text, "markdown": render_markdown}
