"""Split a run into N deterministic shards, so N CI jobs together check every file exactly once.

A file belongs to shard ``K/N`` when the SHA-256 of its display path (POSIX, relative to the
working directory), read as a number, is ``K - 1`` modulo ``N``. The assignment depends on the
path alone, so adding or removing files never moves another file to a different shard. Run
every shard from the same folder, so the display paths (and the shards) are the same.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

from provenance.changes import Selection


class ShardError(ValueError):
    """A `--shard` value that is not ``K/N`` with ``1 <= K <= N``."""


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based, as written on the command line
    count: int

    def __post_init__(self) -> None:
        if not 1 <= self.index <= self.count:
            raise ShardError(f"shard {self.index}/{self.count}: K must be between 1 and N")

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"2/4"`` -> ``Shard(2, 4)``; raises `ShardError` for anything else."""
        index, slash, count = text.partition("/")
        if not slash or not index.strip().isdigit() or not count.strip().isdigit():
            raise ShardError(f"invalid shard {text!r}: expected K/N, e.g. 1/4")
        return cls(int(index), int(count))

    def holds(self, display_path: str) -> bool:
        """Whether the file shown as `display_path` belongs to this shard."""
        digest = hashlib.sha256(display_path.encode("utf-8", "surrogatepass")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def shard_selection(selection: Selection, shard: Shard | None) -> Selection:
    """The part of `selection` in `shard` (all of it for None); a shard is never the whole site."""
    if shard is None:
        return selection
    files = [f for f in selection.files if shard.holds(f.display_path)]
    skipped = [s for s in selection.skipped if shard.holds(s.display_path)]
    relative_of = {f.display_path: f.relative for f in files}
    return dataclasses.replace(
        selection, files=files, skipped=skipped, complete=False, relative_of=relative_of
    )
