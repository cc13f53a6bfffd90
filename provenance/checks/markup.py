"""Markup checks: the publisher's tracking pixel and the canonical link back to the original."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from provenance.checks.anchors import absent_anchor
from provenance.checks.base import CheckContext, Params, Violation, check
from provenance.checks.patterns import RE2_PATTERN, compile_pattern
from provenance.model import Category, Evidence, Location


@dataclass(frozen=True)
class PixelParams(Params):
    pattern: str = field(metadata=RE2_PATTERN)
    name: str

    @cached_property
    def compiled(self) -> Any:
        return compile_pattern(self.pattern)


@check("tracking-pixel", PixelParams, [Category.TRACKING_PIXEL_MISSING])
def tracking_pixel(ctx: CheckContext, params: PixelParams) -> Iterator[Violation | Evidence]:
    """The publisher's tracking pixel (an embed whose ``src`` matches `pattern`) is kept."""
    embeds = ctx.facts.embeds
    kept = next((embed for embed in embeds if params.compiled.search(embed.src)), None)
    if kept is not None:
        yield Evidence(kept.location, kept.evidence, f"{params.name} kept")
        return
    source = ctx.publisher.display_name if ctx.publisher else "the source"
    looked_at = ", ".join(embed.src for embed in embeds[:5]) + (", ..." if len(embeds) > 5 else "")
    yield Violation(
        f"The {params.name} that {source} requires on republished articles is missing",
        absent_anchor(ctx.article, ctx.facts),
        evidence=f"{len(embeds)} embed(s): {looked_at}" if embeds else "no images, scripts or iframes",
        fix=f"Paste the {params.name} from {source}'s republishing box unchanged "
        f"(its src must match {params.pattern}).",
    )


_ROBOTS_KEYS = frozenset({"noindex", "robots", "meta:robots"})


@dataclass(frozen=True)
class CanonicalParams(Params):
    noindex_ok: bool = True


@check("canonical-link", CanonicalParams, [Category.CANONICAL_LINK_MISSING])
def canonical_link(ctx: CheckContext, params: CanonicalParams) -> Iterator[Violation | Evidence]:
    """The canonical URL points to the original article (or the page is noindex, when allowed)."""
    facts, publisher = ctx.facts, ctx.publisher
    canonical = facts.canonical_url if facts.canonical_url and not facts.canonical_url.placeholder else None
    if params.noindex_ok and facts.noindex:
        robots = next((f for f in ctx.article.fields if f.key in _ROBOTS_KEYS), None)
        where = robots.location if robots else Location(1, 1)
        yield Evidence(where, f"{robots.key}: {robots.value}" if robots else "noindex", "page is noindex")
        return
    original = facts.original_url
    if canonical is not None:
        found = Evidence(canonical.location, f"{canonical.key}: {canonical.url}", "canonical URL")
        if publisher is not None:
            if publisher.owns_host(canonical.host):
                yield found
                return
        elif original is None or original.placeholder or canonical.url == original.url:
            yield found
            return
    expected = (
        f"the original article on {' or '.join(publisher.domains)}"
        if publisher is not None
        else (f"the original URL {original.url}" if original else "the original article")
    )
    alternative = " or mark the page noindex" if params.noindex_ok else ""
    if facts.canonical_url is not None:
        stated = facts.canonical_url
        yield Violation(
            f"The canonical URL {stated.url or '(empty)'} does not point to {expected}",
            stated.location,
            evidence=stated.url,
            fix=f"Set {stated.key} to {expected}{alternative}.",
        )
        return
    yield Violation(
        f"No canonical URL pointing to {expected}",
        absent_anchor(ctx.article, facts),
        evidence="no canonical URL" + (", no noindex" if params.noindex_ok else ""),
        fix=f"Add canonical_url: <URL of {expected}> to the front matter{alternative}.",
    )
