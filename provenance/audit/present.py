"""Wording shared by every audit format: labels for places, records, states and the stamp."""

from __future__ import annotations

from provenance.audit.model import Audit, EvidenceItem, Permission, RecordState, Stamp, Suppression

STATE_LABELS = {
    RecordState.CURRENT: "current",
    RecordState.EXPIRING: "expiring soon",
    RecordState.EXPIRED: "expired",
    RecordState.NO_EXPIRY: "no expiry",
}


def place(line: int, column: int) -> str:
    """``12:5`` for a place in the article, ``site config`` for evidence from the configuration."""
    return "site config" if line == 0 else f"{line}:{column}"


def evidence_line(item: EvidenceItem) -> str:
    """One evidence item on one line: place, quoted text and note."""
    note = f" ({item.note})" if item.note else ""
    return f"{place(item.line, item.column)}: {item.text}{note}"


def days_label(days_left: int | None) -> str:
    """``19 days left``, ``expires today``, ``61 days ago``; empty without an expiry date."""
    if days_left is None:
        return ""
    if days_left < 0:
        return f"{-days_left} day{'s' if days_left != -1 else ''} ago"
    if days_left == 0:
        return "expires today"
    return f"{days_left} day{'s' if days_left != 1 else ''} left"


def state_label(item: Permission | Suppression) -> str:
    """``expiring soon (19 days left)``, ``expired (61 days ago)``, ``no expiry``."""
    days = days_label(item.days_left)
    return f"{STATE_LABELS[item.state]} ({days})" if days else STATE_LABELS[item.state]


def record_who(item: Permission | Suppression) -> str:
    """Who granted (a permission) or where it was recorded (a suppression)."""
    if isinstance(item, Permission):
        return item.granted_by or "(not recorded)"
    return item.source


def record_what(item: Permission | Suppression) -> str:
    if isinstance(item, Permission):
        return "permission " + (item.reference or "(no reference)")
    return f"{item.kind} suppression of {', '.join(item.rules)}: {item.reason}"


def commit_label(stamp: Stamp) -> str:
    if stamp.git_commit is None:
        return "not a Git repository"
    return stamp.git_commit + (" (uncommitted changes)" if stamp.git_dirty else " (clean)")


def generated_label(stamp: Stamp) -> str:
    return stamp.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ")


def headline(audit: Audit) -> str:
    """The headline numbers in one sentence."""
    s = audit.summary
    days = audit.records.expiring_within_days
    return (
        f"{s.articles} articles ({s.republished} republished, {s.original} original); "
        f"{s.violations} violations, {s.suppressed} suppressed; "
        f"{s.permissions} permissions on file, {s.expiring} records expiring within {days} days, "
        f"{s.expired} expired"
    )
