"""One tolerant pass over HTML (a page or a fragment): text lines, anchors, embeds, head data.

Built on `html.parser`, whose `getpos()` gives every tag and text run its file position.
Unclosed tags are tolerated: an `<a>` ends at `</a>`, at the next `<a>` or at the end.
Two inputs that make `html.parser` (CPython < 3.13.4) slow or raise are read the way browsers
read them instead: markup left open at the end of the file (after the last `>`) is dropped, and
`<![...` is a bogus comment up to the next `>` (CDATA belongs to SVG and MathML only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from provenance.model import Embed, Link, Location, MetaField, TextLine
from provenance.readers.html_tags import shorten

_SKIPPED = frozenset({"script", "style", "template", "noscript", "nav"})
_MAIN = frozenset({"article", "main"})
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark"}
    | {"q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
)
_EMBEDS = frozenset({"img", "script", "iframe"})
_HEAD_LINK_RELS = frozenset({"canonical", "license"})
_TRACKED = _SKIPPED | _MAIN | {"head", "body", "title"}
_MARKUP_OPEN = re.compile(r"<[A-Za-z!/?]")


@dataclass(slots=True)
class _Anchor:
    """An `<a>` whose text is still being collected."""

    start: int
    location: Location
    href: str
    rel: tuple[str, ...]
    scope: str
    parts: list[str] = field(default_factory=list)
    text_line: int = 0


@dataclass(slots=True)
class Scanned:
    """What one pass found. `lines`/`links` are the chosen content scope only."""

    lines: list[TextLine] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    embeds: list[Embed] = field(default_factory=list)
    head_links: list[Link] = field(default_factory=list)
    fields: list[MetaField] = field(default_factory=list)
    jsonld: list[tuple[str, Location, Location]] = field(default_factory=list)  # text, tag, data


class HtmlScanner(HTMLParser):
    """Collects text, links, embeds and metadata. `fragment=True`: everything is content."""

    def __init__(self, source: str, first_line: int = 1, fragment: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.source, self.first_line, self.fragment = source, first_line, fragment
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.depth = dict.fromkeys(_TRACKED, 0)
        self.chunks: list[tuple[int, int, str, str]] = []  # line, column, text, scope
        self.anchors: list[tuple[_Anchor, Link]] = []
        self.anchor: _Anchor | None = None
        self.title: tuple[Location, list[str]] | None = None
        self.title_done = False
        self.jsonld: tuple[Location, Location | None, list[str]] | None = None
        self.found = Scanned()

    # positions -------------------------------------------------------------------------------
    def _here(self) -> Location:
        line, offset = self.getpos()
        return Location(self.first_line + line - 1, offset + 1)

    def _offset(self, location: Location) -> int:
        return self.starts[location.line - self.first_line] + location.column - 1

    def _scope(self) -> str:
        if self.depth["article"] or self.depth["main"]:
            return "main"
        if self.depth["body"]:
            return "body"
        return "head" if self.depth["head"] else "other"

    # events ----------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        here, raw = self._here(), self.get_starttag_text() or ""
        values = {name: value or "" for name, value in reversed(attrs)}
        if tag in _TRACKED:
            self.depth[tag] += 1
        if tag not in _INLINE:
            self._separate(here.line)
        if tag in _EMBEDS and values.get("src"):
            self.found.embeds.append(Embed(tag, values["src"], here, shorten(raw)))
        if tag == "meta":
            self._meta(values, here)
        elif tag == "link" and "href" in values:
            self._head_link(values, here, raw)
        elif tag == "a":
            self._close_anchor(self._offset(here))
            if "href" in values and not self._skipped():
                rel = tuple(values.get("rel", "").split())
                self.anchor = _Anchor(self._offset(here), here, values["href"], rel, self._scope())
        elif tag == "script" and values.get("type", "").strip().lower() == "application/ld+json":
            self.jsonld = (here, None, [])
        elif tag == "title" and self.title is None and not self.depth["body"] and not self.fragment:
            self.title = (here, [])

    def handle_endtag(self, tag: str) -> None:
        if tag in _TRACKED and self.depth[tag]:
            self.depth[tag] -= 1
        if tag not in _INLINE:
            self._separate(self._here().line)
        if tag == "a" and self.anchor is not None:
            start = self._offset(self._here())
            end = self.source.find(">", start)
            self._close_anchor(len(self.source) if end < 0 else end + 1)
        elif tag == "script" and self.jsonld is not None:
            tag_at, data_at, parts = self.jsonld
            self.found.jsonld.append(("".join(parts), tag_at, data_at or tag_at))
            self.jsonld = None
        elif tag == "title" and self.title is not None and not self.title_done:
            where, parts = self.title
            self.found.fields.append(MetaField("title", " ".join("".join(parts).split()), where))
            self.title_done = True  # later <title>s (SVG, misplaced) are ignored

    def handle_data(self, data: str) -> None:
        here = self._here()
        if self.jsonld is not None:
            self.jsonld = (self.jsonld[0], self.jsonld[1] or here, [*self.jsonld[2], data])
            return
        if self.title is not None and not self.title_done and self.depth["title"]:
            self.title[1].append(data)
            return
        if self._skipped():
            return
        self.chunks.append((here.line, here.column, data, self._scope()))
        if self.anchor is not None:
            self.anchor.parts.append(data)
            if not self.anchor.text_line and data.strip():
                leading = data[: len(data) - len(data.lstrip())]
                self.anchor.text_line = here.line + leading.count("\n")

    def close(self) -> None:
        super().close()
        self._close_anchor(-1)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """`<![...` up to the next `>`, as HTML reads it (the stdlib raises on unknown keywords)."""
        end = self.rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1

    # helpers ---------------------------------------------------------------------------------
    def _skipped(self) -> bool:
        return any(self.depth[tag] for tag in _SKIPPED)

    def _separate(self, line: int) -> None:
        """A block boundary: words on either side of it on one line must not run together."""
        if self.chunks:
            self.chunks.append((line, 1, " ", self._scope()))

    def _meta(self, values: dict[str, str], here: Location) -> None:
        name = values.get("name") or values.get("property")
        if name and "content" in values:
            self.found.fields.append(MetaField(f"meta:{name}", values["content"], here))

    def _head_link(self, values: dict[str, str], here: Location, raw: str) -> None:
        rels = tuple(rel.lower() for rel in values.get("rel", "").split())
        for rel in rels:
            self.found.fields.append(MetaField(f"link:{rel}", values["href"], here))
        if _HEAD_LINK_RELS.intersection(rels):
            self.found.head_links.append(Link("", values["href"], here, shorten(raw), "head", rels))

    def _close_anchor(self, end: int) -> None:
        anchor, self.anchor = self.anchor, None
        if anchor is None:
            return
        if end < 0:
            end = self.source.find(">", anchor.start) + 1 or len(self.source)
        text = " ".join("".join(anchor.parts).split())
        evidence = shorten(self.source[anchor.start : end])
        link = Link(text, anchor.href, anchor.location, evidence, "html", anchor.rel)
        self.anchors.append((anchor, link))

    # results ---------------------------------------------------------------------------------
    def scan(self) -> Scanned:
        """Run the pass; keep the text and anchors of the main content (article/main/body)."""
        self.feed(_without_open_tail(self.source))
        self.close()
        scopes = {scope for *_, scope in self.chunks} | {anchor.scope for anchor, _ in self.anchors}
        if self.fragment:
            keep = scopes
        else:
            keep = {next((s for s in ("main", "body", "other") if s in scopes), "other")}
        entries: dict[int, tuple[int, list[str], list[Link]]] = {}
        for line, column, data, scope in self.chunks:
            if scope in keep:
                _add_text(entries, line, column, data)
        for anchor, link in self.anchors:
            if anchor.scope in keep:
                self.found.links.append(link)
                line = anchor.text_line or anchor.location.line
                entries.setdefault(line, (anchor.location.column, [], []))[2].append(link)
        for line in sorted(entries):
            column, parts, links = entries[line]
            text = " ".join("".join(parts).split())
            if text or links:
                self.found.lines.append(TextLine(Location(line, column), text, tuple(links)))
        return self.found


def _without_open_tail(source: str) -> str:
    """`source` less markup still open at its end (a `<` after the last `>`): `html.parser`
    would retry it from every following `<`, in quadratic time; browsers drop it."""
    opened = _MARKUP_OPEN.search(source, source.rfind(">") + 1)
    return source if opened is None else source[: opened.start()]


def _add_text(
    entries: dict[int, tuple[int, list[str], list[Link]]], line: int, column: int, data: str
) -> None:
    for index, segment in enumerate(data.split("\n")):
        here = line + index
        if not segment.strip():
            if segment and here in entries:
                entries[here][1].append(" ")
            continue
        start = (column if index == 0 else 1) + len(segment) - len(segment.lstrip())
        entries.setdefault(here, (start, [], []))[1].append(segment)
