"""Build `Provenance` facts and `CheckContext`s by hand, so each check test states only what matters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

import re2

from provenance.checks import REGISTRY
from provenance.checks.base import CheckContext, PublisherIdentity, Violation
from provenance.extract.facts import (
    ClaimKind,
    CopyrightNotice,
    Credit,
    Hop,
    LicenseFact,
    LinkFact,
    Permission,
    Provenance,
    SourceClaim,
    UrlFact,
)
from provenance.model import (
    Article,
    Diagnostic,
    Document,
    Embed,
    Evidence,
    Format,
    Link,
    Location,
    MetaField,
    TextLine,
    Venue,
)
from provenance.validation import validate

TODAY = dt.date(2024, 6, 1)
MARKDOWN_LINK = re2.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")


def host_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def link(text: str, target: str, line: int, column: int = 1, *, evidence: str | None = None) -> LinkFact:
    """A Markdown inline link; placeholder and host judged the simple way the extractor does."""
    evidence = evidence if evidence is not None else f"[{text}]({target})"
    placeholder = target in ("", "#") or target.startswith("javascript:")
    made = Link(text, target, Location(line, column), evidence, "inline")
    return LinkFact(made, target, placeholder, None if placeholder else host_of(target))


def links_in(text: str, line: int) -> tuple[LinkFact, ...]:
    """Every Markdown inline link on one line of text, at its exact column."""
    return tuple(
        link(m.group(1), m.group(2), line, m.start() + 1, evidence=m.group(0))
        for m in MARKDOWN_LINK.finditer(text)
    )


def claim(
    name: str | None = None,
    line: int = 1,
    *,
    kind: ClaimKind = ClaimKind.ORIGINAL_SOURCE,
    url: str | None = None,
    evidence: str = "",
    links: Sequence[LinkFact] = (),
    column: int = 1,
) -> SourceClaim:
    evidence = evidence or f"The original source of this article is {name or url}"
    return SourceClaim(kind, name, url, Location(line, column), evidence, tuple(links))


def credit(
    name: str,
    line: int,
    *,
    role: str = "source",
    evidence: str | None = None,
    links: Sequence[LinkFact] = (),
    visible: bool = True,
) -> Credit:
    return Credit(name, role, Location(line, 1), evidence or f"By {name}", tuple(links), visible)


def notice(
    holders: Sequence[str], line: int, year: int | None = None, evidence: str | None = None
) -> CopyrightNotice:
    text = evidence or f"Copyright © {', '.join(holders)}" + (f", {year}" if year else "")
    return CopyrightNotice(tuple(holders), year, Location(line, 1), text)


def hop(name: str | None, line: int, url: str | None = None, evidence: str | None = None) -> Hop:
    return Hop(name, url, Location(line, 1), evidence or f"publisher: {name}")


def license_fact(
    spdx: str | None, line: int, *, visible: bool = True, origin: str = "sentence", evidence: str = ""
) -> LicenseFact:
    return LicenseFact(spdx, origin, visible, Location(line, 1), evidence or f"license: {spdx}")


def url_fact(url: str, line: int, key: str = "canonical_url") -> UrlFact:
    placeholder = url in ("", "#")
    return UrlFact(url, key, Location(line, 1), placeholder, None if placeholder else host_of(url))


def permission(
    line: int, expires: dt.date | None = None, granted_by: str | None = "Jane Editor"
) -> Permission:
    return Permission("mail-2023-17", granted_by, dt.date(2023, 1, 1), expires, None, Location(line, 1))


def embed(src: str, line: int, tag: str = "img") -> Embed:
    return Embed(tag, src, Location(line, 1), f'<{tag} src="{src}">')


EMPTY = Provenance(
    republished=True,
    claims=(),
    chain=(),
    credits=(),
    authors=(),
    copyrights=(),
    licenses=(),
    links=(),
    embeds=(),
    canonical_url=None,
    original_url=None,
    permission=None,
    modified=None,
    modified_location=None,
)


def facts(**changes: Any) -> Provenance:
    """Facts of a republished article that states nothing, except what `changes` sets."""
    return EMPTY._replace(**changes)


def article(
    lines: Sequence[str] = (),
    *,
    body_line: int = 1,
    fields: Iterable[tuple[str, Any, int]] = (),
    diagnostics: Sequence[Diagnostic] = (),
) -> Article:
    """An article whose body text lines start at `body_line`; `fields` are (key, value, line)."""
    text_lines = tuple(
        TextLine(Location(body_line + offset, 1), MARKDOWN_LINK.sub(r"\1", text))
        for offset, text in enumerate(lines)
        if text.strip()
    )
    document = Document(text_lines, ())
    return Article(
        path="content/post.md",
        format=Format.MARKDOWN,
        metadata={},
        fields=tuple(MetaField(key, value, Location(line, 1)) for key, value, line in fields),
        body="\n".join(lines),
        body_line=body_line,
        parse_body=lambda: document,
        diagnostics=tuple(diagnostics),
    )


def publisher(
    names: Sequence[str] = ("Global Research",),
    domains: Sequence[str] = ("globalresearch.ca",),
    url_patterns: Sequence[str] = (),
    licenses: Sequence[str] = (),
) -> PublisherIdentity:
    compiled = tuple(re2.compile(pattern) for pattern in url_patterns)
    return PublisherIdentity(
        names[0].lower().replace(" ", "-"), tuple(names), tuple(domains), compiled, tuple(licenses)
    )


GLOBAL_RESEARCH = publisher(
    url_patterns=(r"globalresearch\.ca/[^/]+/\d+$", r"index\.php\?context=va&aid=\d+")
)


def context(
    provenance: Provenance = EMPTY,
    *,
    doc: Article | None = None,
    source: PublisherIdentity | None = None,
    venue: Venue = Venue.COMMUNITY,
    known: Iterable[str] = (),
) -> CheckContext:
    known_names = {name.casefold() for name in known}
    return CheckContext(
        article=doc or article(),
        facts=provenance,
        publisher=source,
        venue=venue,
        today=TODAY,
        known_source=lambda name: name.casefold() in known_names,
    )


def run_all(check_name: str, ctx: CheckContext, /, **params: Any) -> list[Violation | Evidence]:
    """Everything the registered check `check_name` yields with `params` validated by its model."""
    spec = REGISTRY[check_name]
    return list(spec.function(ctx, validate(spec.params, params)))


def run(check_name: str, ctx: CheckContext, /, **params: Any) -> list[Violation]:
    """The violations of `check_name` (the evidence of a pass is left out)."""
    return [item for item in run_all(check_name, ctx, **params) if isinstance(item, Violation)]


def evidence(check_name: str, ctx: CheckContext, /, **params: Any) -> list[tuple[int, int, str, str]]:
    """(line, column, text, note) of the evidence `check_name` yields when it passes."""
    return [
        (item.location.line, item.location.column, item.text, item.note)
        for item in run_all(check_name, ctx, **params)
        if isinstance(item, Evidence)
    ]


def where(violations: Sequence[Violation]) -> list[tuple[int, int, str | None, str]]:
    """(line, column, category, evidence) of each violation: what tests compare."""
    return [
        (v.location.line, v.location.column, v.category.value if v.category else None, v.evidence)
        for v in violations
    ]
