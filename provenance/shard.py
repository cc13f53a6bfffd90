"""Split a run into N deterministic shards, so N CI jobs together check every file exactly once.

A file belongs to shard ``K/N`` when the SHA-256 of its display path (POSIX, relative to the
working directory), read as a number, is ``K - 1`` modulo ``N``. The assignment depends on the
path alone, so adding or removing files never moves another file to a different shard. Run
every shard from the same folder, so the display paths (and the shards) are the same.
"""

from __future__ import annotations

import hashlib
from typing import Final

from provenance.changes import Selection


class ShardError(ValueError):
    """A `--shard` value that is not ``K/N`` with ``1 <= K <= N``."""


class Shard:
    """Shard ``index`` of ``count``: a value, compared and hashed as such.

    A plain class, not a dataclass (cheaper to create at start-up), nor a tuple (its fields
    would hide `tuple.index` and `tuple.count`).
    """

    __slots__ = ("count", "index")

    def __init__(self, index: int, count: int) -> None:
        if not 1 <= index <= count:
            raise ShardError(f"shard {index}/{count}: K must be between 1 and N")
        self.index: Final = index  # 1-based, as written on the command line
        self.count: Final = count

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Shard):
            return NotImplemented
        return (self.index, self.count) == (other.index, other.count)

    def __hash__(self) -> int:
        return hash((self.index, self.count))

    def __repr__(self) -> str:
        return f"Shard(index={self.index!r}, count={self.count!r})"

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
    return selection._replace(files=files, skipped=skipped, complete=False, relative_of=relative_of)
