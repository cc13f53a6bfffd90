"""The benchmark script: it times real runs, and a failing command stops it instead of being timed."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

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
    rounds = bench.measure(corpus, runs=2, env=dict(os.environ))
    assert set(rounds) >= {"floor", "cold", "warm", "edit 10", "one file"}
    assert all(len(samples) == 2 for name, samples in rounds.items() if name != "reuse lint")
    assert rounds["cold"][0].exit_code == 1  # the corpus holds republished articles with findings
    assert (corpus / ".provenance-cache").is_dir()


def test_reuse_lint_is_timed_beside_it_when_given(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    bench.write_corpus(corpus, 12)
    (corpus / ".git").mkdir()
    stand_in = tmp_path / "reuse"  # exits 1 as `reuse lint` does on a tree without licence headers
    stand_in.write_text(f"#!{sys.executable}\nimport sys\nassert sys.argv[1:] == ['lint']\nsys.exit(1)\n")
    stand_in.chmod(0o755)
    rounds = bench.measure(corpus, runs=1, env=dict(os.environ), reuse=str(stand_in))
    assert [sample.exit_code for sample in rounds["reuse lint"]] == [1]


def test_a_ratio_is_the_median_of_the_rounds_own_ratios() -> None:
    def sample(wall: float) -> Any:
        return bench.Sample(wall, wall, 10.0, 0)

    floors = [sample(1.0), sample(2.0), sample(4.0)]  # the machine slowed down between rounds
    warm = [sample(0.3), sample(0.6), sample(1.2)]
    assert bench.median_ratio(warm, floors) == pytest.approx(0.3)
    assert bench.median(warm).wall / bench.median(floors).wall == pytest.approx(0.3)
    assert bench.median_ratio([sample(0.5), sample(0.4), sample(0.4)], floors) == pytest.approx(0.2)
    assert bench.median_ratio([sample(3.0)], floors) == pytest.approx(1.5)  # not in the rounds: median floor
