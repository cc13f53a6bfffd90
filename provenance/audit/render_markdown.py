"""The audit as Markdown: headings and tables for a wiki page or a pull request.

Everything taken from content is escaped: HTML special characters become entities and Markdown
punctuation is backslash-escaped, so a hostile title renders as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from provenance.audit.model import Article, Audit, Count, Permission, Suppression
from provenance.audit.present import (
    commit_label,
    evidence_line,
    generated_label,
    headline,
    place,
    record_what,
    record_who,
    state_label,
)

_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "|": "\\|",
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "#": "\\#",
        "\r": " ",
        "\n": " ",
    }
)


def md(text: str | None) -> str:
    """`text` safe in a Markdown table cell or heading."""
    return (text or "").translate(_ESCAPES)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table, or "None." when there are no rows."""
    body = ["| " + " | ".join(row) + " |" for row in rows]
    if not body:
        return ["None.", ""]
    return ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|", *body, ""]


def _counts(title: str, label: str, counts: Sequence[Count]) -> list[str]:
    return [f"### {title}", "", *_table((label, "count"), [(md(c.name), str(c.count)) for c in counts])]


def render(audit: Audit) -> str:
    lines = [f"# Provenance audit: {md(audit.site.name) or 'site'}", ""]
    lines += _stamp(audit)
    lines += _summary(audit)
    lines += ["## Articles", ""]
    lines += _table(
        ("article", "title", "kind", "status", "sources", "licence", "policies", "published"),
        (
            (
                md(a.path),
                md(a.title),
                a.kind,
                a.status.value,
                md(" → ".join(a.chain)),
                md(a.license),
                md(", ".join(a.policies)),
                a.published.isoformat() if a.published else "",
            )
            for a in audit.articles
        ),
    )
    lines += ["## Evidence per article", ""]
    for article in audit.articles:
        lines += _article(article)
    lines += _records(audit)
    return "\n".join(lines).rstrip("\n") + "\n"


def _stamp(audit: Audit) -> list[str]:
    stamp = audit.stamp
    config = f"{md(stamp.config_path)} (sha256 {stamp.config_sha256})" if stamp.config_path else "(defaults)"
    rows = [
        ("tool", f"{stamp.tool} {stamp.tool_version}"),
        ("generated", generated_label(stamp)),
        ("rule set sha256", stamp.ruleset_sha256),
        ("configuration", config),
        ("content commit", commit_label(stamp)),
        ("site", f"{md(audit.site.name)} {md(audit.site.url)} (venue: {audit.site.venue})".strip()),
    ]
    return [*_table(("stamp", "value"), rows), f"**{headline(audit)}.**", ""]


def _summary(audit: Audit) -> list[str]:
    s = audit.summary
    return [
        "## Summary",
        "",
        *_counts("Articles by status", "status", s.by_status),
        *_counts("Republished articles by source", "source", s.by_source),
        *_counts("Republished articles by licence", "licence", s.by_license),
        *_counts("Violations by category", "category", s.violations_by_category),
        *_counts("Republished articles by publication year", "year", s.republished_by_year),
    ]


def _article(article: Article) -> list[str]:
    title = f" — {md(article.title)}" if article.title else ""
    lines = [f"### {md(article.path)}{title}", ""]
    facts = [
        f"{article.kind}, status **{article.status.value}**",
        f"chain: {md(' → '.join(article.chain))}" if article.chain else "",
        f"policies: {md(', '.join(article.policies))}" if article.policies else "",
        f"licence: {md(article.license)}" if article.license else "",
        f"venue: {article.venue}",
        f"published: {article.published.isoformat()}" if article.published else "",
    ]
    if article.permission is not None:
        facts.append(f"{md(record_what(article.permission))} granted by {md(record_who(article.permission))}")
    lines += ["; ".join(fact for fact in facts if fact), ""]
    if article.conditions:
        lines += _table(
            ("policy", "rule", "condition", "outcome", "evidence"),
            (
                (
                    md(c.policy),
                    md(c.rule),
                    md(c.name),
                    c.outcome.value,
                    "<br>".join(md(evidence_line(e)) for e in c.evidence) or md(c.note),
                )
                for c in article.conditions
            ),
        )
    other = [f for f in article.findings if not any(c.rule == f.rule for c in article.conditions)]
    if other:
        lines += ["Other findings:", ""]
        lines += [f"- {place(f.line, f.column)} {md(f.rule)}: {md(f.message)}" for f in other]
        lines.append("")
    return lines


def _records(audit: Audit) -> list[str]:
    records = audit.records
    days = records.expiring_within_days
    return [
        "## Permissions and suppressions",
        "",
        f"### Expiring within {days} days",
        "",
        *_record_table(records.expiring),
        "### Already expired",
        "",
        *_record_table(records.expired),
        "### Permissions on record",
        "",
        *_table(
            ("article", "reference", "granted by", "granted", "expires", "scope", "state"),
            (
                (
                    md(p.path),
                    md(p.reference),
                    md(p.granted_by),
                    p.granted.isoformat() if p.granted else "",
                    p.expires.isoformat() if p.expires else "",
                    md(p.scope),
                    state_label(p),
                )
                for p in records.permissions
            ),
        ),
        "### Suppressions on record",
        "",
        *_table(
            ("article", "rules", "kind", "reason", "recorded at", "expires", "state"),
            (
                (
                    md(s.path),
                    md(", ".join(s.rules)),
                    s.kind,
                    md(s.reason),
                    md(s.source),
                    s.expires.isoformat() if s.expires else "",
                    state_label(s),
                )
                for s in records.suppressions
            ),
        ),
    ]


def _record_table(items: Sequence[Permission | Suppression]) -> list[str]:
    return _table(
        ("article", "record", "granted by / recorded at", "expires", "state"),
        (
            (
                md(i.path),
                md(record_what(i)),
                md(record_who(i)),
                i.expires.isoformat() if i.expires else "",
                state_label(i),
            )
            for i in items
        ),
    )
