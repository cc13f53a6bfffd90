"""--shard K/N: a deterministic, path-stable split of the files into N disjoint shares."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from speed_site import add_article, make_site

from provenance.cli import main
from provenance.engine import CheckOptions, run_check
from provenance.shard import Shard, ShardError

PATHS = [f"content/{year}/story-{i}.md" for year in range(2000, 2010) for i in range(20)]


@pytest.mark.parametrize(
    ("text", "shard"), [("1/1", Shard(1, 1)), ("2/4", Shard(2, 4)), (" 3 / 3 ", Shard(3, 3))]
)
def test_parse(text: str, shard: Shard) -> None:
    assert Shard.parse(text) == shard
    assert str(shard) == f"{shard.index}/{shard.count}"


def test_a_shard_is_a_value() -> None:
    """Equality, hashing and repr as the frozen dataclass it once was had them."""
    assert Shard(2, 4) == Shard(2, 4) and hash(Shard(2, 4)) == hash(Shard(2, 4))
    assert Shard(2, 4) != Shard(1, 4) and Shard(2, 4) != (2, 4)
    assert len({Shard(1, 2), Shard(1, 2), Shard(2, 2)}) == 2
    assert repr(Shard(2, 4)) == "Shard(index=2, count=4)"
    with pytest.raises(ShardError, match="shard 3/2: K must be between 1 and N"):
        Shard(3, 2)


@pytest.mark.parametrize("text", ["", "1", "1/", "/2", "a/b", "0/2", "3/2", "1/0", "-1/2", "1/2/3"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ShardError):
        Shard.parse(text)


def test_every_path_is_in_exactly_one_shard() -> None:
    for count in (1, 2, 3, 7):
        owners = [[k for k in range(1, count + 1) if Shard(k, count).holds(path)] for path in PATHS]
        assert all(len(found) == 1 for found in owners)
        sizes = [sum(1 for found in owners if found == [k]) for k in range(1, count + 1)]
        assert min(sizes) > len(PATHS) / count / 2  # roughly even


def test_the_assignment_is_pinned() -> None:
    """The hash is part of the contract: changing it would reshuffle every CI matrix."""
    assert [k for k in (1, 2, 3) if Shard(k, 3).holds("content/a.md")] == [1]
    assert [k for k in (1, 2, 3) if Shard(k, 3).holds("content/b.md")] == [3]
    assert [k for k in (1, 2, 3) if Shard(k, 3).holds("content/2024/x.html")] == [3]


def checked(site: Path, shard: Shard | None) -> set[str]:
    options = CheckOptions(today=dt.date(2026, 11, 27), jobs=1, use_cache=False, shard=shard)
    return {a.path for a in run_check([site], cwd=site, options=options).report.articles}


def test_adding_files_moves_no_file_to_another_shard(tmp_path: Path) -> None:
    site = make_site(tmp_path, 30)
    before = {k: checked(site, Shard(k, 3)) for k in (1, 2, 3)}
    assert set().union(*before.values()) == checked(site, None)
    for i in range(100, 130):
        add_article(site, i)
    after = {k: checked(site, Shard(k, 3)) for k in (1, 2, 3)}
    for k in (1, 2, 3):
        assert before[k] <= after[k]
        assert not (after[k] - before[k]) & set().union(*before.values())
    assert sum(len(files) for files in after.values()) == 60
    assert set().union(*after.values()) == checked(site, None)


def test_the_cli_rejects_a_bad_shard(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--shard", "3/2"])
    assert result.exit_code == 2
    assert "K must be between 1 and N" in result.output
