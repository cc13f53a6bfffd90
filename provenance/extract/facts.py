"""Provenance facts derived from one article: what it credits, links, licenses and claims.

Extractors fill these; checks read them. No policy knowledge lives here: a fact says what the
article states and where, never whether that is enough.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import NamedTuple

from provenance.model import Embed, Link, Location


class ClaimKind(StrEnum):
    """How an article says it came from elsewhere."""

    ORIGINAL_SOURCE = "original-source"  # "The original source of this article is X"
    ORIGINALLY_PUBLISHED = (
        "originally-published"  # "originally published on/by/at X", "originally appeared on X"
    )
    REPUBLISHED_FROM = (
        "republished-from"  # "This article is republished from X under a Creative Commons license"
    )
    APPEARED_FIRST = "appeared-first"  # "This post appeared first on X"
    VIA = "via"  # "via: URL"
    TRANSLATED = "translated"  # a translation notice (e.g. LCTT's 原创编译) without a named source
    METADATA = "metadata"  # front matter: source / original_url / external_url / provenance ...
    HTML_META = "html-meta"  # <meta name=original-source|syndication-source|DC.source>
    JSONLD = "jsonld"  # schema.org isBasedOn
    CANONICAL = "canonical"  # a canonical URL that points to another site


class LinkFact(NamedTuple):
    """A link with its policy-free judgements: placeholder or not, and the host it points to.

    `target` is the destination after resolving site templates that the front matter can answer
    (Hugo ``{{% param canonical_url %}}``); `placeholder` is true for ``#``, empty, ``javascript:``,
    ``about:blank`` and templates that stay unresolved. `host` is lower-case without ``www.``.
    """

    link: Link
    target: str
    placeholder: bool
    host: str | None


class SourceClaim(NamedTuple):
    """One statement that the article comes from elsewhere, with the name and/or URL it gives.

    Claims of kind METADATA, HTML_META, JSONLD and CANONICAL are not visible to readers.
    """

    kind: ClaimKind
    name: str | None
    url: str | None
    location: Location
    evidence: str
    links: tuple[LinkFact, ...] = ()  # links written on the claim itself (may be placeholders)


class Credit(NamedTuple):
    """A name credited somewhere: a byline, an author field, a source credit, a copyright holder."""

    name: str
    role: str  # "author" | "source" | "copyright-holder" | "credit-line"
    location: Location
    evidence: str
    links: tuple[LinkFact, ...] = ()
    visible: bool = True  # shown to readers (body text) rather than stated in metadata only


class CopyrightNotice(NamedTuple):
    """A copyright notice: its holders and year as far as they can be read."""

    holders: tuple[str, ...]
    year: int | None
    location: Location
    evidence: str


class LicenseFact(NamedTuple):
    """A licence statement. `spdx` is None when the licence cannot be identified."""

    spdx: str | None
    origin: str  # "metadata" | "url" | "sentence" | "html-link" | "jsonld"
    visible: bool  # shown to readers (body text/link) rather than metadata only
    location: Location
    evidence: str
    url: str | None = None


class UrlFact(NamedTuple):
    """A URL stated in metadata (canonical, original), with where it was stated."""

    url: str
    key: str
    location: Location
    placeholder: bool
    host: str | None


class Hop(NamedTuple):
    """One step of the upstream chain. Chains are ordered origin first, direct source last."""

    name: str | None
    url: str | None
    location: Location
    evidence: str


class Permission(NamedTuple):
    """A recorded permission to republish (front matter ``permission:``)."""

    reference: str | None
    granted_by: str | None
    date: dt.date | None
    expires: dt.date | None
    scope: str | None
    location: Location


class Provenance(NamedTuple):
    """Everything an article states about where it came from."""

    republished: bool
    claims: tuple[SourceClaim, ...]
    chain: tuple[Hop, ...]
    credits: tuple[Credit, ...]
    authors: tuple[Credit, ...]
    copyrights: tuple[CopyrightNotice, ...]
    licenses: tuple[LicenseFact, ...]
    links: tuple[LinkFact, ...]
    embeds: tuple[Embed, ...]
    canonical_url: UrlFact | None
    original_url: UrlFact | None
    permission: Permission | None
    modified: bool | None
    modified_location: Location | None
    noindex: bool = False  # robots noindex declared (front matter `robots`/`noindex`, meta robots)

    @property
    def sources(self) -> tuple[str, ...]:
        """Named sources, direct source first, then further upstream (no duplicates)."""
        seen: dict[str, None] = {}
        for hop in reversed(self.chain):
            if hop.name and hop.name.casefold() not in {s.casefold() for s in seen}:
                seen[hop.name] = None
        return tuple(seen)

    @property
    def license(self) -> str | None:
        """The first identified SPDX licence id the article declares, if any."""
        for item in self.licenses:
            if item.spdx:
                return item.spdx
        return None
