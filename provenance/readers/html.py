"""HTML pages: head metadata, JSON-LD and the main content, all from one scanning pass."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from provenance.model import Article, Diagnostic, Document, Format, Location, MetaField
from provenance.readers.html_scan import HtmlScanner
from provenance.readers.metadata import invalid

MAX_JSONLD_FIELDS = 10_000
MAX_DEPTH = 100


def _objects(data: Any) -> list[dict[str, Any]]:
    """The JSON-LD objects of one script: the object, its `@graph` members, array members."""
    if isinstance(data, list):
        return [item for item in data if isinstance(item, dict)]
    if not isinstance(data, dict):
        return []
    graph = data.get("@graph")
    if not isinstance(graph, list):
        return [data]
    own = {key: value for key, value in data.items() if key != "@graph"}
    members = [item for item in graph if isinstance(item, dict)]
    return ([own] if set(own) - {"@context"} else []) + members


def _flatten(value: Any, prefix: str, where: Location, out: list[MetaField], depth: int = 0) -> None:
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    if depth > MAX_DEPTH:
        return
    for key, item in items:
        if len(out) >= MAX_JSONLD_FIELDS:
            return
        path = f"{prefix}{key}"
        out.append(MetaField(f"jsonld:{path}", item, where))
        _flatten(item, path + ".", where, out, depth + 1)


def _read_jsonld(
    blocks: list[tuple[str, Location, Location]],
) -> tuple[list[Mapping[str, Any]], list[MetaField], list[Diagnostic]]:
    objects: list[Mapping[str, Any]] = []
    fields: list[MetaField] = []
    problems: list[Diagnostic] = []
    for text, tag_at, data_at in blocks:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            line = data_at.line + error.lineno - 1
            column = data_at.column + error.colno - 1 if error.lineno == 1 else error.colno
            problems.append(invalid(f"invalid JSON-LD: {error.msg}", line, column))
            continue
        except RecursionError:
            problems.append(invalid("invalid JSON-LD: nested too deeply", tag_at.line, tag_at.column))
            continue
        for item in _objects(data):
            objects.append(item)
            _flatten(item, "", tag_at, fields)
    return objects, fields, problems


def read_html(display_path: str, text: str) -> Article:
    """Read an HTML page: `fields` from head and JSON-LD, the document built eagerly."""
    found = HtmlScanner(text).scan()
    objects, jsonld_fields, problems = _read_jsonld(found.jsonld)
    fields = sorted([*found.fields, *jsonld_fields], key=lambda item: item.location)
    links = sorted([*found.head_links, *found.links], key=lambda link: link.location)
    document = Document(tuple(found.lines), tuple(links), tuple(found.embeds))
    return Article(
        path=display_path,
        format=Format.HTML,
        metadata={},
        fields=tuple(fields),
        body=text,
        body_line=1,
        parse_body=lambda: document,
        jsonld=tuple(objects),
        diagnostics=tuple(problems),
    )
