"""Building the audit: statuses, condition outcomes, records and their states, the summary, the stamp."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from audit_site import audit_site, copy_site

from provenance.audit import Audit
from provenance.audit.build import NOTHING_TO_CHECK, audit_status
from provenance.audit.model import ArticleStatus, ConditionOutcome, RecordState
from provenance.audit.records import state_of
from provenance.audit.stamp import ClockError, generation_time, git_state
from provenance.model import Category, Finding, Severity, Status, Suppression, SuppressionKind


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_site(tmp_path_factory.mktemp("audit"))


@pytest.fixture(scope="module")
def audit(site: Path) -> Audit:
    return audit_site(site)


def test_statuses(audit: Audit) -> None:
    assert [(a.path, a.kind, a.status.value) for a in audit.articles] == [
        ("content/gr-expired.md", "republished", "violations"),
        ("content/gr-expiring.md", "republished", "permission-on-file"),
        ("content/gr-permitted.md", "republished", "permission-on-file"),
        ("content/hostile.md", "republished", "violations"),
        ("content/own-reporting.md", "original", "original"),
        ("content/suppressed.md", "republished", "suppressed"),
    ]


def test_conditions_carry_outcome_and_evidence(audit: Audit) -> None:
    article = next(a for a in audit.articles if a.path == "content/suppressed.md")
    outcomes = {
        c.rule: (c.outcome, [(e.line, e.column, e.text) for e in c.evidence], c.note)
        for c in article.conditions
    }
    assert outcomes["GR-LINK"] == (ConditionOutcome.SUPPRESSED, [(15, 40, "[Global Research](#)")], "")
    assert outcomes["GR-SOURCE"] == (ConditionOutcome.PASS, [(10, 1, "By Global Research")], "")
    assert outcomes["GR-UPSTREAM-CREDIT"] == (ConditionOutcome.PASS, [], NOTHING_TO_CHECK)
    assert [(f.rule, f.suppressed) for f in article.findings] == [("GR-LINK", True)]
    venue = next(c for c in audit.articles[0].conditions if c.rule == "GR-VENUE")
    assert (venue.outcome, venue.name, venue.category, venue.severity) == (
        ConditionOutcome.FAIL,
        "community-sites-only",
        "use-not-permitted",
        "error",
    )


def test_article_inventory_fields(audit: Audit) -> None:
    permitted = next(a for a in audit.articles if a.path == "content/gr-permitted.md")
    assert (permitted.title, permitted.published, permitted.venue, permitted.policies) == (
        "Ports and the price of grain",
        dt.date(2023, 8, 14),
        "commercial",
        ["global-research"],
    )
    assert permitted.permission is not None
    assert (permitted.permission.reference, permitted.permission.granted_by, permitted.permission.scope) == (
        "GR-2023-044",
        "Michel Chossudovsky",
        "harbour-weekly.example.com, web only",
    )
    assert (permitted.permission.line, permitted.permission.state, permitted.permission.days_left) == (
        6,
        RecordState.CURRENT,
        396,
    )


def test_records_expiring_and_expired(audit: Audit) -> None:
    records = audit.records
    assert [(i.record, i.path, i.days_left) for i in records.expiring] == [
        ("suppression", "content/suppressed.md", 14),
        ("permission", "content/gr-expiring.md", 19),
    ]
    assert [(i.record, i.path, i.days_left) for i in records.expired] == [
        ("permission", "content/gr-expired.md", -61)
    ]
    suppression = records.suppressions[0]
    assert (suppression.rules, suppression.kind, suppression.source, suppression.findings) == (
        ["GR-LINK"],
        "inline",
        "content/suppressed.md:14",
        1,
    )


def test_expiring_window_is_configurable(site: Path) -> None:
    assert [i.path for i in audit_site(site, expiring_within=14).records.expiring] == [
        "content/suppressed.md"
    ]
    assert audit_site(site, expiring_within=13).records.expiring == []


def test_summary(audit: Audit) -> None:
    s = audit.summary
    assert (s.articles, s.republished, s.original, s.violations, s.suppressed) == (6, 5, 1, 5, 1)
    assert (s.permissions, s.expiring, s.expired) == (4, 2, 1)
    assert [(c.name, c.count) for c in s.by_status] == [
        ("violations", 2),
        ("suppressed", 1),
        ("permission-on-file", 2),
        ("original", 1),
    ]
    assert [(c.name, c.count) for c in s.republished_by_year] == [("2023", 1), ("2024", 2), ("2025", 2)]
    assert [(c.name, c.count) for c in s.violations_by_category] == [
        ("credit-line-mismatch", 1),
        ("link-to-original-missing", 1),
        ("permission-expired", 1),
        ("unknown-source", 1),
        ("use-not-permitted", 1),
    ]


def _finding(severity: Severity, suppressed: bool) -> Finding:
    mark = Suppression(SuppressionKind.INLINE, "why", "a.md:3") if suppressed else None
    return Finding("R", "p", Category.LINK_PLACEHOLDER, severity, "a.md", 3, 1, "m", suppression=mark)


def test_audit_status_is_suppressed_only_when_every_serious_finding_is() -> None:
    error, info = Severity.ERROR, Severity.INFO
    assert (
        audit_status(Status.VIOLATIONS, [_finding(error, True), _finding(info, False)])
        is ArticleStatus.SUPPRESSED
    )
    assert (
        audit_status(Status.VIOLATIONS, [_finding(error, True), _finding(error, False)])
        is ArticleStatus.VIOLATIONS
    )
    assert audit_status(Status.COMPLIANT, []) is ArticleStatus.COMPLIANT
    assert audit_status(Status.UNREADABLE, [_finding(error, True)]) is ArticleStatus.UNREADABLE


@pytest.mark.parametrize(
    ("expires", "state", "days"),
    [
        (None, RecordState.NO_EXPIRY, None),
        (dt.date(2025, 6, 30), RecordState.EXPIRED, -1),
        (dt.date(2025, 7, 1), RecordState.EXPIRING, 0),
        (dt.date(2025, 7, 31), RecordState.EXPIRING, 30),
        (dt.date(2025, 8, 1), RecordState.CURRENT, 31),
    ],
)
def test_record_state_boundaries(expires: dt.date | None, state: RecordState, days: int | None) -> None:
    assert state_of(expires, dt.date(2025, 7, 1), 30) == (state, days)


@pytest.mark.parametrize(
    ("now", "environ", "expected"),
    [
        ("2025-07-01T09:30:00+02:00", {}, "2025-07-01T07:30:00+00:00"),
        ("2025-07-01T09:30:00.123456", {}, "2025-07-01T09:30:00+00:00"),
        ("2025-07-01", {"SOURCE_DATE_EPOCH": "0"}, "2025-07-01T00:00:00+00:00"),
        (None, {"SOURCE_DATE_EPOCH": "1751362200"}, "2025-07-01T09:30:00+00:00"),
    ],
)
def test_generation_time(now: str | None, environ: dict[str, str], expected: str) -> None:
    assert generation_time(now, environ).isoformat() == expected


def test_generation_time_defaults_to_the_clock_and_rejects_nonsense() -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert before <= generation_time(None, {}) <= dt.datetime.now(dt.UTC)
    with pytest.raises(ClockError, match="--now: not an ISO 8601 date or time: 'yesterday'"):
        generation_time("yesterday", {})
    with pytest.raises(ClockError, match="SOURCE_DATE_EPOCH: not a Unix time in seconds: 'soon'"):
        generation_time(None, {"SOURCE_DATE_EPOCH": "soon"})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_state(tmp_path: Path) -> None:
    assert git_state(tmp_path) == (None, None)

    def git(*arguments: str) -> str:
        command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments]
        return subprocess.run(command, cwd=tmp_path, check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    assert git_state(tmp_path) == (None, None)  # no commit yet
    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    git("add", "a.md")
    git("commit", "-q", "-m", "a")
    head = git("rev-parse", "HEAD").strip()
    (tmp_path / "content").mkdir()
    assert git_state(tmp_path / "content") == (head, False)
    (tmp_path / "a.md").write_text("b\n", encoding="utf-8")
    assert git_state(tmp_path / "content") == (head, True)
