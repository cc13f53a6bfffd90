"""Credit checks: is the source, the author and the required credit wording there for readers?"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from provenance.checks.anchors import absent_anchor
from provenance.checks.attribution import (
    visible_attribution_texts,
    visible_attributions,
    visible_claims,
    visible_credits,
)
from provenance.checks.base import CheckContext, NoParams, Params, Violation, check
from provenance.checks.patterns import RE2_PATTERN, compile_pattern
from provenance.extract.facts import ClaimKind
from provenance.extract.names import fold_name
from provenance.model import Category, Evidence


def _summary(texts: tuple[str, ...]) -> str:
    if not texts:
        return "no visible credit, source line or copyright notice"
    return "visible attribution: " + " | ".join(dict.fromkeys(texts))


@check("source-credited", NoParams, [Category.SOURCE_CREDIT_MISSING])
def source_credited(ctx: CheckContext, params: NoParams) -> Iterator[Violation | Evidence]:
    """The source (the policy's publisher, or any named source) is credited where readers see it."""
    texts = visible_attribution_texts(ctx.article, ctx.facts)
    where = absent_anchor(ctx.article, ctx.facts)
    publisher = ctx.publisher
    if publisher is None:
        crediting = [c for c in visible_claims(ctx.facts) if c.name or c.url or c.links]
        if crediting:
            yield Evidence(crediting[0].location, crediting[0].evidence, "visible source credit")
            return
        yield Violation(
            "The article does not credit its source where readers can see it",
            where,
            evidence=_summary(texts),
            fix='Add a visible source line, e.g. "Originally published by <source> at <URL>".',
        )
        return
    naming = [
        item
        for item in visible_attributions(ctx.article, ctx.facts)
        if any(map(publisher.named_in, item.texts))
    ]
    if naming:
        yield naming[0].as_evidence(f"visible credit naming {publisher.display_name}")
        return
    hidden = [claim.evidence for claim in ctx.facts.claims if claim.name and publisher.named_in(claim.name)]
    hidden += [credit.evidence for credit in ctx.facts.credits if publisher.named_in(credit.name)]
    name = publisher.display_name
    message = f"{name} is not credited where readers can see it"
    if hidden:
        message += " (it is named only in metadata)"
    yield Violation(
        message,
        where,
        evidence=hidden[0] if hidden else _summary(texts),
        fix=f'Add a visible credit line naming {name}, e.g. "Originally published by {name}".',
    )


@dataclass(frozen=True)
class AuthorParams(Params):
    visible: bool = False


@check("author-credited", AuthorParams, [Category.AUTHOR_CREDIT_MISSING])
def author_credited(ctx: CheckContext, params: AuthorParams) -> Iterator[Violation | Evidence]:
    """The original author is credited (visibly, when `visible` is set)."""
    authors = ctx.facts.authors
    crediting = [author for author in authors if author.visible or not params.visible]
    if crediting:
        author = crediting[0]
        shown = "byline" if author.visible else "author in metadata"
        yield Evidence(author.location, author.evidence, f"{shown}: {author.name}")
        return
    source = ctx.publisher.display_name if ctx.publisher else None
    work = f"the {source} article" if source else "the original article"
    byline = f", {source}" if source else ""
    if authors:
        message = f"The author of {work} is credited only in metadata, not where readers see it"
        evidence = authors[0].evidence
    else:
        message = f"The author of {work} is not credited"
        evidence = "no byline or author field"
    yield Violation(
        message,
        absent_anchor(ctx.article, ctx.facts),
        evidence=evidence,
        fix=f'Add a byline naming the original author, e.g. "By <author>{byline}".',
    )


@dataclass(frozen=True)
class CreditLineParams(Params):
    pattern: str = field(metadata=RE2_PATTERN)
    example: str

    @cached_property
    def compiled(self) -> Any:
        return compile_pattern(self.pattern, ignore_case=True)


@check("credit-line", CreditLineParams, [Category.CREDIT_LINE_MISMATCH])
def credit_line(ctx: CheckContext, params: CreditLineParams) -> Iterator[Violation | Evidence]:
    """Some visible line carries the credit in the wording the publisher requires."""
    matcher = params.compiled
    matching = next((line for line in ctx.article.document.lines if matcher.search(line.text)), None)
    if matching is not None:
        yield Evidence(matching.location, matching.text, "credit line in the required wording")
        return
    source = ctx.publisher.display_name if ctx.publisher else "the source"
    lines = [(claim.location, claim.evidence) for claim in visible_claims(ctx.facts)]
    lines += [(credit.location, credit.evidence) for credit in visible_credits(ctx.facts)]
    first = min(lines, default=None)
    yield Violation(
        f'No line credits {source} in the required wording, e.g. "{params.example}"',
        first[0] if first else absent_anchor(ctx.article, ctx.facts),
        evidence=first[1] if first else "no visible credit line",
        fix=f"Write the credit line as: {params.example}",
    )


@check("source-consistent", NoParams, [Category.CREDIT_LINE_MISMATCH])
def source_consistent(ctx: CheckContext, params: NoParams) -> Iterator[Violation | Evidence]:
    """The source named in metadata is the source the visible credit names."""
    stated = [c.name for c in ctx.facts.claims if c.kind is ClaimKind.METADATA and c.name]
    shown = [c for c in visible_claims(ctx.facts) if c.name]
    if not stated or not shown:
        return
    stated_folded = {fold_name(name) for name in stated}
    agreeing = [claim for claim in shown if fold_name(claim.name or "") in stated_folded]
    if agreeing:
        yield Evidence(
            agreeing[0].location, agreeing[0].evidence, f"names {agreeing[0].name}, as the metadata does"
        )
        return
    claim = shown[0]
    yield Violation(
        f'The visible credit names "{claim.name}" but the metadata names "{stated[0]}" as the source',
        claim.location,
        evidence=claim.evidence,
        fix=f'Name one source in both places: "{claim.name}" or "{stated[0]}".',
    )
