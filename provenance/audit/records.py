"""Permissions and suppressions on record, and where each stands on the audit date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from provenance.audit.model import Permission, Records, RecordState, Suppression
from provenance.model import Finding, PermissionRecord


def state_of(expires: dt.date | None, today: dt.date, within_days: int) -> tuple[RecordState, int | None]:
    """The record's state and the days left until it expires (negative once expired)."""
    if expires is None:
        return RecordState.NO_EXPIRY, None
    days_left = (expires - today).days
    if days_left < 0:
        return RecordState.EXPIRED, days_left
    if days_left <= within_days:
        return RecordState.EXPIRING, days_left
    return RecordState.CURRENT, days_left


def permission_item(path: str, record: PermissionRecord, today: dt.date, within_days: int) -> Permission:
    state, days_left = state_of(record.expires, today, within_days)
    return Permission(
        path=path,
        reference=record.reference,
        granted_by=record.granted_by,
        granted=record.granted,
        expires=record.expires,
        scope=record.scope,
        line=record.location.line,
        state=state,
        days_left=days_left,
    )


def suppression_items(
    path: str, findings: Iterable[Finding], today: dt.date, within_days: int
) -> list[Suppression]:
    """One item per distinct suppression among `findings`, with the rules and findings it silenced."""
    grouped: dict[tuple[str, str, str, dt.date | None], list[Finding]] = {}
    for finding in findings:
        if finding.suppression is not None:
            used = finding.suppression
            grouped.setdefault((used.kind.value, used.source, used.reason, used.expires), []).append(finding)
    items = []
    for (kind, source, reason, expires), silenced in sorted(grouped.items(), key=_suppression_order):
        state, days_left = state_of(expires, today, within_days)
        items.append(
            Suppression(
                path=path,
                rules=sorted({finding.rule for finding in silenced}),
                kind=kind,
                reason=reason,
                source=source,
                expires=expires,
                findings=len(silenced),
                state=state,
                days_left=days_left,
            )
        )
    return items


def _suppression_order(
    item: tuple[tuple[str, str, str, dt.date | None], list[Finding]],
) -> tuple[str, str, str, str]:
    (kind, source, reason, expires), _ = item
    return (source, kind, reason, expires.isoformat() if expires else "")


def records(
    permissions: Sequence[Permission], suppressions: Sequence[Suppression], within_days: int
) -> Records:
    """The records section: everything on record, then what expires soon and what has expired."""
    every: list[Permission | Suppression] = [*permissions, *suppressions]
    by_expiry = sorted(
        (item for item in every if item.expires is not None),
        key=lambda item: (item.expires or dt.date.min, item.path, item.record),
    )
    return Records(
        expiring_within_days=within_days,
        permissions=list(permissions),
        suppressions=list(suppressions),
        expiring=[item for item in by_expiry if item.state is RecordState.EXPIRING],
        expired=[item for item in by_expiry if item.state is RecordState.EXPIRED],
    )
