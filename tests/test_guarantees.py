"""Guarantees, tested: read-only, no network, and no partial report after an internal error.

(No crash: `test_fuzz.py`; no hang: every pathological input in `test_hostile_*.py` runs under
a deadline, and the read-only runs below under a subprocess timeout.)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hostile_cases import CONTENT_CASES, ORDINARY, deadline

from provenance.cli import main
from provenance.engine import CheckOptions, run_check
from provenance.evaluate import Evaluator
from provenance.report import FORMATTERS

REPO = Path(__file__).resolve().parents[1]
CACHE = ".provenance-cache"  # the one folder a run may create (the result cache)
FLAGS = ("--jobs", "1", "--no-cache")  # in-process, so the injected crash applies; no cache folder
HEAVY = {"many-links.html", "jsonld-1mb.html", "jsonld-1mb-invalid.html"}


def tree_state(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry below `root` (symlinks not followed): type, mode, mtime, size and content hash."""
    state: dict[str, tuple[Any, ...]] = {}
    for folder, folders, files in os.walk(root):
        if Path(folder) == root and CACHE in folders:
            folders.remove(CACHE)
        for name in folders + files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                content = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                content = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            else:
                content = ""
            state[os.path.relpath(path, root)] = (info.st_mode, info.st_mtime_ns, info.st_size, content)
    return state


@pytest.fixture
def hostile_site(tmp_path: Path) -> Path:
    """The example site plus the hostile cases (small ones), a FIFO, symlinks and odd names."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "examples", site)
    (site / ".git").mkdir()
    hostile = site / "content" / "hostile"
    hostile.mkdir()
    for name, (data, _) in CONTENT_CASES.items():
        if name not in HEAVY:
            (hostile / name).write_bytes(data)
    os.mkfifo(hostile / "pipe.md")
    os.symlink("loop.md", hostile / "loop.md")
    os.symlink("..", hostile / "up")
    (tmp_path / "outside.md").write_text(ORDINARY, encoding="utf-8")
    os.symlink(tmp_path / "outside.md", hostile / "outside.md")
    (hostile / "new\nline.md").write_text(ORDINARY, encoding="utf-8")
    (hostile / os.fsdecode(b"latin1-\xe9.md")).write_text(ORDINARY, encoding="utf-8")
    os.chmod(hostile / "empty.md", 0o400)
    return site


@pytest.mark.parametrize(
    "command",
    [
        ["check", "."],
        ["check", ".", "--format", "json"],
        ["check", ".", "--format", "sarif", "--output", "../report.sarif"],
        ["audit", "run", "."],
    ],
    ids=["check-text", "check-json", "check-sarif-output", "audit"],
)
def test_nothing_in_the_tree_changes(hostile_site: Path, command: list[str]) -> None:
    before = tree_state(hostile_site)
    run = subprocess.run(
        [sys.executable, "-m", "provenance", *command],
        cwd=hostile_site,
        capture_output=True,
        text=True,
        timeout=120,  # a FIFO must not block the run
    )
    assert run.returncode in (0, 1), run.stderr
    if command == ["check", "."]:  # the hostile files were really read
        assert "content/hostile/pipe.md:1:1" in run.stdout and "content/hostile/new\\nline.md:" in run.stdout
    if "json" in command:
        paths = {finding["path"] for finding in json.loads(run.stdout)["findings"]}
        assert {"content/hostile/pipe.md", "content/hostile/new\\nline.md"} <= paths
    assert tree_state(hostile_site) == before


def _no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(name)
            raise OSError(f"network disabled in this test ({name})")

        return refused

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_the_checker_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts = _no_network(monkeypatch)
    examples = REPO / "examples"
    report = run_check([examples], cwd=REPO, options=CheckOptions(use_cache=False)).report
    assert len(report.findings) == 13
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["check", "examples/", "--format", "json"])
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["findings"] == 13
    assert attempts == []


def _crash_on_second_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug that strikes on b.md, after a.md was evaluated: nothing of a.md may be written."""
    evaluate = Evaluator.evaluate

    def crash_on_second(self: Evaluator, article: Any, **kwargs: Any) -> Any:
        if article.path == "b.md":
            raise ZeroDivisionError("boom")
        return evaluate(self, article, **kwargs)

    monkeypatch.setattr(Evaluator, "evaluate", crash_on_second)


@pytest.mark.parametrize("fmt", sorted(FORMATTERS))
def test_an_internal_error_leaves_no_partial_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    (tmp_path / ".git").mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(ORDINARY, encoding="utf-8")
    _crash_on_second_file(monkeypatch)
    monkeypatch.chdir(tmp_path)
    with deadline(60):
        to_file = CliRunner().invoke(main, ["check", ".", "--format", fmt, "-o", "report.out", *FLAGS])
        two_files = CliRunner().invoke(
            main, ["check", ".", "--format", f"{fmt}:one.out", "--format", "json:two.json", *FLAGS]
        )
        to_stdout = CliRunner().invoke(main, ["check", ".", "--format", fmt, *FLAGS])
    for result in (to_file, two_files, to_stdout):
        assert result.exit_code == 3
        assert result.stdout == ""
        assert result.stderr.endswith("internal error while checking b.md: ZeroDivisionError: boom\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "a.md", "b.md", "c.md"]
