"""Build `Article`s for extractor tests without the readers: one visible line per body line.

Markdown-ish input: ``[text](target)`` inline links, ``[text][ref]`` / ``[text][]`` resolved from
`refs`. Front matter fields are numbered from line 2 (after ``---``) in key order, nested keys as
dotted paths. `calls` counts body parses so tests can assert that none happened.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from provenance.model import Article, Document, Format, Link, Location, MetaField, TextLine

_LINK = re.compile(r"\[([^\]]*)\](?:\(([^)]*)\)|\[([^\]]*)\])")


def _fields(metadata: Mapping[str, Any]) -> tuple[MetaField, ...]:
    out: list[MetaField] = []

    def walk(prefix: str, value: Any, line: int) -> None:
        out.append(MetaField(prefix, value, Location(line, 1)))
        if isinstance(value, Mapping):
            for key, item in value.items():
                walk(f"{prefix}.{key}", item, line)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(f"{prefix}.{index}", item, line)

    for number, (key, value) in enumerate(metadata.items()):
        walk(str(key), value, number + 2)
    return tuple(out)


def make_article(
    body: Sequence[str] | str,
    metadata: Mapping[str, Any] | None = None,
    *,
    fields: Sequence[MetaField] = (),
    refs: Mapping[str, str] | None = None,
    body_line: int = 1,
    jsonld: Sequence[Mapping[str, Any]] = (),
    fmt: Format = Format.MARKDOWN,
    calls: list[int] | None = None,
) -> Article:
    lines = body.split("\n") if isinstance(body, str) else list(body)
    references = dict(refs or {})

    def parse() -> Document:
        if calls is not None:
            calls.append(1)
        text_lines: list[TextLine] = []
        all_links: list[Link] = []
        for index, raw in enumerate(lines):
            number = body_line + index
            if not raw.strip():
                continue
            visible, position, line_links = "", 0, []
            for match in _LINK.finditer(raw):
                text = match.group(1)
                if match.group(2) is not None:
                    target, kind = match.group(2), "inline"
                else:
                    label = match.group(3) or text
                    if label not in references:
                        continue
                    target, kind = references[label], "reference"
                visible += raw[position : match.start()] + text
                position = match.end()
                line_links.append(
                    Link(text, target, Location(number, match.start() + 1), match.group(0), kind)
                )
            visible += raw[position:]
            text_lines.append(TextLine(Location(number, 1), visible, tuple(line_links)))
            all_links += line_links
        return Document(tuple(text_lines), tuple(all_links))

    meta = dict(metadata or {})
    return Article(
        path="content/a.md",
        format=fmt,
        metadata=meta,
        fields=tuple(fields) or _fields(meta),
        body="\n".join(lines),
        body_line=body_line,
        parse_body=parse,
        jsonld=tuple(jsonld),
    )
