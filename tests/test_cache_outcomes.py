"""Per-rule outcomes in the result cache: stored apart, decoded only for the callers that read them."""

from __future__ import annotations

import datetime as dt
import marshal
import os
from pathlib import Path
from typing import Any

import pytest
from speed_site import make_site
from test_cache import group
from test_cache_codec import full_evaluation

from provenance import cache as cache_module
from provenance import cache_codec
from provenance.cache import CACHE_FOLDER, Entry, ResultCache
from provenance.cache_codec import encode_evaluation, join_outcomes, split_outcomes
from provenance.engine import CheckOptions, CheckResult, run_check
from provenance.model import RuleOutcome

TODAY = dt.date(2026, 11, 27)
KEY = "k" * 64
PATHS = ("content/a.md", "content/b.md")


def entry(path: str, stamp: tuple[int, int, int, int] = (1, 2, 3, 4)) -> Entry:
    return Entry("d" * 64, stamp, True, None, full_evaluation(path))


def write_cache(folder: Path) -> None:
    cache = ResultCache(folder, KEY)
    for path in PATHS:
        cache.put(path, entry(path))
    cache.save()


@pytest.fixture
def built_outcomes(monkeypatch: pytest.MonkeyPatch) -> list[RuleOutcome]:
    """Every `RuleOutcome` the cache decodes from now on (by decoders built from now on)."""
    built: list[RuleOutcome] = []
    original = cache_codec._record_decoder

    def spy(cls: type, conversions: cache_codec.Conversions) -> cache_codec.Convert:
        build = original(cls, conversions)

        def recording(values: Any) -> Any:
            record = build(values)
            built.append(record)
            return record

        return recording if cls is RuleOutcome else build

    monkeypatch.setattr(cache_codec, "_record_decoder", spy)
    return built


def test_split_outcomes_round_trips_and_join_refuses_another_shape() -> None:
    data = encode_evaluation(full_evaluation())
    rest, outcomes = split_outcomes(data)
    assert outcomes and b"checked every link" not in marshal.dumps(rest)  # an outcome's note
    assert join_outcomes(rest, outcomes) == data
    for damaged in ((), ("findings only",), ((), "not a summary"), ((), ("too", "short"))):
        with pytest.raises(ValueError):
            join_outcomes(damaged, outcomes)


def test_a_cache_opened_without_outcomes_never_decodes_them(
    tmp_path: Path, built_outcomes: list[RuleOutcome]
) -> None:
    write_cache(tmp_path)
    built_outcomes.clear()
    cache = ResultCache(tmp_path, KEY, keep_outcomes=False)
    found = [cache.get(path) for path in PATHS]
    assert built_outcomes == []
    for path, got in zip(PATHS, found, strict=True):
        assert got is not None and not got.complete
        assert got.evaluation.summary.outcomes == ()
        full = entry(path).evaluation
        assert got.evaluation.findings == full.findings
        assert got.evaluation.summary == full.summary._replace(outcomes=())


def test_a_cache_opened_with_outcomes_returns_them_whole(
    tmp_path: Path, built_outcomes: list[RuleOutcome]
) -> None:
    write_cache(tmp_path)
    cache = ResultCache(tmp_path, KEY)
    assert [cache.get(path) for path in PATHS] == [entry(path) for path in PATHS]
    assert built_outcomes  # the spy the other tests rely on sees them
    assert all(got is not None and got.complete for got in map(cache.get, PATHS))


def test_an_entry_read_without_outcomes_cannot_be_put_back(tmp_path: Path) -> None:
    write_cache(tmp_path)
    cache = ResultCache(tmp_path, KEY, keep_outcomes=False)
    got = cache.get(PATHS[0])
    assert got is not None
    with pytest.raises(ValueError, match="restamp"):
        cache.put(PATHS[0], got)


def test_restamp_keeps_the_stored_outcomes(tmp_path: Path) -> None:
    write_cache(tmp_path)
    cache = ResultCache(tmp_path, KEY, keep_outcomes=False)
    cache.restamp(PATHS[0], "d" * 64, (5, 6, 7, 8))
    cache.restamp(PATHS[1], "e" * 64, (5, 6, 7, 8))  # another content: not its entry any more
    cache.save()
    reread = ResultCache(tmp_path, KEY)
    assert reread.get(PATHS[0]) == entry(PATHS[0], (5, 6, 7, 8))
    assert reread.get(PATHS[1]) == entry(PATHS[1])


def test_outcomes_are_only_loaded_when_read(tmp_path: Path) -> None:
    """Damaged outcomes (checksum intact) lose the entry for an audit, not for a check."""
    write_cache(tmp_path)
    rest, _ = split_outcomes(encode_evaluation(entry(PATHS[0]).evaluation))
    fields = ("d" * 64, (1, 2, 3, 4), True, None, rest, b"not marshal data")
    [path] = tmp_path.glob("results-*.bin")
    with path.open("ab") as handle:  # a later record replaces the earlier one for the same path
        handle.write(group((PATHS[0], fields)))
    assert ResultCache(tmp_path, KEY).get(PATHS[0]) is None
    kept = ResultCache(tmp_path, KEY, keep_outcomes=False).get(PATHS[0])
    assert kept is not None and kept.evaluation.findings == entry(PATHS[0]).evaluation.findings


def check(site: Path, *, keep_outcomes: bool = False, use_cache: bool = True) -> CheckResult:
    options = CheckOptions(today=TODAY, jobs=1, use_cache=use_cache, keep_outcomes=keep_outcomes)
    return run_check([site], cwd=site, options=options)


def test_a_warm_check_builds_no_outcome_and_a_restamp_keeps_them_for_audits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_outcomes: list[RuleOutcome], evaluated: list[str]
) -> None:
    monkeypatch.setattr(cache_module, "RACY_SECONDS", 0)  # files count as settled at once
    site = make_site(tmp_path, 6)
    audit = check(site, keep_outcomes=True, use_cache=False).report
    assert any(summary.outcomes for summary in audit.articles)
    first = check(site)  # fills the cache
    touched = site / "content" / "2001" / "story-1.md"
    os.utime(touched, ns=(1_000_000_000, 1_000_000_000))  # same content, another stamp
    evaluated.clear()
    built_outcomes.clear()
    warm = check(site)
    assert built_outcomes == [] and evaluated == []
    assert warm.report == first.report
    [file] = (site / CACHE_FOLDER).glob("results-*.bin")
    key = file.read_bytes().split(b"\n", 1)[0].split()[2].decode()
    stored = ResultCache(file.parent, key).get("content/2001/story-1.md")
    [expected] = [s for s in audit.articles if s.path == "content/2001/story-1.md"]
    assert stored is not None and stored.evaluation.summary == expected
    assert stored.stamp is not None and stored.stamp[1] == 1_000_000_000
