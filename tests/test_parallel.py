"""Parallel runs report exactly what serial runs do, and small runs stay in one process."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from speed_site import make_site

from provenance import batch, parallel
from provenance.cache import CACHE_FOLDER, ResultCache
from provenance.cache_codec import EvaluationDecoder
from provenance.engine import ArticleCrashed, CheckOptions, run_check
from provenance.evaluate import Evaluator
from provenance.parallel import Done, Job, check_all
from provenance.report import json_format
from provenance.report.options import RenderOptions

TODAY = dt.date(2026, 11, 27)


def report_json(site: Path, jobs: int) -> str:
    options = CheckOptions(today=TODAY, jobs=jobs, use_cache=False)
    return json_format.render(run_check([site], cwd=site, options=options).report, RenderOptions())


def test_a_parallel_run_equals_a_serial_one(tmp_path: Path) -> None:
    site = make_site(tmp_path, 150, expires="2026-01-01")
    serial = report_json(site, 1)
    assert report_json(site, 3) == serial
    assert '"files": 151' in serial


def test_outcomes_and_cache_entries_from_workers_equal_a_serial_run(tmp_path: Path) -> None:
    """Workers send results encoded as the cache stores them: decoded, and stored, they are the same."""
    sites = [make_site(tmp_path / name, 150, expires="2026-01-01") for name in ("serial", "parallel")]
    runs = []
    for site, jobs_option in zip(sites, (1, 3), strict=True):
        options = CheckOptions(today=TODAY, jobs=jobs_option, keep_outcomes=True)
        runs.append(run_check([site], cwd=site, options=options).report)
    assert runs[0] == runs[1] and any(summary.outcomes for summary in runs[0].articles)
    entries = []
    for site in sites:
        [file] = (site / CACHE_FOLDER).glob("results-*.bin")
        key = file.read_bytes().split(b"\n", 1)[0].split()[2].decode()
        cache = ResultCache(file.parent, key)
        found = {a.path: cache.get(a.path) for a in runs[0].articles}
        entries.append({path: entry._replace(stamp=None) for path, entry in found.items() if entry})
    assert len(entries[0]) == 151 and entries[0] == entries[1]


def test_a_worker_result_that_does_not_decode_is_an_error() -> None:
    done = Done("d" * 64, None, None, encoded=b"not marshal data")
    with pytest.raises(RuntimeError, match="does not decode"):
        batch._result(done, None, None, EvaluationDecoder(), keep_outcomes=False)


class PidChecker:
    """Stands in for a `FileChecker`: answers with the process that did the work."""

    def check(self, job: Job) -> Done:
        return Done(f"{os.getpid()}:{job.source.display_path}", None, None)

    check_encoded = check  # what workers call

    def prepare(self) -> None:
        """Nothing to build."""


def jobs(count: int) -> list[Job]:
    from provenance.discover import SourceFile

    return [Job(SourceFile(f"{i}.md", f"{i}.md", f"{i}.md"), False) for i in range(count)]


def test_results_come_back_in_order_from_several_processes() -> None:
    work = jobs(200)
    results = list(check_all(PidChecker, work, workers=2))  # type: ignore[arg-type]
    assert [d.digest.split(":")[1] for d in results if d.digest] == [j.source.display_path for j in work]
    assert os.getpid() not in {int(d.digest.split(":")[0]) for d in results if d.digest}


@pytest.mark.parametrize(("count", "workers"), [(parallel.MIN_FILES_PER_WORKER * 2 - 1, 8), (500, 1)])
def test_a_small_batch_or_one_worker_stays_in_process(count: int, workers: int) -> None:
    results = list(check_all(PidChecker, jobs(count), workers=workers))  # type: ignore[arg-type]
    assert {int(d.digest.split(":")[0]) for d in results if d.digest} == {os.getpid()}


@pytest.mark.parametrize("jobs_option", [1, 2])
def test_a_crash_names_the_file_and_keeps_its_cause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs_option: int
) -> None:
    site = make_site(tmp_path, 120)
    original = Evaluator.evaluate

    def flaky(self: Evaluator, article: Any, **kwargs: Any) -> Any:
        if article.path == "content/2004/story-67.md":
            raise ZeroDivisionError("boom")
        return original(self, article, **kwargs)

    monkeypatch.setattr(Evaluator, "evaluate", flaky)
    with pytest.raises(ArticleCrashed) as crash:
        run_check([site], cwd=site, options=CheckOptions(today=TODAY, jobs=jobs_option, use_cache=False))
    assert crash.value.path == "content/2004/story-67.md"
    assert isinstance(crash.value.__cause__, ZeroDivisionError)


def test_the_evaluator_is_built_only_for_a_file_whose_content_changed(tmp_path: Path) -> None:
    from provenance.discover import SourceFile
    from provenance.parallel import FileChecker

    built: list[object] = []

    def make_evaluator(today: object) -> Any:
        built.append(today)
        return SimpleNamespace(evaluate=lambda article, declared_republished: "evaluated")

    (tmp_path / "a.md").write_text("same as cached\n", encoding="utf-8")
    source = SourceFile(str(tmp_path / "a.md"), "a.md", "a.md")
    digest = hashlib.sha256(b"same as cached\n").hexdigest()
    checker = FileChecker(make_evaluator, dt.date(2026, 1, 1), max_size=1000)
    assert checker.check(Job(source, False, digest)).evaluation is None
    assert built == []
    assert checker.check(Job(source, False, "another digest")).evaluation == "evaluated"
    assert checker.check(Job(source, False, None)).evaluation == "evaluated"
    assert len(built) == 1
