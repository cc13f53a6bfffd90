"""Which policy packs know a source: indexes built once per run from the rule set."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import re2

from provenance.checks.patterns import compile_pattern
from provenance.extract.facts import Hop
from provenance.extract.links import host_of
from provenance.extract.names import fold_name
from provenance.rules.models import AppliesTo
from provenance.rules.ruleset import CompiledPack, RuleSet


class SignatureHit(NamedTuple):
    """A publisher pack whose signature phrase occurs in a text, and the line of its first hit."""

    pack: CompiledPack
    line: int


class SourceMatcher:
    """Finds the publisher pack for a name, a URL or a page's signature phrases."""

    def __init__(self, ruleset: RuleSet) -> None:
        self._by_name: dict[str, CompiledPack] = {}
        self._by_domain: dict[str, CompiledPack] = {}
        self._signatures: list[tuple[Any, CompiledPack]] = []
        for pack in ruleset.packs:
            if pack.applies_to is not AppliesTo.PUBLISHER or pack.publisher is None:
                continue
            for name in pack.publisher.names:
                self._by_name.setdefault(fold_name(name), pack)
            for domain in pack.publisher.domains:
                self._by_domain.setdefault(domain, pack)
            self._signatures.extend((pattern, pack) for pattern in pack.signatures)
        self._any_signature = _joined([pattern for pattern, _ in self._signatures])

    def by_name(self, name: str | None) -> CompiledPack | None:
        return self._by_name.get(fold_name(name)) if name else None

    def by_url(self, url: str | None) -> CompiledPack | None:
        host = host_of(url) if url else None
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2] if "." in host else ""
        return None

    def for_hop(self, hop: Hop) -> CompiledPack | None:
        return self.by_name(hop.name) or self.by_url(hop.url)

    def knows(self, name: str) -> bool:
        return self.by_name(name) is not None

    def signatures_in(self, text: str, first_line: int) -> list[SignatureHit]:
        """Packs whose signature phrases occur in `text`, with the line of the first hit.

        RE2 reads UTF-8: searching the encoded text once spares a conversion per pattern, and a
        byte offset has as many line breaks before it as the character offset it stands for.
        """
        if not self._signatures:
            return []
        data = text.encode()
        if self._any_signature is not None and self._any_signature.search(data) is None:
            return []  # the common case: one pass over the text instead of one per pattern
        hits: list[SignatureHit] = []
        for pattern, pack in self._signatures:
            if any(hit.pack is pack for hit in hits):
                continue
            match = pattern.search(data)
            if match:
                hits.append(SignatureHit(pack, first_line + data.count(b"\n", 0, match.start())))
        return hits


def _options(pattern: Any) -> tuple[Any, ...]:
    return tuple(getattr(pattern.options, name) for name in re2.Options.NAMES)


def _joined(patterns: Sequence[Any]) -> Any | None:
    """One pattern that matches wherever one of `patterns` (case-insensitive RE2) does.

    None when there is nothing to gain (fewer than two) or when the patterns were not all
    compiled as `compile_pattern(..., ignore_case=True)` compiles them, or cannot be joined.
    """
    if len(patterns) < 2:
        return None
    expected = _options(compile_pattern("", ignore_case=True))
    if any(_options(pattern) != expected for pattern in patterns):
        return None
    try:
        return compile_pattern("|".join(f"(?:{pattern.pattern})" for pattern in patterns), ignore_case=True)
    except re2.error:  # e.g. two patterns naming the same group
        return None
