"""Build a `Document` from a Markdown (or plain text) body: visible lines, links, embeds.

Positions come from markdown-it's block line maps plus the inline spans recorded by
`mdparser`; columns are found by placing each line of inline content in its raw line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from provenance.model import Document, Embed, Link, Location, TextLine
from provenance.readers.html_tags import shorten, tag_attributes

if TYPE_CHECKING:
    from markdown_it.token import Token

_DEFINITION = re.compile(r"\[((?:[^\\\[\]]|\\.)*)\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\S+)")
_HTML_EMBED = re.compile(r"<(img|script|iframe)\b", re.IGNORECASE)
_HTML_ANCHOR_OPEN = re.compile(r"<a\b", re.IGNORECASE)
_HTML_ANCHOR_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")

_HtmlAnchor = tuple[int, int, Location, dict[str, str]]  # start, end of opening tag, location, attrs


class _OpenLink:
    """A link whose text is still being collected."""

    __slots__ = ("evidence", "kind", "location", "parts", "target")

    def __init__(self, location: Location, evidence: str, kind: str, target: str) -> None:
        self.location, self.evidence, self.kind, self.target = location, evidence, kind, target
        self.parts: list[str] = []


class _Inline:
    """Maps offsets in one inline token's content to file positions."""

    def __init__(self, builder: _Builder, token: Token) -> None:
        self.content = token.content
        self.first = (token.map or [0, 1])[0]
        self.first_line = builder.body_line + self.first
        segments = self.content.split("\n")
        self.starts: list[int] = []
        offset = 0
        for segment in segments:
            self.starts.append(offset)
            offset += len(segment) + 1
        self.bases = [builder.base_column(self.first + k, seg) for k, seg in enumerate(segments)]
        # where each line's visible text starts (content keeps continuation indentation)
        self.text_columns = [
            base + len(seg) - len(seg.lstrip()) + 1 for base, seg in zip(self.bases, segments, strict=True)
        ]

    def row(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def location(self, offset: int) -> Location:
        row = self.row(offset)
        return Location(self.first_line + row, self.bases[row] + offset - self.starts[row] + 1)


class _Builder:
    def __init__(self, body: str, body_line: int) -> None:
        self.raw = body.split("\n")
        self.body_line = body_line
        self.cursor: dict[int, int] = {}
        self.targets: dict[str, str] = {}
        self.lines: dict[int, tuple[int, list[str], list[Link]]] = {}
        self.links: list[Link] = []
        self.embeds: list[Embed] = []

    # positions -------------------------------------------------------------------------------
    def base_column(self, row: int, segment: str) -> int:
        """0-based column where `segment` (a line of inline content) sits in raw line `row`."""
        raw = self.raw[row] if row < len(self.raw) else ""
        tail, text = raw.rstrip(), segment.rstrip()
        if text and tail.endswith(text) and row not in self.cursor:
            return len(tail) - len(text)
        found = raw.find(text.strip(), self.cursor.get(row, 0)) if text.strip() else -1
        if found < 0:
            return len(raw) - len(raw.lstrip())
        self.cursor[row] = found + len(text.strip())
        return found - (len(text) - len(text.lstrip()))

    # collection ------------------------------------------------------------------------------
    def add_text(self, line: int, column: int, text: str) -> None:
        self.lines.setdefault(line, (column, [], []))[1].append(text)

    def add_link(self, link: Link) -> None:
        self.links.append(link)
        self.lines.setdefault(link.location.line, (link.location.column, [], []))[2].append(link)

    def definitions(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            if token.type != "definition" or not token.map:
                continue
            start, end = token.map
            source = "\n".join(self.raw[start:end])
            match = _DEFINITION.search(source)
            if match is None:
                continue
            target = match.group(2)
            if target.startswith("<") and target.endswith(">"):
                target = target[1:-1]
            self.targets.setdefault(str(token.meta.get("id", "")), target)
            location = Location(self.body_line + start, match.start() + 1)
            evidence = source[match.start() :].strip()
            self.links.append(Link(match.group(1), target, location, shorten(evidence), "definition"))

    def html_block(self, token: Token) -> None:
        from provenance.readers.html_scan import HtmlScanner  # imported by the first body with HTML

        start, end = token.map or (0, 0)
        found = HtmlScanner("\n".join(self.raw[start:end]), self.body_line + start, fragment=True).scan()
        self.embeds.extend(found.embeds)
        for text_line in found.lines:
            _, parts, links = self.lines.setdefault(
                text_line.location.line, (text_line.location.column, [], [])
            )
            parts.append(text_line.text)
            links.extend(text_line.links)
        self.links.extend(found.links)

    def inline(self, token: Token) -> None:
        where = _Inline(self, token)
        if where.first_line in self.lines:  # another cell of the same table row
            self.lines[where.first_line][1].append(" | ")
        row, open_links = 0, list[_OpenLink]()
        html_anchor: _HtmlAnchor | None = None
        for child in token.children or []:
            kind = child.type
            span: tuple[int, int] | None = child.meta.get("span")
            if span is not None:
                row = where.row(span[0])
            line = where.first_line + row
            column = where.text_columns[min(row, len(where.bases) - 1)]
            if kind in ("text", "code_inline"):
                self.add_text(line, column, child.content)
                for link in open_links:
                    link.parts.append(child.content)
                if span is not None:
                    row = where.row(span[1] - 1)
            elif kind in ("softbreak", "hardbreak"):
                row += 1
                for link in open_links:
                    link.parts.append(" ")
            elif kind == "link_open" and span is not None:
                open_links.append(self._open_link(child, where, span))
            elif kind == "link_close" and open_links:
                self._close_link(open_links.pop())
            elif kind == "image" and span is not None:
                target = self._target(child)
                location = where.location(span[0])
                evidence = shorten(where.content[span[0] : span[1]])
                self.embeds.append(Embed("markdown-image", target, location, evidence))
            elif kind == "html_inline" and span is not None:
                html_anchor = self._html_inline(child, where, span, html_anchor)
        if html_anchor is not None:  # never closed: the evidence is the opening tag
            self._html_anchor(where, html_anchor, html_anchor[1])

    # links -----------------------------------------------------------------------------------
    def _target(self, token: Token) -> str:
        meta = token.meta
        if meta.get("kind") == "reference":
            label = str(meta.get("label", ""))
            return self.targets.get(label, str(token.attrs.get("href", token.attrs.get("src", ""))))
        return str(meta.get("target", ""))

    def _open_link(self, token: Token, where: _Inline, span: tuple[int, int]) -> _OpenLink:
        kind = str(token.meta.get("kind", "inline"))
        target = "" if kind == "undefined" else self._target(token)
        location = where.location(span[0])
        evidence = where.content[span[0] : span[1]]
        return _OpenLink(location, evidence, "reference" if kind == "undefined" else kind, target)

    def _close_link(self, link: _OpenLink) -> None:
        text = " ".join("".join(link.parts).split())
        self.add_link(Link(text, link.target, link.location, shorten(link.evidence), link.kind))

    def _html_inline(
        self,
        token: Token,
        where: _Inline,
        span: tuple[int, int],
        anchor: _HtmlAnchor | None,
    ) -> _HtmlAnchor | None:
        tag = token.content
        location = where.location(span[0])
        if _HTML_ANCHOR_OPEN.match(tag):
            attrs = tag_attributes(tag)
            return (span[0], span[1], location, attrs) if "href" in attrs else anchor
        if _HTML_ANCHOR_CLOSE.match(tag) and anchor is not None:
            self._html_anchor(where, anchor, span[1])
            return None
        embed = _HTML_EMBED.match(tag)
        if embed is not None:
            src = tag_attributes(tag).get("src", "")
            if src:
                self.embeds.append(Embed(embed.group(1).lower(), src, location, shorten(tag)))
        return anchor

    def _html_anchor(self, where: _Inline, anchor: _HtmlAnchor, end: int) -> None:
        start, _, location, attrs = anchor
        evidence = where.content[start:end]
        inner = _TAGS.sub("", evidence)
        text = " ".join(inner.split())
        rel = tuple(attrs.get("rel", "").split())
        self.add_link(Link(text, attrs["href"], location, shorten(evidence), "html", rel))

    # result ----------------------------------------------------------------------------------
    def document(self) -> Document:
        text_lines = []
        for line in sorted(self.lines):
            column, parts, links = self.lines[line]
            text = " ".join("".join(parts).split())
            if text or links:
                text_lines.append(TextLine(Location(line, column), text, tuple(links)))
        links = sorted(self.links, key=lambda link: link.location)
        embeds = sorted(self.embeds, key=lambda embed: embed.location)
        return Document(tuple(text_lines), tuple(links), tuple(embeds))


def parse_markdown(body: str, body_line: int) -> Document:
    """Parse a Markdown body whose first line is file line `body_line`."""
    from provenance.readers.mdparser import PARSER  # imported on first use: most runs parse no body

    builder = _Builder(body, body_line)
    tokens = PARSER.parse(body, {})
    builder.definitions(tokens)
    for token in tokens:
        if token.type == "inline":
            builder.inline(token)
        elif token.type == "html_block":
            builder.html_block(token)
    return builder.document()
