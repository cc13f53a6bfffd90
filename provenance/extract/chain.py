"""The upstream chain, origin first and direct source last.

A metadata ``provenance:`` list is authoritative, then a nested JSON-LD ``isBasedOn``. Otherwise:
the "original source" claims (origin), then the direct source: the metadata/JSON-LD claims if
any, else the other claims. A metadata claim with only a URL takes its name from a visible
claim linking to the same host ("originally published on [X](url)"). Names are deduplicated
case-insensitively; a claim with only a URL gives a nameless hop unless a named hop already
carries a URL on the same host.
"""

from __future__ import annotations

from collections.abc import Sequence

from provenance.extract.facts import ClaimKind, Hop, SourceClaim
from provenance.extract.links import host_of

_STRUCTURED = frozenset({ClaimKind.METADATA, ClaimKind.JSONLD})
_NOT_A_HOP = frozenset({ClaimKind.ORIGINAL_SOURCE, ClaimKind.TRANSLATED, *_STRUCTURED})


def build_chain(
    claims: Sequence[SourceClaim], metadata_chain: Sequence[Hop], jsonld_chain: Sequence[Hop]
) -> tuple[Hop, ...]:
    if metadata_chain:
        return tuple(metadata_chain)
    if jsonld_chain:
        return tuple(jsonld_chain)
    origin = [c for c in claims if c.kind is ClaimKind.ORIGINAL_SOURCE]
    direct = [c for c in claims if c.kind in _STRUCTURED] or [c for c in claims if c.kind not in _NOT_A_HOP]
    names_by_host: dict[str, str] = {}
    for c in claims:
        if c.name and c.url and c.kind not in _NOT_A_HOP:
            names_by_host.setdefault(host_of(c.url) or c.url, c.name)
    direct = [
        c._replace(name=names_by_host.get(host_of(c.url) or c.url)) if c.name is None and c.url else c
        for c in direct
    ]
    named_hosts = {host_of(c.url) or c.url for c in (*origin, *direct) if c.name and c.url}
    hops: list[Hop] = []
    seen: set[str] = set()
    for claim in (*origin, *direct):
        key = claim.name.casefold() if claim.name else claim.url
        if key is None or key in seen or (claim.name is None and (host_of(key) or key) in named_hosts):
            continue
        seen.add(key)
        hops.append(Hop(claim.name, claim.url, claim.location, claim.evidence))
    return tuple(hops)
