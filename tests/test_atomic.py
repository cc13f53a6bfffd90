"""Reports, baselines, configs and the cache are replaced atomically, never left half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.atomic import replace_atomically


def test_writes_text_and_chunks(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    replace_atomically(target, "one\r\n")
    assert target.read_bytes() == b"one\r\n"
    replace_atomically(target, iter(["a\n", "ü\n"]))
    assert target.read_text(encoding="utf-8") == "a\nü\n"
    assert list(tmp_path.iterdir()) == [target]


def test_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    replace_atomically(target, "new")
    assert (target.stat().st_mode & 0o777, target.read_text(encoding="utf-8")) == (0o640, "new")


def test_failure_leaves_the_old_file_and_no_temporary_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")

    def fail(self: Path, other: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError):
        replace_atomically(target, "new")
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_text(encoding="utf-8") == "old"
