"""A small content repository built in a temporary folder, and the CLI run inside it."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import provenance.cli as cli

CONFIG = "site: {name: Riverside, venue: community}\n"

# Two findings: GR-LINK on line 7 (column 40) and on line 8 (column 13).
GR_ARTICLE = (
    "---\n"
    "title: Back to dialogue\n"
    "source: Global Research\n"
    "---\n"
    "Body text.\n"
    "\n"
    "The original source of this article is [Global Research](#)\n"
    "Copyright © [Global Research](#), 2009\n"
)


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.stdout)
        return document

    def active(self) -> list[tuple[str, str, int]]:
        return [
            (f["rule"], f["path"], f["line"]) for f in self.report["findings"] if f["suppression"] is None
        ]

    def suppressed(self) -> list[tuple[str, str, int, str]]:
        return [
            (f["rule"], f["path"], f["line"], f["suppression"]["kind"])
            for f in self.report["findings"]
            if f["suppression"] is not None
        ]


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Run:
    """`provenance check ARGS` in `root` (in process), with stdout and stderr apart."""
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli.main, ["check", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def git_repo(root: Path, files: dict[str, str]) -> Path:
    """A repository with `files` committed as the first commit."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    write(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root
