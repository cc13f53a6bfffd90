"""A fast path for plain Markdown bodies: paragraphs and headings of text, links, images, comments.

Most republished bodies are just that. For a body made only of constructs this module fully
understands it returns exactly the `Document` that `markdown.parse_markdown` would build; for
anything else it returns None and the caller falls back to the full parser. Every rule below
errs towards None: a refusal costs a slower parse, a wrong acceptance would change findings.
tests/test_markdown_plain.py proves the equality on real and generated bodies.
"""

from __future__ import annotations

import re

from provenance.model import Document, Embed, Link, Location, TextLine
from provenance.readers.html_tags import shorten

# Characters that make CommonMark read a body other than as lines of paragraphs: a tab, CR or
# NUL changes how lines are split or indented, a "|" may start a table (even inside a paragraph).
_NOT_IN_BODY = ("\t", "\r", "\x00", "|")
# First characters of a line that may open a heading, quote, list, rule, fence or HTML block
# (a "#" only as an ATX heading, a "<" only as a whole-line comment, a "*" only as emphasis of
# the whole line, see `_content`), and an ordered-list marker.
_BLOCK_START = "#>-+=_~<`"
_ORDERED_LIST = re.compile(r"[0-9]+[.)]")
# "#" to "######", then spaces or the end of the line: an ATX heading.
_HEADING = re.compile(r"#{1,6}(?: +|$)")
# An HTML comment that every CommonMark version and `html.parser` read alike: no "--", "<" or ">"
# inside, not empty. markdown-it makes it an html_inline token, or an html_block alone on a line;
# markdown.py takes no text, link or embed from either.
_COMMENT = r"<!--(?:[^<>\-\n]|-(?=[^<>\-\n]))+-->"
_WHOLE_COMMENT = re.compile(_COMMENT)
# An inline link whose label is plain text and whose destination markdown-it takes as written (no
# escape, entity, space, parenthesis or angle bracket) and validates (no scheme but http(s)), or
# plain text in brackets that is no link (a body read here has no definitions); `_INLINE` adds an
# image and an HTML comment. Lines with neither "!" nor "<" (most) use `_LINKS`: `re` finds its
# one first character much faster than any of three. `match.lastgroup` tells which matched.
_LABEL = r"[^\[\]\\`*_<>&!\n]+"
_TARGET = r"(?:https?://)?[^\x00-\x20\x7f\s()<>\\&\"'\[\]`:]+"
_BRACKETS = rf"\[(?:(?P<label>{_LABEL})\]\((?P<link>{_TARGET})\)|(?P<text>{_LABEL})\](?![(\[:]))"
_LINKS = re.compile(_BRACKETS)
_INLINE = re.compile(rf"{_BRACKETS}|!\[{_LABEL}\]\((?P<image>{_TARGET})\)|{_COMMENT}")
# Outside links, characters some inline rule acts on: brackets, escapes, code spans, emphasis,
# autolinks and raw HTML, entities (and "://", a bare URL, checked apart: it is faster).
_NOT_TEXT = re.compile(r"[\[\]\\`*_<>&]")


def parse_plain_markdown(body: str, body_line: int) -> Document | None:
    """The body's `Document` if it is plain paragraphs, headings and comments, else None."""
    if any(character in body for character in _NOT_IN_BODY):
        return None
    lines: list[TextLine] = []
    links: list[Link] = []
    embeds: list[Embed] = []
    for row, raw in enumerate(body.split("\n")):
        if not raw:
            continue
        content = _content(raw)
        if content is None:
            return None
        line = _inline(raw, *content, body_line + row, embeds)
        if line is None:
            return None
        if line.text or line.links:
            lines.append(line)
            links.extend(line.links)
    return Document(tuple(lines), tuple(links), tuple(embeds))


def _content(raw: str) -> tuple[int, int, int] | None:
    """Column of a paragraph line's, heading's or comment line's inline content, and the span
    of `raw` to read as text and links; None for any other line."""
    first = raw[0]
    if first.isspace() or raw[-1].isspace():
        return None  # indented code, a hard break, a line of spaces (not blank to CommonMark)
    if first == "#":
        heading = _HEADING.match(raw)
        if heading is None:
            return None  # "#tag" is text, "####### a" too
        start = heading.end()
        if start < len(raw) and (raw[-1] == "#" or raw[start].isspace()):
            return None  # a closing "#" sequence, or content that markdown-it strips further
        return start + 1, start, len(raw)
    if first == "<":
        return (1, len(raw), len(raw)) if _WHOLE_COMMENT.fullmatch(raw) else None
    if first in _BLOCK_START or (first.isdigit() and _ORDERED_LIST.match(raw) is not None):
        return None
    if first == "*":  # "*text*": emphasis around the whole line, which adds no text of its own
        if len(raw) < 3 or raw[-1] != "*" or raw[1].isspace() or raw[-2].isspace():
            return None  # "* item" is a list item
        return 1, 1, len(raw) - 1
    return 1, 0, len(raw)


def _inline(raw: str, column: int, start: int, end: int, line: int, embeds: list[Embed]) -> TextLine | None:
    """The text and links of `raw[start:end]` (its images go to `embeds`), or None."""
    parts: list[str] = []
    links: list[Link] = []
    pattern = _INLINE if "!" in raw or "<" in raw else _LINKS
    for match in pattern.finditer(raw, start, end):
        between = raw[start : match.start()]
        if not _is_text(between):
            return None
        parts.append(between)
        start = match.end()
        kind = match.lastgroup
        location = Location(line, match.start() + 1)
        if kind == "link":
            label = match.group("label")
            parts.append(label)
            evidence = shorten(match.group())
            links.append(Link(" ".join(label.split()), match.group("link"), location, evidence, "inline"))
        elif kind == "image":  # its alt text is not text of the line
            embeds.append(Embed("markdown-image", match.group("image"), location, shorten(match.group())))
        elif kind == "text":
            if "://" in match.group():
                return None  # a bare URL
            parts.append(match.group())
    rest = raw[start:end]
    if not _is_text(rest):
        return None
    parts.append(rest)
    return TextLine(Location(line, column), " ".join("".join(parts).split()), tuple(links))


def _is_text(text: str) -> bool:
    """True if no inline rule of CommonMark (or of our bare-URL rule) acts on `text`."""
    return _NOT_TEXT.search(text) is None and "://" not in text
