"""The side worker: a few changed files checked in a child while the main process reuses the rest.

Whatever the child does, the run reports exactly what a run without it reports.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from speed_site import make_site

from provenance import batch
from provenance import cache as cache_module
from provenance.cache import load_fields
from provenance.discover import SourceFile
from provenance.engine import ArticleCrashed, CheckOptions, run_check
from provenance.evaluate import Evaluator
from provenance.parallel import Done, FileChecker, Job
from provenance.report import json_format
from provenance.report.options import RenderOptions
from provenance.side_worker import SideWorker, can_fork

TODAY = dt.date(2026, 11, 27)

pytestmark = pytest.mark.skipif(not can_fork(), reason="the side worker needs fork (Linux)")


class PidChecker:
    """Stands in for a `FileChecker`: answers with the process that did the work."""

    def check(self, job: Job) -> Done:
        return Done(f"{os.getpid()}:{job.source.display_path}", None, None)

    check_encoded = check

    def prepare(self) -> None:
        """Nothing to build."""


class BrokenChecker(PidChecker):
    def prepare(self) -> None:
        raise RuntimeError("the rules do not compile")


def jobs(count: int) -> list[Job]:
    return [Job(SourceFile(f"{i}.md", f"{i}.md", f"{i}.md"), False) for i in range(count)]


def gone(pid: int) -> bool:
    """Whether the child `pid` has been reaped (it is not even a zombie any more)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_child_checks_the_jobs_in_order_then_is_reaped() -> None:
    side = SideWorker(PidChecker())  # type: ignore[arg-type]
    results = side.check(jobs(30))
    assert results is not None
    pids = {int(done.digest.split(":")[0]) for done in results if done.digest}
    assert [done.digest.split(":")[1] for done in results if done.digest] == [f"{i}.md" for i in range(30)]
    assert pids == {side._pid} and side._pid != os.getpid()
    assert gone(side._pid)


def test_a_child_that_fails_gives_no_results() -> None:
    side = SideWorker(BrokenChecker())  # type: ignore[arg-type]
    assert side.check(jobs(3)) is None
    assert gone(side._pid)


def test_a_child_given_nothing_to_do_is_stopped_and_reaped() -> None:
    side = SideWorker(PidChecker())  # type: ignore[arg-type]
    side.stop()
    assert gone(side._pid)


@pytest.fixture
def warm_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site whose results are cached, on which any run starts a side worker."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0)
    monkeypatch.setattr(batch, "SIDE_WORKER_MIN_FILES", 10)
    site = make_site(tmp_path / "site", 60, expires="2026-01-01")
    report(site)
    return site


def report(site: Path, jobs: int = 2, use_cache: bool = True) -> str:
    options = CheckOptions(today=TODAY, jobs=jobs, use_cache=use_cache)
    return json_format.render(run_check([site], cwd=site, options=options).report, RenderOptions())


def edit(site: Path, *numbers: int) -> None:
    for i in numbers:
        path = next(site.glob(f"content/*/story-{i}.md"))
        path.write_text(path.read_text() + "\nCopyright © Global Research, 2024\n")


@pytest.fixture
def side_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of jobs each side worker was given."""
    given: list[int] = []
    original = SideWorker.check

    def check(self: SideWorker, work: list[Job]) -> list[Done] | None:
        given.append(len(work))
        return original(self, work)

    monkeypatch.setattr(SideWorker, "check", check)
    return given


def test_a_few_edited_files_are_checked_aside_with_the_same_report(
    warm_site: Path, side_checks: list[int]
) -> None:
    edit(warm_site, 1, 2, 4)
    assert report(warm_site) == report(warm_site, jobs=1, use_cache=False)
    assert side_checks == [3]
    assert report(warm_site) == report(warm_site, jobs=1, use_cache=False)  # its results were cached
    assert side_checks == [3]  # the second run had nothing to check: its side worker was stopped


def test_no_side_worker_for_one_process_or_a_small_site(
    warm_site: Path, side_checks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(warm_site, 1)
    report(warm_site, jobs=1)
    monkeypatch.setattr(batch, "SIDE_WORKER_MIN_FILES", 1000)
    edit(warm_site, 2)
    report(warm_site)
    assert side_checks == []


def test_many_edited_files_go_to_the_pool_instead(
    warm_site: Path, side_checks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "SIDE_WORKER_MAX_JOBS", 2)
    edit(warm_site, 1, 2, 4)
    assert report(warm_site) == report(warm_site, jobs=1, use_cache=False)
    assert side_checks == []


def test_when_the_child_fails_the_main_process_checks_the_files(
    warm_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SideWorker, "check", lambda self, work: self.stop())
    edit(warm_site, 1, 2)
    assert report(warm_site) == report(warm_site, jobs=1, use_cache=False)


def test_a_crash_in_the_child_is_reported_by_the_main_process(
    warm_site: Path, monkeypatch: pytest.MonkeyPatch, side_checks: list[int]
) -> None:
    original = Evaluator.evaluate

    def flaky(self: Evaluator, article: Any, **kwargs: Any) -> Any:
        if article.path.endswith("story-2.md"):
            raise ZeroDivisionError("boom")
        return original(self, article, **kwargs)

    monkeypatch.setattr(Evaluator, "evaluate", flaky)
    edit(warm_site, 1, 2)
    with pytest.raises(ArticleCrashed) as crash:
        report(warm_site)
    assert side_checks == [2]
    assert crash.value.path.endswith("story-2.md") and isinstance(crash.value.__cause__, ZeroDivisionError)


def test_a_real_file_checker_gives_the_results_of_the_main_process(warm_site: Path) -> None:
    def checker() -> FileChecker:
        return FileChecker(lambda today: _evaluator(warm_site, today), TODAY, max_size=1 << 20)

    work = [Job(_source(warm_site, i), False) for i in (1, 2, 3)]
    aside = SideWorker(checker()).check(work)
    here = [checker().check_encoded(job) for job in work]
    assert aside is not None and len(aside) == 3
    assert [(d.digest, d.stamp, load_fields(d.encoded or b"")) for d in aside] == [
        (d.digest, d.stamp, load_fields(d.encoded or b"")) for d in here
    ]
    assert all(d.encoded for d in here)


def _source(site: Path, i: int) -> SourceFile:
    path = next(site.glob(f"content/*/story-{i}.md"))
    relative = path.relative_to(site).as_posix()
    return SourceFile(str(path), relative, relative)


def _evaluator(site: Path, today: dt.date) -> Evaluator:
    from provenance.engine import _evaluator as engine_evaluator
    from provenance.engine import _setup

    return engine_evaluator(_setup(site / ".provenance.yaml", site), today)
