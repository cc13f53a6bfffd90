"""Today's date that notices being looked at, so the cache knows which results depend on the day.

Most evaluations never look at the date; those that do (an expiring permission, a suppression
with an expiry) are valid for that day only. Rather than list those rules here, the evaluator
is given a `WatchedDate`: any comparison, arithmetic, hashing or attribute read sets
`looked_at`. Missing a use would be a wrong cached result, so every way in is covered: the
operators explicitly (a subclass's reflected operators take priority, so ``expires < today``
is seen too) and everything else through `__getattribute__`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


class WatchedDate(dt.date):
    looked_at: bool

    @classmethod
    def of(cls, day: dt.date) -> WatchedDate:
        watched = cls(day.year, day.month, day.day)
        watched.forget()
        return watched

    def forget(self) -> None:
        """Start watching afresh (before each evaluation)."""
        object.__setattr__(self, "looked_at", False)

    def __getattribute__(self, name: str) -> Any:
        if name not in ("looked_at", "forget"):
            object.__setattr__(self, "looked_at", True)
        return super().__getattribute__(name)

    def _plain(self) -> dt.date:
        return dt.date.fromordinal(dt.date.toordinal(self))

    def __eq__(self, other: object) -> bool:
        return self._plain() == other

    def __ne__(self, other: object) -> bool:
        return self._plain() != other

    def __lt__(self, other: dt.date) -> bool:
        return self._plain() < other

    def __le__(self, other: dt.date) -> bool:
        return self._plain() <= other

    def __gt__(self, other: dt.date) -> bool:
        return self._plain() > other

    def __ge__(self, other: dt.date) -> bool:
        return self._plain() >= other

    def __hash__(self) -> int:
        return hash(self._plain())

    def __add__(self, other: dt.timedelta) -> Any:
        return self._plain() + other

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        return self._plain() - other

    def __rsub__(self, other: Any) -> Any:
        return other - self._plain()
