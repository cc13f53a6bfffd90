"""Check files, in worker processes when there are enough of them: read, hash, evaluate.

Each process builds one `FileChecker` (its evaluator: matchers and compiled rules) and reuses it
for every file. Workers are forked from the main process, so they inherit its rule set without
loading it again; where fork is unavailable the files are checked in the main process. Files
go out in chunks and results come back in the order the files were given, so a parallel run
reports exactly what a serial one does. A small batch is checked in the main process: starting
workers would cost more than it saves.

A worker sends each evaluation back encoded as the result cache stores it (`Done.encoded`):
marshal data is cheaper to send than pickled objects, and the main process loads it once, as
plain data, to decode what its report shows and to store in the cache as it is, instead of
unpickling every object and encoding it again for the cache.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from provenance.cache import Entry, encode_entry, settled_stamp
from provenance.readers import read_at_most, read_bytes, read_file
from provenance.watched_date import WatchedDate

if TYPE_CHECKING:
    import datetime as dt

    from provenance.cache import Stamp
    from provenance.discover import SourceFile
    from provenance.evaluate import Evaluation, Evaluator
    from provenance.model import Article

MIN_FILES_PER_WORKER = 48  # below this a worker costs more (start-up, pickling) than it saves
MAX_CHUNK = 128


class CheckCrashed(RuntimeError):
    """Checking one file raised (a bug); the original exception is the `__cause__`."""

    def __init__(self, path: str) -> None:
        super().__init__(f"internal error while checking {path}")
        self.path = path


class Job(NamedTuple):
    """One file to check, with what the cache already knows about it."""

    source: SourceFile
    declared_republished: bool
    known_digest: str | None = None  # the cached result's digest: if the bytes still match, skip


class Done(NamedTuple):
    """What checking one file produced."""

    digest: str | None  # SHA-256 of the bytes; None when they could not be read (not cacheable)
    stamp: Stamp | None  # the file's settled stat, taken before reading it
    evaluation: Evaluation | None  # None when the digest is `known_digest`: the cached result stands
    dated: bool = False  # the evaluation looked at today's date
    crashed: bool = False  # raised in a worker: checked again in the main process to report it
    encoded: bytes | None = None  # from a worker: the evaluation's `result_entry`, as `encode_entry` made it


def result_entry(job: Job, done: Done, evaluation: Evaluation, today: dt.date) -> Entry:
    """The cache entry of a checked file's `evaluation` (`done.digest` is set: its bytes were read)."""
    assert done.digest is not None, "an unread file has no entry"
    day = today.isoformat() if done.dated else None
    return Entry(done.digest, done.stamp, job.declared_republished, day, evaluation)


class FileChecker:
    """Reads and evaluates files with one evaluator, built once per process, when first needed.

    A file whose bytes are those of its cached result (a fresh checkout, a restored cache: the
    stat changed, the content did not) needs no evaluator, so a run of such files never compiles
    the rules at all.
    """

    def __init__(self, make_evaluator: Callable[[dt.date], Evaluator], today: dt.date, max_size: int) -> None:
        self._day = today
        self._today = WatchedDate.of(today)
        self._make_evaluator = make_evaluator
        self._max_size = max_size

    @cached_property
    def evaluator(self) -> Evaluator:
        return self._make_evaluator(self._today)

    def prepare(self) -> Evaluator:
        """The evaluator, built now: before forking workers, so that they inherit it, not build one each."""
        return self.evaluator

    def check(self, job: Job) -> Done:
        """Read, hash and (unless unchanged) evaluate one file; raises `CheckCrashed` on a bug."""
        source = job.source
        try:
            stat = os.stat(source.path)
            with open(source.path, "rb") as handle:
                data: bytes | None = read_at_most(handle, self._max_size + 1, stat.st_size)
        except OSError:
            stat, data = None, None
        try:
            if data is None or len(data) > self._max_size:  # let the reader describe the problem
                article = read_file(source.fs_path, source.display_path, max_size=self._max_size)
                return Done(None, None, self._evaluate(article, job))
            digest = hashlib.sha256(data).hexdigest()
            stamp = settled_stamp(stat, time.time_ns()) if stat is not None else None
            if digest == job.known_digest:
                return Done(digest, stamp, None)
            evaluation = self._evaluate(read_bytes(source.display_path, data), job)
            return Done(digest, stamp, evaluation, dated=self._today.looked_at)
        except Exception as exc:
            raise CheckCrashed(source.display_path) from exc

    def check_encoded(self, job: Job) -> Done:
        """`check`, with an evaluation of read bytes sent as its encoded cache entry instead."""
        done = self.check(job)
        if done.evaluation is None or done.digest is None:
            return done
        encoded = encode_entry(result_entry(job, done, done.evaluation, self._day))
        return done._replace(evaluation=None, encoded=encoded)

    def _evaluate(self, article: Article, job: Job) -> Evaluation:
        self._today.forget()
        return self.evaluator.evaluate(article, declared_republished=job.declared_republished)


def check_all(checker: Callable[[], FileChecker], jobs: Sequence[Job], workers: int) -> Iterator[Done]:
    """Check every job, in `workers` processes when it pays; results in the order of `jobs`.

    Results are yielded as they arrive, so the caller can store and drop each one in turn.
    """
    workers = min(workers, len(jobs) // MIN_FILES_PER_WORKER)
    if workers < 2 or not _can_fork():
        yield from map(checker().check, jobs)
        return
    yield from _check_in_workers(checker(), jobs, workers)


def _can_fork() -> bool:
    import multiprocessing  # here, not at the top: a run that starts no worker never pays for it

    return "fork" in multiprocessing.get_all_start_methods()


def _check_in_workers(main: FileChecker, jobs: Sequence[Job], workers: int) -> Iterator[Done]:
    """Check `jobs` in `workers` forked processes that inherit `main`; results in the order of `jobs`."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if any(job.known_digest is None for job in jobs):  # some file needs checking for sure
        main.prepare()
    chunk = max(8, min(MAX_CHUNK, len(jobs) // (workers * 8) or 1))
    chunks = [list(jobs[start : start + chunk]) for start in range(0, len(jobs), chunk)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_adopt, initargs=(main,)) as pool:
        results = (done for batch in pool.map(_check_chunk, chunks) for done in batch)
        for job, done in zip(jobs, results, strict=True):
            yield main.check(job) if done.crashed else done


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_WORKER: FileChecker | None = None


def _adopt(checker: FileChecker) -> None:
    """Worker initializer: keep the checker inherited from the main process."""
    global _WORKER
    _WORKER = checker


def _check_chunk(jobs: list[Job]) -> list[Done]:
    assert _WORKER is not None, "worker used before its initializer ran"
    results = []
    for job in jobs:
        try:
            results.append(_WORKER.check_encoded(job))
        except CheckCrashed:  # the main process checks it again and reports the real error
            results.append(Done(None, None, None, crashed=True))
    return results
