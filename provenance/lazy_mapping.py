"""A read-only mapping computed on first use, for what a run may never need."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LazyMapping(Mapping[K, V]):
    """The mapping `load` returns, made the first time it is read (and only then)."""

    def __init__(self, load: Callable[[], Mapping[K, V]]) -> None:
        self._load = load

    @cached_property
    def _mapping(self) -> Mapping[K, V]:
        return self._load()

    def __getitem__(self, key: K) -> V:
        return self._mapping[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._mapping)

    def __len__(self) -> int:
        return len(self._mapping)
