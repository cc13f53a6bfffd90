"""Link checks: the link back to the original article, and placeholder links anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from provenance.checks.anchors import absent_anchor
from provenance.checks.attribution import (
    visible_claims,
    visible_credits,
    visible_notices,
)
from provenance.checks.base import CheckContext, NoParams, Params, PublisherIdentity, Violation, check
from provenance.extract.facts import ClaimKind, LinkFact
from provenance.extract.links import is_placeholder
from provenance.extract.names import fold_name
from provenance.model import Category, Evidence, Location

_LINK_CATEGORIES = [
    Category.LINK_TO_ORIGINAL_MISSING,
    Category.LINK_TO_ORIGINAL_PLACEHOLDER,
    Category.LINK_TO_ORIGINAL_WRONG_TARGET,
]


@dataclass(frozen=True)
class LinkParams(Params):
    article_url: bool = True
    home_page_ok: bool = False
    accept_metadata: bool = False


def is_home_page(url: str) -> bool:
    """Whether `url` is a site's root (no path beyond ``/``, no query)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(parts.netloc) and parts.path in ("", "/") and not parts.query


def _acceptable(publisher: PublisherIdentity, params: LinkParams, url: str, host: str | None) -> bool:
    if not publisher.owns_host(host):
        return False
    if is_home_page(url):
        return params.home_page_ok or not params.article_url
    return not params.article_url or publisher.is_article_url(url)


def _attribution_links(ctx: CheckContext, publisher: PublisherIdentity) -> list[tuple[LinkFact, str | None]]:
    """Links written on attribution (claims, credits, copyright lines) or named after the publisher.

    Each comes with the name it credits (None when the attribution names nobody).
    """
    found: dict[tuple[Location, str], tuple[LinkFact, str | None]] = {}
    for claim in visible_claims(ctx.facts):
        for fact in claim.links:
            found.setdefault((fact.link.location, fact.link.evidence), (fact, claim.name))
    for credit in visible_credits(ctx.facts):
        for fact in credit.links:
            found.setdefault((fact.link.location, fact.link.evidence), (fact, credit.name))
    notice_lines = {notice.location.line for notice in visible_notices(ctx.article, ctx.facts)}
    for fact in ctx.facts.links:
        if fact.link.location.line in notice_lines or fold_name(fact.link.text) in publisher.folded_names:
            found.setdefault((fact.link.location, fact.link.evidence), (fact, fact.link.text))
    return sorted(found.values(), key=lambda item: item[0].link.location)


def _misdirected(
    fact: LinkFact, label: str | None, publisher: PublisherIdentity
) -> tuple[str, Category] | None:
    """Why an attribution link fails to reach the original article, or None if it credits another source."""
    text, name = fact.link.text, publisher.display_name
    if fact.placeholder:
        target = fact.target or "empty target"
        return (
            f'The link "{text}" goes nowhere ({target}), not to the original {name} article',
            Category.LINK_TO_ORIGINAL_PLACEHOLDER,
        )
    if publisher.owns_host(fact.host):
        if is_home_page(fact.target):
            return (
                f'The link "{text}" points to the {name} home page, not the article',
                Category.LINK_TO_ORIGINAL_WRONG_TARGET,
            )
        return (
            f'The link "{text}" points to {fact.target}, which is not a {name} article URL',
            Category.LINK_TO_ORIGINAL_WRONG_TARGET,
        )
    if label is None or publisher.named_in(label):
        domains = " or ".join(publisher.domains) or "the publisher's site"
        return (
            f'The link "{text}" points to {fact.host or fact.target}, not to {name} (expected {domains})',
            Category.LINK_TO_ORIGINAL_WRONG_TARGET,
        )
    return None


def _publisher_findings(
    ctx: CheckContext, params: LinkParams, publisher: PublisherIdentity
) -> Iterator[Violation | Evidence]:
    name = publisher.display_name
    domains = " or ".join(publisher.domains) or "the publisher's site"
    reaching = next(
        (
            Evidence(f.link.location, f.link.evidence, f"links to {f.target}")
            for f in ctx.facts.links
            if not f.placeholder and _acceptable(publisher, params, f.target, f.host)
        ),
        None,
    )
    if reaching is None and params.accept_metadata:
        urls = (ctx.facts.original_url, ctx.facts.canonical_url)
        reaching = next(
            (
                Evidence(u.location, f"{u.key}: {u.url}", "original URL in metadata")
                for u in urls
                if u is not None and not u.placeholder and _acceptable(publisher, params, u.url, u.host)
            ),
            None,
        )
    if reaching is not None:
        yield reaching
        return
    fix = f"Link to the original {name} article on {domains}"
    reported = False
    for fact, label in _attribution_links(ctx, publisher):
        judged = _misdirected(fact, label, publisher)
        if judged is None:
            continue  # a link to an upstream source, credited under its own name
        message, category = judged
        reported = True
        link = fact.link
        yield Violation(message, link.location, evidence=link.evidence, fix=fix + ".", category=category)
    if not reported:
        count = len(ctx.facts.links)
        yield Violation(
            f"No link to the original {name} article",
            absent_anchor(ctx.article, ctx.facts),
            evidence=f"{count} link(s) in the body, none to {domains}" if count else "no links in the body",
            fix=fix + ", e.g. on the credit line.",
            category=Category.LINK_TO_ORIGINAL_MISSING,
        )


def _source_findings(ctx: CheckContext) -> Iterator[Violation | Evidence]:
    # a translation notice links to the translators, never to the original
    claim_links = [
        fact
        for claim in visible_claims(ctx.facts)
        if claim.kind is not ClaimKind.TRANSLATED
        for fact in claim.links
    ]
    working = [fact for fact in claim_links if not fact.placeholder]
    if working:
        link = working[0].link
        yield Evidence(link.location, link.evidence, f"source line links to {working[0].target}")
        return
    stated = [
        u for u in (ctx.facts.original_url, ctx.facts.canonical_url) if u and not u.placeholder and u.host
    ]
    stated_hosts = {url.host for url in stated}
    to_original = [f for f in ctx.facts.links if not f.placeholder and f.host in stated_hosts]
    if to_original:
        link = to_original[0].link
        yield Evidence(link.location, link.evidence, f"links to {to_original[0].target}, the original's site")
        return
    fix = "Link the source line to the original article's URL"
    placeholders = [fact for fact in claim_links if fact.placeholder]
    for fact in placeholders:
        yield Violation(
            f'The source link "{fact.link.text}" goes nowhere ({fact.target or "empty target"})',
            fact.link.location,
            evidence=fact.link.evidence,
            fix=fix + ".",
            category=Category.LINK_TO_ORIGINAL_PLACEHOLDER,
        )
    if not placeholders:
        yield Violation(
            "No link to the original article",
            absent_anchor(ctx.article, ctx.facts),
            evidence="no link on a source line, and no body link to the original URL",
            fix=fix + ', e.g. "Originally published at <URL>".',
            category=Category.LINK_TO_ORIGINAL_MISSING,
        )


@check("link-to-original", LinkParams, _LINK_CATEGORIES)
def link_to_original(ctx: CheckContext, params: LinkParams) -> Iterator[Violation | Evidence]:
    """A working link leads readers to the original article (on the publisher's site, if known)."""
    if ctx.publisher is None:
        yield from _source_findings(ctx)
    else:
        yield from _publisher_findings(ctx, params, ctx.publisher)


_IMAGE_TAGS = frozenset({"img", "markdown-image"})


@check("placeholder-links", NoParams, [Category.LINK_PLACEHOLDER])
def placeholder_links(ctx: CheckContext, params: NoParams) -> Iterator[Violation | Evidence]:
    """No link in the body has a placeholder target (``#``, empty, ``javascript:``, unresolved template).

    Links written on a visible claim are left to `link-to-original`, which judges them as the
    link to the original; reporting them here too would say the same thing twice.
    """
    on_claims = {fact.link.location for claim in visible_claims(ctx.facts) for fact in claim.links}
    found = False
    for fact in ctx.facts.links:
        if fact.placeholder and fact.link.kind != "head" and fact.link.location not in on_claims:
            found = True
            link = fact.link
            yield Violation(
                f'The link "{link.text}" has a placeholder target ({fact.target or "empty"})',
                link.location,
                evidence=link.evidence,
                fix="Point the link to its real URL, or remove the link and keep the text.",
            )
    for embed in ctx.facts.embeds:
        if embed.tag in _IMAGE_TAGS and is_placeholder(embed.src):
            found = True
            yield Violation(
                f"An image has a placeholder source ({embed.src or 'empty'})",
                embed.location,
                evidence=embed.evidence,
                fix="Restore the image's real source from the original article, or remove the image.",
            )
    if not found:
        links, images = len(ctx.facts.links), sum(e.tag in _IMAGE_TAGS for e in ctx.facts.embeds)
        summary = f"{links} link(s) and {images} image(s), none with a placeholder target"
        yield Evidence(Location(max(ctx.article.body_line, 1), 1), summary, "every link and image checked")
