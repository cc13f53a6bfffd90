"""A fast path for plain Markdown bodies: paragraphs, headings and bullet items of text, emphasis,
links, images, comments.

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
# (a "#" only as an ATX heading, a "<" only as a whole-line comment, see `_content`; a "*" or
# "_" that opens no emphasis is refused as text), and an ordered-list marker.
_BLOCK_START = "#>-+=~<`"
# A paragraph line directly under a list item continues it, a list item directly under a
# paragraph line may not start a list (nor be read alone): both are left to markdown-it.
_LAZY = {("item", "paragraph"), ("paragraph", "item")}
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
# `_INLINE` plus emphasis or strong emphasis of plain text, only where CommonMark's flanking
# rules read it so whatever else is on the line: the opening run after the start, a space or
# punctuation, the closing run before the end, a space or punctuation, no "*" or "_" inside (no
# nesting), no space just inside. markdown.py keeps the text and drops the delimiters.
# `_PUNCTUATION`: ASCII punctuation but "*" and "_", then curly quotes, CJK brackets and
# full-width punctuation, dashes, ellipsis and middle dot (all punctuation to markdown-it).
_PUNCTUATION = (
    "!\"#$%&'()+,-./:;<=>?@[\\]^`{|}~\u201c\u201d\u2018\u2019\u300c\u300d\u300e\u300f\u300a\u300b"
    "\u3010\u3011\u3001\u3002\uff08\uff09\uff0c\uff1a\uff1b\uff01\uff1f\u2014\u2013\u2026\u00b7"
)
_AROUND = f"[ {re.escape(_PUNCTUATION)}]"  # what may stand before an opening run, after a closing one
_NOT_AROUND = f"[^ {re.escape(_PUNCTUATION)}]"  # checked just after the run's first character
_STRESSED = r"[^\s\[\]\\`*_<>&]"
_EMPHASIS = re.compile(
    rf"{_INLINE.pattern}|(?P<run>\*(?<!{_NOT_AROUND}\*)\*?|_(?<!{_NOT_AROUND}_)_?)"
    rf"(?P<stressed>{_STRESSED}(?:[^\[\]\\`*_<>&]*{_STRESSED})?)(?P=run)(?={_AROUND}|$)"
)
# Outside links, characters some inline rule acts on: brackets, escapes, code spans, emphasis,
# autolinks and raw HTML, entities (and "://", a bare URL, checked apart: it is faster). A "_"
# between letters or digits ("user_name") neither opens nor closes emphasis: it is text. Only
# lines with "*" or "_" pay for `_NOT_SNAKE_TEXT`'s slower search; `_NOT_TEXT` serves the rest.
_NOT_TEXT = re.compile(r"[\[\]\\`*<>&]")
_NOT_SNAKE_TEXT = re.compile(r"[\[\]\\`*<>&]|_(?:(?<!\w_)|(?!\w))")


def parse_plain_markdown(body: str, body_line: int) -> Document | None:
    """The body's `Document` if it is plain paragraphs, headings, bullet items and comments, else None."""
    if any(character in body for character in _NOT_IN_BODY):
        return None
    lines: list[TextLine] = []
    links: list[Link] = []
    embeds: list[Embed] = []
    above = ""  # what the line above is: "" (blank), "paragraph", "item" or "other"
    for row, raw in enumerate(body.split("\n")):
        if not raw:
            above = ""
            continue
        content = _content(raw)
        if content is None:
            return None
        kind, column, start, end = content
        if (above, kind) in _LAZY:
            return None
        above = kind
        line = _inline(raw, column, start, end, body_line + row, embeds)
        if line is None:
            return None
        if line.text or line.links:
            lines.append(line)
            links.extend(line.links)
    return Document(tuple(lines), tuple(links), tuple(embeds))


def _content(raw: str) -> tuple[str, int, int, int] | None:
    """What `raw` is (a paragraph line, a bullet list item, or "other": a heading or comment),
    the column of its inline content and the span of `raw` to read as text and links; None for
    any other line."""
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
        return "other", start + 1, start, len(raw)
    if first == "<":
        return ("other", 1, len(raw), len(raw)) if _WHOLE_COMMENT.fullmatch(raw) else None
    if first in "-+*" and raw[1:2] == " ":  # a bullet list item: "- " and a paragraph line
        item = _content(raw[2:]) if len(raw) > 2 else None
        if item is None or item[0] != "paragraph":
            return None  # empty, or a heading, list, quote... inside the item
        return "item", 3, item[2] + 2, item[3] + 2
    if first in _BLOCK_START or (first.isdigit() and _ORDERED_LIST.match(raw) is not None):
        return None
    if first == "*" and _emphasised(raw):  # emphasis around the whole line, links and all
        return "paragraph", 1, 1, len(raw) - 1
    return "paragraph", 1, 0, len(raw)


def _emphasised(raw: str) -> bool:
    """True if `raw` is "*text*" with no other "*" or "_" (no nesting), no space just inside."""
    inner = raw[1:-1]
    if raw[-1] != "*" or not inner or inner[0].isspace() or inner[-1].isspace():
        return False
    return "*" not in inner and "_" not in inner


def _inline(raw: str, column: int, start: int, end: int, line: int, embeds: list[Embed]) -> TextLine | None:
    """The text and links of `raw[start:end]` (its images go to `embeds`), or None."""
    parts: list[str] = []
    links: list[Link] = []
    if "*" in raw or "_" in raw:
        pattern, not_text = _EMPHASIS, _NOT_SNAKE_TEXT
    else:
        pattern, not_text = (_INLINE if "!" in raw or "<" in raw else _LINKS), _NOT_TEXT
    for match in pattern.finditer(raw, start, end):
        between = raw[start : match.start()]
        if not _is_text(between, not_text):
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
        elif kind in ("text", "stressed"):
            text = match.group(kind) if kind == "stressed" else match.group()
            if "://" in text:
                return None  # a bare URL
            parts.append(text)
    rest = raw[start:end]
    if not _is_text(rest, not_text):
        return None
    parts.append(rest)
    return TextLine(Location(line, column), " ".join("".join(parts).split()), tuple(links))


def _is_text(text: str, not_text: re.Pattern[str]) -> bool:
    """True if no inline rule of CommonMark (or of our bare-URL rule) acts on `text`, `not_text`
    (`_NOT_SNAKE_TEXT` for a line with "_" or "*", else `_NOT_TEXT`) finding the characters."""
    return not_text.search(text) is None and "://" not in text
