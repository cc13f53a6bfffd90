"""Reading a file up to the size limit without setting the whole limit aside for each file."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

from provenance.readers import read_at_most


def read(path: Path, limit: int, size: int | None = None) -> bytes:
    with path.open("rb") as handle:
        return read_at_most(handle, limit, size)


def test_a_file_under_the_limit_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"x" * 1000)
    assert read(tmp_path / "a.md", 5_000_001) == b"x" * 1000
    assert read(tmp_path / "a.md", 5_000_001, size=1000) == b"x" * 1000


def test_a_file_over_the_limit_gives_exactly_the_limit(tmp_path: Path) -> None:
    (tmp_path / "big.md").write_bytes(b"y" * 5000)
    assert read(tmp_path / "big.md", 1001) == b"y" * 1001


def test_a_file_longer_than_its_stat_said_is_read_on_to_the_limit(tmp_path: Path) -> None:
    (tmp_path / "grown.md").write_bytes(b"z" * 3000)
    assert read(tmp_path / "grown.md", 10_000, size=100) == b"z" * 3000  # it grew after the stat
    assert read(tmp_path / "grown.md", 2001, size=100) == b"z" * 2001


def test_a_special_file_whose_stat_says_zero_is_still_read(tmp_path: Path) -> None:
    reader, writer = os.pipe()
    os.write(writer, b"piped content")
    os.close(writer)
    with os.fdopen(reader, "rb") as handle:
        assert read_at_most(handle, 1000) == b"piped content"


def test_reading_a_small_file_does_not_set_the_limit_aside(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"x" * 1000)
    tracemalloc.start()
    try:
        read(tmp_path / "a.md", 50_000_001)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # `handle.read(limit)` alone would take 50 MB
