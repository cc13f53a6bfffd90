"""The `provenance audit` and `provenance audit diff` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from audit_site import copy_site
from click.testing import CliRunner

from provenance.cli import main


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_site(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return root


def test_default_is_markdown_on_stdout_and_exit_zero_despite_violations(site: Path) -> None:
    result = CliRunner().invoke(main, ["audit", "--now", "2025-07-01"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Provenance audit: Harbour Weekly\n")
    assert "| generated | 2025-07-01T00:00:00Z |" in result.output


def test_run_subcommand_output_file_and_expiring_within(site: Path) -> None:
    arguments = ["audit", "run", "content", "--format", "json", "--output", "a.json"]
    result = CliRunner().invoke(
        main, [*arguments, "--now", "2025-07-01T12:00:00Z", "--expiring-within", "14"]
    )
    assert (result.exit_code, result.output) == (0, "")
    document = json.loads((site / "a.json").read_text(encoding="utf-8"))
    assert document["records"]["expiring_within_days"] == 14
    assert [item["path"] for item in document["records"]["expiring"]] == ["content/suppressed.md"]


def test_source_date_epoch_sets_the_clock(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751362200")
    result = CliRunner().invoke(main, ["audit", "--format", "json"])
    assert json.loads(result.output)["stamp"]["generated_at"] == "2025-07-01T09:30:00Z"


def test_bad_now_is_a_usage_error(site: Path) -> None:
    result = CliRunner().invoke(main, ["audit", "--now", "next tuesday"])
    assert result.exit_code == 2
    assert "--now: not an ISO 8601 date or time: 'next tuesday'" in result.output


def test_diff_command(site: Path) -> None:
    runner = CliRunner()
    for name, now in (("old.json", "2025-07-01"), ("new.json", "2025-07-25")):
        assert runner.invoke(main, ["audit", "--format", "json", "-o", name, "--now", now]).exit_code == 0
    result = runner.invoke(main, ["audit", "diff", "old.json", "new.json"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Audit diff 2025-07-01T00:00:00Z → 2025-07-25T00:00:00Z: 0 added, 0 removed, 2 "
    )
    markdown = runner.invoke(main, ["audit", "diff", "old.json", "new.json", "--format", "markdown"])
    assert "### Expired in between" in markdown.output


def test_diff_rejects_files_that_are_not_audits(site: Path) -> None:
    (site / "report.json").write_text('{"schema_version": 1, "tool": {}}', encoding="utf-8")
    (site / "other.json").write_text('{"schema_version": 7}', encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "diff", "report.json", "other.json"])
    assert result.exit_code == 2
    assert "report.json: /stamp: Field required (6 error(s))" in result.output  # 5 missing, 1 unknown
    result = CliRunner().invoke(main, ["audit", "diff", "other.json", "other.json"])
    assert "other.json: not a provenance audit with schema_version 1 (found 7)" in result.output
