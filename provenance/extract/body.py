# ruff: noqa: RUF001  (non-ASCII punctuation and CJK markers are intended)
"""One pass over the visible body lines: attribution claims, bylines, copyright and licence notices.

A cheap combined regex picks the few lines worth a closer look. A claim sentence that a line
break cuts ("... [originally posted][] on" / "the Open Mainframe" / "Project blog.") is read
across up to three following consecutive lines, stopping at a line that starts another notice.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import re2

from provenance.extract.attribution import SENTENCE_END, TRIGGER, Attribution, find_attribution
from provenance.extract.authors import byline_authors
from provenance.extract.copyright import body_notice
from provenance.extract.facts import ClaimKind, CopyrightNotice, Credit, LicenseFact, LinkFact, SourceClaim
from provenance.extract.lazy import LazyPattern
from provenance.extract.license_facts import MENTION, line_licenses
from provenance.extract.links import link_fact
from provenance.model import Document, Link, TextLine

_NOTICE_START = r"^\W{0,3}(?:copyright\b|©|\(c\)|by\s|articles?\s+by|written\s+by|author\s*[:：]|作者|著者)"
_BLOCK_START = LazyPattern("|".join((TRIGGER.pattern, _NOTICE_START)), re.IGNORECASE)
_NOTICE = LazyPattern(_NOTICE_START, re.IGNORECASE)
_LINE_FORMATS = frozenset({ClaimKind.VIA, ClaimKind.TRANSLATED})
_MAX_JOINED = 3


class BodyFacts:
    """What one scan of the body found, collected as it goes (a plain class: cheaper to create)."""

    __slots__ = ("authors", "claims", "copyrights", "licenses")

    def __init__(self) -> None:
        self.claims: list[SourceClaim] = []
        self.authors: list[Credit] = []
        self.copyrights: list[CopyrightNotice] = []
        self.licenses: list[LicenseFact] = []


@cache
def _interesting() -> Any:
    """The RE2 pattern that picks candidate lines (compiled on first use, like the others here)."""
    return re2.compile("(?im)" + "|".join((TRIGGER.pattern, _NOTICE_START, MENTION.pattern)))


def _joins(before: TextLine, after: TextLine, starts: LazyPattern) -> bool:
    """Whether `after` continues the sentence of `before`: the next line, no sentence end between,
    and the line joined to the claim line (`after` going forward, `before` going back) no new notice.
    """
    joined = after if starts is _BLOCK_START else before
    return (
        after.location.line == before.location.line + 1
        and not SENTENCE_END.search(before.text)
        and not starts.search(joined.text)
    )


def _sentence(lines: Sequence[TextLine], index: int) -> tuple[int, int]:
    """The first and last line indexes of the sentence around `lines[index]` (a few lines at most)."""
    first = index
    while first > 0 and index - first < _MAX_JOINED and _joins(lines[first - 1], lines[first], _NOTICE):
        first -= 1
    last = index
    while (
        last + 1 < len(lines)
        and last - index < _MAX_JOINED
        and _joins(lines[last], lines[last + 1], _BLOCK_START)
    ):
        last += 1
    return first, last


def _claim_at(
    lines: Sequence[TextLine], index: int, links: list[LinkFact], metadata: Mapping[str, Any]
) -> tuple[Attribution | None, int]:
    """The claim stated on `lines[index]`, read across the line breaks of its sentence; and its last line."""
    line = lines[index]
    found = find_attribution(line.text, line.location, links)
    if found is not None and found.claim.kind in _LINE_FORMATS:
        return found, index
    first, last = _sentence(lines, index)
    if first == last:
        return found, index
    window = lines[first : last + 1]
    joined_links = [f for item in window for f in (links if item is line else _facts(item, metadata))]
    text = " ".join(item.text.strip() for item in window)
    return find_attribution(text, lines[first].location, joined_links) or found, last


def _facts(line: TextLine, metadata: Mapping[str, Any]) -> list[LinkFact]:
    return [link_fact(link, metadata) for link in line.links]


def _licence_link(link: Link) -> bool:
    target = link.target.lower()
    return "license" in link.rel or "creativecommons.org" in target or "spdx.org/licenses" in target


def _candidates(lines: Sequence[TextLine]) -> list[int]:
    """Indexes of the lines worth a closer look: one RE2 pass over all the visible text.

    The pass reads UTF-8 bytes, so that RE2 has no offsets to map back to characters.
    """
    encoded = [line.text.encode() for line in lines]
    starts = [0]
    for text in encoded:
        starts.append(starts[-1] + len(text) + 1)
    joined = b"\n".join(encoded)
    found = {bisect_right(starts, match.start()) - 1 for match in _interesting().finditer(joined)}
    found.update(i for i, line in enumerate(lines) if line.links and any(map(_licence_link, line.links)))
    return sorted(found)


def scan_body(document: Document, metadata: Mapping[str, Any]) -> BodyFacts:
    """Every body fact stated on the visible lines of `document`."""
    facts = BodyFacts()
    lines = document.lines
    claimed_through = -1
    for index in _candidates(lines):
        line = lines[index]
        text = line.text
        links = _facts(line, metadata)
        if index > claimed_through and TRIGGER.search(text):
            found, last = _claim_at(lines, index, links, metadata)
            if found is not None:
                claimed_through = last
                facts.claims.append(found.claim)
                if found.author:
                    claim = found.claim
                    facts.authors.append(
                        Credit(found.author, "author", claim.location, claim.evidence, claim.links)
                    )
        notice = body_notice(text, line.location)
        if notice is not None:
            facts.copyrights.append(notice)
        facts.licenses += line_licenses(text, line.location, links)
        facts.authors += byline_authors(text, index, line.location, links)
    return facts
