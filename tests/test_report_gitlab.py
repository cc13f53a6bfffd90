"""GitLab Code Quality: golden output, required keys, severity mapping and stable fingerprints."""

from __future__ import annotations

import json
from typing import Any

import pytest
from format_samples import OPTIONS, SUPPRESSED_REPORT
from sample_report import EMPTY_REPORT, FINDINGS, assert_golden, assert_streamed

from provenance.model import Report
from provenance.report import FORMATTERS, gitlab
from provenance.report.gitlab import fingerprint, render, render_chunks


def issues(report: Report = SUPPRESSED_REPORT) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(render(report, OPTIONS))
    return loaded


def test_registered() -> None:
    assert FORMATTERS["gitlab"] is render


def test_golden() -> None:
    assert_golden("report.gitlab.json", render(SUPPRESSED_REPORT, OPTIONS))


def test_every_issue_has_the_keys_gitlab_requires() -> None:
    for issue in issues():
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= issue.keys()
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int)


def test_active_findings_only_with_mapped_severities() -> None:
    assert [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in issues()] == [
        ("GR-CREDIT", "major", 41),
        ("GR-LINK", "major", 41),
        ("GR-COPYRIGHT", "minor", 44),
        ("UNK-SOURCE", "info", 12),
        ("CORE-UNREADABLE", "major", 3),
    ]


def test_fingerprints_are_unique_and_survive_moved_lines() -> None:
    before = [i["fingerprint"] for i in issues()]
    assert len(set(before)) == len(before)
    moved = Report(
        tuple(f._replace(line=f.line + 7, column=2) for f in SUPPRESSED_REPORT.findings),
        SUPPRESSED_REPORT.articles,
        "0.1.0",
    )
    assert [i["fingerprint"] for i in issues(moved)] == before
    assert before[1] == "9a0b4c6d8e2f1a3b"


def test_fallback_fingerprint_is_content_based() -> None:
    bare = FINDINGS[1]._replace(fingerprint="")
    assert fingerprint(bare) == fingerprint(bare._replace(line=99))
    assert fingerprint(bare) != fingerprint(bare._replace(evidence="[Other](#)"))
    assert len(fingerprint(bare)) == 16


def test_empty_report_is_an_empty_array() -> None:
    assert render(EMPTY_REPORT, OPTIONS) == "[]\n"


@pytest.mark.parametrize("report", [SUPPRESSED_REPORT, EMPTY_REPORT], ids=["suppressed", "empty"])
def test_chunks_join_to_the_rendered_text(report: Report) -> None:
    assert "".join(render_chunks(report, OPTIONS)) == render(report, OPTIONS)


def test_chunks_build_issues_on_demand(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_streamed(monkeypatch, gitlab, "issue", OPTIONS, '[\n  {\n    "type": "issue",')
