"""A stand-in for `provenance.engine.plan_check`, for tests of the command line adapter alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from provenance.engine import CheckOptions, CheckResult

RunCheck = Callable[..., CheckResult]  # called as run_check is: (paths, *, cwd, options)


class FakePlan:
    """A planned check without a cache (nothing replayed or recorded) whose `run` calls `run_check`."""

    cache_folder = None
    notices: tuple[str, ...] = ()

    def __init__(self, run_check: RunCheck, paths: Sequence[Path], cwd: Path, options: CheckOptions) -> None:
        self._run = lambda: run_check(paths, cwd=cwd, options=options)

    def inputs_digest(self) -> str | None:
        return None

    def run(self) -> CheckResult:
        return self._run()


def planned(run_check: RunCheck) -> Callable[..., FakePlan]:
    """A `plan_check` whose plans run `run_check` (a fake of it)."""

    def plan_check(paths: Sequence[Path], *, cwd: Path, options: CheckOptions) -> FakePlan:
        return FakePlan(run_check, paths, cwd, options)

    return plan_check
