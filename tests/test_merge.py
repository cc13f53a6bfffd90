"""Sharded runs merged with `provenance merge` equal one whole run, byte for byte, in every format."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from speed_site import make_site

from provenance.cli import main
from provenance.engine import CheckOptions, run_check
from provenance.merge import MergeError, merge_reports
from provenance.model import Report
from provenance.report import FORMATTERS, json_format
from provenance.report.json_load import ReportFileError, report_from_json
from provenance.report.options import RenderOptions
from provenance.shard import Shard

TODAY = dt.date(2026, 11, 27)
SUPPRESSED = """---
title: "Suppressed"
source: Global Research
---

<!-- provenance: ignore-file GR-LINK reason="link restored in print" expires=2099-12-31 -->
The original source of this article is [Global Research](#)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("merge"), 40, expires="2026-01-01")
    (root / "content" / "suppressed.md").write_text(SUPPRESSED, encoding="utf-8")
    return root


def run(site: Path, shard: Shard | None = None) -> Report:
    options = CheckOptions(today=TODAY, jobs=1, use_cache=False, shard=shard)
    return run_check([site], cwd=site, options=options).report


def as_json(report: Report) -> str:
    return json_format.render(report, RenderOptions())


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_merged_shards_equal_one_run_byte_for_byte(site: Path, count: int) -> None:
    whole = as_json(run(site))
    shards = [
        report_from_json(as_json(run(site, Shard(k, count))), f"shard-{k}.json") for k in range(1, count + 1)
    ]
    assert as_json(merge_reports(shards)) == whole
    assert '"suppressed": 1' in whole and '"kind": "inline"' in whole


@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_a_merged_report_renders_every_format_as_one_run_does(site: Path, name: str) -> None:
    single = report_from_json(as_json(run(site)), "whole.json")
    merged = merge_reports([report_from_json(as_json(run(site, Shard(k, 2))), "s.json") for k in (1, 2)])
    assert FORMATTERS[name](merged, RenderOptions()) == FORMATTERS[name](single, RenderOptions())


def test_the_json_report_reads_back_to_the_same_json(site: Path) -> None:
    text = as_json(run(site))
    assert as_json(report_from_json(text, "r.json")) == text


def test_merge_command_writes_the_whole_run_report(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site)
    runner = CliRunner()
    whole = tmp_path / "whole.json"
    runner.invoke(main, ["check", ".", "--no-cache", "--format", f"json:{whole}"])
    parts = []
    for k in (1, 2, 3):
        parts.append(tmp_path / f"part-{k}.json")
        runner.invoke(main, ["check", ".", "--shard", f"{k}/3", "--format", f"json:{parts[-1]}"])
    merged = tmp_path / "merged.json"
    result = runner.invoke(
        main, ["merge", *map(str, parts), "--format", f"json:{merged}", "--format", "text"]
    )
    assert result.exit_code == 1  # errors at or above --fail-on error, as `check` says
    assert merged.read_bytes() == whole.read_bytes()
    assert result.stdout.endswith("42 files (28 republished): 108 errors; 1 suppressed\n")


def test_merge_refuses_overlapping_shards(site: Path) -> None:
    part = run(site, Shard(1, 2))
    with pytest.raises(MergeError, match="checked in more than one report"):
        merge_reports([part, part])


def test_merge_refuses_reports_of_other_versions(site: Path) -> None:
    part = run(site, Shard(1, 2))
    other = Report(part.findings[:0], (), "0.0.1")
    with pytest.raises(MergeError, match=r"different provenance versions: 0\.0\.1, "):
        merge_reports([part, other])


def test_an_invalid_report_is_refused_with_every_problem(tmp_path: Path) -> None:
    document = json.loads(as_json(Report((), (), "1.0")))
    document["schema_version"] = 2
    del document["articles"]
    with pytest.raises(ReportFileError) as error:
        report_from_json(json.dumps(document), "old.json")
    assert error.value.problems == [
        "old.json: /: 'articles' is a required property",
        "old.json: /schema_version: 1 was expected",
    ]


def test_a_file_that_is_not_json_is_refused_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ReportFileError) as error:
        report_from_json('{\n  "schema_version": 1,\n  oops\n}', "broken.json")
    assert error.value.problems == [
        "broken.json:3: not a JSON document: Expecting property name enclosed in double quotes"
    ]


def test_merge_command_exits_2_on_a_bad_report(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    result = CliRunner().invoke(main, ["merge", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == f"{bad.as_posix()}: /: [] is not of type 'object'\n"
