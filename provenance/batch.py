"""Evaluate a run's files: reuse cached results, check the rest (in parallel when it pays), cache them.

This is the body of `provenance.engine.evaluate_files`. The results come in the order of the
files, however each was obtained.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from provenance.cache import Entry, Fields, ResultCache, Stamp, entry_of, load_fields, stamp_of
from provenance.cache_codec import EvaluationDecoder
from provenance.parallel import MIN_FILES_PER_WORKER, Done, FileChecker, Job, check_all, result_entry

if TYPE_CHECKING:
    import datetime as dt

    from provenance.discover import SourceFile
    from provenance.evaluate import Evaluator
    from provenance.model import Evaluation
    from provenance.side_worker import SideWorker


# A side worker is started for a run of this many files or more whose cache holds results: the
# main process's look-ups then take long enough to hide the child's import and compilation.
SIDE_WORKER_MIN_FILES = 2000
SIDE_WORKER_MAX_JOBS = 2 * MIN_FILES_PER_WORKER  # more files to check go to a pool of workers


def evaluate_sources(
    sources: Sequence[SourceFile],
    *,
    declared_republished: Callable[[SourceFile], bool],
    make_evaluator: Callable[[dt.date], Evaluator],
    today: dt.date,
    max_size: int,
    cache: ResultCache | None,
    workers: int,
    keep_outcomes: bool = True,
    stamps: Sequence[Stamp | None] | None = None,
) -> Iterator[Evaluation]:
    """The evaluation of every source, in order; raises `CheckCrashed` for a file that crashed a check.

    Evaluations are yielded as they are obtained; the cache is saved once the last one is taken.
    Those a worker sent encoded come without their summaries' per-rule outcomes unless
    `keep_outcomes` (the others may keep them: a caller that needs none drops them). A cached
    result is reused while the file's stamp is the one recorded with it: its entry in `stamps`
    (the stamps taken earlier in the run, one per source) when there is one, else taken now.
    """
    reused: dict[int, Evaluation] = {}
    jobs: list[Job] = []
    entries: list[Entry | None] = []  # per job: the cached entry, if its stamp no longer matched

    def checker() -> FileChecker:
        return FileChecker(make_evaluator, today, max_size)

    side = _side_worker(checker, len(sources), cache, workers)  # busy meanwhile, on another CPU
    try:
        if cache is not None:
            cache.plan(len(sources))
        with _collection_paused():
            for index, source in enumerate(sources):
                declared = declared_republished(source)
                entry = cache.get(source.display_path) if cache is not None else None
                if entry is not None and not entry.valid_for(declared, today):
                    entry = None
                known = stamps[index] if stamps is not None else None
                if entry is not None and _unchanged(source, entry, known):
                    reused[index] = entry.evaluation
                    continue
                jobs.append(Job(source, declared, entry.digest if entry is not None else None))
                entries.append(entry)
    except BaseException:
        if side is not None:
            side.stop()
        raise

    checked = _checks(checker, jobs, workers, side)
    pending = iter(zip(jobs, entries, strict=True))
    decoder = EvaluationDecoder()
    for index in range(len(sources)):
        if index in reused:
            yield reused.pop(index)
            continue
        (job, entry), done = next(pending), next(checked)
        fields = load_fields(done.encoded) if done.encoded is not None else None  # loaded once
        evaluation = _result(done, fields, entry, decoder, keep_outcomes)
        if cache is not None:
            _remember(cache, job, entry, done, fields, evaluation, today)
        yield evaluation
    if cache is not None:
        cache.save()


def _side_worker(
    checker: Callable[[], FileChecker], sources: int, cache: ResultCache | None, workers: int
) -> SideWorker | None:
    """A `SideWorker` started now, when the run is likely to find a few files to check among
    many cached ones: at least `SIDE_WORKER_MIN_FILES` files, a cache that holds results of
    these very inputs, and a second worker allowed."""
    if cache is None or not cache.recorded or sources < SIDE_WORKER_MIN_FILES or workers < 2:
        return None
    from provenance.side_worker import SideWorker, can_fork  # pickle and signal: only for one

    return SideWorker(checker()) if can_fork() else None


def _checks(
    checker: Callable[[], FileChecker], jobs: list[Job], workers: int, side: SideWorker | None
) -> Iterator[Done]:
    """The results of `jobs`, in order: from the side worker when it was started and they are
    few (if it fails, checked here), else as `check_all` gives them."""
    if side is not None and 0 < len(jobs) <= SIDE_WORKER_MAX_JOBS:
        results = side.check(jobs)
        if results is None:
            return map(checker().check, jobs)
        main = checker()
        return (main.check(job) if done.crashed else done for job, done in zip(jobs, results, strict=True))
    if side is not None:
        side.stop()
    return check_all(checker, jobs, workers) if jobs else iter(())


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while cached results are looked up; then count what
    was built as old.

    Decoding them builds a few objects per finding that all live on, neither garbage nor in a
    cycle, so the collector's passes meanwhile, set off by the mere count of new objects, find
    nothing: on a warm run of 10,000 files they took 50-70 ms, a tenth of the run. Its next
    passes would still go through them all, twice, as young objects; moving every tracked
    object to the oldest generation (`gc.freeze` then `gc.unfreeze`, as documented) leaves
    them to the next full collection instead, as if they had survived those passes (that
    saves another 15-20 ms). Reference counting frees everything as usual. A collector the
    caller disabled stays disabled, and objects the caller froze stay frozen.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def _unchanged(source: SourceFile, entry: Entry, stamp: Stamp | None) -> bool:
    """Whether the file's stamp (`stamp` when given, else taken now) is the settled one recorded
    with `entry` (so its content is that entry's too)."""
    if entry.stamp is None:
        return False
    if stamp is None:
        try:
            stamp = stamp_of(os.stat(source.path))
        except OSError:
            return False
    return stamp == entry.stamp


def _result(
    done: Done, fields: Fields | None, entry: Entry | None, decoder: EvaluationDecoder, keep_outcomes: bool
) -> Evaluation:
    if done.evaluation is not None:
        return done.evaluation
    if done.encoded is not None:
        decoded = None if fields is None else entry_of(fields, decoder, keep_outcomes)
        if decoded is None:
            raise RuntimeError("a worker sent a result that does not decode")
        return decoded.evaluation
    if entry is None:  # a worker returns no evaluation only for content matching a cached entry
        raise RuntimeError("a checked file came back without a result")
    return entry.evaluation


def _remember(
    cache: ResultCache,
    job: Job,
    entry: Entry | None,
    done: Done,
    fields: Fields | None,
    evaluation: Evaluation,
    today: dt.date,
) -> None:
    path = job.source.display_path
    if done.digest is None:  # unreadable: nothing to key a result on
        return
    if fields is not None and done.encoded is not None:  # a worker's result, loaded: stored as it is
        cache.put_fields(path, fields, len(done.encoded))
        return
    if done.evaluation is None and entry is not None:  # same content: keep the result, newer stamp
        if done.stamp != entry.stamp:
            cache.restamp(path, done.digest, done.stamp)  # as stored: `entry` may lack its outcomes
        return
    cache.put(path, result_entry(job, done, evaluation, today))
