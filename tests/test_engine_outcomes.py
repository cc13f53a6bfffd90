"""A check run keeps per-rule outcomes only when asked (audits): no report format shows them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from provenance.engine import CheckOptions, run_check

REPUBLISHED = (
    "---\ntitle: T\nauthor: A. Writer\n---\n\n"
    "Body.\n\nThe original source of this article is [Global Research](https://www.globalresearch.ca/x/1)\n"
)


def _run(site: Path, keep_outcomes: bool) -> list[int]:
    options = CheckOptions(today=dt.date(2026, 11, 27), jobs=1, use_cache=False, keep_outcomes=keep_outcomes)
    return [len(a.outcomes) for a in run_check([site], cwd=site, options=options).report.articles]


def test_outcomes_are_kept_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_text(REPUBLISHED, encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: Ours\n---\n\nOur own words.\n", encoding="utf-8")
    kept = _run(tmp_path, keep_outcomes=True)
    assert kept[0] > 0 and kept[1] == 0
    assert _run(tmp_path, keep_outcomes=False) == [0, 0]
