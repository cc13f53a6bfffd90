# ruff: noqa: RUF001, RUF002  (non-ASCII punctuation and CJK markers are intended)
"""Authors: front-matter/HTML/JSON-LD author values and body bylines ("By X", "作者：X")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from provenance.extract.facts import Credit, LinkFact
from provenance.extract.lazy import LazyPattern
from provenance.extract.names import clean_name, split_names
from provenance.extract.vocabulary import MetaView
from provenance.model import Location

_MARKDOWN_LINK = LazyPattern(r"\[(?P<text>[^\[\]]+)\]\([^()]*\)")  # no "[" or "(" inside: linear
# Body bylines: compiled on first use (most articles never have their body scanned).
_BYLINE = LazyPattern(r"^(?:By|BY)\s+(?P<names>\S.*)")
_LABELLED = LazyPattern(
    r"^(?:articles?\s+by|written\s+by|author|作者|著者)\s*[:：]\s*(?P<names>\S.*)", re.IGNORECASE
)
_NAME_LIKE = LazyPattern(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:[,&]|\band\b|$)")
BYLINE_WINDOW = 8  # "By X" counts as a byline only among the first visible lines


def names_in_value(value: Any) -> list[str]:
    """Author names in a metadata value: a string (Markdown links allowed), a list, or {name: ...}."""
    if isinstance(value, str):
        linked = [m.group("text") for m in _MARKDOWN_LINK.finditer(value)]
        if linked:
            return [n for text in linked if (n := clean_name(text))]
        return split_names(value)
    if isinstance(value, dict):
        return names_in_value(value.get("name"))
    if isinstance(value, list | tuple):
        return [name for item in value for name in names_in_value(item)]
    return []


def metadata_authors(view: MetaView) -> list[Credit]:
    """Authors stated in front matter or HTML meta (not visible to readers)."""
    credits: list[Credit] = []
    seen: set[str] = set()
    for found in view.find_all("author"):
        for name in names_in_value(found.value):
            if name.casefold() not in seen:
                seen.add(name.casefold())
                credits.append(Credit(name, "author", found.location, str(found.value), (), visible=False))
    return credits


def byline_authors(text: str, index: int, location: Location, links: Sequence[LinkFact]) -> list[Credit]:
    """Authors credited by a visible line: "By X" near the top, "Articles by: X", "作者：X"."""
    line = text.strip(" \t*_>")
    labelled = _LABELLED.match(line)
    match = labelled or (_BYLINE.match(line) if index < BYLINE_WINDOW else None)
    if match is None:
        return []
    region = match.group("names")
    linked = [f for f in links if f.link.text and f.link.text in region]
    if labelled is None and not linked and not _NAME_LIKE.match(region):
        return []  # "By contrast, ...", "By simply copying ..." are prose, not bylines
    names = [n for f in linked if (n := clean_name(f.link.text))] if linked else split_names(region)
    return [
        Credit(name, "author", location, line, tuple(f for f in linked if clean_name(f.link.text) == name))
        for name in names
    ]
