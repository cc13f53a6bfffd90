"""Fixtures shared by several test modules."""

from __future__ import annotations

from typing import Any

import pytest

from provenance import parallel


@pytest.fixture
def evaluated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display paths of the files actually evaluated (not taken from the cache), in order."""
    seen: list[str] = []
    original = parallel.FileChecker._evaluate

    def spy(self: parallel.FileChecker, article: Any, job: parallel.Job) -> Any:
        seen.append(job.source.display_path)
        return original(self, article, job)

    monkeypatch.setattr(parallel.FileChecker, "_evaluate", spy)
    return seen
