"""A process that readies the rules and checks a run's few changed files while the main one reuses the rest.

After a small edit to a large site, a run used to do two things one after the other: look up
thousands of cached results (about 0.25 s for 10,000 files), then import the checks, compile
the rules and check the few files that changed (about 0.15 s). A `SideWorker` is forked before
the look-ups: the child imports the checks and compiles the rules at once, then waits for the
files the main process finds changed, checks them and sends back their results, encoded as the
workers of `provenance.parallel` send theirs. Given nothing to check, it is stopped.

It is only a way to use a second CPU: if the child fails in any way (it dies, the rules fail to
compile, a pipe breaks), the main process checks the files itself, so the results (and error
messages) never depend on it. It exists only where `fork` does and is safe with the C libraries
a run has loaded: Linux. The pipes carry pickles between a process and its own child only.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

from provenance.parallel import CheckCrashed, Done, FileChecker, Job


def can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class SideWorker:
    """A forked child that prepares `checker` now and checks the jobs `check` sends it later.

    Use each once: either `check` or `stop`.
    """

    def __init__(self, checker: FileChecker) -> None:
        jobs_out, jobs_in = os.pipe()
        results_out, results_in = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(jobs_in)
            os.close(results_out)
            _serve(checker, jobs_out, results_in)
        os.close(jobs_out)
        os.close(results_in)
        self._pid = pid
        self._jobs = jobs_in  # written by the main process
        self._results = results_out  # read by the main process

    def check(self, jobs: Sequence[Job]) -> list[Done] | None:
        """The results of `jobs`, in order, or None when the child could not give them all."""
        sent, received = os.fdopen(self._jobs, "wb"), os.fdopen(self._results, "rb")
        try:
            with sent:
                pickle.dump(list(jobs), sent, pickle.HIGHEST_PROTOCOL)
            with received:
                results = pickle.load(received)
        except Exception:  # a broken pipe, a truncated or garbled pickle: the child failed
            results = None
        finally:
            sent.close()
            received.close()
            self._stop()  # done or failed, the child has nothing left to do
        if not (type(results) is list and len(results) == len(jobs)):
            return None
        return results if all(type(done) is Done for done in results) else None

    def stop(self) -> None:
        """End the child, whatever it is doing (it writes nothing anywhere)."""
        for fd in (self._jobs, self._results):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._stop()

    def _stop(self) -> None:
        with contextlib.suppress(OSError):  # already gone
            os.kill(self._pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)


def _serve(checker: FileChecker, jobs_fd: int, results_fd: int) -> NoReturn:
    """The child: prepare, check the jobs sent, send the results back, exit without cleaning up.

    `os._exit` skips the parent's exit handlers and buffered output, which belong to the parent.
    """
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child quietly
        checker.prepare()
        with os.fdopen(jobs_fd, "rb") as received:
            jobs = pickle.load(received)
        results = [_checked(checker, job) for job in jobs]
        with os.fdopen(results_fd, "wb") as sent:
            pickle.dump(results, sent, pickle.HIGHEST_PROTOCOL)
        status = 0
    except BaseException:  # the main process sees a broken pipe and checks the files itself
        pass
    finally:
        os._exit(status)


def _checked(checker: FileChecker, job: Job) -> Done:
    try:
        return checker.check_encoded(job)
    except CheckCrashed:  # the main process checks it again and reports the real error
        return Done(None, None, None, crashed=True)
