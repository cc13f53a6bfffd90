"""What a warm run asks of the cache before and beside `get`: is there a result file, what must it import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_cache_codec import full_evaluation

from provenance.cache import Entry, ResultCache, results_recorded

KEY = "k" * 64


def test_a_result_file_is_recorded_only_for_its_very_key(tmp_path: Path) -> None:
    assert not results_recorded(tmp_path, KEY) and not ResultCache(tmp_path, KEY).recorded
    cache = ResultCache(tmp_path, KEY)
    cache.put("a.md", Entry("d" * 64, None, False, None, full_evaluation("a.md")))
    cache.save()
    assert results_recorded(tmp_path, KEY) and ResultCache(tmp_path, KEY).recorded
    other = KEY[:32] + "x" * 32  # the same file name, another key in its first line
    assert not results_recorded(tmp_path, other) and not ResultCache(tmp_path, other).recorded
    [path] = tmp_path.glob("results-*.bin")
    path.write_bytes(b"garbage\n" + path.read_bytes())
    assert not results_recorded(tmp_path, KEY) and not ResultCache(tmp_path, KEY).recorded


def test_reusing_cached_results_imports_no_rule_machinery() -> None:
    code = (
        "import sys, provenance.batch, provenance.cache\n"
        "print(sorted(m for m in sys.modules if m.startswith(('provenance.evaluate', 'provenance.checks',"
        " 'provenance.rules', 'provenance.extract', 'multiprocessing'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
