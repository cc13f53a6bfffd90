"""The package stays typed (mypy --strict, from pyproject.toml) and lint-clean (ruff)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_check_and_format() -> None:
    lint = run("ruff", "check", "provenance", "tests")
    assert lint.returncode == 0, lint.stdout
    style = run("ruff", "format", "--check", "provenance", "tests")
    assert style.returncode == 0, style.stdout


def test_mypy_strict() -> None:
    pytest.importorskip("mypy")
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout
