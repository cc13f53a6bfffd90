"""The check interface: typed functions that a policy condition names, and their registry.

A check receives the article's facts and its validated parameters and yields `Violation`s:
what is wrong and where; when it is satisfied it may yield `Evidence` of what satisfied it (the
line, link or metadata key), which audit reports show. It never decides rule id, category or
severity; the engine stamps those from the condition. A check may refine the category only to one it declares.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Final, Generic, NamedTuple, TypeVar

from provenance.extract.facts import Provenance
from provenance.extract.names import fold_name
from provenance.model import Article, Category, Evidence, Location, Venue
from provenance.validation import STRICT


class Params:
    """Base of every check's parameters, a frozen dataclass each: unknown keys are errors.

    Field constraints go in the field's metadata (see `provenance.validation`). The base has no
    fields: a plain class, cheaper to create than a dataclass (every run that checks files does).
    """

    __pydantic_config__ = STRICT


@dataclass(frozen=True)
class NoParams(Params):
    pass


class PublisherIdentity:
    """A publisher as the engine knows it, with its patterns compiled once per run.

    A plain class, not a dataclass (cheaper to create at start-up): its folded names are cached on it.
    """

    def __init__(
        self,
        pack_id: str,
        names: tuple[str, ...],
        domains: tuple[str, ...],
        url_patterns: tuple[Any, ...],  # compiled RE2 patterns
        licenses: tuple[str, ...] = (),
    ) -> None:
        self.pack_id: Final = pack_id
        self.names: Final = names
        self.domains: Final = domains
        self.url_patterns: Final = url_patterns
        self.licenses: Final = licenses

    @property
    def display_name(self) -> str:
        return self.names[0]

    def owns_host(self, host: str | None) -> bool:
        """Whether `host` (lower-case, no ``www.``) is one of the publisher's domains or below one."""
        if not host:
            return False
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def is_article_url(self, url: str) -> bool:
        """Whether `url` matches one of the publisher's article URL patterns (any, if none given)."""
        if not self.url_patterns:
            return True
        return any(p.search(url) for p in self.url_patterns)

    def named_in(self, text: str) -> bool:
        """Whether one of the publisher's names appears in `text` (case-insensitive)."""
        folded = text.casefold()
        return any(name in folded for name in self._casefolded_names)

    @cached_property
    def folded_names(self) -> frozenset[str]:
        """The publisher's names as `fold_name` compares them (folded once per run, not per article)."""
        return frozenset(fold_name(name) for name in self.names)

    @cached_property
    def _casefolded_names(self) -> tuple[str, ...]:
        return tuple(name.casefold() for name in self.names)


class CheckContext(NamedTuple):
    """What a check may look at for one article under one policy."""

    article: Article
    facts: Provenance
    publisher: PublisherIdentity | None  # the policy's publisher; None for licence/fallback packs
    venue: Venue
    today: dt.date
    known_source: Callable[[str], bool] = lambda name: False


class Violation(NamedTuple):
    """What a check found wrong, and where."""

    message: str
    location: Location
    evidence: str = ""
    fix: str = ""
    category: Category | None = None  # a refinement among the check's declared categories


P = TypeVar("P", bound=Params)
CheckOutput = Iterable[Violation | Evidence]  # what a check function yields
CheckFunction = Callable[[CheckContext, Any], CheckOutput]


class CheckSpec(NamedTuple, Generic[P]):
    """A registered check: its function, parameter model and the categories it may emit."""

    name: str
    function: Callable[[CheckContext, P], CheckOutput]
    params: type[P]
    categories: frozenset[Category]
    description: str


REGISTRY: dict[str, CheckSpec[Any]] = {}


def check(
    name: str, params: type[P], categories: Iterable[Category]
) -> Callable[
    [Callable[[CheckContext, P], CheckOutput]],
    Callable[[CheckContext, P], CheckOutput],
]:
    """Register a check function under `name`; duplicate names are a programming error."""

    def register(
        function: Callable[[CheckContext, P], CheckOutput],
    ) -> Callable[[CheckContext, P], CheckOutput]:
        if name in REGISTRY:
            raise ValueError(f"check {name!r} registered twice")
        doc = (function.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        REGISTRY[name] = CheckSpec(name, function, params, frozenset(categories), doc)
        return function

    return register
