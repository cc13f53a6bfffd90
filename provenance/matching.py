"""Which policy packs know a source: indexes built once per run from the rule set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from provenance.extract.facts import Hop
from provenance.extract.links import host_of
from provenance.extract.names import fold_name
from provenance.rules.models import AppliesTo
from provenance.rules.ruleset import CompiledPack, RuleSet


@dataclass(frozen=True)
class SignatureHit:
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
        """Packs whose signature phrases occur in `text`, with the line of the first hit."""
        hits: list[SignatureHit] = []
        for pattern, pack in self._signatures:
            if any(hit.pack is pack for hit in hits):
                continue
            match = pattern.search(text)
            if match:
                hits.append(SignatureHit(pack, first_line + text.count("\n", 0, match.start())))
        return hits
