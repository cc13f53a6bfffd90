"""What readers can see of an article's attribution: visible claims, credits and notices.

Shared queries for the checks; policy-free apart from the publisher identity they are given.
"""

from __future__ import annotations

from typing import NamedTuple

from provenance.checks.base import PublisherIdentity
from provenance.extract.facts import ClaimKind, CopyrightNotice, Credit, Hop, Provenance, SourceClaim
from provenance.extract.names import fold_name
from provenance.model import Article, Evidence, Location

HIDDEN_CLAIM_KINDS = frozenset(
    {ClaimKind.METADATA, ClaimKind.HTML_META, ClaimKind.JSONLD, ClaimKind.CANONICAL}
)


def is_visible_claim(claim: SourceClaim) -> bool:
    return claim.kind not in HIDDEN_CLAIM_KINDS


def visible_claims(facts: Provenance) -> tuple[SourceClaim, ...]:
    return tuple(claim for claim in facts.claims if is_visible_claim(claim))


def visible_credits(facts: Provenance) -> tuple[Credit, ...]:
    """Visible credits of any role, authors included, without duplicates."""
    seen: dict[tuple[object, ...], Credit] = {}
    for credit in (*facts.credits, *facts.authors):
        if credit.visible:
            seen.setdefault((credit.name, credit.role, credit.location), credit)
    return tuple(seen.values())


def visible_notices(article: Article, facts: Provenance) -> tuple[CopyrightNotice, ...]:
    """Copyright notices in the body text, not in front matter or any other metadata field."""
    metadata_lines = {item.location.line for item in article.fields}
    return tuple(
        notice
        for notice in facts.copyrights
        if notice.location.line >= article.body_line and notice.location.line not in metadata_lines
    )


def mentions(text: str, name: str) -> bool:
    """Whether `name` occurs in `text` as whole words, compared with `fold_name`."""
    folded = fold_name(name)
    return bool(folded) and f" {folded} " in f" {fold_name(text)} "


def visible_attribution_texts(article: Article, facts: Provenance) -> tuple[str, ...]:
    """Every name and line of visible attribution: claims, credits and copyright notices."""
    texts: list[str] = []
    for claim in visible_claims(facts):
        texts.extend(text for text in (claim.name, claim.evidence) if text)
    for credit in visible_credits(facts):
        texts.extend((credit.name, credit.evidence))
    for notice in visible_notices(article, facts):
        texts.extend((*notice.holders, notice.evidence))
    return tuple(texts)


class Attribution(NamedTuple):
    """One visible piece of attribution (claim, credit or copyright notice) and the names it gives."""

    location: Location
    evidence: str
    names: tuple[str, ...]

    @property
    def texts(self) -> tuple[str, ...]:
        return (*self.names, self.evidence)

    def as_evidence(self, note: str) -> Evidence:
        return Evidence(self.location, self.evidence, note)


def visible_attributions(article: Article, facts: Provenance) -> tuple[Attribution, ...]:
    """Visible claims, credits and copyright notices with their locations, in file order."""
    items = [Attribution(c.location, c.evidence, (c.name,) if c.name else ()) for c in visible_claims(facts)]
    items += [Attribution(c.location, c.evidence, (c.name,)) for c in visible_credits(facts)]
    items += [Attribution(n.location, n.evidence, n.holders) for n in visible_notices(article, facts)]
    return tuple(sorted(items, key=lambda item: item.location))


def is_publisher(publisher: PublisherIdentity | None, name: str) -> bool:
    """Whether `name` is (one of the names of) the policy's publisher."""
    if publisher is None:
        return False
    folded = fold_name(name)
    return folded in publisher.folded_names or publisher.named_in(name)


def upstream_hops(facts: Provenance, publisher: PublisherIdentity | None) -> tuple[Hop, ...]:
    """Named chain hops other than the policy's publisher, origin first, first mention of each name."""
    hops: dict[str, Hop] = {}
    for hop in facts.chain:
        if hop.name and not is_publisher(publisher, hop.name):
            hops.setdefault(fold_name(hop.name), hop)
    return tuple(hops.values())
