"""The benchmark script: it times real runs, and a failing command stops it instead of being timed."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).parent / "benchmarks" / "bench.py"
_spec = importlib.util.spec_from_file_location("bench", _SCRIPT)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench"] = bench  # dataclasses resolve the module by name
_spec.loader.exec_module(bench)


def test_a_failing_command_stops_the_benchmark_with_its_error(tmp_path: Path) -> None:
    failing = "import sys; sys.stderr.write('No module named provenance'); sys.exit(3)"
    with pytest.raises(SystemExit, match=r"failed with exit code 3:\nNo module named provenance$"):
        bench.run([sys.executable, "-c", failing], tmp_path, dict(os.environ))


def test_findings_are_not_a_failure(tmp_path: Path) -> None:
    sample = bench.run([sys.executable, "-c", "raise SystemExit(1)"], tmp_path, dict(os.environ))
    assert sample.exit_code == 1 and sample.wall > 0 and sample.peak_rss_mb > 0


def test_the_benchmark_checks_its_own_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    bench.write_corpus(corpus, 40)
    (corpus / ".git").mkdir()
    figures = bench.measure(corpus, runs=1, env=dict(os.environ))
    assert set(figures) >= {"floor", "cold", "warm", "edit 10", "one file"}
    assert figures["cold"].exit_code == 1  # the corpus holds republished articles with findings
    assert (corpus / ".provenance-cache").is_dir()
