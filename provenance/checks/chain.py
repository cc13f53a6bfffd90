"""Chain checks: every upstream source credited, its terms known; unknown direct sources."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from provenance.checks.anchors import absent_anchor
from provenance.checks.attribution import (
    is_visible_claim,
    mentions,
    upstream_hops,
    visible_attributions,
)
from provenance.checks.base import CheckContext, NoParams, Violation, check
from provenance.extract.facts import SourceClaim
from provenance.extract.names import fold_name
from provenance.model import Category, Evidence


@check("upstream-credited", NoParams, [Category.UPSTREAM_CREDIT_MISSING])
def upstream_credited(ctx: CheckContext, params: NoParams) -> Iterator[Violation | Evidence]:
    """Every upstream source in the chain is credited where readers see it."""
    attributions = visible_attributions(ctx.article, ctx.facts)
    via = f" via {ctx.publisher.display_name}" if ctx.publisher else ""
    for hop in upstream_hops(ctx.facts, ctx.publisher):
        name = hop.name or ""
        crediting = [item for item in attributions if any(mentions(text, name) for text in item.texts)]
        if crediting:
            yield crediting[0].as_evidence(f"visible credit naming upstream source {name}")
            continue
        yield Violation(
            f"The article came{via} from {name}, but {name} is not credited where readers see it",
            hop.location,
            evidence=hop.evidence,
            fix=f'Credit {name} visibly, e.g. "The original source of this article is {name}".',
        )


@check("upstream-terms-known", NoParams, [Category.UPSTREAM_TERMS_UNKNOWN])
def upstream_terms_known(ctx: CheckContext, params: NoParams) -> Iterator[Violation | Evidence]:
    """Every upstream source in the chain has a known policy for republication."""
    hops = upstream_hops(ctx.facts, ctx.publisher)
    if ctx.publisher is None:  # the direct source's terms are the licence the policy covers
        direct = fold_name(ctx.facts.sources[0]) if ctx.facts.sources else ""
        hops = tuple(hop for hop in hops if fold_name(hop.name or "") != direct)
    relay = ctx.publisher.display_name if ctx.publisher else "the direct source"
    for hop in hops:
        name = hop.name or ""
        if ctx.known_source(name):
            yield Evidence(hop.location, hop.evidence, f"{name} has a known republication policy")
            continue
        yield Violation(
            f"The republishing terms of upstream source {name} are unknown; "
            f"{relay}'s permission may not cover {name}'s text",
            hop.location,
            evidence=hop.evidence,
            fix=f"Add a policy pack for {name}, or record {name}'s permission in the front matter.",
        )


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _direct_source(ctx: CheckContext) -> tuple[str | None, SourceClaim | None]:
    """The direct source's name (last named hop, else the claimed URL's host) and the claim stating it."""
    facts = ctx.facts
    claims = sorted(facts.claims, key=lambda claim: not is_visible_claim(claim))
    named = [hop.name for hop in facts.chain if hop.name]
    if named:
        source = named[-1]
        stating = [c for c in claims if c.name and fold_name(c.name) == fold_name(source)]
        first = stating[0] if stating else claims[0] if claims else None
        return source, first
    with_url = [c for c in claims if c.url]
    if with_url:
        url = with_url[0].url or ""
        return _host(url) or url, with_url[0]
    return None, claims[0] if claims else None


@check("unknown-source", NoParams, [Category.UNKNOWN_SOURCE])
def unknown_source(ctx: CheckContext, params: NoParams) -> Iterator[Violation | Evidence]:
    """A republished article whose direct source has no known republication policy."""
    if not ctx.facts.republished:
        return
    source, claim = _direct_source(ctx)
    if source is None:
        message, fix = (
            "Republished from an unnamed source",
            "Name the original source and link to the original article.",
        )
    else:
        message = f"Republished from {source}, whose republishing terms are unknown"
        fix = f"Add a policy pack for {source} (or record its permission), or remove the article."
    yield Violation(
        message,
        claim.location if claim else absent_anchor(ctx.article, ctx.facts),
        evidence=claim.evidence if claim else "republished, but no source is named",
        fix=fix,
    )
