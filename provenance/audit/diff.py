"""What changed between two audits: articles, statuses, violations and permissions that lapsed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from provenance.audit.model import Article, Audit, FindingItem, Permission, Suppression


@dataclass(frozen=True, slots=True)
class StatusChange:
    path: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class ViolationChange:
    path: str
    finding: FindingItem


@dataclass(frozen=True, slots=True)
class AuditDiff:
    old_generated: dt.datetime
    new_generated: dt.datetime
    added: tuple[Article, ...]
    removed: tuple[Article, ...]
    status_changes: tuple[StatusChange, ...]
    new_violations: tuple[ViolationChange, ...]
    resolved_violations: tuple[ViolationChange, ...]
    expired_between: tuple[Permission | Suppression, ...]

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.status_changes
            or self.new_violations
            or self.resolved_violations
            or self.expired_between
        )


def _active(audit: Audit) -> dict[tuple[str, str], ViolationChange]:
    """Active findings keyed by (path, fingerprint): fingerprints survive edits that move lines."""
    return {
        (
            article.path,
            finding.fingerprint or f"{finding.rule}:{finding.line}:{finding.column}",
        ): ViolationChange(article.path, finding)
        for article in audit.articles
        for finding in article.findings
        if not finding.suppressed
    }


def _records(audit: Audit) -> dict[tuple[str, str, str], Permission | Suppression]:
    every: list[Permission | Suppression] = [*audit.records.permissions, *audit.records.suppressions]
    return {(item.record, item.path, _identity(item)): item for item in every}


def _identity(item: Permission | Suppression) -> str:
    if isinstance(item, Permission):
        return f"{item.reference}|{item.granted_by}|{item.expires}"
    return f"{item.source}|{item.reason}|{item.expires}"


def _in_order(changes: Iterable[ViolationChange]) -> tuple[ViolationChange, ...]:
    return tuple(
        sorted(
            changes,
            key=lambda c: (c.path, c.finding.line, c.finding.column, c.finding.rule, c.finding.fingerprint),
        )
    )


def diff_audits(old: Audit, new: Audit) -> AuditDiff:
    """The changes from `old` to `new` (each list sorted by path)."""
    old_articles = {a.path: a for a in old.articles}
    new_articles = {a.path: a for a in new.articles}
    old_active, new_active = _active(old), _active(new)
    start, end = old.stamp.generated_at.date(), new.stamp.generated_at.date()
    on_record = {**_records(old), **_records(new)}
    lapsed = [item for item in on_record.values() if item.expires is not None and start <= item.expires < end]
    return AuditDiff(
        old_generated=old.stamp.generated_at,
        new_generated=new.stamp.generated_at,
        added=tuple(new_articles[p] for p in sorted(new_articles.keys() - old_articles.keys())),
        removed=tuple(old_articles[p] for p in sorted(old_articles.keys() - new_articles.keys())),
        status_changes=tuple(
            StatusChange(path, old_articles[path].status.value, new_articles[path].status.value)
            for path in sorted(old_articles.keys() & new_articles.keys())
            if old_articles[path].status != new_articles[path].status
        ),
        new_violations=_in_order(new_active[k] for k in new_active.keys() - old_active.keys()),
        resolved_violations=_in_order(old_active[k] for k in old_active.keys() - new_active.keys()),
        expired_between=tuple(sorted(lapsed, key=lambda i: (i.expires or dt.date.min, i.path, i.record))),
    )
