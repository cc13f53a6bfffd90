"""A fast path for plain Markdown bodies: paragraphs of text with inline links, no markdown-it.

Most republished bodies are just that. For a body made only of constructs this module fully
understands it returns exactly the `Document` that `markdown.parse_markdown` would build; for
anything else it returns None and the caller falls back to the full parser. Every rule below
errs towards None: a refusal costs a slower parse, a wrong acceptance would change findings.
tests/test_markdown_plain.py proves the equality on real and generated bodies.
"""

from __future__ import annotations

import re

from provenance.model import Document, Link, Location, TextLine
from provenance.readers.html_tags import shorten

# Characters that make CommonMark read a body other than as lines of paragraphs: a tab, CR or
# NUL changes how lines are split or indented, a "|" may start a table (even inside a paragraph).
_NOT_IN_BODY = ("\t", "\r", "\x00", "|")
# First characters of a line that may open a heading, quote, list, rule, fence or HTML block
# (a "*" only as emphasis of the whole line, see `_paragraph_line`), and an ordered-list marker.
_BLOCK_START = "#>-+=_~<`"
_ORDERED_LIST = re.compile(r"[0-9]+[.)]")
# An inline link whose label is plain text and whose destination markdown-it takes as written
# (no escape, entity, space, parenthesis or angle bracket) and validates (no scheme but http(s)).
_LINK = re.compile(
    r"\[(?P<label>[^\[\]\\`*_<>&!\n]+)\]"
    r"\((?P<target>(?:https?://)?[^\x00-\x20\x7f\s()<>\\&\"'\[\]`:]+)\)"
)
# Outside links, characters some inline rule acts on: brackets, escapes, code spans, emphasis,
# autolinks and raw HTML, entities (and "://", a bare URL, checked apart: it is faster).
_NOT_TEXT = re.compile(r"[\[\]\\`*_<>&]")


def parse_plain_markdown(body: str, body_line: int) -> Document | None:
    """The body's `Document` if it is plain paragraphs with inline links, else None."""
    if any(character in body for character in _NOT_IN_BODY):
        return None
    lines: list[TextLine] = []
    links: list[Link] = []
    for row, raw in enumerate(body.split("\n")):
        if not raw:
            continue
        line = _paragraph_line(raw, body_line + row)
        if line is None:
            return None
        lines.append(line)
        links.extend(line.links)
    return Document(tuple(lines), tuple(links))


def _paragraph_line(raw: str, line: int) -> TextLine | None:
    """One line of a paragraph (text and inline links, or all of it emphasised), or None."""
    first = raw[0]
    if first.isspace() or raw[-1].isspace() or first in _BLOCK_START:
        return None  # indented code, a hard break, a line of spaces (not blank to CommonMark), a block
    if first.isdigit() and _ORDERED_LIST.match(raw) is not None:
        return None
    start = 0
    if first == "*":  # "*text*": emphasis around the whole line, which adds no text of its own
        if len(raw) < 3 or raw[-1] != "*" or raw[1].isspace() or raw[-2].isspace():
            return None  # "* item" is a list item
        start, raw = 1, raw[:-1]
    parts: list[str] = []
    links: list[Link] = []
    for match in _LINK.finditer(raw, start):
        between = raw[start : match.start()]
        if not _is_text(between) or between.endswith("!"):  # "![": an image
            return None
        label = match.group("label")
        parts += (between, label)
        evidence = shorten(match.group())
        location = Location(line, match.start() + 1)
        links.append(Link(" ".join(label.split()), match.group("target"), location, evidence, "inline"))
        start = match.end()
    rest = raw[start:]
    if not _is_text(rest):
        return None
    parts.append(rest)
    return TextLine(Location(line, 1), " ".join("".join(parts).split()), tuple(links))


def _is_text(text: str) -> bool:
    """True if no inline rule of CommonMark (or of our bare-URL rule) acts on `text`."""
    return _NOT_TEXT.search(text) is None and "://" not in text
