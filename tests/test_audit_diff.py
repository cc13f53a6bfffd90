"""`audit diff`: what changed between two audits of the fixture site, three weeks apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from audit_site import NOW, audit_site, copy_site

from provenance.audit import AuditDiff, diff_audits
from provenance.audit.render_diff import render_markdown, render_text

LATER = dt.datetime(2025, 7, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def changes(tmp_path_factory: pytest.TempPathFactory) -> AuditDiff:
    site = copy_site(tmp_path_factory.mktemp("diff"))
    old = audit_site(site, NOW)
    (site / "content" / "own-reporting.md").unlink()
    (site / "content" / "harbour-lights.md").write_text("---\ntitle: Harbour lights\n---\nOur own story.\n")
    expired = site / "content" / "gr-expired.md"
    expired.write_text(expired.read_text().replace("expires: 2025-05-01", "expires: 2026-05-01"))
    return diff_audits(old, audit_site(site, LATER))


def test_articles_added_removed_and_statuses(changes: AuditDiff) -> None:
    assert [a.path for a in changes.added] == ["content/harbour-lights.md"]
    assert [a.path for a in changes.removed] == ["content/own-reporting.md"]
    assert [(c.path, c.old, c.new) for c in changes.status_changes] == [
        ("content/gr-expired.md", "violations", "permission-on-file"),
        ("content/gr-expiring.md", "permission-on-file", "violations"),
        ("content/suppressed.md", "suppressed", "violations"),
    ]


def test_new_and_resolved_violations(changes: AuditDiff) -> None:
    assert [(c.path, c.finding.line, c.finding.rule) for c in changes.resolved_violations] == [
        ("content/gr-expired.md", 5, "CORE-PERMISSION-EXPIRED"),
        ("content/gr-expired.md", 5, "GR-VENUE"),
    ]
    new = [(c.path, c.finding.line, c.finding.rule) for c in changes.new_violations]
    assert new[:2] == [
        ("content/gr-expiring.md", 5, "CORE-PERMISSION-EXPIRED"),
        ("content/gr-expiring.md", 5, "GR-VENUE"),
    ]
    assert ("content/suppressed.md", 15, "GR-LINK") in new  # its suppression expired


def test_records_that_expired_in_between(changes: AuditDiff) -> None:
    assert [(i.record, i.path, i.expires) for i in changes.expired_between] == [
        ("suppression", "content/suppressed.md", dt.date(2025, 7, 15)),
        ("permission", "content/gr-expiring.md", dt.date(2025, 7, 20)),
    ]


def test_text_and_markdown_output(changes: AuditDiff) -> None:
    text = render_text(changes)
    assert text.startswith("Audit diff 2025-07-01T09:30:00Z → 2025-07-25T12:00:00Z: 1 added, 1 removed, ")
    assert "\nStatuses changed (3):\n  content/gr-expired.md: violations → permission-on-file\n" in text
    assert (
        "  content/gr-expiring.md: permission GR-2024-007 (publications@globalresearch.ca)"
        " expired 2025-07-20\n" in text
    )
    markdown = render_markdown(changes)
    assert markdown.startswith("## Audit diff 2025-07-01T09:30:00Z → 2025-07-25T12:00:00Z\n")
    assert "### Articles removed\n\n- content/own-reporting.md (was original)\n" in markdown


def test_identical_audits_have_no_changes(tmp_path: Path) -> None:
    audit = audit_site(copy_site(tmp_path))
    same = diff_audits(audit, audit)
    assert same.empty
    assert render_markdown(same).count("None.") == 6
