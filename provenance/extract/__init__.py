"""Extractors: derive `Provenance` facts from an `Article`. No policy knowledge.

Entry point: `extract(article, options) -> Provenance`. Whether the article is republished is
decided cheaply first, from metadata and one regex over the raw body; only a republished
article has its body parsed (`article.document`). The site's own articles get metadata facts only.
"""

from __future__ import annotations

from typing import NamedTuple

from provenance.extract.attribution import header_facts, may_claim
from provenance.extract.authors import metadata_authors
from provenance.extract.body import BodyFacts, scan_body
from provenance.extract.chain import build_chain
from provenance.extract.copyright import holder_names, metadata_notice, year_of
from provenance.extract.facts import (
    ClaimKind,
    CopyrightNotice,
    Credit,
    LicenseFact,
    LinkFact,
    Provenance,
    SourceClaim,
)
from provenance.extract.jsonld import jsonld_facts
from provenance.extract.license_facts import metadata_licenses
from provenance.extract.links import link_fact
from provenance.extract.permission import modified, noindex, permission
from provenance.extract.sources import metadata_sources
from provenance.extract.vocabulary import MetaView
from provenance.model import Article, Embed

__all__ = ["ExtractOptions", "extract"]

_BODY_KINDS = frozenset(
    {
        ClaimKind.ORIGINAL_SOURCE,
        ClaimKind.ORIGINALLY_PUBLISHED,
        ClaimKind.REPUBLISHED_FROM,
        ClaimKind.APPEARED_FIRST,
        ClaimKind.VIA,
        ClaimKind.TRANSLATED,
    }
)


class ExtractOptions(NamedTuple):
    """What extraction needs to know about the republishing site."""

    site_hosts: frozenset[str] = frozenset()  # hosts of the republishing site itself (lower-case, no www.)


_DEFAULT_OPTIONS = ExtractOptions()


def _metadata_copyrights(view: MetaView) -> list[CopyrightNotice]:
    notices = [n for f in view.find_all("copyright") if (n := metadata_notice(f.value, f.location))]
    holder = view.find("copyright_holder")
    year = view.find("copyright_year")
    holders = holder_names(holder.value) if holder else ()
    year_value = year_of(year.value) if year else None
    if holders or year_value is not None:
        anchor = holder or year
        if anchor is not None:
            evidence = ", ".join((*holders, *([str(year_value)] if year_value else [])))
            notices.append(CopyrightNotice(holders, year_value, anchor.location, evidence))
    return notices


def _credit_lines(view: MetaView) -> list[Credit]:
    return [
        Credit(f.value.strip(), "credit-line", f.location, f.value, (), visible=False)
        for f in view.find_all("credit")
        if isinstance(f.value, str) and f.value.strip()
    ]


def _unique(credits: list[Credit]) -> tuple[Credit, ...]:
    seen: set[tuple[str, str, bool]] = set()
    kept = []
    for credit in credits:
        key = (credit.name.casefold(), credit.role, credit.visible)
        if key not in seen:
            seen.add(key)
            kept.append(credit)
    return tuple(kept)


def _source_credits(claims: list[SourceClaim]) -> list[Credit]:
    return [
        Credit(c.name, "source", c.location, c.evidence, c.links, visible=c.kind in _BODY_KINDS)
        for c in claims
        if c.name
    ]


def _holder_credits(notices: list[CopyrightNotice], visible: bool) -> list[Credit]:
    return [
        Credit(h, "copyright-holder", n.location, n.evidence, (), visible) for n in notices for h in n.holders
    ]


def extract(article: Article, options: ExtractOptions = _DEFAULT_OPTIONS) -> Provenance:
    """Everything `article` states about where it came from. Never raises on odd metadata."""
    view = MetaView(article)
    sources = metadata_sources(view, options.site_hosts)
    structured = jsonld_facts(article, view) if article.jsonld else None
    claims = list(sources.claims) + (structured.claims if structured else [])
    body = article.body if isinstance(article.body, str) else ""
    header_claims, header_authors = header_facts(body, article.body_line)
    claims += header_claims
    scanned = BodyFacts()
    links: tuple[LinkFact, ...] = ()
    embeds: tuple[Embed, ...] = ()
    if claims or may_claim(body):
        document = article.document
        scanned = scan_body(document, view.metadata)
        if claims or scanned.claims:
            links = tuple(link_fact(link, view.metadata) for link in document.links)
            embeds = document.embeds
        else:
            scanned = BodyFacts()
    claims += scanned.claims
    republished = bool(claims)
    authors = metadata_authors(view) + (structured.authors if structured else []) + scanned.authors
    authors += [
        Credit(n, "author", loc, ev, (), visible=False) for n, loc, ev in header_authors if republished
    ]
    meta_notices = _metadata_copyrights(view) + (structured.copyrights if structured else [])
    licenses: list[LicenseFact] = metadata_licenses(view) + (structured.licenses if structured else [])
    licenses += scanned.licenses
    credits = (
        authors
        + _source_credits(claims)
        + _holder_credits(meta_notices, visible=False)
        + _holder_credits(scanned.copyrights, visible=True)
        + _credit_lines(view)
        + (structured.credit_lines if structured else [])
    )
    modified_flag, modified_location = modified(view)
    return Provenance(
        republished=republished,
        claims=tuple(claims),
        chain=build_chain(claims, sources.chain, structured.chain if structured else ()),
        credits=_unique(credits),
        authors=_unique(authors),
        copyrights=tuple(meta_notices + scanned.copyrights),
        licenses=tuple(licenses),
        links=links,
        embeds=embeds,
        canonical_url=sources.canonical,
        original_url=sources.original,
        permission=permission(view),
        modified=modified_flag,
        modified_location=modified_location,
        noindex=noindex(view),
    )
