# ruff: noqa: RUF001  (non-ASCII punctuation and CJK markers are intended)
"""Attribution lines in the body ("The original source of this article is X", "via: URL", ...).

Only generic phrasing, no publisher names. `TRIGGER` is the cheap pre-test over the raw body: an
article whose body never matches it cannot hold a body claim, so its body is never parsed. The
patterns that read body lines are compiled on first use (`LazyPattern`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import re2

from provenance.extract.facts import ClaimKind, LinkFact, SourceClaim
from provenance.extract.lazy import LazyPattern
from provenance.extract.links import looks_like_url
from provenance.extract.names import clean_name, publisher_name
from provenance.model import Location

TRIGGER = LazyPattern(
    r"original source of th|(?:originally|first)\s+(?:published|appeared|posted|ran|printed)"
    r"|appeared\s+first|re-?published|reprinted|reproduced\s+(?:here\s+)?(?:with|from)"
    r"|\bvia\s*[:：]|^\W{0,3}via\s+https?:|^\W{0,3}source\s*[:：]|原文|来源|出处|本文由|この記事",
    re.IGNORECASE | re.MULTILINE,
)
# The same test in RE2 (linear time, ~10x faster than `re` on a 6 KB body): the cheap pre-test.
TRIGGER_FAST = re2.compile("(?im)" + TRIGGER.pattern)


def may_claim(body: str) -> bool:
    """Whether `body` matches `TRIGGER` anywhere: only then can it hold a body claim.

    RE2 is given the UTF-8 bytes: on a `str` it maps match offsets back to characters, which
    costs more than the search itself on a long body.
    """
    return TRIGGER_FAST.search(body.encode()) is not None


_SUBJECT = (
    r"(?:this|the)\s+(?:article|story|post|piece|essay|commentary|report|interview|column|op-ed"
    r"|blog\s+post|text|content|version)"
)
_PERMISSION = r"(?:with\s+(?:the\s+)?(?:kind\s+)?permission\s+)?"
_PATTERNS: tuple[tuple[ClaimKind, LazyPattern], ...] = tuple(
    (kind, LazyPattern(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            ClaimKind.ORIGINAL_SOURCE,
            r"\bthe\s+original\s+source\s+of\s+this\s+(?:article|story|post|piece|report|text|content)"
            r"\s+is\s*:?\s*(?P<name>.*)",
        ),
        (
            ClaimKind.ORIGINALLY_PUBLISHED,
            rf"\b{_SUBJECT}\b(?:\s+by\s+(?P<author>.+?))?\s+(?:(?:was|is|has\s+been|had\s+been|were)\s+)?"
            r"(?:(?:originally|first)\s+(?:published|appeared|posted|ran|printed))\b"
            r"(?:\s+(?:on|by|at|in|to|with)\b)?\s*(?P<name>.*)",
        ),
        (
            ClaimKind.ORIGINALLY_PUBLISHED,
            r"^(?:originally|first)\s+(?:published|appeared|posted)\s+(?:on|by|at|in|to)\s+(?P<name>.*)",
        ),
        (
            ClaimKind.APPEARED_FIRST,
            r"\b(?:this|the)\s+(?:post|article|story|entry)\b.*?\bappeared\s+first\s+(?:on|at|in)\s+(?P<name>.*)",
        ),
        (
            ClaimKind.REPUBLISHED_FROM,
            rf"\b{_SUBJECT}\s+(?:is|was|has\s+been|are|were)\s+(?:being\s+)?"
            rf"(?:re-?published|reprinted|reproduced)\s+(?:here\s+)?{_PERMISSION}(?:from|of)\s+(?P<name>.*)",
        ),
        (
            ClaimKind.REPUBLISHED_FROM,
            rf"^(?:re-?published|reprinted|reproduced)\s+(?:here\s+)?{_PERMISSION}(?:from|of)\s+(?P<name>.*)",
        ),
        (ClaimKind.TRANSLATED, r"本文由\s*\S.*?(?:原创|组织)?(?:编译|翻译)"),
        (
            ClaimKind.VIA,
            r"^\[?(?:via|source|来源于?|原文(?:链接|地址)?|出处)\s*[:：]\s*(?P<name>.*)|^via\s+(?P<url>https?://\S+)",
        ),
    )
)
# OTel's Japanese translations ("この記事は ... もともと/最初に/当初 ... 投稿/掲載"); "にも" = "also".
# RE2: its two lazy ".*?" stay linear on a line full of この記事 (Python's re is quadratic there).
_JAPANESE = re2.compile(r"この記事.*?(?:もともと|元々|最初に|当初|オリジナル|原文).*?(?:投稿|掲載)")
_JAPANESE_ALSO = LazyPattern(r"にも(?:掲載|投稿)")
_JAPANESE_NAME = LazyPattern(r"(?P<name>[A-Za-z][A-Za-z0-9 .&'’-]*?)\s*(?:の\s*)?(?:ブログ|Blog\b)")
_NAME_END = LazyPattern(
    r"\s+and\s+(?:is|was|has\s+been)\s+re-?published\b|\s+under\s+(?:a|the)\b|\s+with\s+permission\b"
    r"|(?<=[^\s.A-Z])\.(?:\s|$)|[。！？]|\s+(?:copyright\b|©)|\s+[-–—|]\s+|\s+\(?read\b|\s+(?:at\s+)?https?://",
    re.IGNORECASE,
)
_QUOTED = LazyPattern(r'^\s*(?:"(?P<a>[^"]+)"|“(?P<b>[^”]+)”|«(?P<c>[^»]+)»)')
_MARKUP_EDGES = " \t*_>"
_BARE_URL = LazyPattern(r"https?://\S+")
SENTENCE_END = LazyPattern(r"[.!?。！？][\s*_\"”)]*$")


class Attribution(NamedTuple):
    """A claim found on a body line, with the author it credits in passing ("This story by A ...")."""

    claim: SourceClaim
    author: str | None


def _name_region(text: str) -> str:
    quoted = _QUOTED.match(text)
    if quoted:
        return quoted.group("a") or quoted.group("b") or quoted.group("c")
    end = _NAME_END.search(text)
    return text[: end.start()] if end else text


def _name_and_url(
    region: str, rest: str, links: Sequence[LinkFact], kind: ClaimKind
) -> tuple[str | None, str | None]:
    stripped = region.lstrip(" \"“«'‘[")
    named = next((f for f in links if f.link.text and stripped.startswith(f.link.text.strip())), None)
    usable = [f for f in links if not f.placeholder]
    url = named.target if named and not named.placeholder else (usable[0].target if usable else None)
    if url is None and (bare := _BARE_URL.search(rest)):
        url = bare.group(0).rstrip(".,;)")
    if named is not None:
        name = None if looks_like_url(named.link.text) else clean_name(named.link.text)
        return name, url
    if looks_like_url(region):
        return None, url or region.split()[0]
    name = publisher_name(region) if kind is ClaimKind.ORIGINALLY_PUBLISHED else clean_name(region)
    return name, url


def find_attribution(text: str, location: Location, links: Sequence[LinkFact]) -> Attribution | None:
    """The claim stated by one (possibly joined) line of visible text, if it states one."""
    line = text.strip(_MARKUP_EDGES)
    for kind, pattern in _PATTERNS:
        match = pattern.search(line)
        if match is None:
            continue
        groups = match.groupdict()
        if kind is ClaimKind.TRANSLATED:
            return Attribution(SourceClaim(kind, None, None, location, line, tuple(links)), None)
        if groups.get("url"):
            claim = SourceClaim(kind, None, groups["url"], location, line, tuple(links))
            return Attribution(claim, None)
        rest = groups.get("name") or ""
        name, url = _name_and_url(_name_region(rest), rest, links, kind)
        author = clean_name(groups["author"]) if groups.get("author") else None
        return Attribution(SourceClaim(kind, name, url, location, line, tuple(links)), author)
    if _JAPANESE.search(line) and not _JAPANESE_ALSO.search(line):
        found = _JAPANESE_NAME.search(line)
        name = clean_name(found.group("name")) if found else None
        url = next((f.target for f in links if not f.placeholder), None)
        claim = SourceClaim(ClaimKind.ORIGINALLY_PUBLISHED, name, url, location, line, tuple(links))
        return Attribution(claim, None)
    return None


_HEADER = LazyPattern(
    r"^\[#\]:[ \t]*(?P<field>via|author)[ \t]*:?[ \t]*[\"(<]?(?P<value>[^\")>\n]*)", re.MULTILINE
)
_URL_IN_TEXT = LazyPattern(r"\s*https?://\S+")


def header_facts(body: str, body_line: int) -> tuple[list[SourceClaim], list[tuple[str, Location, str]]]:
    """LCTT's ``[#]: via: "URL"`` / ``[#]: author: "Name URL"`` reference-definition headers."""
    claims: list[SourceClaim] = []
    authors: list[tuple[str, Location, str]] = []
    if "[#]:" not in body:
        return claims, authors
    for match in _HEADER.finditer(body):
        value = match.group("value").strip()
        if not value:
            continue
        location = Location(body_line + body.count("\n", 0, match.start()), 1)
        end = body.find("\n", match.start())
        evidence = body[match.start() : end if end >= 0 else len(body)].rstrip("\r")
        if match.group("field") == "via":
            url = value if looks_like_url(value) else None
            claims.append(
                SourceClaim(ClaimKind.VIA, None if url else clean_name(value), url, location, evidence)
            )
        else:
            name = clean_name(_URL_IN_TEXT.sub("", value))
            if name:
                authors.append((name, location, evidence))
    return claims, authors
